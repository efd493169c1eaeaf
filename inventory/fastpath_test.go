package inventory

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/internal/generate"
	"github.com/hashicorp/hcl/v2"
)

// decodeBoth loads paths through the fast path and through hclsyntax alone and
// reports every difference: documents, source maps, references and diagnostics.
func decodeBoth(t *testing.T, paths ...string) {
	t.Helper()
	fast, fd := LoadWith(paths, Options{keepRefs: true})
	slow, sd := LoadWith(paths, Options{slowOnly: true, keepRefs: true})
	if !reflect.DeepEqual(fast.Document, slow.Document) {
		t.Errorf("%v: documents differ", paths)
	}
	for addr, sr := range slow.blocks {
		fr := fast.blocks[addr]
		if fr == nil {
			t.Errorf("%s: missing on the fast path", addr)
			continue
		}
		if !reflect.DeepEqual(fr.locs, sr.locs) {
			t.Errorf("%s: source maps differ:\nfast %v\nslow %v", addr, fr.locs, sr.locs)
		}
		if !reflect.DeepEqual(fr.refs, sr.refs) {
			t.Errorf("%s: references differ:\nfast %v\nslow %v", addr, fr.refs, sr.refs)
		}
		if fr.defRng != sr.defRng {
			t.Errorf("%s: definition ranges differ: fast %v slow %v", addr, fr.defRng, sr.defRng)
		}
	}
	if len(fast.blocks) != len(slow.blocks) {
		t.Errorf("%v: %d resources on the fast path, %d on hclsyntax", paths, len(fast.blocks), len(slow.blocks))
	}
	if a, b := render(fast, fd), render(slow, sd); a != b {
		t.Errorf("%v: diagnostics differ:\nfast:\n%s\nslow:\n%s", paths, a, b)
	}
}

func render(inv *Inventory, diags hcl.Diagnostics) string {
	SortDiagnostics(diags)
	var b bytes.Buffer
	_ = inv.WriteDiagnostics(&b, diags)
	return b.String()
}

// fixtureDirs lists the folders under fixtures that hold .hcl files.
func fixtureDirs(t *testing.T) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir("../fixtures", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".hcl") {
			dir := filepath.Dir(p)
			if len(dirs) == 0 || dirs[len(dirs)-1] != dir {
				dirs = append(dirs, dir)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 10 {
		t.Fatalf("found only %d inventory folders under fixtures", len(dirs))
	}
	return dirs
}

// TestFastPathMatchesHCL decodes every inventory under fixtures both ways.
func TestFastPathMatchesHCL(t *testing.T) {
	dirs := fixtureDirs(t)
	for _, d := range dirs {
		t.Run(d, func(t *testing.T) { decodeBoth(t, d) })
	}
}

// TestFastPathEdgeCases covers forms the fast path must read exactly as hclsyntax
// does, or decline so that hclsyntax reads them.
func TestFastPathEdgeCases(t *testing.T) {
	for name, src := range map[string]string{
		"compact":             "site \"a\"{\ncity=\"x\"\nkind=\"office\"\n}\nsystem a {\n  site=site.a\n}\n",
		"comments":            "# c\n/* multi\nline */ site \"a\" { # after\n  city = \"x\" // trailing\n  /* inline */ kind = \"office\"\n}\n// end",
		"unicode":             "site \"a\" {\n  name = \"上海数据中心 é\"\n  city = \"上海\"\n}\nsystem \"b\" {\n  name = \"ñ\" \n  site = site.a\n}\n",
		"escapes":             "site \"a\" {\n  name = \"a \\\"quoted\\\" \\\\ name\\n\"\n}\n",
		"unicode escape":      "site \"a\" {\n  name = \"\\u00e9\"\n}\n",
		"template":            "site \"a\" {\n  name = \"$${literal}\"\n}\n",
		"lists":               "system \"s\" {}\nsystem \"t\" {}\ndata_asset \"d\" {\n  stored_in = [\n    system.s, # first\n    system.t,\n  ]\n}\nagreement \"n\" {\n  scope_of_use = []\n  covers = [data_asset.d]\n}\n",
		"one-line block":      "system \"s\" { name = \"x\" }\n",
		"empty blocks":        "data_asset \"d\" {\n  collection {}\n}\nsystem \"s\" {\n  backup {\n  }\n}\n",
		"numbers":             "department \"d\" {\n  staff = 007\n  undertakings_signed = 2.5\n}\ndevice \"x\" {\n  count = 1e3\n}\n",
		"nulls":               "system \"s\" {\n  name = null\n  kind = null\n}\ndata_asset \"d\" {\n  stored_in = null\n}\n",
		"bad values":          "system \"s\" {\n  kind = \"serverr\"\n  site = site.nope\n  designated = \"yes\"\n}\n",
		"crlf":                "site \"a\" {\r\n  city = \"x\"\r\n}\r\n",
		"no final newline":    "site \"a\" {\n  city = \"x\"\n}",
		"heredoc":             "site \"a\" {\n  name = <<EOT\nmulti { [\nEOT\n}\nsite \"b\" {}\n",
		"syntax error":        "site \"a\" {\n  city = \n}\nsite \"b\" {\n  city = \"y\"\n}\n",
		"unclosed":            "site \"a\" {\n  city = \"x\"\nsite \"b\" {}\n",
		"duplicate attribute": "site \"a\" {\n  city = \"x\"\n  city = \"y\"\n}\n",
		"two labels":          "site \"a\" \"b\" {}\nsite \"c\" {}\n",
		"expressions":         "department \"d\" {\n  staff = 1 + 2\n}\nsystem \"s\" {\n  site = site.a.b\n  name = upper(\"x\")\n}\nsite \"a\" {}\n",
		"block after brace":   "site \"a\" {\n} site \"b\" {}\n",
		"waiver":              "site \"a\" {}\nwaiver \"w\" {\n  control = \"BM-4.2.1-04\"\n  resource = site.a\n  reason = \"r\"\n  approved_by = \"a\"\n  expires = \"2027-01-01\"\n}\nwaiver \"x\" {\n  control = \"x\"\n}\n",
		"tabs":                "site\t\"a\"\t{\n\tcity\t=\t\"x\"\n}\n",
		"long unicode line":   "agreement \"n\" {\n  scope_of_use = [\"数据\", \"e\u0301\", \"\u0600\", \"x\", \"客户\", \"👩\u200d💻\", \"y\"]\n  covers = [data_asset.a, data_asset.b, data_asset.c]\n}\ndata_asset \"a\" {}\n",
		"chinese ids":         "system \"客户库\" {\n  name = \"客户\"\n}\ndata_asset \"客户资料\" {\n  stored_in = [system.客户库]\n}\nsite \"é_1-x\" {}\n",
		"control escapes":     "site \"a\" {\n  name = \"a\\rb\"\n  city = \"tab\\there\\n\"\n}\nwaiver \"w\" {\n  control = \"x\"\n  resource = site.a\n  reason = \"\u200b\"\n  approved_by = \"a\"\n  expires = \"2027-01-01\"\n}\n",
		"escaped templates":   "site \"a\" {\n  name = \"$$${x\"\n  city = \"%%{ }\"\n}\nsite \"b\" {\n  name = \"${ \"}\" }\"\n}\nsite \"c\" {\n  city = \"x\"\n}\n",
		"cr in comment":       "site \"a\" { # a\rb\n  city = \"x\" // \r\n  /* \r */ kind = \"office\"\n}\n",
		"heredoc braces":      "site \"a\" {\n  name = <<-EOT\n  } ${\"}\"}\n  EOT\n}\nsite \"b\" {\n  city = \"x\"\n}\n",
		"unicode column":      "site \"a\" {\n  name = \"数据\"; city = \"x\"\n}\nsystem \"s\" {\n  name = \"数\" \n  site = site.b\n}\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "a.hcl"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			decodeBoth(t, dir)
		})
	}
}

