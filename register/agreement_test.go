package register

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/generate"
	"github.com/baomi-dev/baomi/inventory"
)

// TestRegisterAgreesWithCheck: partners and check agree by construction. Over
// generated inventories (several seeds) and every scenario under
// fixtures/chapter*, each partner's standing equals what its 4.5 results say
// (found by article, not by the register's list of controls), and its cover,
// lapse date, uncovered data and stale evidence are what the facts give and
// what the controls judged.
func TestRegisterAgreesWithCheck(t *testing.T) {
	type run struct {
		name, dir, asOf string
		settings        map[string]any
	}
	var runs []run
	for _, seed := range []int64{1, 2, 3, 4} {
		dir := t.TempDir()
		if err := generate.Write(dir, generate.Options{Resources: 2000, Files: 1, Seed: seed}); err != nil {
			t.Fatal(err)
		}
		runs = append(runs, run{name: fmt.Sprintf("generated seed %d", seed), dir: dir, asOf: asOf})
	}
	scenarios, err := filepath.Glob("../fixtures/chapter*/*/expected.yaml")
	if err != nil || len(scenarios) == 0 {
		t.Fatalf("no scenarios found: %v", err)
	}
	for _, exp := range scenarios {
		raw, err := os.ReadFile(exp)
		if err != nil {
			t.Fatal(err)
		}
		var e struct {
			AsOf     string         `yaml:"as_of"`
			Settings map[string]any `yaml:"settings"`
		}
		if err := yaml.Unmarshal(raw, &e); err != nil {
			t.Fatalf("%s: %v", exp, err)
		}
		runs = append(runs, run{name: filepath.Dir(exp), dir: filepath.Dir(exp), asOf: e.AsOf, settings: e.Settings})
	}
	partners := 0
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			inv, diags := inventory.Load([]string{r.dir})
			if diags.HasErrors() {
				t.Fatalf("inventory errors: %v", diags)
			}
			rep, err := builtin(t).Evaluate(context.Background(), evaluator.Input{Document: inv.Document, Locator: inv},
				evaluator.Options{AsOf: r.asOf, Settings: r.settings, Partners: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range Build(rep) {
				partners++
				agree(t, p, rep, inv.Document)
			}
		})
	}
	if partners < 100 {
		t.Errorf("only %d partners checked: the agreement test needs real inventories", partners)
	}
}

// agree checks one row of the register against the results and facts it came from.
func agree(t *testing.T, p Partner, rep *evaluator.Report, doc map[string]any) {
	t.Helper()
	ndaPartner := map[string]string{}
	agreements, _ := doc["agreements"].(map[string]any)
	for addr, ag := range agreements {
		if partner, ok := ag.(map[string]any)["partner"].(string); ok {
			ndaPartner[addr] = partner
		}
	}
	results := map[string][]*evaluator.Result{}
	for _, r := range rep.Results {
		if !strings.HasPrefix(r.Control.Article, "4.5") {
			continue
		}
		if r.Resource == p.Address || ndaPartner[r.Resource] == p.Address {
			results[r.Control.ID] = append(results[r.Control.ID], r)
		}
	}
	want := NotReceiving
	seen := map[evaluator.Status]bool{}
	for _, rs := range results {
		for _, r := range rs {
			seen[r.Status] = true
		}
	}
	switch {
	case seen[evaluator.Fail]:
		want = AtRisk
	case seen[evaluator.Warn]:
		want = Attention
	case len(results) > 0:
		want = OK
	}
	if p.Standing != want {
		t.Errorf("%s: register says %s, its 4.5 results say %s (%v)", p.Address, p.Standing, want, seen)
	}

	f := rep.Facts.Partners[p.Address]
	if f == nil {
		t.Fatalf("%s: in the register but not in the facts", p.Address)
	}
	c := f.Cover
	if p.Cover.Status != c.Status || deref(p.Cover.Lapses) != deref(c.Lapses) || intText(p.Cover.DaysLeft) != intText(c.DaysLeft) || p.Cover.ExpiringSoon != c.ExpiringSoon {
		t.Errorf("%s: register cover %s %s, facts %s %s", p.Address, p.Cover.Status, deref(p.Cover.Lapses), c.Status, deref(c.Lapses))
	}
	if c.Status == evaluator.CoverLapses {
		earliest := ""
		for _, a := range f.Receives {
			if a.CoveredUntil != nil && (earliest == "" || *a.CoveredUntil < earliest) {
				earliest = *a.CoveredUntil
			}
		}
		if *c.Lapses != earliest {
			t.Errorf("%s: cover lapses %s, the earliest lapse of its data is %s", p.Address, *c.Lapses, earliest)
		}
	}
	// status is a control's status on the partner; a waived result counts as
	// the failure or warning it waives.
	status := func(id string) evaluator.Status {
		for _, r := range results[id] {
			if r.Resource == p.Address && r.Status == evaluator.Waived && id == "BM-4.5.1-04" {
				return evaluator.Warn
			}
			if r.Resource == p.Address && r.Status == evaluator.Waived {
				return evaluator.Fail
			}
			if r.Resource == p.Address {
				return r.Status
			}
		}
		return NotJudged
	}
	expiring := status("BM-4.5.1-04")
	if p.Cover.ExpiringSoon != (expiring == evaluator.Warn) {
		t.Errorf("%s: register expiring soon %v (cover %s, lapses %s), BM-4.5.1-04 %s", p.Address, p.Cover.ExpiringSoon, p.Cover.Status, deref(p.Cover.Lapses), expiring)
	}
	if expiring == evaluator.Warn {
		msg := results["BM-4.5.1-04"][0].Message
		if !strings.Contains(msg, "covered until "+*p.Cover.Lapses) {
			t.Errorf("%s: cover lapses %s in the register, BM-4.5.1-04 says %q", p.Address, *p.Cover.Lapses, msg)
		}
	}
	if s := status("BM-4.5.1-01"); (s == evaluator.Fail) != (p.receiving && len(p.NDAsInForce()) == 0) {
		t.Errorf("%s: NDAs in force %v, BM-4.5.1-01 %s", p.Address, p.NDAsInForce(), s)
	}
	if s := status("BM-4.5.1-03"); s != NotJudged && (s == evaluator.Fail) != (len(p.Uncovered) > 0) {
		t.Errorf("%s: uncovered %v, BM-4.5.1-03 %s", p.Address, p.Uncovered, s)
	}
	if s := status("BM-4.5.2-01"); p.Assessment != nil && p.Assessment.Stale && s != evaluator.Fail {
		t.Errorf("%s: stale assessment %+v, BM-4.5.2-01 %s", p.Address, *p.Assessment, s)
	}
	if s := status("BM-4.5.2-02"); p.Monitoring != nil && p.Monitoring.Stale && s != evaluator.Fail {
		t.Errorf("%s: stale monitoring %+v, BM-4.5.2-02 %s", p.Address, *p.Monitoring, s)
	}
}
