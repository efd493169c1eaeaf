package evaluator_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
)

// TestBaselineStaleEntries: Apply accepts the failures the baseline records and
// returns, sorted, the entries that accept none: a fixed failure, a waived one,
// and one naming a resource that is gone.
func TestBaselineStaleEntries(t *testing.T) {
	ps := load(t)
	waivers := map[string]any{"waiver.w": map[string]any{"control": "BM-4.2.1-03", "resource": "system.vault", "reason": "r", "approved_by": "a", "expires": "2027-01-01"}}
	rep := evaluate(t, ps, doc(waivers), evaluator.Options{})
	if r := find(rep, "BM-4.2.1-03", "system.vault"); r == nil || r.Status != evaluator.Waived {
		t.Fatalf("the waived result this test needs: %+v", r)
	}
	src := `{"version": 1, "as_of": "2026-11-26", "failures": [
		{"control": "BM-4.2.1-04", "resource": "system.vault"},
		{"control": "BM-4.2.1-04", "resource": "system.crm"},
		{"control": "BM-4.2.1-03", "resource": "system.vault"},
		{"control": "BM-4.2.1-04", "resource": "system.gone"}
	]}`
	b, err := evaluator.ReadBaseline(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	stale := b.Apply(rep)
	want := []evaluator.BaselineEntry{
		{Control: "BM-4.2.1-03", Resource: "system.vault"},
		{Control: "BM-4.2.1-04", Resource: "system.crm"},
		{Control: "BM-4.2.1-04", Resource: "system.gone"},
	}
	if !reflect.DeepEqual(stale, want) {
		t.Errorf("stale entries = %+v, want %+v", stale, want)
	}
	if r := find(rep, "BM-4.2.1-04", "system.vault"); !r.Baselined || rep.Summary.Baselined != 1 {
		t.Errorf("the recorded failure is not accepted: %+v, %d baselined", r, rep.Summary.Baselined)
	}

	var buf bytes.Buffer
	if err := evaluator.WriteBaseline(&buf, rep); err != nil {
		t.Fatal(err)
	}
	fresh, err := evaluator.ReadBaseline(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if stale := fresh.Apply(evaluate(t, ps, doc(waivers), evaluator.Options{})); len(stale) != 0 {
		t.Errorf("a baseline just written has stale entries: %+v", stale)
	}
}
