package main

import (
	"io"
	"testing"

	"github.com/baomi-dev/baomi/internal/benchdata"
)

// BenchmarkCheck runs baomi check end to end, compile included, writing the JSON
// report, at each size. Peak memory is measured by scripts/bench.sh.
func BenchmarkCheck(b *testing.B) {
	for _, n := range benchdata.Sizes {
		dir := benchdata.Inventory(b, n)
		b.Run(benchdata.Name(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if code := run([]string{"check", dir, "--as-of", "2026-11-26", "--format", "json"}, io.Discard, io.Discard); code != 1 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
