package inventory

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/baomi-dev/baomi/internal/generate"
	"github.com/hashicorp/hcl/v2"
)

// chunkOutcome is what decoding in chunks did with one file.
type chunkOutcome struct {
	chunks int
	kept   bool
}

// decodeChunkedAndSerially loads paths serially and in n chunks per file, even
// small files, and reports every difference: documents, resources, source maps
// and what Locate answers, references, and the diagnostics. With inOrder, the
// diagnostics must come in the same order; without, in the same order once
// sorted, for inputs where one block has two unknown attributes: hcl reports
// them in the order of a map, which differs between two serial loads. It
// returns what the chunked load did with each file.
func decodeChunkedAndSerially(t *testing.T, n int, inOrder bool, paths ...string) map[string]chunkOutcome {
	t.Helper()
	serial, sd := LoadWith(paths, Options{keepRefs: true, chunks: 1})
	outcomes := map[string]chunkOutcome{}
	var mu sync.Mutex
	chunked, cd := LoadWith(paths, Options{keepRefs: true, chunkBytes: 1, chunks: n,
		chunked: func(file string, chunks int, kept bool) {
			mu.Lock()
			defer mu.Unlock()
			outcomes[file] = chunkOutcome{chunks, kept}
		}})
	if !reflect.DeepEqual(chunked.Document, serial.Document) {
		t.Errorf("%v in %d chunks: documents differ", paths, n)
	}
	if !reflect.DeepEqual(chunked.Files, serial.Files) {
		t.Errorf("%v in %d chunks: files %v, serially %v", paths, n, chunked.Files, serial.Files)
	}
	if len(chunked.blocks) != len(serial.blocks) {
		t.Errorf("%v in %d chunks: %d resources, serially %d", paths, n, len(chunked.blocks), len(serial.blocks))
	}
	for addr, sr := range serial.blocks {
		cr := chunked.blocks[addr]
		if cr == nil {
			t.Errorf("%s: missing in %d chunks", addr, n)
			continue
		}
		if cr.defRng != sr.defRng || !reflect.DeepEqual(cr.locs, sr.locs) || !reflect.DeepEqual(cr.refs, sr.refs) {
			t.Errorf("%s in %d chunks: placed or referring differently:\nchunked %v %v %v\nserial  %v %v %v", addr, n, cr.defRng, cr.locs, cr.refs, sr.defRng, sr.locs, sr.refs)
		}
		for _, path := range append([]string{""}, locPaths(sr)...) {
			cf, cl, cc, cok := chunked.Locate(addr, path)
			sf, sl, sc, sok := serial.Locate(addr, path)
			if cf != sf || cl != sl || cc != sc || cok != sok {
				t.Errorf("Locate(%s, %q) in %d chunks: %s:%d:%d, serially %s:%d:%d", addr, path, n, cf, cl, cc, sf, sl, sc)
			}
		}
	}
	if c, s := diagnosticList(cd, !inOrder), diagnosticList(sd, !inOrder); !reflect.DeepEqual(c, s) {
		t.Errorf("%v in %d chunks: diagnostics differ:\nchunked %s\nserial  %s", paths, n, strings.Join(c, "\n        "), strings.Join(s, "\n        "))
	}
	return outcomes
}

// locPaths lists the attribute paths r's source map places.
func locPaths(r *resource) []string {
	var paths []string
	for _, l := range r.locs {
		paths = append(paths, l.path.text())
	}
	return paths
}

// diagnosticList shows everything each diagnostic tells, its places included,
// in their order or, when sort is set, in the order SortDiagnostics gives them,
// then by that text.
func diagnosticList(diags hcl.Diagnostics, sort bool) []string {
	sorted := append(hcl.Diagnostics{}, diags...)
	if sort {
		SortDiagnostics(sorted)
	}
	out := make([]string, len(sorted))
	for i, d := range sorted {
		out[i] = fmt.Sprintf("%v %q %q subject %v context %v", d.Severity, d.Summary, d.Detail, d.Subject, d.Context)
	}
	for i := 1; i < len(out) && sort; i++ {
		for j := i; j > 0 && samePlace(sorted[j-1], sorted[j]) && out[j-1] > out[j]; j-- {
			out[j-1], out[j] = out[j], out[j-1]
			sorted[j-1], sorted[j] = sorted[j], sorted[j-1]
		}
	}
	return out
}

