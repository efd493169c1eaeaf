package evaluator

import (
	"encoding/json"
	"testing"

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
