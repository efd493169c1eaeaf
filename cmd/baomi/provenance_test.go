package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
)

// TestJSONRecordsHowItWasMade: the JSON report names every file read with the
// sha256 of its bytes, the policy set and user folders, the settings in force,
// the controls skipped, the threshold and the gate's verdict.
func TestJSONRecordsHowItWasMade(t *testing.T) {
	repoRoot(t)
	args := []string{"check", "fixtures/acme", "--format", "json", "--as-of", "2026-11-26", "--fail-on", "high", "--skip", "staff-undertakings"}
	t.Setenv("BAOMI_SETTINGS_PATCH_MAX_AGE_DAYS", "45")
	code, out, errOut := runBaomi(t, args...)
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	saved := filepath.Join(t.TempDir(), "r.json")
	if err := os.WriteFile(saved, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	j := readSaved(t, saved)
	var paths []string
	for _, in := range j.Inputs {
		b, err := os.ReadFile(in.Path)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if in.Kind != "inventory" || in.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("input %+v: want kind inventory and the file's sha256", in)
		}
		paths = append(paths, in.Path)
	}
	want := []string{"fixtures/acme/data.hcl", "fixtures/acme/infrastructure.hcl", "fixtures/acme/legal.hcl", "fixtures/acme/records.hcl"}
	if !slices.Equal(paths, want) {
		t.Errorf("inputs %v, want %v", paths, want)
	}
	if j.Policies == nil || len(j.Policies.SHA256) != 64 || len(j.Policies.User) != 0 {
		t.Errorf("policies %+v", j.Policies)
	}
	if !slices.Equal(j.Skipped, []string{"BM-2.4-01"}) || j.FailOn != evaluator.High {
		t.Errorf("skipped %v, fail_on %q", j.Skipped, j.FailOn)
	}
	if s, _ := json.Marshal(j.Settings["patch_max_age_days"]); string(s) != "45" {
		t.Errorf("settings record patch_max_age_days %s, want the override 45", s)
	}
	if j.Verdict == nil || j.Verdict.Status != evaluator.Fail || j.Verdict.BelowThreshold == 0 || j.Verdict.Failing == 0 {
		t.Errorf("verdict %+v", j.Verdict)
	}

	_, withUser, _ := runBaomi(t, append(args, "--policy", "evaluator/testdata/user")...)
	if err := os.WriteFile(saved, []byte(withUser), 0o644); err != nil {
		t.Fatal(err)
	}
	u := readSaved(t, saved)
	if !slices.Equal(u.Policies.User, []string{"evaluator/testdata/user"}) || u.Policies.SHA256 == j.Policies.SHA256 {
		t.Errorf("with a user folder, policies %+v (without: %+v)", u.Policies, j.Policies)
	}
}

