package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBaselineStaleEntriesPrinted: check prints one line on stderr for each
// baseline entry that matches no failure, and none for the entries in use.
func TestBaselineStaleEntriesPrinted(t *testing.T) {
	dir := writeInventory(t, failingInventory)
	base := filepath.Join(t.TempDir(), "baseline.json")
	if code, _, errOut := runBaomi(t, "check", dir, "--as-of", "2026-11-26", "--write-baseline", base); code != 1 {
		t.Fatalf("writing the baseline: exit %d\n%s", code, errOut)
	}
	src, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	stale := strings.Replace(string(src), `"failures": [`, `"failures": [
    {"control": "BM-4.2.1-04", "resource": "system.gone"},
    {"control": "BM-0.0-01", "resource": "system.db"},`, 1)
	if err := os.WriteFile(base, []byte(stale), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runBaomi(t, "check", dir, "--as-of", "2026-11-26", "--baseline", base)
	if code != 0 {
		t.Errorf("exit %d, want 0: stale entries do not fail the run\n%s", code, errOut)
	}
	want := "baomi: --baseline " + base + ": stale entry \"BM-0.0-01\" on \"system.db\" matches no failure; remove it (--write-baseline rewrites the file)\n" +
		"baomi: --baseline " + base + ": stale entry \"BM-4.2.1-04\" on \"system.gone\" matches no failure; remove it (--write-baseline rewrites the file)\n"
	if errOut != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, want)
	}
}
