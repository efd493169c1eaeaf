package evaluator

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// factsPackage is the Rego package whose rules are returned beside the results:
// the facts contract (policies/lib/facts.rego).
const factsPackage = "data.baomi.lib.facts"

// factsRules are the rules of the facts contract read beside every evaluation;
// partnerFactsRule is read as well when a view asks for the partner facts,
// which cost a pass over every partner that check does not need.
var factsRules = []string{"organization", "nda_expiry_warning_days", "resources"}

const partnerFactsRule = "partners"

// factsQuery is the object of facts rules the facts query binds to facts.
func factsQuery(partners bool) string {
	rules := factsRules
	if partners {
		rules = append(slices.Clone(rules), partnerFactsRule)
	}
	parts := make([]string, len(rules))
	for i, r := range rules {
		parts[i] = fmt.Sprintf("%q: %s.%s", r, factsPackage, r)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// Facts are the library's judgements about the inventory, computed in the same
// evaluation as the results, for views to render rather than re-derive.
type Facts struct {
	// Organization is the organization's name, or its address when it has none;
	// "" without an organization block.
	Organization string
	// NDAExpiryWarningDays is the window of BM-4.5.1-04 in force.
	NDAExpiryWarningDays int
	// Partners holds every partner's facts, by address; nil unless
	// Options.Partners asked for them.
	Partners map[string]*PartnerFacts
	// raisedBy maps a resource to the top_secret assets that raise its findings.
	raisedBy map[string][]string
}

// PartnerFacts is what the library knows of one partner.
type PartnerFacts struct {
	Address string `json:"address"`
	// Name is the partner's name attribute, "" when it has none.
	Name string `json:"name"`
	// Receiving holds when the partner receives customer data (by its receives
	// list or a transfer), so that the 4.5 controls apply to it.
	Receiving bool `json:"receiving"`
	// Receives lists the data assets the partner receives, by address.
	Receives []ReceivedAsset `json:"receives"`
	// Channels lists the transfers to the partner, by transfer address.
	Channels []Channel `json:"channels"`
	// NDAs lists the partner's agreements of kind nda, in force or not, by address.
	NDAs []NDA `json:"ndas"`
	// NDAsInForce lists the addresses of the NDAs in force on the as-of date.
	NDAsInForce []string `json:"ndas_in_force"`
	// Uncovered lists the received assets that no NDA in force covers.
	Uncovered []string `json:"uncovered"`
	// UncoveredTopSecret holds when an uncovered asset is top_secret.
	UncoveredTopSecret bool  `json:"uncovered_top_secret"`
	Cover              Cover `json:"cover"`
	// Assessment is the latest security assessment that counts; nil without one.
	Assessment *Assessment `json:"assessment"`
	// Monitoring is the partner's monitoring block; nil without one.
	Monitoring *Monitoring `json:"monitoring"`
}

// ReceivedAsset is a data asset a partner receives.
type ReceivedAsset struct {
	Address        string  `json:"address"`
	Category       *string `json:"category"`
	Classification *string `json:"classification"`
	// Via says how the partner receives it: "receives" (its receives list) and
	// the addresses of the transfers that carry it.
	Via []string `json:"via"`
	// CoveredBy lists the partner's NDAs in force that cover the asset.
	CoveredBy []string `json:"covered_by"`
	// CoveredUntil is the last day of the asset's unbroken NDA cover, renewals
	// included: null when no NDA in force covers it, or when the cover never lapses.
	CoveredUntil *string `json:"covered_until"`
}

// Channel is one transfer to a partner and the channel it uses.
type Channel struct {
	Transfer string `json:"transfer"`
	Asset    string `json:"asset"`
	// Channel is the channel's address; Kind and Encrypted are as declared on it.
	Channel   string  `json:"channel"`
	Kind      *string `json:"kind"`
	Encrypted *bool   `json:"encrypted"`
}

// NDA is one agreement of kind nda with a partner.
type NDA struct {
	Address string  `json:"address"`
	Signed  *string `json:"signed"`
	Expires *string `json:"expires"`
	// State is in_force, expired, not_yet_signed (signed after the as-of date) or
	// unsigned (no signed date).
	State   string `json:"state"`
	InForce bool   `json:"in_force"`
	// DaysLeft counts the calendar days from the as-of date to expires (negative
	// once expired); null when the NDA has no end.
	DaysLeft *int `json:"days_left"`
	// TermsComplete holds when confidentiality_obligations and liability are true
	// and scope_of_use names at least one use; MissingTerms lists what is not.
	TermsComplete bool     `json:"terms_complete"`
	MissingTerms  []string `json:"missing_terms"`
	Covers        []string `json:"covers"`
}

// The states of Cover.
const (
	// CoverNotNeeded: the partner receives no data.
	CoverNotNeeded = "not_needed"
	// CoverMissing: no NDA in force covers any data the partner receives, and
	// none of its NDAs that expired did either.
	CoverMissing = "missing"
	// CoverLapsed: no NDA in force covers any data the partner receives; an
	// expired NDA of the partner once covered some of it.
	CoverLapsed = "lapsed"
	// CoverLapses: NDAs in force cover received data until Cover.Lapses.
	CoverLapses = "lapses"
	// CoverOngoing: the cover of the received data never lapses.
	CoverOngoing = "ongoing"
)

// Cover says until when NDAs cover the data a partner receives. Data that no
// NDA in force covers at all is in PartnerFacts.Uncovered; it does not move the
// lapse date (BM-4.5.1-03 judges it).
type Cover struct {
	// Status is not_needed, missing, lapsed, lapses or ongoing.
	Status string `json:"status"`
	// Lapses is the earliest CoveredUntil of the received assets; set only when
	// Status is lapses.
	Lapses   *string `json:"lapses"`
	DaysLeft *int    `json:"days_left"`
	// ExpiringSoon holds when the cover lapses within nda_expiry_warning_days,
	// which is when BM-4.5.1-04 warns.
	ExpiringSoon bool `json:"expiring_soon"`
}

// Assessment is a partner's latest security assessment dated on or before the as-of date.
type Assessment struct {
	Date    string  `json:"date"`
	Result  *string `json:"result"`
	AgeDays int     `json:"age_days"`
	// Stale holds when it is older than assessment_max_age_days.
	Stale bool `json:"stale"`
}

// Monitoring is a partner's declared monitoring of its use of the data.
type Monitoring struct {
	LastReview *string `json:"last_review"`
	AgeDays    *int    `json:"age_days"`
	// Stale holds when the last review is older than monitoring_max_age_days.
	Stale bool `json:"stale"`
}

// rawFacts is the part of the facts package that Go reads.
type rawFacts struct {
	Organization         string                   `json:"organization"`
	NDAExpiryWarningDays float64                  `json:"nda_expiry_warning_days"`
	Partners             map[string]*PartnerFacts `json:"partners"`
}

// readFacts turns the facts query's value into Facts; partners says whether it
// holds the partner facts. The resources are walked as Rego values for their
// raised_by only.
func readFacts(v any, partners bool) (*Facts, error) {
	obj, ok := v.(ast.Object)
	if !ok {
		return nil, &EvalError{Message: fmt.Sprintf("%s: the facts must be an object, got %v", factsPackage, v)}
	}
	// A missing resources or partners rule would silently drop severity raises
	// or partners: the contract is broken, which is an error, not a pass.
	want := factsRules
	if partners {
		want = append(slices.Clone(want), partnerFactsRule)
	}
	for _, k := range want {
		if objGet(obj, k) == nil {
			return nil, &EvalError{Message: fmt.Sprintf("%s: the facts lack %s", factsPackage, k)}
		}
	}
	out := &Facts{raisedBy: raisedBy(objGet(obj, "resources"))}
	var raw rawFacts
	rest := ast.NewObject()
	for _, k := range []string{"organization", "nda_expiry_warning_days", partnerFactsRule} {
		if t := obj.Get(ast.StringTerm(k)); t != nil {
			rest.Insert(ast.StringTerm(k), t)
		}
	}
	// Through encoding/json rather than ast.As, whose text form of a string
	// escapes control characters in a way JSON does not read.
	plain, err := ast.JSON(rest)
	if err == nil {
		var b []byte
		if b, err = json.Marshal(plain); err == nil {
			err = json.Unmarshal(b, &raw)
		}
	}
	if err != nil {
		return nil, &EvalError{Message: fmt.Sprintf("%s: cannot read the facts: %v", factsPackage, err)}
	}
	out.Organization = raw.Organization
	out.NDAExpiryWarningDays = int(min(raw.NDAExpiryWarningDays, 1<<31-1))
	out.Partners = raw.Partners
	return out, nil
}

// raisedBy reads the resources' raised_by: resource address → the top_secret
// assets that raise its findings; resources with none are left out.
func raisedBy(v ast.Value) map[string][]string {
	out := map[string][]string{}
	obj, ok := v.(ast.Object)
	if !ok {
		return out
	}
	key := ast.StringTerm("raised_by")
	obj.Foreach(func(k, v *ast.Term) {
		addr, ok := k.Value.(ast.String)
		res, isObj := v.Value.(ast.Object)
		if !ok || !isObj {
			return
		}
		t := res.Get(key)
		if t == nil {
			return
		}
		list, _ := t.Value.(*ast.Array)
		if list == nil || list.Len() == 0 {
			return
		}
		assets := make([]string, 0, list.Len())
		list.Foreach(func(a *ast.Term) {
			if s, ok := a.Value.(ast.String); ok {
				assets = append(assets, string(s))
			}
		})
		out[string(addr)] = assets
	})
	return out
}