// TestRepoDir: the working directory is placed below the root of its git work
// tree, a .git folder or file marking the root.
func TestRepoDir(t *testing.T) {
	root := t.TempDir()
	team := filepath.Join(root, "team", "legal")
	if err := os.MkdirAll(team, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(team)
	if got := repoDir(); got != "" {
		t.Errorf("outside a git work tree: %q", got)
	}
	if err := os.WriteFile(filepath.Join(root, ".git"), []byte("gitdir: elsewhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := repoDir(); got != "team/legal" {
		t.Errorf("below a linked work tree's root: %q, want team/legal", got)
	}
	t.Chdir(root)
	if got := repoDir(); got != "" {
		t.Errorf("at the root: %q, want \"\"", got)
	}
}

// TestSARIFFromASubfolder: `cd team && baomi check .` names files from the work
// tree's root, as GitHub code scanning resolves them, exactly as a run from the
// root does; --help-url sets the rules' help page.
func TestSARIFFromASubfolder(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(copyAcme(t, false), filepath.Join(root, "team")); err != nil {
		t.Fatal(err)
	}
	type sarif struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						HelpURI string `json:"helpUri"`
					}
				}
			}
			AutomationDetails struct{ ID string } `json:"automationDetails"`
			Results           []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string
							URIBaseID string `json:"uriBaseId"`
						}
					}
				}
			}
		}
	}
	check := func(dir string, args ...string) sarif {
		t.Helper()
		t.Chdir(dir)
		code, out, errOut := runBaomi(t, append([]string{"check", "--format", "sarif", "--as-of", "2026-11-26"}, args...)...)
		if code != 1 {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
		var s sarif
		if err := json.Unmarshal([]byte(out), &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	sub := check(filepath.Join(root, "team"), ".", "--help-url", "https://example.com/controls")
	fromRoot := check(root, "team")
	for _, s := range []sarif{sub, fromRoot} {
		run := s.Runs[0]
		if run.AutomationDetails.ID != "baomi/team/" {
			t.Errorf("automationDetails.id %q, want baomi/team/", run.AutomationDetails.ID)
		}
		legal := 0
		for _, r := range run.Results {
			a := r.Locations[0].PhysicalLocation.ArtifactLocation
			if !strings.HasPrefix(a.URI, "team/") || a.URIBaseID != "%SRCROOT%" {
				t.Errorf("artifact %+v, want a path from the work tree's root", a)
			}
			if a.URI == "team/legal.hcl" {
				legal++
			}
		}
		if legal == 0 {
			t.Error("no result in team/legal.hcl")
		}
	}
	// The report saved as JSON in team/ converts to the same SARIF from the root.
	t.Chdir(filepath.Join(root, "team"))
	_, want, _ := runBaomi(t, "check", ".", "--format", "sarif", "--as-of", "2026-11-26")
	runBaomi(t, "check", ".", "--format", "json", "--as-of", "2026-11-26", "--output", filepath.Join(root, "r.json"))
	t.Chdir(root)
	if _, got, errOut := runBaomi(t, "convert", "r.json", "--format", "sarif"); got != want {
		t.Errorf("convert from another folder gives other SARIF than check in team/ (byte %d)\n%s", firstDifference(got, want), errOut)
	}
	if got := sub.Runs[0].Tool.Driver.Rules[0].HelpURI; !strings.HasPrefix(got, "https://example.com/controls#bm-") {
		t.Errorf("--help-url: helpUri %q", got)
	}
	if got := fromRoot.Runs[0].Tool.Driver.Rules[0].HelpURI; !strings.HasPrefix(got, "https://github.com/baomi-dev/baomi/blob/main/docs/controls.md#bm-") {
		t.Errorf("default helpUri %q", got)
	}
}

// TestJSONRecordsTerraformInputs: every Terraform file read (.tf files of the
// root and of its local modules, tfvars, plans) is an input of kind terraform,
// with the sha256 of its bytes, after the inventory's files and in path order.
func TestJSONRecordsTerraformInputs(t *testing.T) {
	repoRoot(t)
	const plan = "fixtures/chapter4/4.2-terraform-plan"
	for _, tc := range []struct {
		args      []string
		inventory []string
		terraform []string
	}{
		{[]string{"fixtures/acme", "--terraform", "fixtures/acme/infra"},
			[]string{"fixtures/acme/data.hcl", "fixtures/acme/infrastructure.hcl", "fixtures/acme/legal.hcl", "fixtures/acme/records.hcl"},
			[]string{"fixtures/acme/infra/alicloud.tf", "fixtures/acme/infra/aws.tf", "fixtures/acme/infra/modules/oss_bucket/main.tf",
				"fixtures/acme/infra/providers.tf", "fixtures/acme/infra/terraform.tfvars", "fixtures/acme/infra/variables.tf"}},
		{[]string{plan, "--terraform", plan + "/plan.json", "--terraform", plan + "/infra"},
			[]string{plan + "/data.hcl", plan + "/organization.hcl", plan + "/systems.hcl"},
			[]string{plan + "/infra/main.tf", plan + "/plan.json"}},
	} {
		args := append([]string{"check", "--format", "json", "--as-of", "2026-11-26"}, tc.args...)
		code, out, errOut := runBaomi(t, args...)
		if code != 1 {
			t.Fatalf("%v: exit %d, want 1\n%s", tc.args, code, errOut)
		}
		saved := filepath.Join(t.TempDir(), "r.json")
		if err := os.WriteFile(saved, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		var got, want []string
		for _, f := range tc.inventory {
			want = append(want, "inventory "+f)
		}
		for _, f := range tc.terraform {
			want = append(want, "terraform "+f)
		}
		for _, in := range readSaved(t, saved).Inputs {
			got = append(got, in.Kind+" "+in.Path)
			b, err := os.ReadFile(in.Path)
			if err != nil {
				t.Fatal(err)
			}
			if sum := sha256.Sum256(b); in.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("%v: input %s: sha256 %s, want the file's", tc.args, in.Path, in.SHA256)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%v: inputs\n%s\nwant\n%s", tc.args, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
