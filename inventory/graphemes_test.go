package inventory

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	v15 "github.com/apparentlymart/go-textseg/v15/textseg"
	v17 "github.com/apparentlymart/go-textseg/v17/textseg"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// segmentedApart is text that go-textseg v15 (Unicode 15.0) and v17 (Unicode
// 17) cut into different numbers of grapheme clusters — Indic conjuncts, joined
// by rule GB9c since Unicode 15.1 — with emoji ZWJ sequences, regional
// indicators, Hangul, combining marks and CJK around them.
const segmentedApart = "क्षत्रिय ক্ষ क्\u200dष 👩\u200d💻 🇺🇸🇬🇧🇺 한국어 \u1100\u1161\u11a8 e\u0301 数据"

// countClusters counts the grapheme clusters of s as split splits them.
func countClusters(s string, split func([]byte, bool) (int, []byte, error)) int {
	n := 0
	for b := []byte(s); len(b) > 0; n++ {
		adv, _, _ := split(b, true)
		b = b[adv:]
	}
	return n
}

// TestGraphemesSegmentedApart keeps segmentedApart meaningful: were the two
// versions to agree on it, the tests below could not tell them apart.
func TestGraphemesSegmentedApart(t *testing.T) {
	if a, b := countClusters(segmentedApart, v15.ScanGraphemeClusters), countClusters(segmentedApart, v17.ScanGraphemeClusters); a == b {
		t.Errorf("go-textseg v15 and v17 both count %d clusters in %q", a, segmentedApart)
	}
}

// TestGraphemeColumnsMatchHCL checks that scanGraphemeClusters, which the fast
// path and the diagnostics count columns with, counts what hclsyntax counts
// under this Go version, on text that Unicode versions segment differently.
func TestGraphemeColumnsMatchHCL(t *testing.T) {
	src := []byte("site \"a\" {\n  /* " + segmentedApart + " */ city = \"x\"\n  name = \"" + segmentedApart + "\" # " + segmentedApart + "\n}\n")
	f, diags := hclsyntax.ParseConfig(src, "a.hcl", hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	attrs := f.Body.(*hclsyntax.Body).Blocks[0].Body.Attributes
	for _, a := range attrs {
		for _, pos := range []struct {
			what         string
			byte, column int
		}{
			{"name start", a.NameRange.Start.Byte, a.NameRange.Start.Column},
			{"value end", a.Expr.Range().End.Byte, a.Expr.Range().End.Column},
		} {
			lineStart := bytes.LastIndexByte(src[:pos.byte], '\n') + 1
			if got := 1 + countClusters(string(src[lineStart:pos.byte]), scanGraphemeClusters); got != pos.column {
				t.Errorf("%s %s: column %d, hclsyntax says %d", a.Name, pos.what, got, pos.column)
			}
		}
	}
	if len(attrs) != 2 {
		t.Errorf("read %d attributes, want 2", len(attrs))
	}
}

// TestFastPathColumnsMatchHCL decodes, through the fast path and through
// hclsyntax, blocks whose labels, attribute names, nested blocks and references
// follow on their line text that Unicode versions segment differently.
func TestFastPathColumnsMatchHCL(t *testing.T) {
	c := "/* " + segmentedApart + " */"
	src := strings.Join([]string{
		"site " + c + " \"क्षत्रिय\" {",
		"  " + c + " city = \"" + segmentedApart + "\" # " + segmentedApart,
		"  " + c + " kind = \"office\"",
		"}",
		"site \"a\" {}",
		"system \"s\" {",
		"  " + c + " site = site.a",
		"  " + c + " backup {",
		"    " + c + " frequency = \"daily\"",
		"  }",
		"}",
		"data_asset \"d\" {",
		"  " + c + " stored_in = [" + c + " system.s, " + c + " system.s]",
		"}",
		"",
	}, "\n")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.hcl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if places := fastDeclines(t, dir); len(places) > 0 {
		t.Fatalf("the fast path declines %v: the comparison would hold hclsyntax to itself", places)
	}
	decodeBoth(t, dir)
}
