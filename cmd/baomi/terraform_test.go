package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// terraformProbe is a user control that judges every Terraform resource in the
// input: it fails those whose storage_encrypted is false, naming the linked
// system, on that attribute; the others pass.
const terraformProbe = `applicable contains addr if some addr, _ in input.terraform

deny contains {"resource": addr, "message": sprintf("%s of %s", [r.type, object.get(r, "system", "no system")]), "attribute": "storage_encrypted"} if {
	some addr, r in input.terraform
	r.values.storage_encrypted == false
}
`

type probeResult struct {
	Resource string
	Status   string
	Message  string
	Location *struct {
		File   string
		Line   int
		Column int
	}
}

// probeResults runs check with the probe control and returns its results by
// resource. Two runs must write the same bytes.
func probeResults(t *testing.T, args ...string) map[string]probeResult {
	t.Helper()
	args = append([]string{"check", "--policy", userControl(t, terraformProbe), "--format", "json", "--as-of", "2026-11-26"}, args...)
	code, out, errOut := runBaomi(t, args...)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (acme has failures); stderr:\n%s", code, errOut)
	}
	if _, again, _ := runBaomi(t, args...); again != out {
		t.Error("two runs over the same inputs gave different bytes")
	}
	var rep struct {
		Results []struct {
			Control string
			probeResult
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]probeResult{}
	for _, r := range rep.Results {
		if r.Control == "USR-1.1-01" {
			got[r.Resource] = r.probeResult
		}
	}
	return got
}

func TestCheckTerraformReachesTheEvaluator(t *testing.T) {
	repoRoot(t)
	got := probeResults(t, "--terraform", "fixtures/acme/infra", "fixtures/acme")
	if len(got) != 19 {
		t.Errorf("%d Terraform resources judged, want the 19 of fixtures/acme/infra: %v", len(got), got)
	}
	crm := got["aws_db_instance.crm"]
	if crm.Status != "fail" || crm.Message != "aws_db_instance of system.crm_db" {
		t.Errorf("aws_db_instance.crm: %+v, want a failure on a resource linked to system.crm_db (storage_encrypted from its variable's default)", crm)
	}
	if l := crm.Location; l == nil || l.File != "fixtures/acme/infra/aws.tf" || l.Line != 10 || l.Column != 3 {
		t.Errorf("aws_db_instance.crm located at %+v, want fixtures/acme/infra/aws.tf:10:3, the storage_encrypted line", crm.Location)
	}
	kyc := got["module.kyc_documents.alicloud_oss_bucket.this"]
	if l := kyc.Location; kyc.Status != "pass" || l == nil || l.File != "fixtures/acme/infra/modules/oss_bucket/main.tf" || l.Line != 12 {
		t.Errorf("the local module's bucket: %+v, want a pass located in the module's file at line 12", kyc)
	}
	if _, read := got["module.access_logs.aws_s3_bucket.this[0]"]; read {
		t.Error("a remote module's resource was judged")
	}
	if none := probeResults(t, "fixtures/acme"); len(none) != 0 {
		t.Errorf("without --terraform the terraform collection must be empty; the probe judged %v", none)
	}
}

func TestCheckTerraformNotesRemoteModules(t *testing.T) {
	repoRoot(t)
	_, _, errOut := runBaomi(t, "check", "--terraform", "fixtures/acme/infra", "fixtures/acme", "--as-of", "2026-11-26")
	want := `fixtures/acme/infra/aws.tf:124:3: note: module.access_logs (source "terraform-aws-modules/s3-bucket/aws") is a remote module and was not read`
	if !strings.Contains(errOut, want) {
		t.Errorf("stderr:\n%s\nwant %q", errOut, want)
	}
}

// TestCheckTerraformHTMLFromJSON: the HTML report of check --terraform shows the
// deployed section with the remote module not read, and convert renders the same
// bytes from the JSON report.
func TestCheckTerraformHTMLFromJSON(t *testing.T) {
	repoRoot(t)
	args := []string{"check", "fixtures/acme", "--terraform", "fixtures/acme/infra", "--as-of", "2026-11-26"}
	saved := filepath.Join(t.TempDir(), "report.json")
	if code, _, errOut := runBaomi(t, append(args, "--format", "json", "--output", saved)...); code != 1 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	_, want, _ := runBaomi(t, append(args, "--format", "html")...)
	for _, part := range []string{`<section id="deployed">`, `<tr data-system="system.crm_db">`, `<li data-resource="aws_db_instance.crm">`,
		`(source <code>terraform-aws-modules/s3-bucket/aws</code>)`} {
		if !strings.Contains(strings.ReplaceAll(want, "<wbr>", ""), part) {
			t.Errorf("check --format html lacks %s", part)
		}
	}
	code, got, errOut := runBaomi(t, "convert", saved, "--format", "html")
	if code != 0 || got != want {
		t.Errorf("convert --format html: exit %d, differs from check at byte %d\n%s", code, firstDifference(got, want), errOut)
	}
}

