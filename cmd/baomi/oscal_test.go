package main

import (
	"os"
	"strings"
	"testing"
)

// TestControlsOSCAL: baomi controls --format oscal writes the catalog the
// report package's golden holds, dated by --as-of; a bad date and the
// coverage view, which has no OSCAL form, are usage errors.
func TestControlsOSCAL(t *testing.T) {
	repoRoot(t)
	code, out, errOut := runBaomi(t, "controls", "--format", "oscal", "--as-of", "2026-11-26")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want, err := os.ReadFile("report/testdata/controls.oscal.json")
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Error("baomi controls --format oscal differs from report/testdata/controls.oscal.json")
	}
	for _, args := range [][]string{
		{"controls", "--format", "oscal", "--as-of", "2026-02-30"},
		{"controls", "--format", "oscal", "--coverage"},
	} {
		code, out, errOut := runBaomi(t, args...)
		if code != exitError || out != "" || !strings.HasPrefix(errOut, "baomi: ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want a usage error", args, code, out, errOut)
		}
	}
}

// TestCheckOSCAL: baomi check --format oscal writes the same bytes run to run,
// and baomi convert gives those bytes from the saved JSON report.
func TestCheckOSCAL(t *testing.T) {
	repoRoot(t)
	args := []string{"check", "fixtures/acme", "--format", "oscal", "--as-of", "2026-11-26"}
	code, out, errOut := runBaomi(t, args...)
	if code != 1 || !strings.Contains(out, `"assessment-results"`) || !strings.Contains(out, `"oscal-version": "1.2.2"`) {
		t.Fatalf("exit %d, want 1 (the example has failures): %s", code, errOut)
	}
	if want, err := os.ReadFile("report/testdata/acme.oscal.json"); err != nil || out != string(want) {
		t.Errorf("check --format oscal differs from report/testdata/acme.oscal.json (%v)", err)
	}
	if _, again, _ := runBaomi(t, args...); again != out {
		t.Error("two runs over the same inventory gave different bytes")
	}
	code, converted, errOut := runBaomi(t, "convert", "cmd/baomi/testdata/acme.json", "--format", "oscal")
	if code != 0 || converted != out {
		t.Errorf("convert: exit %d, %s; its OSCAL differs from check's", code, errOut)
	}
}
