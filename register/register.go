// Package register renders the partner register: for every partner, the customer
// data it receives, the channels that carry it, its NDAs and what they cover, its
// latest security assessment and monitoring, and its standing under the 4.5
// controls. Like report, it renders what the evaluator returns, the library's
// facts and the results of one evaluation, and judges nothing itself, so the
// register cannot disagree with baomi check. It knows nothing of HCL or Rego.
package register

import (
	"sort"

	"github.com/baomi-dev/baomi/evaluator"
)

// Standing is a partner's overall standing under the 4.5 controls.
type Standing string

// The standings a partner can have.
const (
	// AtRisk: some 4.5 control fails for the partner or one of its NDAs.
	AtRisk Standing = "at_risk"
	// Attention: nothing fails, but some 4.5 control warns.
	Attention Standing = "attention"
	// OK: every judged 4.5 control passes or is waived.
	OK Standing = "ok"
	// Unjudged: the partner receives data but no 4.5 control judged it (all skipped).
	Unjudged Standing = "not_judged"
	// NotReceiving: the partner receives no customer data, so the 4.5 controls do not apply.
	NotReceiving Standing = "not_receiving"
)

// NotJudged is the status of a control that gave no result for a partner or NDA:
// it does not apply, or it was skipped.
const NotJudged = evaluator.NotJudged

// PartnerControls lists the 4.5 controls whose statuses the register shows, in order.
// BM-4.5.1-02 judges agreements; a partner's status for it is the worst of its NDAs'.
var PartnerControls = []string{"BM-4.5.1-01", "BM-4.5.1-02", "BM-4.5.1-03", "BM-4.5.1-04", "BM-4.5.2-01", "BM-4.5.2-02"}

// ndaTermsControl judges each NDA in force rather than the partner.
const ndaTermsControl = "BM-4.5.1-02"

// Partner is one row of the register: the partner's facts, as the library
// computed them, and its standing under the 4.5 results.
type Partner struct {
	Address string `json:"address"`
	// Name is the partner's name attribute; null when it has none.
	Name     *string  `json:"name"`
	Standing Standing `json:"standing"`
	// Receives lists the data assets the partner receives, by address.
	Receives []evaluator.ReceivedAsset `json:"receives"`
	// Channels lists the transfers to the partner and the channels they use.
	Channels []evaluator.Channel `json:"channels"`
	// NDAs lists the partner's agreements of kind nda, in force or not.
	NDAs []NDA `json:"ndas"`
	// Uncovered lists the received assets that no NDA in force covers.
	Uncovered  []string              `json:"uncovered"`
	Cover      evaluator.Cover       `json:"cover"`
	Assessment *evaluator.Assessment `json:"assessment"`
	Monitoring *evaluator.Monitoring `json:"monitoring"`
	// Controls holds the status of each of PartnerControls, in that order.
	Controls []ControlStatus `json:"controls"`

	receiving          bool
	uncoveredTopSecret bool
	ndasInForce        []string
}

// NDA is one agreement of kind nda with the partner, with its result under
// BM-4.5.1-02.
type NDA struct {
	evaluator.NDA
	// TermsStatus is the result of BM-4.5.1-02 on this NDA.
	TermsStatus evaluator.Status `json:"terms_status"`
}

// ControlStatus is one control's status for a partner.
type ControlStatus struct {
	Control string           `json:"control"`
	Status  evaluator.Status `json:"status"`
}

// Build makes the register of every partner in the report's facts, with the
// 4.5 statuses taken from its results. It derives nothing itself: NDA states,
// cover, lapse dates, ages and staleness are the library's facts.
//
// Partners come ordered by risk: those with top_secret data that no NDA in force
// covers first, then those at risk, then by the soonest lapse of NDA cover
// (missing or lapsed cover first, cover with no end last, partners receiving
// nothing after them), then by address.
func Build(rep *evaluator.Report) []Partner {
	status := map[[2]string]evaluator.Status{}
	for _, r := range rep.Results {
		status[[2]string{r.Control.ID, r.Resource}] = r.Status
	}
	statusOf := func(control, resource string) evaluator.Status {
		if s, ok := status[[2]string{control, resource}]; ok {
			return s
		}
		return NotJudged
	}
	var facts map[string]*evaluator.PartnerFacts
	if rep.Facts != nil {
		facts = rep.Facts.Partners
	}
	out := make([]Partner, 0, len(facts))
	for _, addr := range sortedKeys(facts) {
		out = append(out, partner(facts[addr], statusOf))
	}
	sortByRisk(out)
	return out
}