// FuzzFastPath holds the fast path to hclsyntax on arbitrary input.
func FuzzFastPath(f *testing.F) {
	f.Add("site \"a\" {\n  city = \"x\"\n}\nsystem \"s\" {\n  site = site.a\n  backup {\n    frequency = \"daily\"\n  }\n}\n")
	f.Add("data_asset \"d\" {\n  stored_in = [system.s, paper_archive.p]\n  collection {}\n}\n")
	f.Add("department \"d\" {\n  staff = 12\n  head = \"数\"\n}\n")
	f.Fuzz(func(t *testing.T, src string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "a.hcl"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		decodeBoth(t, dir)
	})
}

// fastDeclines decodes every .hcl file under dir as Load does and returns the
// places, file:line, where the fast path handed text to hclsyntax.
func fastDeclines(t *testing.T, dir string) []string {
	t.Helper()
	files, diags := findFiles([]string{dir})
	if diags.HasErrors() || len(files) == 0 {
		t.Fatalf("%s: no inventory files: %v", dir, diags)
	}
	var places []string
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		decodeNoting(context.Background(), src, name, false, func(off int) {
			places = append(places, fmt.Sprintf("%s:%d", name, bytes.Count(src[:off], []byte("\n"))+1))
		})
	}
	return places
}

// TestFastPathReadsWholeInventories checks that the fast path reads every block
// of acme and of generated inventories itself: a block it declines still decodes
// right, through hclsyntax, but five times slower, and nothing else would show it.
func TestFastPathReadsWholeInventories(t *testing.T) {
	dirs := []string{"../fixtures/acme"}
	for _, opts := range []generate.Options{
		{Resources: 400, Files: 2, Seed: 1},
		{Resources: 400, Files: 1, Seed: 2},
		{Resources: 400, Files: 1, Seed: 3},
		{Resources: 400, Files: 1, Seed: 4, LongLine: true},
	} {
		dir := t.TempDir()
		if err := generate.Write(dir, opts); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	for _, dir := range dirs {
		if places := fastDeclines(t, dir); len(places) > 0 {
			t.Errorf("the fast path declines %d blocks, first at %s", len(places), places[0])
		}
	}
	// The same check sees a block the fast path declines.
	dir := t.TempDir()
	src := "site \"a\" {\n  city = \"x\"\n}\n\nsite \"b\" {\n  city = \"${x}\"\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "a.hcl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if places, want := fastDeclines(t, dir), filepath.Join(dir, "a.hcl")+":5"; !reflect.DeepEqual(places, []string{want}) {
		t.Errorf("declines %v, want [%s]", places, want)
	}
}
