package inventory

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestDiagnosticsPerFileLimited checks that a file of junk reports its first
// maxFileDiagnostics problems in source order and one more diagnostic for the
// rest, where the first of them is, and that ErrorCount counts them all.
func TestDiagnosticsPerFileLimited(t *testing.T) {
	const lines = maxFileDiagnostics + 50
	dir := t.TempDir()
	junk := strings.Repeat("@\n", lines)
	clean := "site \"a\" {}\n"
	for name, text := range map[string]string{"junk.hcl": junk, "clean.hcl": clean} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, diags := Load([]string{dir})
	if len(diags) != maxFileDiagnostics+1 {
		t.Fatalf("%d diagnostics, want %d", len(diags), maxFileDiagnostics+1)
	}
	// hcl reports each line's "@" and, on the first line, a missing definition.
	for i, d := range diags[:maxFileDiagnostics] {
		if want := max(i, 1); d.Subject == nil || d.Subject.Start.Line != want {
			t.Fatalf("diagnostic %d is at %v, want line %d: the first problems in source order", i, d.Subject, want)
		}
	}
	more := diags[maxFileDiagnostics]
	if more.Severity != hcl.DiagError || more.Summary != "more problems not shown" || more.Subject.Start.Line != maxFileDiagnostics ||
		!strings.HasPrefix(more.Detail, "51 more problems in this file") {
		t.Errorf("last diagnostic = %s at %v: %s", more.Summary, more.Subject, more.Detail)
	}
	if got := ErrorCount(diags); got != lines+1 {
		t.Errorf("ErrorCount = %d, want %d", got, lines+1)
	}
	if got := ErrorCount(diags[:3]); got != 3 {
		t.Errorf("ErrorCount of three errors = %d", got)
	}
}

// TestDiagnosticsLimitKeepsWarnings checks that the diagnostic standing for
// problems not shown is a warning when none of them is an error.
func TestDiagnosticsLimitKeepsWarnings(t *testing.T) {
	var diags hcl.Diagnostics
	for i := range maxFileDiagnostics + 2 {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "w",
			Subject: &hcl.Range{Filename: "a.hcl", Start: hcl.Pos{Line: maxFileDiagnostics + 2 - i, Column: 1}}})
	}
	got := limitDiagnostics(diags)
	if len(got) != maxFileDiagnostics+1 || got[0].Subject.Start.Line != 1 {
		t.Fatalf("%d diagnostics, first at line %d", len(got), got[0].Subject.Start.Line)
	}
	if more := got[maxFileDiagnostics]; more.Severity != hcl.DiagWarning || ErrorCount(got) != 0 {
		t.Errorf("problems not shown, all warnings, gave severity %v and %d errors", more.Severity, ErrorCount(got))
	}
}