// TestREADMETerraformOutput: the README's Terraform example shows lines of the
// real output of its command, each in the order the command prints them.
func TestREADMETerraformOutput(t *testing.T) {
	repoRoot(t)
	const command = "baomi check fixtures/acme --terraform fixtures/acme/infra --as-of 2026-11-26"
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, found := strings.Cut(string(readme), "```sh\n"+command+"\n```")
	if !found {
		t.Fatalf("README.md does not show %s", command)
	}
	_, block, _ := strings.Cut(rest, "```\n")
	block, _, _ = strings.Cut(block, "```")
	_, out, _ := runBaomi(t, strings.Fields(command)[1:]...)
	lines := strings.Split(out, "\n")
	i := 0
	for _, want := range strings.Split(strings.TrimSuffix(block, "\n"), "\n") {
		for i < len(lines) && lines[i] != want {
			i++
		}
		if i == len(lines) {
			t.Fatalf("README.md shows a line %s does not print, or not in this order:\n%s", command, want)
		}
	}
}

// terraformInputs writes an inventory and a Terraform root, and returns their folders.
func terraformInputs(t *testing.T, tf string) (string, string) {
	t.Helper()
	inv := writeInventory(t, `organization "acme" {}
system "crm_db" {
  kind      = "server"
  terraform = ["aws_s3_bucket.docs"]
}
`)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	return inv, dir
}

func TestTerraformInputErrors(t *testing.T) {
	for _, tc := range []struct {
		name, tf string
		want     []string
	}{
		{"tag naming an unknown system", "resource \"aws_s3_bucket\" \"docs\" {\n  tags = {\n    \"baomi-system\" = \"crm_dbb\"\n  }\n}\n",
			[]string{`main.tf:3:5: error: Unknown system in tag: The tag baomi-system of aws_s3_bucket.docs names "crm_dbb", which is not a system of the inventory`,
				`Did you mean "crm_db"?`, `    3 |     "baomi-system" = "crm_dbb"`}},
		{"syntax error", "resource \"aws_s3_bucket\" \"docs\" {\n  bucket = \n}\n",
			[]string{`main.tf:2:12: error: Invalid expression`, `    2 |   bucket = `}},
		{"resource linked twice", "resource \"aws_s3_bucket\" \"docs\" {\n  tags = {\n    \"baomi-system\" = \"none\"\n  }\n}\n",
			[]string{`main.tf:3:5: error: Conflicting link: system.crm_db lists aws_s3_bucket.docs in terraform, but the resource's tag baomi-system says "none"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inv, tf := terraformInputs(t, tc.tf)
			for _, cmd := range []string{"check", "validate"} {
				code, _, errOut := runBaomi(t, cmd, inv, "--terraform", tf)
				if code != 2 {
					t.Errorf("%s: exit %d, want 2; stderr:\n%s", cmd, code, errOut)
				}
				for _, w := range tc.want {
					if !strings.Contains(errOut, w) {
						t.Errorf("%s: stderr:\n%s\nwant %q", cmd, errOut, w)
					}
				}
				noStackTrace(t, errOut)
			}
		})
	}
}

func TestValidateTerraformFromConfig(t *testing.T) {
	inv, tf := terraformInputs(t, "resource \"aws_s3_bucket\" \"docs\" {\n  bucket = \"acme-docs\"\n}\n")
	config := filepath.Join(t.TempDir(), "baomi.yaml")
	if err := os.WriteFile(config, []byte("terraform:\n  - "+tf+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runBaomi(t, "validate", inv, "--config", config)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	if want := "1 Terraform file, 1 Terraform resource, 1 linked to a system: the links are valid"; !strings.Contains(out, want) {
		t.Errorf("stdout:\n%s\nwant %q (the config key terraform: is a list of inputs)", out, want)
	}
}
