package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/baomi-dev/baomi/report"
)

// userControl writes a user policy folder holding one control whose rules are body.
func userControl(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	src := `# METADATA
# title: User control
# description: A user control for the sandbox tests.
# custom:
#   id: USR-1.1-01
#   short_code: user-control
#   article: "1.1"
#   severity: low
#   title_zh: 用户控制
#   remediation: None.
#   remediation_zh: 无。
package user.control

` + body + "\n"
	if err := os.WriteFile(filepath.Join(dir, "user.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func noStackTrace(t *testing.T, stderr string) {
	t.Helper()
	for _, s := range []string{"goroutine ", "panic", "internal error", ".go:"} {
		if strings.Contains(stderr, s) {
			t.Errorf("stderr holds %q, like a stack trace or a crash:\n%s", s, stderr)
			return
		}
	}
}

// TestPathologicalPolicyStoppedByTimeout: a user control whose comprehensions
// grow exponentially (16 → 256 → 65,536 elements, then 4.3 billion pairs) is
// stopped by --timeout with exit status 2 and a plain message.
func TestPathologicalPolicyStoppedByTimeout(t *testing.T) {
	policy := userControl(t, `applicable contains "system.db"

deny contains {"resource": "system.db", "message": "never"} if {
	s1 := {[a, b] | some a in numbers.range(1, 16); some b in numbers.range(1, 16)}
	s2 := {[a, b] | some a in s1; some b in s1}
	count({1 | some a in s2; some b in s2}) == 2
}`)
	inv := writeInventory(t, testOrganization+"system \"db\" {\n  kind = \"server\"\n}\n")
	start := time.Now()
	code, out, errOut := runBaomi(t, "check", inv, "--policy", policy, "--timeout", "1s", "--as-of", "2026-11-26")
	elapsed := time.Since(start)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(errOut, "baomi: policy evaluation did not finish within the timeout") {
		t.Errorf("stderr does not say the evaluation timed out:\n%s", errOut)
	}
	noStackTrace(t, errOut)
	if out != "" {
		t.Errorf("a run stopped by the timeout wrote a report:\n%s", out)
	}
	if elapsed > 20*time.Second {
		t.Errorf("the run took %s despite --timeout 1s", elapsed)
	}
}

// TestPrintGoesToStderrOnly: print() in a user policy reaches standard error and
// never a report, in any format, on standard output or in an --output file.
func TestPrintGoesToStderrOnly(t *testing.T) {
	const marker = "PRINTED-BY-POLICY"
	policy := userControl(t, `applicable contains address if {
	some address, _ in input.systems
	print("`+marker+`", address)
}

deny contains {"resource": address, "message": "system without a name"} if {
	some address in applicable
	not input.systems[address].name
	print("`+marker+`-deny", address)
}`)
	inv := writeInventory(t, testOrganization+"system \"db\" {\n  kind = \"server\"\n}\n")
	for _, format := range report.Formats() {
		t.Run(format, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "report."+format)
			code, out, errOut := runBaomi(t, "check", inv, "--policy", policy, "--format", format, "--as-of", "2026-11-26", "--show", "all")
			if code != 1 {
				t.Fatalf("exit %d, want 1; stderr:\n%s", code, errOut)
			}
			if strings.Contains(out, marker) {
				t.Errorf("print() output reached the %s report on standard output", format)
			}
			if !strings.Contains(errOut, marker+" system.db") || !strings.Contains(errOut, marker+"-deny system.db") {
				t.Errorf("print() output is missing from standard error:\n%s", errOut)
			}
			code, _, errOut = runBaomi(t, "check", inv, "--policy", policy, "--format", format, "--as-of", "2026-11-26", "--output", file)
			if code != 1 {
				t.Fatalf("with --output: exit %d; stderr:\n%s", code, errOut)
			}
			written, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(written), marker) {
				t.Errorf("print() output reached the %s report file", format)
			}
			if !strings.Contains(string(written), "USR-1.1-01") {
				t.Errorf("the %s report file lacks the user control: the test would prove nothing", format)
			}
		})
	}
}

