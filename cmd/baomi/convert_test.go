package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/report"
)

// halfBaseline records acme's failures in a baseline and keeps every other
// one, so that a run has both baselined failures and failures that fail it.
func halfBaseline(t *testing.T) string {
	t.Helper()
	base := filepath.Join(t.TempDir(), "baseline.json")
	if code, _, errOut := runBaomi(t, "check", "fixtures/acme", "--as-of", "2026-11-26", "--write-baseline", base); code != 1 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	b, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	var f map[string]any
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	all := f["failures"].([]any)
	var kept []any
	for i, x := range all {
		if i%2 == 0 {
			kept = append(kept, x)
		}
	}
	f["failures"] = kept
	b, _ = json.Marshal(f)
	if err := os.WriteFile(base, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return base
}

// TestConvertGivesCheckBytes: for every format and language, check --format X
// gives the bytes of check --format json followed by convert --format X, with a
// baseline, a waiver, a skipped control and a fail-on threshold in play.
func TestConvertGivesCheckBytes(t *testing.T) {
	repoRoot(t)
	base := halfBaseline(t)
	args := []string{"check", "fixtures/acme", "--as-of", "2026-11-26", "--baseline", base, "--fail-on", "medium", "--skip", "BM-2.1-01"}
	saved := filepath.Join(t.TempDir(), "report.json")
	if code, _, errOut := runBaomi(t, append(args, "--format", "json", "--output", saved)...); code != 1 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	j := readSaved(t, saved)
	if j.Verdict.Baselined == 0 || j.Verdict.Failing == 0 || j.Verdict.BelowThreshold == 0 || j.Verdict.Waived == 0 || len(j.Skipped) != 1 {
		t.Fatalf("the run must have failing, baselined, below-threshold, waived and skipped results: %+v %v", *j.Verdict, j.Skipped)
	}
	for _, format := range report.Formats() {
		for _, lang := range []string{"en", "zh"} {
			for _, show := range []string{"failed", "all"} {
				_, want, _ := runBaomi(t, append(args, "--format", format, "--lang", lang, "--show", show)...)
				code, got, errOut := runBaomi(t, "convert", saved, "--format", format, "--lang", lang, "--show", show)
				if code != 0 {
					t.Fatalf("convert --format %s: exit %d\n%s", format, code, errOut)
				}
				if got != want {
					t.Errorf("convert --format %s --lang %s --show %s differs from check at byte %d", format, lang, show, firstDifference(got, want))
				}
			}
		}
	}
	out := filepath.Join(t.TempDir(), "report.sarif")
	code, stdout, _ := runBaomi(t, "convert", saved, "--format", "sarif", "--output", out, "--lang", "en")
	if b, err := os.ReadFile(out); code != 0 || err != nil || !strings.HasPrefix(string(b), "{") || !strings.Contains(stdout, strconv.Itoa(j.Summary.Results)+" results") {
		t.Errorf("--output: exit %d %v; the table still reaches standard output:\n%s", code, err, stdout)
	}
}

func readSaved(t *testing.T, path string) *report.JSONReport {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	j, err := report.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func TestConvertErrors(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	saved := filepath.Join(dir, "report.json")
	runBaomi(t, "check", "fixtures/acme", "--as-of", "2026-11-26", "--format", "json", "--output", saved)
	b, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"inputs", "policies", "settings", "skipped", "fail_on", "verdict"} {
		delete(m, k)
	}
	old, _ := json.Marshal(m)
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	oldPath := write("old.json", string(old))
	garbled := write("garbled.json", string(b[:len(b)/2]))
	baseline := write("baseline.json", `{"version": 1, "failures": []}`)
	for _, tc := range []struct {
		name string
		args []string
		err  string
	}{
		{"no report", []string{"convert"}, "convert takes one JSON report; got 0 arguments"},
		{"missing", []string{"convert", filepath.Join(dir, "nope.json")}, "nope.json: no such file or directory"},
		{"a folder", []string{"convert", dir}, "is a folder, not a JSON report"},
		{"corrupt", []string{"convert", garbled}, "garbled.json: not valid JSON"},
		{"not a report", []string{"convert", baseline}, "baseline.json: not a baomi JSON report"},
		{"older baomi", []string{"convert", oldPath}, "old.json: written by an older baomi (0.1.0): it has no fail_on, verdict, policies or inputs"},
		{"bad format", []string{"convert", saved, "--format", "csv"}, "--format csv: want one of " + strings.Join(report.Formats(), ", ")},
		{"bad show", []string{"convert", saved, "--show", "some"}, "--show some"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runBaomi(t, tc.args...)
			if code != 2 || !strings.Contains(errOut, tc.err) {
				t.Errorf("exit %d, want 2 with %q; stderr:\n%s", code, tc.err, errOut)
			}
			noStackTrace(t, errOut)
		})
	}
}
