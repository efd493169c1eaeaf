package generate

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/terraform"
)

func TestTerraformMode(t *testing.T) {
	const n = 4500 // three files, the last one part full
	dirs := []string{t.TempDir(), t.TempDir()}
	for _, d := range dirs {
		if err := Write(d, Options{Resources: testResources, Files: 1, Seed: 1, Terraform: n}); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"variables.tf", "main-1.tf", "main-2.tf", "main-3.tf"} {
		a, errA := os.ReadFile(filepath.Join(dirs[0], "infra", name))
		b, errB := os.ReadFile(filepath.Join(dirs[1], "infra", name))
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("infra/%s differs between two runs with the same options (%v, %v)", name, errA, errB)
		}
	}
	inv, diags := inventory.Load([]string{dirs[0]})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	set, diags := terraform.Load([]string{filepath.Join(dirs[0], "infra")}, inventory.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if diags := set.Link(inv.Document["systems"].(map[string]any), terraform.DefaultSystemTag, inv.Diagnostic); diags.HasErrors() {
		t.Fatalf("the generated tags name systems the inventory does not have: %v", diags)
	}
	if len(set.Resources) != n {
		t.Errorf("%d Terraform resources, want %d", len(set.Resources), n)
	}
	linked, unknown, companions := 0, 0, 0
	for _, r := range set.Resources {
		if r.System != "" {
			linked++
		}
		if len(r.Unknown) > 0 {
			unknown++
		}
		if b, _ := r.Values["bucket"].(string); b != "" && r.Type == "aws_s3_bucket_acl" {
			if set.Resources[b] == nil {
				t.Errorf("%s names %s, which is not generated", r.Address, b)
			}
			companions++
		}
	}
	if linked < n/2 || unknown == 0 || companions == 0 {
		t.Errorf("%d linked, %d with unknown values, %d ACL companions of %d: want a realistic mix", linked, unknown, companions, n)
	}
}
