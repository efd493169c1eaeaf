package report_test

import (
	"context"
	"io"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/benchdata"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/policies"
	"github.com/baomi-dev/baomi/report"
)

// BenchmarkReport writes the report of a 10,000- and a 100,000-resource
// inventory in every format.
func BenchmarkReport(b *testing.B) {
	ps, err := evaluator.Load(context.Background(), policies.FS, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range benchdata.Sizes[1:] {
		inv, diags := inventory.Load([]string{benchdata.Inventory(b, n)})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		rep, err := ps.Evaluate(context.Background(), evaluator.Input{Document: inv.Document, Locator: inv}, evaluator.Options{AsOf: "2026-11-26"})
		if err != nil {
			b.Fatal(err)
		}
		for _, format := range report.Formats() {
			b.Run(benchdata.Name(n)+"/"+format, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := report.Write(io.Discard, format, rep, report.Options{Lang: "en"}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
