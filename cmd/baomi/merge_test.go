package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// groupReports writes the JSON reports of three units, as of 2026-01-01, into
// a temporary folder: acme, and two chapter 2 scenarios of one other
// organization, which merge names by their paths.
func groupReports(t *testing.T) []string {
	t.Helper()
	repoRoot(t)
	dir := t.TempDir()
	var out []string
	for _, inv := range []string{"fixtures/acme", "fixtures/chapter2/staff-undertakings", "fixtures/chapter2/department-heads"} {
		out = append(out, checkJSON(t, inv, "2026-01-01", dir))
	}
	return out
}

var mergeGoldens = map[string]string{"table": "merge.txt", "json": "merge.json", "markdown": "merge.md", "html": "merge.html", "sarif": "merge.sarif"}

func TestMergeGoldens(t *testing.T) {
	reports := groupReports(t)
	reversed := slices.Clone(reports)
	slices.Reverse(reversed)
	for format, name := range mergeGoldens {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := runBaomi(t, append([]string{"merge", "--format", format}, reports...)...)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, errOut)
			}
			if _, again, _ := runBaomi(t, append([]string{"merge", "--format", format}, reversed...)...); again != out {
				t.Error("the reports given in another order merge into other bytes")
			}
			golden(t, name, []byte(out))
		})
	}
}

func TestMergeCountsEveryUnit(t *testing.T) {
	reports := groupReports(t)
	_, out, _ := runBaomi(t, append([]string{"merge", "--format", "json"}, reports...)...)
	var g struct {
		Totals struct{ Results, Pass, Fail int }
		Units  []struct {
			Name    string
			Results int
			Fail    int
		}
		Failures []struct{ Unit, Control, Resource string }
	}
	if err := json.Unmarshal([]byte(out), &g); err != nil {
		t.Fatal(err)
	}
	var names []string
	results, fails := 0, 0
	for i, path := range reports {
		rep, err := readReport(path)
		if err != nil {
			t.Fatal(err)
		}
		results += len(rep.Results)
		fails += rep.Summary.Fail
		names = append(names, g.Units[i].Name)
	}
	want := []string{"Acme Trading Co.", "Acme Trading Co., Ltd. (fixtures/chapter2/department-heads)", "Acme Trading Co., Ltd. (fixtures/chapter2/staff-undertakings)"}
	if !slices.Equal(names, want) {
		t.Errorf("units %q, want %q", names, want)
	}
	if g.Totals.Results != results || g.Totals.Fail != fails || len(g.Failures) != fails {
		t.Errorf("totals %+v and %d failures, want %d results and %d failures", g.Totals, len(g.Failures), results, fails)
	}
	units := map[string]int{}
	for _, f := range g.Failures {
		units[f.Unit]++
	}
	for _, u := range g.Units {
		if units[u.Name] != u.Fail || u.Fail == 0 {
			t.Errorf("%s: %d failures listed, %d counted", u.Name, units[u.Name], u.Fail)
		}
	}
}