// secretInventory gives every free-text attribute a distinctive value,
// SECRET-<attribute>, and makes the controls fail and pass around them. Two kinds
// of text are meant to be shown and are left out: a waiver's reason and
// approver, and the organization's name, which the HTML audit report names as the
// organization audited.
const secretInventory = `organization "acme" {
  name                   = "Acme Audited Org"
  accountable_executive  = "SECRET-accountable-executive"
  lead_department        = department.legal
  last_management_review = "2024-01-01"
}

department "legal" {
  name                  = "Named department"
  head                  = "SECRET-department-head"
  handles_customer_data = true
  staff                 = 10
  undertakings_signed   = 3
}

site "hq" {
  name = "Named site"
  city = "SECRET-site-city"
  kind = "office"
}

system "db" {
  name               = "Named system"
  kind               = "server"
  site               = site.hq
  encryption_at_rest = "none"
  access_control     = "shared_account"
  patch_age_days     = 90

  backup {
    frequency = "monthly"
    encrypted = false
    site      = site.hq
  }
}

paper_archive "cabinet" {
  name      = "Named archive"
  site      = site.hq
  custodian = "SECRET-archive-custodian"
  locked    = false
}

data_asset "contacts" {
  name           = "Named asset"
  category       = "sensitive"
  classification = "top_secret"
  owner          = department.legal
  stored_in      = [system.db, paper_archive.cabinet]
  retention_until = "2025-01-01"
}

channel "mail" {
  name = "Named channel"
  kind = "email"
}

transfer "to_partner" {
  asset   = data_asset.contacts
  channel = channel.mail
  to      = partner.courier
}

partner "courier" {
  name     = "Named partner"
  receives = [data_asset.contacts]

  monitoring {
    method      = "SECRET-monitoring-method"
    last_review = "2023-01-01"
  }
}

agreement "courier_nda" {
  partner                     = partner.courier
  kind                        = "nda"
  signed                      = "2024-01-01"
  expires                     = "2026-12-01"
  confidentiality_obligations = true
  scope_of_use                = ["SECRET-scope-of-use"]
  liability                   = false
  covers                      = [data_asset.contacts]
}

removal "laptop_trip" {
  asset                       = data_asset.contacts
  approved_by_department_head = "SECRET-approved-by-department-head"
  approved_by_lead_department = "SECRET-approved-by-lead-department"
  date                        = "2026-10-01"
  due                         = "2026-10-05"
  returned                    = false
}

destruction "old_files" {
  asset         = data_asset.contacts
  medium        = "paper"
  method        = "discard"
  supervised_by = "SECRET-supervised-by"
  date          = "2026-09-01"
}

device "laptops" {
  name                  = "Named device"
  kind                  = "laptop"
  count                 = 40
  handles_customer_data = true
  remote_work           = true
}
`

// TestSecretsStayOutOfReports: a report repeats addresses, control texts and the
// policies' messages, never the free text of the inventory. Names ("Named …")
// are the exception: a report shows a resource's name beside its address.
func TestSecretsStayOutOfReports(t *testing.T) {
	inv := writeInventory(t, secretInventory)
	if code, _, errOut := runBaomi(t, "validate", inv); code != 0 {
		t.Fatalf("the inventory of this test must be valid: exit %d\n%s", code, errOut)
	}
	for _, format := range report.Formats() {
		for _, lang := range []string{"en", "zh"} {
			t.Run(fmt.Sprintf("%s-%s", format, lang), func(t *testing.T) {
				code, out, errOut := runBaomi(t, "check", inv, "--format", format, "--lang", lang, "--show", "all", "--as-of", "2026-11-26")
				if code != 1 {
					t.Fatalf("exit %d, want 1 (failures); stderr:\n%s", code, errOut)
				}
				if leaked := withoutNames(secretsIn(out)); leaked != nil {
					t.Errorf("the %s report repeats inventory free text: %v", format, leaked)
				}
				if format == "html" && !strings.Contains(out, "Acme Audited Org") {
					t.Error("the HTML audit report must name the organization audited")
				}
				if leaked := secretsIn(errOut); leaked != nil {
					t.Errorf("standard error repeats inventory free text: %v", leaked)
				}
			})
		}
	}
}

