package inventory

import (
	"reflect"
	"strings"
	"testing"
)

func TestSystemTerraformAddresses(t *testing.T) {
	inv, out := load(t, map[string]string{"org.hcl": `organization "o" {}`, "a.hcl": `system "crm_db" {
  terraform = ["aws_db_instance.crm", "envs/prod:module.docs.alicloud_oss_bucket.this"]
}
`})
	if out != "" {
		t.Fatal(out)
	}
	got := inv.Document["systems"].(map[string]any)["system.crm_db"].(map[string]any)["terraform"]
	if want := []any{"aws_db_instance.crm", "envs/prod:module.docs.alicloud_oss_bucket.this"}; !reflect.DeepEqual(got, want) {
		t.Errorf("terraform = %#v, want %#v", got, want)
	}
	if _, _, _, ok := inv.Locate("system.crm_db", "terraform"); !ok {
		t.Error("the terraform attribute has no location")
	}
	if tf, ok := inv.Document[TerraformCollection].(map[string]any); !ok || len(tf) != 0 {
		t.Errorf("the document's terraform collection = %#v, want an empty collection", inv.Document[TerraformCollection])
	}
}

func TestWaiverResourceTerraformAddress(t *testing.T) {
	waiver := func(resource string) string {
		return "system \"db\" {}\nwaiver \"w\" {\n  control = \"storage-not-public\"\n  resource = " + resource +
			"\n  reason = \"r\"\n  approved_by = \"a\"\n  expires = \"2027-01-01\"\n}\n"
	}
	for _, tc := range []struct {
		name, resource, want, err string
	}{
		{"terraform address", `"aws_s3_bucket.web_assets"`, "aws_s3_bucket.web_assets", ""},
		{"module and root prefix", `"envs/prod:module.kyc[0].alicloud_oss_bucket.this"`, "envs/prod:module.kyc[0].alicloud_oss_bucket.this", ""},
		{"instance key", `"aws_s3_bucket.logs[\"eu\"]"`, `aws_s3_bucket.logs["eu"]`, ""},
		{"inventory reference stays bare", `system.db`, "system.db", ""},
		{"quoted inventory reference", `"system.db"`, "", "a.hcl:4:14: error: Quoted reference"},
		{"not an address", `"web assets"`, "", `a.hcl:4:14: error: Quoted reference: A reference is written bare, without quotes: resource = web assets, not "web assets". A Terraform resource is named by its address in quotes, like "aws_s3_bucket.web_assets".`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inv, out := load(t, map[string]string{"org.hcl": `organization "o" {}`, "a.hcl": waiver(tc.resource)})
			if tc.err != "" {
				if !strings.Contains(out, tc.err) {
					t.Fatalf("diagnostics:\n%s\nwant %q", out, tc.err)
				}
				return
			}
			if out != "" {
				t.Fatal(out)
			}
			got := inv.Document["waivers"].(map[string]any)["waiver.w"].(map[string]any)["resource"]
			if got != tc.want {
				t.Errorf("resource = %#v, want %q", got, tc.want)
			}
		})
	}
}
