package evaluator_test

import (
	"context"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/benchdata"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/policies"
)

// BenchmarkCompile loads and compiles every built-in policy, as each run does.
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := evaluator.Load(context.Background(), policies.FS, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluate runs all controls over a decoded inventory of each size.
func BenchmarkEvaluate(b *testing.B) {
	benchmarkEvaluate(b, evaluator.Options{AsOf: "2026-11-26"})
}

// BenchmarkEvaluatePartners does the same with the partner facts, as baomi
// partners asks for them.
func BenchmarkEvaluatePartners(b *testing.B) {
	benchmarkEvaluate(b, evaluator.Options{AsOf: "2026-11-26", Partners: true})
}

func benchmarkEvaluate(b *testing.B, opts evaluator.Options) {
	ps, err := evaluator.Load(context.Background(), policies.FS, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range benchdata.Sizes {
		inv, diags := inventory.Load([]string{benchdata.Inventory(b, n)})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		b.Run(benchdata.Name(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ps.Evaluate(context.Background(), evaluator.Input{Document: inv.Document, Locator: inv}, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
