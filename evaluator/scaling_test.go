package evaluator_test

import (
	"context"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/generate"
	"github.com/baomi-dev/baomi/inventory"
)

func evalSteps(t *testing.T, ps *evaluator.Policies, resources int) int64 {
	t.Helper()
	return shapeSteps(t, ps, generate.Options{Resources: resources, Files: 1, Seed: 1})
}

// shapeSteps counts the evaluation steps of the inventory opts generates.
func shapeSteps(t *testing.T, ps *evaluator.Policies, opts generate.Options) int64 {
	t.Helper()
	dir := t.TempDir()
	if err := generate.Write(dir, opts); err != nil {
		t.Fatal(err)
	}
	inv, diags := inventory.Load([]string{dir})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var c evaluator.StepCounter
	_, err := ps.Evaluate(context.Background(), evaluator.Input{Document: inv.Document},
		evaluator.Options{AsOf: generate.AsOf, Tracer: &c})
	if err != nil {
		t.Fatal(err)
	}
	return c.Steps()
}

// TestEvaluationScalesLinearly guards against a policy join that is quadratic in
// the inventory's size: ten times the resources must take about ten times the
// evaluation steps (a quadratic join would take a hundred times).
func TestEvaluationScalesLinearly(t *testing.T) {
	ps := load(t)
	small := evalSteps(t, ps, 400)
	large := evalSteps(t, ps, 4000)
	ratio := float64(large) / float64(small)
	t.Logf("evaluation steps: %d at 400 resources, %d at 4,000 (ratio %.1f)", small, large, ratio)
	if ratio > 14 {
		t.Errorf("10x the resources took %.1fx the evaluation steps: some policy is worse than linear", ratio)
	}
}

// TestEveryShapeScalesLinearly does the same for the generator's shapes, which
// put many resources behind one key: a policy that groups them with a scan per
// member (one partner receiving every data asset took 16x the default shape's
// time at 5,000 resources) is linear in the default shape and quadratic here.
func TestEveryShapeScalesLinearly(t *testing.T) {
	ps := load(t)
	shapes := []struct {
		name string
		opts func(n int) generate.Options
	}{
		{"one partner receiving everything", func(n int) generate.Options {
			return generate.Options{Resources: n, Partners: 1, LongLine: true}
		}},
		{"six departments owning everything", func(n int) generate.Options {
			return generate.Options{Resources: n, Departments: 6}
		}},
		{"long stored_in and covers lists", func(n int) generate.Options {
			return generate.Options{Resources: n, LongLists: 20}
		}},
		{"independent", func(n int) generate.Options {
			return generate.Independent(generate.Options{Resources: n})
		}},
	}
	for _, shape := range shapes {
		t.Run(shape.name, func(t *testing.T) {
			steps := func(n int) int64 {
				o := shape.opts(n)
				o.Files, o.Seed = 1, 1
				return shapeSteps(t, ps, o)
			}
			small, large := steps(400), steps(4000)
			ratio := float64(large) / float64(small)
			t.Logf("evaluation steps: %d at 400 resources, %d at 4,000 (ratio %.1f)", small, large, ratio)
			if ratio > 14 {
				t.Errorf("10x the resources took %.1fx the evaluation steps: some policy is worse than linear in this shape", ratio)
			}
		})
	}
}