// TestJunkNotReadToTheEnd checks that a long text whose first 64 KiB hold
// more problems than a file shows is not lexed further, whether it fills the
// file or follows blocks the fast path read (more than 64 KiB of them): its
// diagnostics are the first of those, and one that says how much was not read.
func TestJunkNotReadToTheEnd(t *testing.T) {
	const junk = 200_000
	for _, blocks := range []int{10, 6000} {
		dir := t.TempDir()
		valid := strings.Repeat("site \"a\" {}\n", blocks)
		text := valid + strings.Repeat("@", junk)
		if err := os.WriteFile(filepath.Join(dir, "junk.hcl"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, diags := Load([]string{dir})
		if len(diags) != maxFileDiagnostics+1 {
			t.Fatalf("%d blocks, then junk: %d diagnostics, want %d", blocks, len(diags), maxFileDiagnostics+1)
		}
		more := diags[maxFileDiagnostics]
		if want := fmt.Sprintf("the last %d bytes of this file were not read", junk-junkPrefix); !strings.Contains(more.Detail, want) || more.Subject.Start.Line != blocks+1 {
			t.Errorf("%d blocks, then junk: last diagnostic at %v: %s; want one on line %d saying %q", blocks, more.Subject, more.Detail, blocks+1, want)
		}
		if n := ErrorCount(diags); n < maxFileDiagnostics || n > junkPrefix {
			t.Errorf("%d blocks, then junk: ErrorCount = %d, want the errors of %d bytes only", blocks, n, junkPrefix)
		}
	}
}

// TestLongTextParsedWhole checks that the look at the beginning of a long text
// lets a text without errors through to the parser.
func TestLongTextParsedWhole(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() <= 2*junkPrefix; i++ {
		fmt.Fprintf(&b, "site \"s%d\" {\n  /* a comment */ name = \"Site %d\"\n}\n", i, i)
	}
	rs, diags, parsed := slowDecode([]byte(b.String()), "a.hcl", hcl.InitialPos)
	if !parsed || diags.HasErrors() || len(rs) < 2000 {
		t.Fatalf("parsed %v, %d resources, diagnostics %v", parsed, len(rs), diags)
	}
}

// TestDiagnosticOfAnUnknownFileShowsNoLine checks that a diagnostic on a file
// whose text the inventory does not hold prints its place and message and no
// empty source line, while one on a file it read shows the line.
func TestDiagnosticOfAnUnknownFileShowsNoLine(t *testing.T) {
	inv := &Inventory{}
	inv.AddSources(map[string][]byte{"known.tf": []byte("a = 1\n")})
	at := func(file string) *hcl.Diagnostic {
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "s", Detail: "d",
			Subject: &hcl.Range{Filename: file, Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 2}}}
	}
	var buf strings.Builder
	if err := inv.WriteDiagnostics(&buf, hcl.Diagnostics{at("unknown.tf"), at("known.tf")}); err != nil {
		t.Fatal(err)
	}
	want := "unknown.tf:1:1: error: s: d\nknown.tf:1:1: error: s: d\n    1 | a = 1\n      | ^\n"
	if buf.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", buf.String(), want)
	}
}

// TestJunkAfterBlocksInParseText checks that ParseText, which the readers of
// Terraform files and fmt use, stops where a long text turns to junk after
// more than 64 KiB of blocks: the problems of the blocks come first, then the
// junk's first ones, then one that says how much was not read.
func TestJunkAfterBlocksInParseText(t *testing.T) {
	const blocks, junk = 6000, 200_000
	text := "site \"bad\" { name = @ }\n" + strings.Repeat("site \"a\" {}\n", blocks) + strings.Repeat("@", junk)
	f, diags := ParseText([]byte(text), "junk.hcl")
	if f != nil || len(diags) != maxFileDiagnostics+1 {
		t.Fatalf("a file parsed: %v, %d diagnostics; want no file and %d diagnostics", f != nil, len(diags), maxFileDiagnostics+1)
	}
	if first := diags[0].Subject.Start; first.Line != 1 || first.Column != 21 {
		t.Errorf("the first diagnostic is at %v, want the block's @ at 1:21", first)
	}
	if second := diags[len(diags)-2].Subject.Start; second.Line != blocks+2 {
		t.Errorf("the junk's diagnostics are on line %d, want %d", second.Line, blocks+2)
	}
	more := diags[maxFileDiagnostics]
	if want := fmt.Sprintf("the last %d bytes of this file were not read", junk-junkPrefix); !strings.Contains(more.Detail, want) || more.Subject.Start.Line != blocks+2 {
		t.Errorf("last diagnostic at %v: %s; want one on line %d saying %q", more.Subject, more.Detail, blocks+2, want)
	}
}

// TestLongTextWithOtherThanBlocksParsedWhole checks that a long text which
// stops being a run of blocks without turning to junk (an attribute, a
// heredoc, then more than 64 KiB of blocks) is parsed whole.
func TestLongTextWithOtherThanBlocksParsedWhole(t *testing.T) {
	var b strings.Builder
	b.WriteString("site \"a\" {}\nnote = <<EOT\n@@@ # } {\nEOT\n")
	for b.Len() <= 2*junkPrefix {
		b.WriteString("site \"b\" { name = \"@ ` \\u00e9\" }\n")
	}
	f, diags := ParseText([]byte(b.String()), "a.hcl")
	if f == nil || diags.HasErrors() {
		t.Fatalf("a file parsed: %v, diagnostics %v", f != nil, diags)
	}
	if body := f.Body.(*hclsyntax.Body); len(body.Attributes) != 1 || len(body.Blocks) < 2000 {
		t.Errorf("%d attributes and %d blocks, want 1 and the rest", len(body.Attributes), len(body.Blocks))
	}
}
