package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestTimings: --timings prints each stage's wall time on standard error, in
// order, and changes nothing else; neither a config file nor the environment
// turns it on.
func TestTimings(t *testing.T) {
	repoRoot(t)
	args := []string{"check", "fixtures/acme", "--as-of", "2026-11-26", "--format", "json"}
	code, plain, plainErr := runBaomi(t, args...)
	timedCode, timed, timedErr := runBaomi(t, append(args, "--timings")...)
	if code != timedCode || plain != timed {
		t.Errorf("--timings changed the exit status (%d, %d) or the report", code, timedCode)
	}
	if strings.Contains(plainErr, "timings") {
		t.Errorf("timings printed without --timings:\n%s", plainErr)
	}
	line := regexp.MustCompile(`^baomi: timings: (.+?) +[0-9]+\.[0-9]{3} s$`)
	var stages []string
	for _, l := range strings.Split(strings.TrimSuffix(timedErr, "\n"), "\n") {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("stderr line %q is not a timing", l)
		}
		stages = append(stages, m[1])
	}
	want := []string{"load (decode, policies, Terraform)", "evaluate (input conversion, Rego, results)", "report (baseline, write)", "total"}
	if strings.Join(stages, "|") != strings.Join(want, "|") {
		t.Errorf("stages %q, want %q", stages, want)
	}

	t.Setenv("BAOMI_TIMINGS", "true")
	if _, _, errOut := runBaomi(t, args...); strings.Contains(errOut, "timings") {
		t.Errorf("BAOMI_TIMINGS turned timings on:\n%s", errOut)
	}
	cfg := filepath.Join(t.TempDir(), "baomi.yaml")
	if err := os.WriteFile(cfg, []byte("timings: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runBaomi(t, append(args, "--config", cfg)...); code != exitError || !strings.Contains(errOut, `unknown key "timings"`) {
		t.Errorf("config timings: true: exit %d, stderr %q; want an unknown key", code, errOut)
	}
}
