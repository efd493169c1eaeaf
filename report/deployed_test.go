package report_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/report"
	"github.com/baomi-dev/baomi/terraform"
)

// bothLocators places results on the inventory, then on the Terraform files,
// as baomi check does.
type bothLocators struct{ inv, tf evaluator.Locator }

func (l bothLocators) Locate(address, attribute string) (string, int, int, bool) {
	if file, line, col, ok := l.inv.Locate(address, attribute); ok {
		return file, line, col, true
	}
	return l.tf.Locate(address, attribute)
}

// acmeDeployed evaluates the worked example with its Terraform configuration,
// as `baomi check fixtures/acme --terraform fixtures/acme/infra` does, from the
// repository root, and returns the options that name its remote modules.
func acmeDeployed(t *testing.T) (*evaluator.Report, report.Options) {
	t.Helper()
	t.Chdir("..")
	inv, diags := inventory.Load([]string{"fixtures/acme"})
	set, tfDiags := terraform.Load([]string{"fixtures/acme/infra"}, inventory.Options{})
	diags = append(diags, tfDiags...)
	systems, _ := inv.Document["systems"].(map[string]any)
	diags = append(diags, set.Link(systems, terraform.DefaultSystemTag, inv.Diagnostic)...)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	inv.Document[inventory.TerraformCollection] = set.Document()
	ps, err := loadPolicies()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ps.Evaluate(context.Background(), evaluator.Input{Document: inv.Document, Locator: bothLocators{inv, set}},
		evaluator.Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	opts := report.Options{ToolVersion: "0.1.0", Organization: "Acme Trading Co.", Inputs: []string{"fixtures/acme"}}
	for _, m := range set.Remote {
		opts.RemoteModules = append(opts.RemoteModules, report.RemoteModule{Address: m.Address, Source: m.Source,
			Location: &evaluator.Location{File: m.File, Line: m.Line, Column: m.Column}})
	}
	return rep, opts
}

// TestHTMLDeployedGolden renders acme with its Terraform configuration: the
// deployed section beside each system.
func TestHTMLDeployedGolden(t *testing.T) {
	rep, opts := acmeDeployed(t)
	for _, tc := range []struct{ lang, golden string }{
		{"en", "acme-terraform.html"},
		{"zh", "acme-terraform.zh.html"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			opts.Lang = tc.lang
			var b bytes.Buffer
			if err := report.Write(&b, "html", rep, opts); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.golden, b.Bytes())
		})
	}
}

// deployedSection is the deployed section of an HTML page, "" when it has none.
func deployedSection(t *testing.T, rep *evaluator.Report, opts report.Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.Write(&b, "html", rep, opts); err != nil {
		t.Fatal(err)
	}
	_, section, found := strings.Cut(unbreak(b.String()), `<section id="deployed">`)
	if !found {
		return ""
	}
	section, _, _ = strings.Cut(section, "</section>")
	return section
}

// systemRow is the row of the deployed section for system, "" when it has none.
func systemRow(section, system string) string {
	_, row, found := strings.Cut(section, `<tr data-system="`+system+`">`)
	if !found {
		return ""
	}
	row, _, _ = strings.Cut(row, "</tr>")
	return row
}

func TestHTMLDeployed(t *testing.T) {
	rep, opts := acmeDeployed(t)
	section := deployedSection(t, rep, opts)
	if section == "" {
		t.Fatal("no deployed section")
	}
	for _, tc := range []struct{ system, want, not string }{
		// Linked by the system's terraform list; the deployed database is not
		// encrypted while the inventory says it is.
		{"system.crm_db", `<li data-resource="aws_db_instance.crm"><code class="res">aws_db_instance.crm</code> <code class="loc">fixtures/acme/infra/aws.tf:10</code><br><span class="badge fail" title="aws_db_instance.crm stores customer data of system.crm_db but its deployed configuration does not encrypt it at rest"><b>BM-4.2.1-05</b> storage-encrypted-deployed <span class="st fail">fail</span></span>`, ""},
		// Linked through a local module, by tag.
		{"system.crm_db", `<li data-resource="module.kyc_documents.alicloud_oss_bucket.this">`, ""},
		// Declared but not deployed: the system's own result on its terraform list.
		{"system.billing_db", `<p class="undeployed"><span class="badge fail"`, ""},
		{"system.billing_db", `aws_db_instance.billing_replica, which no Terraform input defines`, ""},
		{"system.ecommerce_platform", `<span class="badge fail" title="aws_s3_bucket.web_assets stores customer data of system.ecommerce_platform and its deployed configuration makes it public"><b>BM-4.2.1-06</b> storage-not-public`, ""},
		{"system.sales_shared_pc", `No Terraform resource linked.`, "<li"},
		// Linked to no system: the undeclared bucket warns, the one tagged none passes.
		{"", `<li data-resource="aws_s3_bucket.upload_tmp">`, ""},
		{"", `<li data-resource="aws_s3_bucket.website"><code class="res">aws_s3_bucket.website</code> <code class="loc">fixtures/acme/infra/aws.tf:93</code><br><span class="badge pass"><b>BM-4.2.1-08</b> storage-declared <span class="st pass">pass</span></span></li>`, ""},
	} {
		row := systemRow(section, tc.system)
		if !strings.Contains(row, tc.want) {
			t.Errorf("the row of %q lacks %s:\n%s", tc.system, tc.want, row)
		}
		if tc.not != "" && strings.Contains(row, tc.not) {
			t.Errorf("the row of %q holds %s:\n%s", tc.system, tc.not, row)
		}
	}
	// A resource shows under the system it is linked to and nowhere else.
	if strings.Count(section, `data-resource="aws_db_instance.crm"`) != 1 || strings.Contains(systemRow(section, "system.billing_db"), "aws_db_instance.crm") {
		t.Error("aws_db_instance.crm is not listed once, under system.crm_db")
	}
	if !strings.Contains(section, `<li><code class="res">module.access_logs</code> (source <code>terraform-aws-modules/s3-bucket/aws</code>) <code class="loc">fixtures/acme/infra/aws.tf:124</code></li>`) {
		t.Errorf("the remote module is not listed:\n%s", section)
	}

	// Without Terraform there is no section.
	opts.RemoteModules = nil
	if s := deployedSection(t, evaluate(t, "fixtures/acme"), opts); s != "" {
		t.Errorf("a deployed section without Terraform:\n%s", s)
	}
}

// TestJSONRoundTripDeployed: the JSON report carries each Terraform result's
// link and the remote modules, so that convert renders the same HTML.
func TestJSONRoundTripDeployed(t *testing.T) {
	rep, opts := acmeDeployed(t)
	var saved bytes.Buffer
	if err := report.Write(&saved, "json", rep, opts); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"terraform": {`, `"system": "system.crm_db"`, `"system": ""`, `"remote_modules": [`} {
		if !strings.Contains(saved.String(), want) {
			t.Errorf("the JSON report lacks %s", want)
		}
	}
	j, err := report.ReadJSON(bytes.NewReader(saved.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	back, bopts, err := j.Evaluation()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "zh"} {
		opts.Lang, bopts.Lang = lang, lang
		var want, got bytes.Buffer
		if err := report.Write(&want, "html", rep, opts); err != nil {
			t.Fatal(err)
		}
		if err := report.Write(&got, "html", back, bopts); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("html %s rendered from the saved JSON differs from the evaluation's", lang)
		}
		if !strings.Contains(got.String(), `<section id="deployed">`) {
			t.Errorf("html %s rendered from the saved JSON has no deployed section", lang)
		}
	}
}
