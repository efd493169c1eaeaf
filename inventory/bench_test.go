package inventory_test

import (
	"testing"

	"github.com/baomi-dev/baomi/internal/benchdata"
	"github.com/baomi-dev/baomi/inventory"
)

// BenchmarkDecode reads a generated inventory of each size into the input document.
func BenchmarkDecode(b *testing.B) {
	for _, n := range benchdata.Sizes {
		dir := benchdata.Inventory(b, n)
		b.Run(benchdata.Name(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, diags := inventory.Load([]string{dir}); diags.HasErrors() {
					b.Fatal(diags)
				}
			}
		})
	}
}
