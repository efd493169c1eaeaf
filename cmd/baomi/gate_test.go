package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJUnitOfAPassingRunHasNoFailure: acme's critical failures are in the
// baseline and the gate is at critical, so the run exits 0 with failures below
// the threshold and in the baseline; its JUnit report must not show red.
func TestJUnitOfAPassingRunHasNoFailure(t *testing.T) {
	repoRoot(t)
	_, out, _ := runBaomi(t, "check", "fixtures/acme", "--as-of", "2026-11-26", "--format", "json")
	var rep struct {
		Results []struct{ Control, Resource, Status, Severity string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	type failure struct {
		Control  string `json:"control"`
		Resource string `json:"resource"`
	}
	var critical []failure
	for _, r := range rep.Results {
		if r.Status == "fail" && r.Severity == "critical" {
			critical = append(critical, failure{r.Control, r.Resource})
		}
	}
	b, _ := json.Marshal(map[string]any{"version": 1, "as_of": "2026-11-26", "failures": critical})
	base := filepath.Join(t.TempDir(), "baseline.json")
	if err := os.WriteFile(base, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, junit, errOut := runBaomi(t, "check", "fixtures/acme", "--as-of", "2026-11-26", "--baseline", base, "--fail-on", "critical", "--format", "junit")
	if code != 0 || len(critical) == 0 {
		t.Fatalf("exit %d with %d critical failures baselined, want 0\n%s", code, len(critical), errOut)
	}
	if strings.Contains(junit, "<failure") || !strings.Contains(junit, `failures="0"`) || !strings.Contains(junit, "below --fail-on critical") ||
		!strings.Contains(junit, "recorded in the baseline") || !strings.Contains(junit, `<property name="verdict" value="pass">`) {
		t.Errorf("the JUnit report of a run that exits 0 shows red or does not say why:\n%.2000s", junit)
	}
}
