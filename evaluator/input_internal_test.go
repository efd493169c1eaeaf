package evaluator

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/baomi-dev/baomi/internal/generate"
	"github.com/baomi-dev/baomi/inventory"
)

// TestInputValueIsInterfaceToValue holds the concurrent conversion of the input,
// with its shared string terms, to OPA's own conversion of the whole document,
// settings of every type included, and to its errors.
func TestInputValueIsInterfaceToValue(t *testing.T) {
	inv := generatedInventory(t, generate.Options{Resources: 3000, Files: 2, Seed: 7})
	input := InputDocument(inv.Document, Options{AsOf: "2026-11-26", Settings: map[string]any{"patch_max_age_days": 10,
		"ratio": 0.5, "big": int64(1) << 40, "names": []string{"a", "b"}, "none": nil, "n": json.Number("12"),
		"nested": map[string]any{"list": []any{"x", true, int64(3), 2.25}}}})
	want, err := ast.InterfaceToValue(input)
	if err != nil {
		t.Fatal(err)
	}
	got, err := inputValue(input)
	if err != nil {
		t.Fatal(err)
	}
	if got.Compare(want) != 0 {
		t.Fatal("the concurrent conversion differs from ast.InterfaceToValue")
	}
	input["systems"] = map[string]any{"system.x": make(chan int)}
	if _, err := inputValue(input); err == nil {
		t.Fatal("a value OPA cannot convert gave no error")
	}
}

// TestLargeObjectsConvertInKeyOrder: the members of an object larger than
// sortedObjectSize are built in key order, the order OPA walks them, so that
// they lie in memory in that order. Walked in key order, nearly every next
// member's term and key text is at a higher address (Go's allocator hands out
// one span's slots upwards; only the change to a new span can go down): built
// in the map's random order, or with the decoder's texts made in another
// order, about half would be. The keys' terms are made first, before the
// members' values, so most lie right after the one before; with the values'
// terms between them, none would. Other goroutines of the test binary can
// allocate between the conversion's terms, so each share is the best of five
// conversions, and the adjacency's bar is lower.
func TestLargeObjectsConvertInKeyOrder(t *testing.T) {
	resources := map[string]any{}
	for _, i := range rand.New(rand.NewPCG(1, 2)).Perm(4000) {
		resources[fmt.Sprintf("system.s%d", i)] = map[string]any{"name": fmt.Sprintf("System %d", i)}
	}
	share := func(addrs []uintptr, ok func(gap uintptr) bool) float64 {
		n := 0
		for i := 1; i < len(addrs); i++ {
			if addrs[i] > addrs[i-1] && ok(addrs[i]-addrs[i-1]) {
				n++
			}
		}
		return float64(n) / float64(len(addrs)-1)
	}
	higher := func(uintptr) bool { return true }
	adjacent := func(gap uintptr) bool { return gap < 2*unsafe.Sizeof(ast.Term{}) }
	var best struct{ members, texts, keys float64 }
	for range 5 {
		b := &termBuilder{strings: map[string]*ast.Term{}}
		value, err := b.term(resources)
		if err != nil {
			t.Fatal(err)
		}
		var members, keys, texts []uintptr
		value.Value.(ast.Object).Foreach(func(k, v *ast.Term) {
			members = append(members, uintptr(unsafe.Pointer(v)))
			keys = append(keys, uintptr(unsafe.Pointer(k)))
			texts = append(texts, uintptr(unsafe.Pointer(unsafe.StringData(string(k.Value.(ast.String))))))
		})
		best.members = max(best.members, share(members, higher))
		best.texts = max(best.texts, share(texts, higher))
		best.keys = max(best.keys, share(keys, adjacent))
	}
	for name, s := range map[string]float64{"members' terms": best.members, "keys' texts": best.texts} {
		if s < 0.9 {
			t.Errorf("walked in key order, %.0f%% of the %s are at a higher address than the one before, want 90%% or more", 100*s, name)
		}
	}
	if best.keys < 0.6 {
		t.Errorf("walked in key order, %.0f%% of the keys' terms lie right after the one before, want 60%% or more", 100*best.keys)
	}
}

// generatedInventory decodes the inventory opts generates, written to a new
// folder.
func generatedInventory(t *testing.T, opts generate.Options) *inventory.Inventory {
	t.Helper()
	dir := t.TempDir()
	if err := generate.Write(dir, opts); err != nil {
		t.Fatal(err)
	}
	inv, diags := inventory.Load([]string{dir})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return inv
}
