package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// checkJSON runs baomi check on an inventory and keeps its JSON report in dir.
func checkJSON(t *testing.T, inventory, asOf, dir string) string {
	t.Helper()
	out := filepath.Join(dir, asOf+"-"+filepath.Base(inventory)+".json")
	code, _, errOut := runBaomi(t, "check", inventory, "--as-of", asOf, "--format", "json", "--output", out)
	if code != 1 {
		t.Fatalf("check %s as of %s: exit %d\n%s", inventory, asOf, code, errOut)
	}
	return out
}

// changedAcme copies the example inventory into a temporary folder with edits:
// each maps a file to the text to replace and its replacement.
func changedAcme(t *testing.T, edits map[string][2]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "acme_next")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir("fixtures/acme")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue // infra/, the deployed infrastructure, is not part of the inventory
		}
		src, err := os.ReadFile(filepath.Join("fixtures/acme", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if ed, ok := edits[e.Name()]; ok {
			if !strings.Contains(string(src), ed[0]) {
				t.Fatalf("%s no longer holds %q", e.Name(), ed[0])
			}
			src = []byte(strings.Replace(string(src), ed[0], ed[1], 1))
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type diffJSON struct {
	Counts       map[string]int
	NewlyFailing []diffChange `json:"newly_failing"`
	Fixed        []diffChange
	StillFailing []diffChange `json:"still_failing"`
	Waivers      []struct {
		ID, Control, Resource, Expires, Before, Result string
	} `json:"waivers_expired"`
}

type diffChange struct {
	Control, Resource, Before, After string
}

func runDiffJSON(t *testing.T, older, newer string) (int, diffJSON) {
	t.Helper()
	code, out, errOut := runBaomi(t, "diff", older, newer, "--format", "json")
	var d diffJSON
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("exit %d: %v\n%s%s", code, err, out, errOut)
	}
	return code, d
}

// TestDiffRegressionAndFix compares the example with a copy in which the CRM
// database lost its encryption (a regression) and customer service named a head
// (a fix).
func TestDiffRegressionAndFix(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	older := checkJSON(t, "fixtures/acme", "2026-11-26", dir)
	next := changedAcme(t, map[string][2]string{
		"infrastructure.hcl": {`encryption_at_rest = "SM4"`, `encryption_at_rest = "none"`},
		"legal.hcl":          {"department \"customer_service\" {\n", "department \"customer_service\" {\n  head                  = \"Gao Min\"\n"},
	})
	newer := checkJSON(t, next, "2026-11-26", dir)

	code, d := runDiffJSON(t, older, newer)
	if code != 1 {
		t.Errorf("exit %d, want 1: something newly fails", code)
	}
	if len(d.NewlyFailing) != 1 || d.NewlyFailing[0] != (diffChange{"BM-4.2.1-04", "system.crm_db", "pass", "fail"}) {
		t.Errorf("newly failing: %+v, want exactly BM-4.2.1-04 on system.crm_db", d.NewlyFailing)
	}
	if len(d.Fixed) != 1 || d.Fixed[0] != (diffChange{"BM-2.3-01", "department.customer_service", "fail", "pass"}) {
		t.Errorf("fixed: %+v, want exactly BM-2.3-01 on department.customer_service", d.Fixed)
	}
	failures := readSaved(t, older).Summary.Fail
	if d.Counts["still_failing"] != failures-1 || len(d.StillFailing) != failures-1 || len(d.Waivers) != 0 {
		t.Errorf("counts %v (the example has %d failures, one of them fixed)", d.Counts, failures)
	}

	code, out, _ := runBaomi(t, "diff", older, newer, "--lang", "en")
	if code != 1 {
		t.Errorf("table: exit %d", code)
	}
	golden(t, "diff.txt", []byte(out))

	code, md, _ := runBaomi(t, "diff", older, newer, "--format", "markdown", "--lang", "zh")
	if code != 1 || !strings.Contains(md, "### 新增未通过 (1)") || !strings.Contains(md, "| 高 | BM-4.2.1-04 | system.crm_db | 通过 |") {
		t.Errorf("Chinese markdown: exit %d\n%s", code, md)
	}

	code, back := runDiffJSON(t, newer, older)
	if code != 1 || len(back.NewlyFailing) != 1 || back.NewlyFailing[0].Resource != "department.customer_service" {
		t.Errorf("the other way round, the fix is the regression: exit %d %+v", code, back.NewlyFailing)
	}
	if code, same := runDiffJSON(t, older, older); code != 0 || same.Counts["newly_failing"] != 0 || same.Counts["fixed"] != 0 {
		t.Errorf("a report against itself: exit %d %v", code, same.Counts)
	}
}

// TestDiffWaiverExpired compares two audits of the example either side of the
// day waiver.analytics_dw_offsite expired (2026-06-30): active in the first,
// expired in the second.
func TestDiffWaiverExpired(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	older := checkJSON(t, "fixtures/acme", "2026-06-30", dir)
	newer := checkJSON(t, "fixtures/acme", "2026-11-26", dir)
	code, d := runDiffJSON(t, older, newer)
	if code != 1 {
		t.Errorf("exit %d: the lapsed waiver makes a failure newly visible", code)
	}
	if len(d.Waivers) != 1 {
		t.Fatalf("waivers expired since: %+v", d.Waivers)
	}
	w := d.Waivers[0]
	if w.ID != "waiver.analytics_dw_offsite" || w.Control != "BM-4.2.3-03" || w.Resource != "system.analytics_dw" ||
		w.Expires != "2026-06-30" || w.Before != "active" || w.Result != "fail" {
		t.Errorf("expired waiver %+v", w)
	}
	found := false
	for _, c := range d.NewlyFailing {
		found = found || (c == diffChange{"BM-4.2.3-03", "system.analytics_dw", "waived", "fail"})
	}
	if !found {
		t.Errorf("the result the waiver covered is newly failing: %+v", d.NewlyFailing)
	}
	_, out, _ := runBaomi(t, "diff", older, newer, "--lang", "en")
	if !strings.Contains(out, "Waivers expired since (1)") || !strings.Contains(out, "waiver.analytics_dw_offsite") {
		t.Errorf("table:\n%s", out)
	}
	if code, same := runDiffJSON(t, newer, newer); code != 0 || len(same.Waivers) != 0 {
		t.Errorf("a waiver expired in both reports did not expire since: exit %d %+v", code, same.Waivers)
	}
}

func TestDiffErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.json", `{"tool": {"name": "baomi", "version": "0.1.0"}, "as_of": "2026-11-26", "results": [], "waivers": []}`)
	garbled := write("garbled.json", `{"tool": {"name": "baomi"`)
	baseline := write("baseline.json", `{"version": 1, "failures": []}`)
	for _, tc := range []struct {
		name string
		args []string
		err  string
	}{
		{"one report", []string{"diff", good}, "diff takes two JSON reports"},
		{"three reports", []string{"diff", good, good, good}, "got 3 arguments"},
		{"missing old", []string{"diff", filepath.Join(dir, "nope.json"), good}, "nope.json: no such file or directory"},
		{"garbled new", []string{"diff", good, garbled}, "garbled.json: not valid JSON"},
		{"a baseline, not a report", []string{"diff", baseline, good}, "baseline.json: not a baomi JSON report"},
		{"a folder", []string{"diff", good, dir}, "is a folder, not a JSON report"},
		{"bad format", []string{"diff", good, good, "--format", "csv"}, "--format csv: want one of table, json, markdown"},
		{"bad lang", []string{"diff", good, good, "--lang", "fr"}, "--lang fr"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runBaomi(t, tc.args...)
			if code != 2 || !strings.Contains(errOut, tc.err) {
				t.Errorf("exit %d, want 2 with %q; stderr:\n%s", code, tc.err, errOut)
			}
		})
	}
	out := filepath.Join(dir, "diff.md")
	code, stdout, errOut := runBaomi(t, "diff", good, good, "--format", "markdown", "--output", out, "--lang", "en")
	if code != 0 || !strings.Contains(stdout, "0 newly failing") {
		t.Errorf("exit %d; the table still reaches standard output:\n%s%s", code, stdout, errOut)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "## baomi diff: 2026-11-26 → 2026-11-26") {
		t.Errorf("--output: %v\n%s", err, b)
	}
}