// secretsIn lists the distinct SECRET-<attribute> values found in s.
func secretsIn(s string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range secretPattern.FindAllString(s, -1) {
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	return out
}

// withoutNames drops the values of name attributes from secrets.
func withoutNames(secrets []string) []string {
	var out []string
	for _, s := range secrets {
		if !strings.HasSuffix(s, "-name") {
			out = append(out, s)
		}
	}
	return out
}

var secretPattern = regexp.MustCompile(`SECRET-[a-z-]*`)

// TestBuiltinPackagesClosedToUserPolicies: a user policy file that joins a
// built-in control's package is refused with its file and line and exit status
// 2, whether it comes from --policy, from BAOMI_POLICY or to baomi test.
func TestBuiltinPackagesClosedToUserPolicies(t *testing.T) {
	policy := t.TempDir()
	trick := "package baomi.controls.storage_encrypted\n\ndeny contains {\"resource\": \"system.db\", \"message\": \"fabricated\"}\n"
	if err := os.WriteFile(filepath.Join(policy, "trick.rego"), []byte(trick), 0o644); err != nil {
		t.Fatal(err)
	}
	inv := writeInventory(t, failingInventory)
	want := filepath.ToSlash(policy) + "/trick.rego:1:1: package baomi.controls.storage_encrypted is reserved"
	for _, tc := range []struct {
		name string
		env  string
		args []string
	}{
		{"--policy", "", []string{"check", inv, "--policy", policy, "--as-of", "2026-11-26"}},
		{"BAOMI_POLICY", policy, []string{"check", inv, "--as-of", "2026-11-26"}},
		{"test", "", []string{"test", policy}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.env != "" {
				t.Setenv("BAOMI_POLICY", tc.env)
			}
			code, out, errOut := runBaomi(t, tc.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(errOut, want) {
				t.Errorf("stderr does not say %q:\n%s", want, errOut)
			}
			noStackTrace(t, errOut)
			if out != "" {
				t.Errorf("a refused policy still gave a report:\n%s", out)
			}
		})
	}
}

// TestReportSameUnderEveryTimeZone: a user control that asks the time builtins
// for the "Local" zone gives the same report, byte for byte, under three time
// zones as under UTC.
func TestReportSameUnderEveryTimeZone(t *testing.T) {
	policy := userControl(t, `applicable contains "system.db"

deny contains {"resource": "system.db", "message": sprintf("%v %v %s", [time.clock([0, "Local"]), time.date([0, "Local"]), time.format([0, "Local", "2006-01-02 15:04 MST"])])}`)
	inv := writeInventory(t, failingInventory)
	report := func(zone string) string {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		saved := time.Local
		time.Local = loc
		defer func() { time.Local = saved }()
		code, out, errOut := runBaomi(t, "check", inv, "--policy", policy, "--format", "json", "--as-of", "2026-11-26")
		if code != 1 {
			t.Fatalf("under %s: exit %d, want 1\n%s", zone, code, errOut)
		}
		return out
	}
	want := report("UTC")
	if !strings.Contains(want, `[0, 0, 0] [1970, 1, 1] 1970-01-01 00:00 UTC`) {
		t.Fatalf("the report lacks the user control's UTC answers:\n%s", want)
	}
	for _, zone := range []string{"Asia/Shanghai", "America/Los_Angeles", "Europe/Berlin"} {
		if got := report(zone); got != want {
			t.Errorf("under %s the report differs from UTC's at byte %d", zone, firstDifference(got, want))
		}
	}
}

// TestPolicyFolderGivenTwice: one folder given twice under different spellings
// is read once, not reported as a conflict with itself.
func TestPolicyFolderGivenTwice(t *testing.T) {
	policy := userControl(t, `applicable contains "system.db"

deny contains {"resource": "system.db", "message": "m"}`)
	inv := writeInventory(t, failingInventory)
	t.Chdir(filepath.Dir(policy))
	base := filepath.Base(policy)
	code, out, errOut := runBaomi(t, "check", inv, "--policy", "./"+base, "--policy", base+"/", "--policy", policy, "--as-of", "2026-11-26", "--format", "json")
	if code != 1 || strings.Count(out, `"id": "USR-1.1-01"`) != 1 {
		t.Errorf("exit %d, want 1 with the user control once; stderr:\n%s", code, errOut)
	}
}
