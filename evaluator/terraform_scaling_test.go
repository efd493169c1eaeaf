package evaluator_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/generate"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/terraform"
)

// terraformSteps counts the evaluation steps of a generated inventory of
// resources with tf generated Terraform resources linked to it.
func terraformSteps(t *testing.T, ps *evaluator.Policies, resources, tf int) int64 {
	t.Helper()
	dir := t.TempDir()
	if err := generate.Write(dir, generate.Options{Resources: resources, Files: 1, Seed: 1, Terraform: tf}); err != nil {
		t.Fatal(err)
	}
	inv, diags := inventory.Load([]string{dir})
	set, tfDiags := terraform.Load([]string{filepath.Join(dir, "infra")}, inventory.Options{})
	diags = append(diags, tfDiags...)
	systems, _ := inv.Document["systems"].(map[string]any)
	diags = append(diags, set.Link(systems, terraform.DefaultSystemTag, inv.Diagnostic)...)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	inv.Document[inventory.TerraformCollection] = set.Document()
	var c evaluator.StepCounter
	if _, err := ps.Evaluate(context.Background(), evaluator.Input{Document: inv.Document},
		evaluator.Options{AsOf: generate.AsOf, Tracer: &c}); err != nil {
		t.Fatal(err)
	}
	return c.Steps()
}

// TestTerraformScalesLinearly guards the Terraform controls and the provider
// mapping against a join worse than linear: ten times the inventory and ten
// times its Terraform resources must take about ten times the evaluation steps.
func TestTerraformScalesLinearly(t *testing.T) {
	ps := load(t)
	small := terraformSteps(t, ps, 400, 200)
	large := terraformSteps(t, ps, 4000, 2000)
	ratio := float64(large) / float64(small)
	t.Logf("evaluation steps: %d at 400 resources and 200 Terraform resources, %d at 4,000 and 2,000 (ratio %.1f)", small, large, ratio)
	if ratio > 14 {
		t.Errorf("10x the resources took %.1fx the evaluation steps: some policy is worse than linear", ratio)
	}
}