// TestDiffStatesHowTheReportsDiffer: the newer audit skips a failing control,
// gates at high, overrides a setting and is dated before the older one; diff
// says so at the top and lists the skipped control's failure as no longer
// checked, never fixed. A report of an older baomi still loads.
func TestDiffStatesHowTheReportsDiffer(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	older := checkJSON(t, "fixtures/acme", "2026-11-26", dir)
	newer := filepath.Join(dir, "newer.json")
	t.Setenv("BAOMI_SETTINGS_PATCH_MAX_AGE_DAYS", "31")
	code, _, errOut := runBaomi(t, "check", "fixtures/acme", "--as-of", "2026-11-20", "--skip", "department-head", "--fail-on", "high",
		"--format", "json", "--output", newer)
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	code, d := runDiffJSON(t, older, newer)
	if len(d.Fixed) != 0 {
		t.Errorf("a skipped control's failure counted as fixed: %+v", d.Fixed)
	}
	if code != 0 || d.Counts["no_longer_checked"] != 1 {
		t.Errorf("exit %d, counts %v: want BM-2.3-01's one failure no longer checked", code, d.Counts)
	}
	_, out, _ := runBaomi(t, "diff", older, newer, "--lang", "en")
	head := out[:strings.Index(out, "Newly failing")]
	for _, want := range []string{
		"warning: the newer report (as of 2026-11-20) is dated before the older one (as of 2026-11-26)",
		"settings differ: patch_max_age_days 30 → 31",
		"fail_on differs: low → high",
		"no longer checked (skipped in the newer audit): BM-2.3-01",
	} {
		if !strings.Contains(head, want) {
			t.Errorf("%q is not stated at the top:\n%s", want, head)
		}
	}
	if strings.Contains(head, "inputs differ") || strings.Contains(head, "policies differ") {
		t.Errorf("the same inputs and policies are said to differ:\n%s", head)
	}

	b, err := os.ReadFile(older)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"inputs", "policies", "settings", "skipped", "fail_on", "verdict", "organization", "paths"} {
		delete(m, k)
	}
	for _, r := range m["results"].([]any) {
		delete(r.(map[string]any), "base_severity")
		delete(r.(map[string]any), "resource_name")
	}
	legacy := filepath.Join(dir, "legacy.json")
	b, _ = json.Marshal(m)
	if err := os.WriteFile(legacy, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runBaomi(t, "diff", legacy, older, "--lang", "en")
	if code != 0 || !strings.Contains(out, "the older report does not record its inputs, policies or settings (baomi 0.1.0)") {
		t.Errorf("a report of an older baomi: exit %d\n%s%s", code, out, errOut)
	}
}