// samePlace reports whether two diagnostics start at the same place.
func samePlace(a, b *hcl.Diagnostic) bool {
	if a.Subject == nil || b.Subject == nil {
		return a.Subject == b.Subject
	}
	return a.Subject.Filename == b.Subject.Filename && a.Subject.Start == b.Subject.Start
}

// writeInventory writes src as a.hcl into a new folder and returns the folder.
func writeInventory(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.hcl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestChunkedDecodeMatchesSerial decodes the fixtures and generated
// inventories of several seeds and shapes in 2, 3 and 7 chunks per file, and
// requires what a serial decode gives; the generated ones, written as
// inventories are, must keep their chunks.
func TestChunkedDecodeMatchesSerial(t *testing.T) {
	dirs := fixtureDirs(t)
	kept := 0
	for _, d := range dirs {
		for _, n := range []int{2, 3, 7} {
			for _, o := range decodeChunkedAndSerially(t, n, false, d) {
				if o.kept && o.chunks > 1 {
					kept++
				}
			}
		}
	}
	if kept < 20 {
		t.Errorf("only %d fixture files decoded in chunks kept them", kept)
	}

	for _, opts := range []generate.Options{
		{Resources: 600, Files: 1, Seed: 1},
		{Resources: 600, Files: 1, Seed: 2, LongLine: true},
		{Resources: 600, Files: 1, Seed: 3, LongLists: 4},
		generate.Independent(generate.Options{Resources: 600, Files: 1, Seed: 4}),
		{Resources: 600, Files: 1, Seed: 5, Departments: 3, Sites: 5, Partners: 9, Omit: []string{"waiver", "training"}},
		{Resources: 900, Files: 3, Seed: 6},
	} {
		dir := t.TempDir()
		if err := generate.Write(dir, opts); err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{2, 3, 7} {
			outcomes := decodeChunkedAndSerially(t, n, true, dir)
			if len(outcomes) != opts.Files {
				t.Errorf("seed %d in %d chunks: %d files decoded in chunks, want %d", opts.Seed, n, len(outcomes), opts.Files)
			}
			for file, o := range outcomes {
				if !o.kept || o.chunks != n {
					t.Errorf("seed %d: %s cut into %d chunks (kept: %v), want %d kept", opts.Seed, file, o.chunks, o.kept, n)
				}
			}
		}
	}
}

// block is a site written as inventories are, holding text.
func block(id, text string) string {
	return fmt.Sprintf("site %q {\n  name = %s\n  city = \"x\"\n}\n\n", id, text)
}

// blocks is n sites from the given id on.
func blocks(from, n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(block(fmt.Sprintf("s%d", from+i), fmt.Sprintf("\"Site %d\"", from+i)))
	}
	return b.String()
}

