package inventory

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
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