// TestDiffStatesTerraformInputs: reports made with different Terraform inputs say
// so at the top, naming the Terraform files added or changed; a Terraform folder
// beside the inventory does not rename the inventory's files.
func TestDiffStatesTerraformInputs(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"inventory/inventory.hcl": testOrganization + `
system "crm_db" {
  kind      = "server"
  terraform = ["aws_db_instance.crm"]
}
data_asset "contacts" {
  category       = "identity"
  classification = "confidential"
  stored_in      = [system.crm_db]
}
`,
		"infra/main.tf": "resource \"aws_db_instance\" \"crm\" {\n  storage_encrypted = true\n}\n",
	} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	check := func(out string, args ...string) string {
		t.Helper()
		args = append([]string{"check", "inventory", "--as-of", "2026-11-26", "--format", "json", "--output", out}, args...)
		if code, _, errOut := runBaomi(t, args...); code == exitError {
			t.Fatalf("%v: exit %d\n%s", args, code, errOut)
		}
		return out
	}
	top := func(older, newer string) string {
		t.Helper()
		_, out, errOut := runBaomi(t, "diff", older, newer, "--lang", "en")
		head, _, found := strings.Cut(out, "\n\n")
		if !found {
			t.Fatalf("diff %s %s:\n%s%s", older, newer, out, errOut)
		}
		return head
	}
	without := check("without.json")
	with := check("with.json", "--terraform", "infra")
	if head := top(without, with); !slices.Contains(strings.Split(head, "\n"), "inputs differ: added infra/main.tf") {
		t.Errorf("a Terraform input added: the top says\n%s\nwant exactly %q", head, "inputs differ: added infra/main.tf")
	}
	if err := os.WriteFile("infra/main.tf", []byte("resource \"aws_db_instance\" \"crm\" {\n  storage_encrypted = false\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	changed := check("changed.json", "--terraform", "infra")
	if head := top(with, changed); !strings.Contains(head, "inputs differ: changed infra/main.tf") || strings.Contains(head, "inventory.hcl") {
		t.Errorf("a Terraform file changed: the top says\n%s\nwant %q", head, "inputs differ: changed infra/main.tf")
	}
}

// TestDiffMarkdownEscapesReportText feeds diff a tampered report whose control,
// resource and finding hold HTML, Markdown and an escape sequence: the
// Markdown shows them as written, inside their table cells.
func TestDiffMarkdownEscapesReportText(t *testing.T) {
	dir := t.TempDir()
	write := func(name, status, control, resource, message string) string {
		r := map[string]any{
			"tool": map[string]any{"name": "baomi", "version": "0.1.0"}, "as_of": "2026-11-26", "waivers": []any{},
			"results": []any{map[string]any{"control": control, "short_code": "management-accountability", "article": "2.1",
				"severity": "medium", "status": status, "resource": resource, "message": message, "message_zh": message}},
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	control := "BM-2.1-01|x</details><img src=x onerror=alert(1)>"
	resource := "organization.acme\x1b[2J*bold*"
	older := write("old.json", "pass", control, resource, "m")
	newer := write("new.json", "fail", control, resource, "[click](javascript:alert(1)) `code`")
	code, md, errOut := runBaomi(t, "diff", older, newer, "--format", "markdown", "--lang", "en")
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	want := "| medium | BM-2.1-01\\|x&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt; | organization.acme\\\\x1b\\[2J\\*bold\\* | pass | \\[click\\](javascript:alert(1)) \\`code\\` |\n"
	if !strings.Contains(md, want) {
		t.Errorf("the newly failing row is not escaped; want\n%s\nin\n%s", want, md)
	}
	for _, raw := range []string{"<img", "</details>", "\x1b", "[click]"} {
		if strings.Contains(md, raw) {
			t.Errorf("%q reaches the Markdown raw:\n%s", raw, md)
		}
	}
}