// TestChunkedDecodeOfHardText cuts texts that mislead a cut, or hold errors,
// into 2 to 6 chunks: each gives what a serial decode gives, and those whose
// cuts fall only between blocks keep their chunks.
func TestChunkedDecodeOfHardText(t *testing.T) {
	org := "organization \"acme\" {\n  name = \"Acme\"\n}\n\n"
	fakeBlocks := "}\nsite \"fake\" {\n  name = \"x\"\n}\n"
	for _, tc := range []struct {
		name string
		src  string
		// keep says whether every cut falls between two blocks, so that the
		// chunks must be kept: "yes", "no", or "" when it depends on the cut.
		keep string
	}{
		{"plain", org + blocks(0, 40), "yes"},
		{"heredoc holding blocks", org + blocks(0, 3) + "site \"h\" {\n  name = <<EOT\n" + strings.Repeat(fakeBlocks, 40) + "EOT\n}\n\n" + blocks(3, 3), "no"},
		{"indented heredoc holding blocks", org + "site \"h\" {\n  name = <<-EOT\n" + strings.Repeat(fakeBlocks, 40) + "  EOT\n}\n" + blocks(3, 30), ""},
		{"block comment holding blocks", org + blocks(0, 3) + "/*\n" + strings.Repeat(fakeBlocks, 40) + "*/\n" + blocks(3, 3), "no"},
		// Read from the cut on, the comment is a block and then a comment.
		{"block comment that reads as a block from a cut", org + blocks(0, 2) + "/*" + strings.Repeat("x", 20000) + "\n}\nsite \"fake\" {\n  name = \"x\"\n}\n/* inner */\n" + blocks(2, 2), "no"},
		{"line comments and braces", org + "# }\n// {\n" + strings.ReplaceAll(blocks(0, 30), "  city = \"x\"\n", "  city = \"x\" # }\n  // site \"x\" {\n"), "yes"},
		{"strings with braces", org + strings.ReplaceAll(blocks(0, 30), "\"Site", "\"{ } ${\"}\"} $${ { %%{ Site"), ""},
		{"crlf", strings.ReplaceAll(org+blocks(0, 30), "\n", "\r\n"), "yes"},
		{"cjk", org + strings.ReplaceAll(blocks(0, 30), "Site", "上海数据中心 👩\u200d💻 e\u0301"), "yes"},
		{"cjk ids", org + strings.ReplaceAll(blocks(0, 30), "site \"s", "site \"客户"), "yes"},
		{"decoder errors in every chunk", org + strings.ReplaceAll(strings.ReplaceAll(blocks(0, 30), "city = \"x\"", "city = 3\n  kind = \"officee\""), "\"s2\"", "\"s1\""), "yes"},
		{"unknown references", org + strings.ReplaceAll(blocks(0, 30), "city = \"x\"", "site = site.nope") + "system \"a\" {\n  site = site.s1\n}\n", ""},
		{"syntax error in a late chunk", org + blocks(0, 30) + "site \"bad\" {\n  city = \n}\n" + blocks(30, 3), "no"},
		{"unclosed block", org + blocks(0, 30) + "site \"bad\" {\n  city = \"x\"\n" + blocks(30, 3), "no"},
		{"unclosed comment", org + blocks(0, 30) + "/* never closed\n" + blocks(30, 3), "no"},
		{"nesting too deep in a late chunk", org + blocks(0, 30) + "site \"deep\" {\n  name = " + strings.Repeat("[", 120) + strings.Repeat("]", 120) + "\n}\n" + blocks(30, 3), "no"},
		{"nesting too deep after an escaped newline", org + "site \"e\" {\n  name = \"a\\\n\"\n}\n" + blocks(0, 30) + "site \"deep\" {\n  name = " + strings.Repeat("(", 120) + "1" + strings.Repeat(")", 120) + "\n}\n", "no"},
		{"control character", org + blocks(0, 30) + "site \"c\" {\n  name = \"\x01\"\n}\n" + blocks(30, 3), "no"},
		{"slow blocks", org + strings.ReplaceAll(blocks(0, 30), "city = \"x\"", "city = \"${x}\""), "yes"},
		{"no final newline", org + strings.TrimSuffix(blocks(0, 30), "\n\n"), "yes"},
		{"one-line blocks", org + strings.Repeat("site \"a\" { name = \"x\" }\n}\n", 30), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeInventory(t, tc.src)
			for n := 2; n <= 6; n++ {
				outcomes := decodeChunkedAndSerially(t, n, true, dir)
				o, ok := outcomes[filepath.Join(dir, "a.hcl")]
				switch {
				case !ok:
					t.Errorf("in %d chunks: not decoded in chunks", n)
				case tc.keep == "yes" && (!o.kept || o.chunks != n):
					t.Errorf("in %d chunks: cut into %d, kept %v; want %d kept", n, o.chunks, o.kept, n)
				case tc.keep == "no" && o.kept && o.chunks > 1:
					t.Errorf("in %d chunks: cut into %d and kept, want them dropped", n, o.chunks)
				}
			}
		})
	}
}

// TestChunkedNestingMatchesSerial: the nesting check in chunks reports the
// place the serial check reports, also when a chunk starts where the serial
// check is not at the top level, and when the serial check is misled.
func TestChunkedNestingMatchesSerial(t *testing.T) {
	deep := "site \"deep\" {\n  name = [[[[1]]]]\n}\n"
	for _, src := range []string{
		blocks(0, 20) + deep + blocks(20, 20),
		deep + blocks(0, 40),
		blocks(0, 40) + deep,
		blocks(0, 10) + "site \"e\" {\n  name = \"a\\\n\"\n}\n" + blocks(10, 30) + deep,
		blocks(0, 10) + "site \"h\" {\n  name = <<EOT\n" + strings.Repeat("}\n\n[[[[[[\n", 20) + "EOT\n}\n" + blocks(10, 10) + deep,
		blocks(0, 10) + "/*\n" + strings.Repeat("}\n\n[[[[[[\n", 20) + "*/\n" + blocks(10, 10) + deep,
		blocks(0, 10) + "/* never closed\n" + strings.Repeat("}\n\n[[[[[[\n", 20),
		blocks(0, 40),
	} {
		want := checkNesting([]byte(src), "a.hcl", 3)
		for n := 2; n <= 6; n++ {
			got, _, _, _, _ := decodeChunked(context.Background(), []byte(src), "a.hcl", 3, n)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("in %d chunks: %v, serially %v, in\n%s", n, got, want, src)
			}
		}
	}
}