// partner makes one row from a partner's facts and the statuses of the results.
func partner(f *evaluator.PartnerFacts, statusOf func(control, resource string) evaluator.Status) Partner {
	p := Partner{
		Address: f.Address, Receives: orEmpty(f.Receives), Channels: orEmpty(f.Channels), NDAs: []NDA{},
		Uncovered: orEmpty(f.Uncovered), Cover: f.Cover, Assessment: f.Assessment, Monitoring: f.Monitoring,
		receiving: f.Receiving, uncoveredTopSecret: f.UncoveredTopSecret, ndasInForce: orEmpty(f.NDAsInForce),
	}
	if f.Name != "" {
		name := f.Name
		p.Name = &name
	}
	for _, n := range f.NDAs {
		p.NDAs = append(p.NDAs, NDA{NDA: n, TermsStatus: statusOf(ndaTermsControl, n.Address)})
	}
	for _, c := range PartnerControls {
		s := statusOf(c, p.Address)
		if c == ndaTermsControl {
			s = NotJudged
			for _, n := range p.NDAs {
				if statusRank(n.TermsStatus) > statusRank(s) {
					s = n.TermsStatus
				}
			}
		}
		p.Controls = append(p.Controls, ControlStatus{Control: c, Status: s})
	}
	p.Standing = standing(p.receiving, p.Controls)
	return p
}

// orEmpty turns a nil list into an empty one, so that JSON shows [] rather than null.
func orEmpty[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

// sortByRisk orders partners as Build describes.
func sortByRisk(ps []Partner) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := &ps[i], &ps[j]
		if a.uncoveredTopSecret != b.uncoveredTopSecret {
			return a.uncoveredTopSecret
		}
		if (a.Standing == AtRisk) != (b.Standing == AtRisk) {
			return a.Standing == AtRisk
		}
		if ka, kb := lapseKey(a.Cover), lapseKey(b.Cover); ka != kb {
			return ka < kb
		}
		return a.Address < b.Address
	})
}

// lapseKey orders covers by how soon they lapse.
func lapseKey(c evaluator.Cover) string {
	switch c.Status {
	case evaluator.CoverMissing, evaluator.CoverLapsed:
		return "0"
	case evaluator.CoverLapses:
		return "1" + *c.Lapses
	case evaluator.CoverOngoing:
		return "2"
	}
	return "3"
}

// Expiring keeps the partners whose NDA cover lapses within days of the as-of
// date (on or before it), or has lapsed already, or is missing.
func Expiring(ps []Partner, days int) []Partner {
	out := []Partner{}
	for _, p := range ps {
		c := p.Cover
		if c.Status == evaluator.CoverMissing || c.Status == evaluator.CoverLapsed || (c.Status == evaluator.CoverLapses && *c.DaysLeft <= days) {
			out = append(out, p)
		}
	}
	return out
}

// statusRank orders statuses by how much they weigh on a standing.
func statusRank(s evaluator.Status) int {
	switch s {
	case evaluator.Fail:
		return 4
	case evaluator.Warn:
		return 3
	case evaluator.Waived:
		return 2
	case evaluator.Pass:
		return 1
	}
	return 0
}

// standing derives a partner's standing from its control statuses.
func standing(receiving bool, cs []ControlStatus) Standing {
	if !receiving {
		return NotReceiving
	}
	worst := NotJudged
	for _, c := range cs {
		if statusRank(c.Status) > statusRank(worst) {
			worst = c.Status
		}
	}
	switch worst {
	case evaluator.Fail:
		return AtRisk
	case evaluator.Warn:
		return Attention
	case NotJudged:
		return Unjudged
	}
	return OK
}

// classificationRank orders classifications: 绝密 above 机密 above 秘密.
var classificationRank = map[string]int{"top_secret": 3, "confidential": 2, "secret": 1}

// HighestClassification is the most protected classification among the assets
// a partner receives, or "" when none declares one.
func (p *Partner) HighestClassification() string {
	best := ""
	for _, a := range p.Receives {
		if a.Classification != nil && classificationRank[*a.Classification] > classificationRank[best] {
			best = *a.Classification
		}
	}
	return best
}

// NDAsInForce lists the addresses of the partner's NDAs in force.
func (p *Partner) NDAsInForce() []string {
	return p.ndasInForce
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
