package evaluator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
)

// TestFactsBesideResults checks that one evaluation returns the library's facts
// with the results, and that the facts and the 4.5 results agree.
func TestFactsBesideResults(t *testing.T) {
	ps := load(t)
	d := doc(map[string]any{})
	d["organization"] = map[string]any{"organization.acme": map[string]any{"name": "Acme"}}
	d["partners"] = map[string]any{
		"partner.gap": map[string]any{"name": "Gap Ltd", "receives": []any{"data_asset.cards"},
			"security_assessment": []any{map[string]any{"date": "2025-06-15", "result": "pass"}}},
	}
	d["agreements"] = map[string]any{
		"agreement.old": map[string]any{"partner": "partner.gap", "kind": "nda", "signed": "2025-01-01",
			"expires": "2026-12-10", "covers": []any{"data_asset.cards"}},
		"agreement.renewal": map[string]any{"partner": "partner.gap", "kind": "nda", "signed": "2026-12-20",
			"expires": "9999-12-31", "covers": []any{"data_asset.cards"}},
	}
	lean := evaluate(t, ps, d, evaluator.Options{Settings: map[string]any{"nda_expiry_warning_days": 30}})
	if lean.Facts.Partners != nil || lean.Facts.Organization != "Acme" {
		t.Errorf("without Partners: partner facts %v, organization %q; want none and Acme", lean.Facts.Partners, lean.Facts.Organization)
	}
	rep := evaluate(t, ps, d, evaluator.Options{Settings: map[string]any{"nda_expiry_warning_days": 30}, Partners: true})
	f := rep.Facts
	if f == nil {
		t.Fatal("the report carries no facts")
	}
	if f.Organization != "Acme" || f.NDAExpiryWarningDays != 30 {
		t.Errorf("organization %q, warning days %d; want Acme, 30", f.Organization, f.NDAExpiryWarningDays)
	}
	p := f.Partners["partner.gap"]
	if p == nil {
		t.Fatalf("no facts for partner.gap: %v", f.Partners)
	}
	if p.Name != "Gap Ltd" || !p.Receiving {
		t.Errorf("name %q receiving %v", p.Name, p.Receiving)
	}
	c := p.Cover
	if c.Status != evaluator.CoverLapses || c.Lapses == nil || *c.Lapses != "2026-12-10" || *c.DaysLeft != 14 || !c.ExpiringSoon {
		t.Errorf("cover %+v, want lapses 2026-12-10 in 14 days, expiring soon", c)
	}
	if got := p.NDAs[1]; got.Address != "agreement.renewal" || got.State != "not_yet_signed" || *got.DaysLeft != 2912113 {
		t.Errorf("renewal %+v, want not_yet_signed with 2912113 days left", got)
	}
	if a := p.Assessment; a == nil || a.AgeDays != 529 || !a.Stale {
		t.Errorf("assessment %+v, want 529 days old and stale", a)
	}
	if r := find(rep, "BM-4.5.1-04", "partner.gap"); r == nil || r.Status != evaluator.Warn || !strings.Contains(r.Message, "covered until 2026-12-10") {
		t.Errorf("BM-4.5.1-04 on partner.gap: %+v, want a warning naming 2026-12-10", r)
	}
	if r := find(rep, "BM-4.5.2-01", "partner.gap"); r == nil || r.Status != evaluator.Fail || r.Severity != evaluator.Critical || strings.Join(r.RaisedBy, ",") != "data_asset.cards" {
		t.Errorf("BM-4.5.2-01 on partner.gap: %+v, want a failure raised to critical by data_asset.cards", r)
	}
}

// TestSettingsTypesFromFacts: the facts contract gives the words a setting of
// kind Frequency allows; day counts are whole numbers in range.
func TestSettingsTypesFromFacts(t *testing.T) {
	ps := load(t)
	for _, tc := range []struct {
		settings map[string]any
		err      string
	}{
		{map[string]any{"backup_min_frequency": 5}, "backup_min_frequency must be one of daily, monthly, none, quarterly, weekly, got 5"},
		{map[string]any{"backup_min_frequency": "hourly"}, "backup_min_frequency must be one of"},
		{map[string]any{"nda_expiry_warning_days": "weekly"}, `nda_expiry_warning_days must be a whole number of days from 0 to 36500, got "weekly"`},
		{map[string]any{"nda_expiry_warning_days": -1}, "nda_expiry_warning_days must be a whole number of days from 0 to 36500, got -1"},
		{map[string]any{"backup_min_frequency": "monthly", "nda_expiry_warning_days": 0}, ""},
	} {
		_, err := ps.Evaluate(context.Background(), evaluator.Input{Document: doc(nil)}, evaluator.Options{AsOf: "2026-11-26", Settings: tc.settings})
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%v: %v", tc.settings, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%v: got %v, want %q", tc.settings, err, tc.err)
		}
	}
}