// TestChunkedDecodeStopsWhenTheContextIsDone: a done context drops the chunks.
func TestChunkedDecodeStopsWhenTheContextIsDone(t *testing.T) {
	done, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, _, decoded, _ := decodeChunked(done, sites(10*ctxCheckBlocks), "big.hcl", 100, 2); decoded {
		t.Error("a done context: chunks kept")
	}
	if _, rs, _, decoded, n := decodeChunked(context.Background(), sites(10*ctxCheckBlocks), "big.hcl", 100, 2); !decoded || n != 2 || len(rs) != 10*ctxCheckBlocks+1 {
		t.Errorf("no deadline: %d chunks kept %v, %d blocks, want 2 kept and %d blocks", n, decoded, len(rs), 10*ctxCheckBlocks+1)
	}
}

// FuzzChunkedDecode holds the decode in chunks to the serial decode on
// arbitrary input, cut into 2 and 3 chunks.
func FuzzChunkedDecode(f *testing.F) {
	f.Add("site \"a\" {\n  city = \"x\"\n}\nsite \"b\" {\n  name = \"y\"\n}\n\nsystem \"s\" {\n  site = site.a\n}\n")
	f.Add("site \"a\" {}\n/*\n}\nsite \"c\" {\n}\n/* x */\nsite \"b\" {\n  kind = \"officee\"\n}\n")
	f.Add("site \"a\" {\n  name = <<EOT\n}\nsite \"b\" {\n}\nEOT\n}\nsite \"d\" {\n  name = [[[1]]]\n}\n")
	f.Add("site \"a\" {\r\n  name = \"数据\"\r\n}\r\nsite \"b\" {\r\n  city = 3\r\n}\r\nsite \"c\" {\r\n}\r\n")
	f.Add("site \"a\" {\n  name = \"a\\\n\"\n}\nsite \"b\" {\n}\nsite \"c\" {\n  name = ((((1))))\n}\n")
	f.Fuzz(func(t *testing.T, src string) {
		dir := writeInventory(t, src)
		for _, n := range []int{2, 3} {
			decodeChunkedAndSerially(t, n, false, dir)
		}
	})
}

// TestLoadDecodesALargeFileInChunks: with fewer files than workers, a file of
// defaultChunkBytes or more is decoded in one chunk per worker, and a smaller
// one serially.
func TestLoadDecodesALargeFileInChunks(t *testing.T) {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 {
		t.Skip("one worker: nothing to decode the chunks at once")
	}
	dir := t.TempDir()
	if err := generate.Write(dir, generate.Options{Resources: 3000, Files: 1, Seed: 9}); err != nil {
		t.Fatal(err)
	}
	small := t.TempDir()
	if err := generate.Write(small, generate.Options{Resources: 1000, Files: 1, Seed: 9}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		dir  string
		want []chunkOutcome
	}{
		{dir, []chunkOutcome{{workers, true}}},
		{small, nil},
	} {
		var got []chunkOutcome
		var mu sync.Mutex
		inv, diags := LoadWith([]string{tc.dir}, Options{chunked: func(_ string, chunks int, kept bool) {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, chunkOutcome{chunks, kept})
		}})
		if info, err := os.Stat(filepath.Join(tc.dir, "inventory-1.hcl")); err != nil || (info.Size() >= defaultChunkBytes) != (tc.want != nil) {
			t.Fatalf("%s: the generated file's size is not on the expected side of %d bytes: %v", tc.dir, defaultChunkBytes, err)
		}
		if diags.HasErrors() || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: decoded in chunks %v, want %v (%v)", tc.dir, got, tc.want, diags)
		}
		if serial, _ := LoadWith([]string{tc.dir}, Options{chunks: 1}); !reflect.DeepEqual(inv.Document, serial.Document) {
			t.Errorf("%s: the document differs from the serial decode's", tc.dir)
		}
	}
}
