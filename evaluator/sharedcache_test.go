package evaluator

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/baomi-dev/baomi/internal/generate"
	"github.com/baomi-dev/baomi/policies"
)

func TestLibraryRuleIsAWholeLibraryRule(t *testing.T) {
	for ref, want := range map[string]string{
		"data.baomi.lib.holding_systems":           "holding_systems",
		"data.baomi.lib.stored_data":               "stored_data",
		`data.baomi.lib.stored_data["system.crm"]`: "",
		"data.baomi.lib.facts.partners":            "",
		"data.baomi.controls.backup_offsite.deny":  "",
		"data.baomi.libx.holding_systems":          "",
		"data.other.lib.holding_systems":           "",
		"input.baomi.lib.holding_systems":          "",
	} {
		r, err := ast.ParseRef(ref)
		if err != nil {
			t.Fatal(err)
		}
		if got := libraryRule(r); got != want {
			t.Errorf("libraryRule(%s) = %q, want %q", ref, got, want)
		}
	}
}

// offTracer turns the sharing of library values off (a tracer is set) without
// tracing anything.
type offTracer struct{}

func (offTracer) Enabled() bool               { return false }
func (offTracer) TraceEvent(topdown.Event)    {}
func (offTracer) Config() topdown.TraceConfig { return topdown.TraceConfig{} }

// TestSharedLibraryValuesChangeNoResult evaluates inventories of several
// shapes, and a user control that reads the library under `with input`, with
// the controls' queries sharing the library's values and without: the reports
// must be the same, and the `with` must see its own input.
func TestSharedLibraryValuesChangeNoResult(t *testing.T) {
	user := t.TempDir()
	src := `# METADATA
# title: t
# description: d
# custom:
#   id: X-9.9-01
#   short_code: with-input
#   article: "9.9"
#   severity: low
#   title_zh: t
#   remediation: r
#   remediation_zh: r
package user.with_input

import data.baomi.lib

applicable contains "system.only_under_with"

deny contains {"resource": "system.only_under_with", "message": sprintf("%d", [count(held)])} if {
	held := lib.holding_systems with input as {"data_assets": {"data_asset.x": {"stored_in": ["system.only_under_with"]}}}
	held == {"system.only_under_with"}
}
`
	if err := os.WriteFile(filepath.Join(user, "with.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	ps, err := Load(context.Background(), policies.FS, []string{user}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []generate.Options{
		{Resources: 1500, Files: 1, Seed: 3},
		{Resources: 1500, Files: 1, Seed: 4, LongLists: 5},
		{Resources: 1500, Files: 1, Seed: 5, Partners: 1, LongLine: true},
	} {
		inv := generatedInventory(t, o)
		in := Input{Document: inv.Document, Locator: inv}
		shared, err := ps.Evaluate(context.Background(), in, Options{AsOf: generate.AsOf, Partners: true})
		if err != nil {
			t.Fatal(err)
		}
		own, err := ps.Evaluate(context.Background(), in, Options{AsOf: generate.AsOf, Partners: true, Tracer: offTracer{}})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(shared, own) {
			t.Errorf("%+v: the report with shared library values differs from the one without", o)
		}
		failed := false
		for _, r := range shared.Results {
			if r.Control.ID == "X-9.9-01" {
				failed = r.Status == Fail
			}
		}
		if !failed {
			t.Errorf("%+v: the control reading the library under `with input` did not see its own input", o)
		}
	}
}
