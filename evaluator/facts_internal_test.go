package evaluator

import (
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestReadFactsRefusesAnIncompleteContract: facts without resources would drop
// every top_secret raise in silence, a false pass; they are an error instead.
func TestReadFactsRefusesAnIncompleteContract(t *testing.T) {
	complete := `{"organization": "Acme", "resources": {"system.db": {"raised_by": ["data_asset.cards"]}}, "partners": {}, "nda_expiry_warning_days": 60}`
	f, err := readFacts(ast.MustParseTerm(complete).Value, true)
	if err != nil || strings.Join(f.raisedBy["system.db"], ",") != "data_asset.cards" || f.Partners == nil || f.Organization != "Acme" {
		t.Fatalf("complete facts: %+v, %v", f, err)
	}
	for _, missing := range []string{"organization", "resources", "partners", "nda_expiry_warning_days"} {
		v := ast.MustParseTerm(complete).Value.(ast.Object)
		kept := ast.NewObject()
		v.Foreach(func(k, val *ast.Term) {
			if k.Value.Compare(ast.String(missing)) != 0 {
				kept.Insert(k, val)
			}
		})
		if _, err := readFacts(kept, true); err == nil || !strings.Contains(err.Error(), "lack "+missing) {
			t.Errorf("facts without %s: %v", missing, err)
		}
		if _, err := readFacts(kept, false); (err == nil) != (missing == "partners") {
			t.Errorf("facts without %s, partner facts not asked for: %v", missing, err)
		}
	}
	if _, err := readFacts(ast.String("no"), false); err == nil {
		t.Error("facts that are not an object must be an error")
	}
}
