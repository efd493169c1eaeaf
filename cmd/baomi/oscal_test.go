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
