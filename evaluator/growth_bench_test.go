package evaluator

import (
	"context"
	"math/rand/v2"
	"os"
	"runtime"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/baomi-dev/baomi/internal/benchdata"
	"github.com/baomi-dev/baomi/internal/generate"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/policies"
)

// growthSizes are the two sizes whose ratio docs/performance.md calls the
// growth from 100,000 to 1,000,000 resources.
var growthSizes = []int{100_000, 1_000_000}

// growthAsked skips a growth benchmark unless BAOMI_GROWTH is set: at
// 1,000,000 resources they take minutes and up to 13 GB, too much for
// "-bench .".
func growthAsked(b *testing.B) {
	b.Helper()
	if os.Getenv("BAOMI_GROWTH") == "" {
		b.Skip("set BAOMI_GROWTH=1 to run it at 100,000 and 1,000,000 resources (minutes, up to 13 GB)")
	}
}

// growthInventory loads the benchmark inventory of n resources.
func growthInventory(b *testing.B, n int) *inventory.Inventory {
	b.Helper()
	inv, diags := inventory.Load([]string{benchdata.Inventory(b, n)})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	return inv
}

// BenchmarkResourceLookup reads the name of a resource picked at random from
// the input the policies see, as a policy does when it follows a reference:
// the same code and the same work per lookup at both sizes, so a lookup that
// takes longer at 1,000,000 resources measures the machine's caches and page
// tables on a heap ten times larger, not the evaluation's algorithm.
func BenchmarkResourceLookup(b *testing.B) {
	growthAsked(b)
	for _, n := range growthSizes {
		b.Run(benchdata.Name(n), func(b *testing.B) {
			inv := growthInventory(b, n)
			value, err := inputValue(InputDocument(inv.Document, Options{AsOf: generate.AsOf}))
			if err != nil {
				b.Fatal(err)
			}
			input := value.(ast.Object)
			var refs [][2]*ast.Term
			input.Foreach(func(collection, resources *ast.Term) {
				if obj, ok := resources.Value.(ast.Object); ok {
					obj.Foreach(func(address, _ *ast.Term) {
						refs = append(refs, [2]*ast.Term{collection, address})
					})
				}
			})
			rand.New(rand.NewPCG(1, 2)).Shuffle(len(refs), func(i, j int) { refs[i], refs[j] = refs[j], refs[i] })
			inv = nil
			runtime.GC()
			name := ast.StringTerm("name")
			found, i := 0, 0
			for b.Loop() {
				ref := refs[i%len(refs)]
				resource := input.Get(ref[0]).Value.(ast.Object).Get(ref[1])
				if resource.Value.(ast.Object).Get(name) != nil {
					found++
				}
				i++
			}
			if found == 0 {
				b.Fatal("no resource looked up has a name")
			}
		})
	}
}

// BenchmarkEvaluationWork evaluates every control once at each size and reports
// the work per resource: evaluation steps (counted by a tracer, in a second
// evaluation, as tracing slows it) and heap allocations. Equal figures at both
// sizes mean the evaluation's work grows linearly. Run it with -benchtime 1x.
func BenchmarkEvaluationWork(b *testing.B) {
	growthAsked(b)
	ctx := context.Background()
	ps, err := Load(ctx, policies.FS, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range growthSizes {
		b.Run(benchdata.Name(n), func(b *testing.B) {
			inv := growthInventory(b, n)
			in := Input{Document: inv.Document, Locator: inv}
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				if _, err := ps.Evaluate(ctx, in, Options{AsOf: generate.AsOf}); err != nil {
					b.Fatal(err)
				}
				runtime.ReadMemStats(&after)
				var steps StepCounter
				if _, err := ps.Evaluate(ctx, in, Options{AsOf: generate.AsOf, Tracer: &steps}); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(steps.Steps())/float64(n), "steps/resource")
				b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(n), "allocs/resource")
				b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(n), "B/resource")
			}
		})
	}
}