func TestMergeSARIFRunPerUnit(t *testing.T) {
	reports := groupReports(t)
	_, out, errOut := runBaomi(t, append([]string{"merge", "--format", "sarif"}, reports...)...)
	var log struct {
		Runs []struct {
			AutomationDetails struct{ ID string } `json:"automationDetails"`
			Results           []json.RawMessage
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if len(log.Runs) != 3 {
		t.Fatalf("%d runs, want one per unit (3)", len(log.Runs))
	}
	ids := map[string]bool{}
	for _, r := range log.Runs {
		ids[r.AutomationDetails.ID] = true
		if len(r.Results) == 0 {
			t.Errorf("run %s has no results", r.AutomationDetails.ID)
		}
	}
	if len(ids) != 3 || !ids["baomi/Acme Trading Co./"] {
		t.Errorf("automationDetails ids %v: want three distinct ones, named by unit", ids)
	}
}

func TestMergeRefusesMixed(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	acme := checkJSON(t, "fixtures/acme", "2026-01-01", dir)
	later := checkJSON(t, "fixtures/chapter2/staff-undertakings", "2026-02-01", dir)
	code, out, errOut := runBaomi(t, "merge", acme, later)
	if code != 2 || out != "" || !strings.Contains(errOut, "as-of dates differ: 2026-01-01 for Acme Trading Co.; 2026-02-01 for Acme Trading Co., Ltd.") ||
		!strings.Contains(errOut, "--allow-mixed") {
		t.Errorf("different as-of dates: exit %d, want 2 naming the difference\n%s%s", code, out, errOut)
	}
	code, out, errOut = runBaomi(t, "merge", "--allow-mixed", "--format", "markdown", acme, later)
	lines := strings.Split(out, "\n")
	if code != 0 || len(lines) < 3 || !strings.HasPrefix(lines[2], "> warning: the units were judged differently: as-of dates differ") {
		t.Errorf("--allow-mixed: exit %d, want 0 with the difference at the top\n%s%s", code, out, errOut)
	}

	skipped := filepath.Join(dir, "skipped.json")
	if code, _, errOut := runBaomi(t, "check", "fixtures/chapter2/staff-undertakings", "--as-of", "2026-01-01", "--skip", "BM-2.4-01",
		"--format", "json", "--output", skipped); code != 1 {
		t.Fatalf("check --skip: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runBaomi(t, "merge", acme, skipped); code != 2 || !strings.Contains(errOut, "controls skipped differ") {
		t.Errorf("different controls skipped: exit %d, want 2\n%s", code, errOut)
	}
}

func TestMergeMixedPolicies(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	acme := checkJSON(t, "fixtures/acme", "2026-01-01", dir)
	data, err := os.ReadFile(acme)
	if err != nil {
		t.Fatal(err)
	}
	var rep map[string]any
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	rep["organization"] = "Beta Ltd."
	rep["policies"].(map[string]any)["sha256"] = strings.Repeat("0", 64)
	rep["settings"].(map[string]any)["max_patch_age_days"] = 7
	other := filepath.Join(dir, "beta.json")
	data, _ = json.Marshal(rep)
	if err := os.WriteFile(other, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runBaomi(t, "merge", acme, other)
	if code != 2 || !strings.Contains(errOut, "policy sets (policies.sha256) differ: 000000000000 for Beta Ltd.;") ||
		!strings.Contains(errOut, "setting max_patch_age_days differ") {
		t.Errorf("different policies and settings: exit %d, want 2 naming both\n%s", code, errOut)
	}
}

func TestMergeBadInput(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	acme := checkJSON(t, "fixtures/acme", "2026-01-01", dir)
	notReport := filepath.Join(dir, "not.json")
	if err := os.WriteFile(notReport, []byte(`{"tool": {"name": "other"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		args []string
		want string
	}{
		"no report":      {nil, "merge takes one JSON report or more"},
		"missing":        {[]string{acme, filepath.Join(dir, "absent.json")}, "absent.json: "},
		"not a report":   {[]string{acme, notReport}, "not.json: not a baomi JSON report"},
		"folder":         {[]string{dir}, "is a folder"},
		"same unit":      {[]string{acme, acme}, "are both reports of Acme Trading Co. over the same inventory paths (fixtures/acme)"},
		"unknown format": {[]string{"--format", "junit", acme}, "want one of"},
		"output = input": {[]string{"--output", acme, acme}, "--output"},
	} {
		t.Run(name, func(t *testing.T) {
			code, out, errOut := runBaomi(t, append([]string{"merge"}, c.args...)...)
			if code != 2 || out != "" || !strings.Contains(errOut, c.want) || strings.Contains(errOut, "goroutine") {
				t.Errorf("exit %d, want 2 with %q\nstdout: %s\nstderr: %s", code, c.want, out, errOut)
			}
		})
	}
}

// The example group audit checks every unit of a matrix as of one date, in
// JSON, uploads each report, and merges what it downloads.
func TestExampleGroupAuditWorkflow(t *testing.T) {
	type step struct {
		Uses string            `yaml:"uses"`
		Run  string            `yaml:"run"`
		With map[string]any    `yaml:"with"`
		Env  map[string]string `yaml:"env"`
	}
	var workflow struct {
		Env  map[string]string `yaml:"env"`
		Jobs map[string]struct {
			Needs    any `yaml:"needs"`
			Strategy struct {
				Matrix map[string][]string `yaml:"matrix"`
			} `yaml:"strategy"`
			Steps []step `yaml:"steps"`
		} `yaml:"jobs"`
	}
	readYAML(t, "../../.github/workflows/example-group-audit.yml", &workflow)
	if v := workflow.Env["BAOMI_VERSION"]; v == "" || v == "latest" {
		t.Errorf("BAOMI_VERSION %q: every job must install the same release", v)
	}
	unit := workflow.Jobs["unit"]
	if len(unit.Strategy.Matrix["unit"]) < 2 {
		t.Errorf("the unit job's matrix %v must list the units", unit.Strategy.Matrix)
	}
	checked, uploaded := false, false
	for _, s := range unit.Steps {
		checked = checked || (strings.Contains(s.Run, "baomi check") && strings.Contains(s.Run, "--format json") &&
			strings.Contains(s.Run, `--as-of "$AS_OF"`) && s.Env["AS_OF"] == "${{ needs.as-of.outputs.date }}")
		uploaded = uploaded || (strings.HasPrefix(s.Uses, "actions/upload-artifact@") && s.With["name"] == "baomi-${{ matrix.unit }}")
	}
	if !checked || !uploaded {
		t.Errorf("the unit job must check as of the shared date in JSON (%v) and upload the report (%v)", checked, uploaded)
	}
	merge := workflow.Jobs["merge"]
	downloaded, merged := false, false
	for _, s := range merge.Steps {
		downloaded = downloaded || (strings.HasPrefix(s.Uses, "actions/download-artifact@") && s.With["pattern"] == "baomi-*" && s.With["merge-multiple"] == true)
		merged = merged || strings.Contains(s.Run, "baomi merge reports/*.json")
	}
	if merge.Needs != "unit" || !downloaded || !merged {
		t.Errorf("the merge job must follow the unit job (%v), download every report (%v) and merge them (%v)", merge.Needs, downloaded, merged)
	}
}

// A unit's name and findings come from a report, which anyone can edit: they
// cannot rewrite the terminal, break a Markdown table or inject HTML.
func TestMergeHostileText(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	acme := checkJSON(t, "fixtures/acme", "2026-01-01", dir)
	data, err := os.ReadFile(acme)
	if err != nil {
		t.Fatal(err)
	}
	hostile := filepath.Join(dir, "hostile.json")
	name := "Evil | <script>alert(1)</script> \x1b[2J"
	quoted, _ := json.Marshal(name)
	data = []byte(strings.Replace(string(data), `"organization": "Acme Trading Co."`, `"organization": `+string(quoted), 1))
	if err := os.WriteFile(hostile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for format, bad := range map[string]string{"table": "\x1b", "markdown": "Evil | <script>", "html": "<script>"} {
		code, out, errOut := runBaomi(t, "merge", "--format", format, hostile)
		if code != 0 || strings.Contains(out, bad) || !strings.Contains(out, "Evil") {
			t.Errorf("%s: exit %d, output holds %q raw or lacks the unit\n%s", format, code, bad, errOut)
		}
	}
}
