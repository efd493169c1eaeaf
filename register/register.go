// Package register builds the partner register: for every partner, the customer
// data it receives, the channels that carry it, its NDAs and what they cover, its
// latest security assessment and monitoring, and its standing under the 4.5
// controls. It reads the decoded inventory document and the evaluator's report;
// it knows nothing of HCL or Rego.
package register

import (
	"sort"
	"strings"
	"time"

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
const NotJudged evaluator.Status = "not_judged"

// PartnerControls lists the 4.5 controls whose statuses the register shows, in order.
// BM-4.5.1-02 judges agreements; a partner's status for it is the worst of its NDAs'.
var PartnerControls = []string{"BM-4.5.1-01", "BM-4.5.1-02", "BM-4.5.1-03", "BM-4.5.1-04", "BM-4.5.2-01", "BM-4.5.2-02"}

// ndaTermsControl judges each NDA in force rather than the partner.
const ndaTermsControl = "BM-4.5.1-02"

// Partner is one row of the register.
type Partner struct {
	// Address identifies the partner. Its name, like every free-text attribute of
	// the inventory, is not repeated.
	Address  string   `json:"address"`
	Standing Standing `json:"standing"`
	// Receives lists the data assets the partner receives, by address.
	Receives []Asset `json:"receives"`
	// Channels lists the transfers to the partner and the channels they use.
	Channels []Channel `json:"channels"`
	// NDAs lists the partner's agreements of kind nda, in force or not.
	NDAs []NDA `json:"ndas"`
	// Uncovered lists the received assets that no NDA in force covers.
	Uncovered  []string    `json:"uncovered"`
	Cover      Cover       `json:"cover"`
	Assessment *Assessment `json:"assessment"`
	Monitoring *Monitoring `json:"monitoring"`
	// Controls holds the status of each of PartnerControls, in that order.
	Controls []ControlStatus `json:"controls"`

	receiving          bool
	uncoveredTopSecret bool
}

// Asset is a data asset a partner receives.
type Asset struct {
	Address        string  `json:"address"`
	Category       *string `json:"category"`
	Classification *string `json:"classification"`
	// Via says how the partner receives it: "receives" (its receives list) and
	// the addresses of the transfers that carry it.
	Via []string `json:"via"`
	// CoveredBy lists the partner's NDAs in force that cover the asset.
	CoveredBy []string `json:"covered_by"`
	// CoveredUntil is the last day an NDA in force covers the asset: null when
	// none covers it, or when one of them has no end.
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

// NDA is one agreement of kind nda with the partner.
type NDA struct {
	Address string  `json:"address"`
	Signed  *string `json:"signed"`
	Expires *string `json:"expires"`
	// State is in_force, expired, not_yet_signed (signed after the as-of date) or
	// unsigned (no signed date).
	State   string `json:"state"`
	InForce bool   `json:"in_force"`
	// DaysLeft counts the days from the as-of date to expires (negative once
	// expired); null when the NDA has no end.
	DaysLeft *int `json:"days_left"`
	// TermsComplete holds when confidentiality_obligations and liability are true
	// and scope_of_use names at least one use; MissingTerms lists what is not.
	TermsComplete bool     `json:"terms_complete"`
	MissingTerms  []string `json:"missing_terms"`
	Covers        []string `json:"covers"`
	// TermsStatus is the result of BM-4.5.1-02 on this NDA.
	TermsStatus evaluator.Status `json:"terms_status"`
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
	// CoverOngoing: NDAs in force with no end cover the received data.
	CoverOngoing = "ongoing"
)

// Cover says until when NDAs in force cover the data the partner receives. Data
// that no NDA in force covers at all is listed in Partner.Uncovered; it does not
// move the lapse date, as in BM-4.5.1-04 (BM-4.5.1-03 judges it).
type Cover struct {
	// Status is not_needed, missing, lapsed, lapses or ongoing.
	Status string `json:"status"`
	// Lapses is the last day on which all covered data is still covered: for each
	// received asset some NDA in force covers, the latest expiry among those NDAs
	// (never, if one has no end); the earliest of these. Set only when Status is lapses.
	Lapses   *string `json:"lapses"`
	DaysLeft *int    `json:"days_left"`
	// ExpiringSoon holds when the cover lapses before the as-of date plus
	// nda_expiry_warning_days, the window of BM-4.5.1-04.
	ExpiringSoon bool `json:"expiring_soon"`
}

// Assessment is the partner's latest security assessment dated on or before the as-of date.
type Assessment struct {
	Date    string  `json:"date"`
	Result  *string `json:"result"`
	AgeDays int     `json:"age_days"`
}

// Monitoring is the partner's declared monitoring of its use of the data.
type Monitoring struct {
	LastReview *string `json:"last_review"`
	AgeDays    *int    `json:"age_days"`
}

// ControlStatus is one control's status for a partner.
type ControlStatus struct {
	Control string           `json:"control"`
	Status  evaluator.Status `json:"status"`
}

// Build makes the register of every partner block in doc, the decoded inventory
// document, with the 4.5 statuses taken from rep. asOf is the date everything is
// judged on, YYYY-MM-DD; warningDays is the nda_expiry_warning_days setting.
//
// Partners come ordered by risk: those with top_secret data that no NDA in force
// covers first, then those at risk, then by the soonest lapse of NDA cover
// (missing or lapsed cover first, cover with no end last, partners receiving
// nothing after them), then by address.
func Build(doc map[string]any, rep *evaluator.Report, asOf string, warningDays int) []Partner {
	in := newIndex(doc, rep)
	out := make([]Partner, 0, len(in.partners))
	for _, addr := range sortedKeys(in.partners) {
		out = append(out, in.partner(addr, asOf, warningDays))
	}
	sortByRisk(out)
	return out
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
func lapseKey(c Cover) string {
	switch c.Status {
	case CoverMissing, CoverLapsed:
		return "0"
	case CoverLapses:
		return "1" + *c.Lapses
	case CoverOngoing:
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
		if c.Status == CoverMissing || c.Status == CoverLapsed || (c.Status == CoverLapses && *c.DaysLeft <= days) {
			out = append(out, p)
		}
	}
	return out
}

// index holds the document's collections, the transfers and NDAs of each
// partner (by address, in address order), and the report's statuses, so that a
// register takes time linear in the inventory.
type index struct {
	partners, agreements, transfers, assets, channels map[string]any
	transfersTo, ndasOf                               map[string][]string
	status                                            map[[2]string]evaluator.Status
}

func newIndex(doc map[string]any, rep *evaluator.Report) *index {
	in := &index{
		partners:    collection(doc, "partners"),
		agreements:  collection(doc, "agreements"),
		transfers:   collection(doc, "transfers"),
		assets:      collection(doc, "data_assets"),
		channels:    collection(doc, "channels"),
		transfersTo: map[string][]string{},
		ndasOf:      map[string][]string{},
		status:      map[[2]string]evaluator.Status{},
	}
	for _, t := range sortedKeys(in.transfers) {
		tm, _ := in.transfers[t].(map[string]any)
		if to, ok := tm["to"].(string); ok {
			in.transfersTo[to] = append(in.transfersTo[to], t)
		}
	}
	for _, ag := range sortedKeys(in.agreements) {
		am, _ := in.agreements[ag].(map[string]any)
		partner, _ := am["partner"].(string)
		if kind, _ := am["kind"].(string); kind == "nda" && partner != "" {
			in.ndasOf[partner] = append(in.ndasOf[partner], ag)
		}
	}
	if rep != nil {
		for _, r := range rep.Results {
			in.status[[2]string{r.Control.ID, r.Resource}] = r.Status
		}
	}
	return in
}

func (in *index) statusOf(control, resource string) evaluator.Status {
	if s, ok := in.status[[2]string{control, resource}]; ok {
		return s
	}
	return NotJudged
}

// partner builds one row; the collections are walked in address order so that
// every list comes out sorted.
func (in *index) partner(addr, asOf string, warningDays int) Partner {
	pm, _ := in.partners[addr].(map[string]any)
	p := Partner{Address: addr, Receives: []Asset{}, Channels: []Channel{}, NDAs: []NDA{}, Uncovered: []string{}}

	received := map[string]*Asset{}
	receive := func(asset, via string) {
		a := received[asset]
		if a == nil {
			a = &Asset{Address: asset, CoveredBy: []string{}}
			am, _ := in.assets[asset].(map[string]any)
			a.Category = optString(am, "category")
			a.Classification = optString(am, "classification")
			received[asset] = a
		}
		a.Via = append(a.Via, via)
	}
	for _, asset := range stringList(pm["receives"]) {
		p.receiving = true
		receive(asset, "receives")
	}
	for _, t := range in.transfersTo[addr] {
		tm, _ := in.transfers[t].(map[string]any)
		p.receiving = true
		asset, _ := tm["asset"].(string)
		if asset != "" {
			receive(asset, t)
		}
		ch := Channel{Transfer: t, Asset: asset}
		ch.Channel, _ = tm["channel"].(string)
		if cm, ok := in.channels[ch.Channel].(map[string]any); ok {
			ch.Kind = optString(cm, "kind")
			if e, ok := cm["encrypted"].(bool); ok {
				ch.Encrypted = &e
			}
		}
		p.Channels = append(p.Channels, ch)
	}

	never := map[string]bool{}
	lapsed := false
	for _, ag := range in.ndasOf[addr] {
		am, _ := in.agreements[ag].(map[string]any)
		n := nda(ag, am, asOf)
		n.TermsStatus = in.statusOf(ndaTermsControl, ag)
		p.NDAs = append(p.NDAs, n)
		if !n.InForce {
			for _, asset := range n.Covers {
				lapsed = lapsed || (n.State == "expired" && received[asset] != nil)
			}
			continue
		}
		for _, asset := range n.Covers {
			a := received[asset]
			if a == nil {
				continue
			}
			a.CoveredBy = append(a.CoveredBy, ag)
			switch {
			case n.Expires == nil:
				never[asset] = true
			case a.CoveredUntil == nil || *n.Expires > *a.CoveredUntil:
				a.CoveredUntil = n.Expires
			}
		}
	}

	extendByRenewals(p.NDAs, received, never)

	var lapse *string
	covered := 0
	for _, asset := range sortedKeys(received) {
		a := received[asset]
		if never[asset] {
			a.CoveredUntil = nil
		}
		switch {
		case len(a.CoveredBy) == 0:
			p.Uncovered = append(p.Uncovered, asset)
			if a.Classification != nil && *a.Classification == "top_secret" {
				p.uncoveredTopSecret = true
			}
		case a.CoveredUntil != nil && (lapse == nil || *a.CoveredUntil < *lapse):
			lapse = a.CoveredUntil
		}
		if len(a.CoveredBy) > 0 {
			covered++
		}
		p.Receives = append(p.Receives, *a)
	}
	switch {
	case len(received) == 0:
		p.Cover.Status = CoverNotNeeded
	case covered == 0 && lapsed:
		p.Cover.Status = CoverLapsed
	case covered == 0:
		p.Cover.Status = CoverMissing
	case lapse != nil:
		left := daysBetween(asOf, *lapse)
		p.Cover = Cover{Status: CoverLapses, Lapses: lapse, DaysLeft: &left, ExpiringSoon: left < warningDays}
	default:
		p.Cover.Status = CoverOngoing
	}

	p.Assessment = latestAssessment(pm["security_assessment"], asOf)
	if mm, ok := pm["monitoring"].(map[string]any); ok {
		p.Monitoring = &Monitoring{LastReview: optString(mm, "last_review")}
		if p.Monitoring.LastReview != nil {
			age := daysBetween(*p.Monitoring.LastReview, asOf)
			p.Monitoring.AgeDays = &age
		}
	}

	for _, c := range PartnerControls {
		s := in.statusOf(c, addr)
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

// nda reads one agreement of kind nda as of asOf.
func nda(addr string, am map[string]any, asOf string) NDA {
	n := NDA{Address: addr, Signed: optString(am, "signed"), Expires: optString(am, "expires"), MissingTerms: []string{}}
	n.Covers = stringList(am["covers"])
	sort.Strings(n.Covers)
	switch {
	case n.Signed == nil:
		n.State = "unsigned"
	case *n.Signed > asOf:
		n.State = "not_yet_signed"
	case n.Expires != nil && *n.Expires < asOf:
		n.State = "expired"
	default:
		n.State = "in_force"
		n.InForce = true
	}
	if n.Expires != nil {
		left := daysBetween(asOf, *n.Expires)
		n.DaysLeft = &left
	}
	if b, _ := am["confidentiality_obligations"].(bool); !b {
		n.MissingTerms = append(n.MissingTerms, "confidentiality_obligations")
	}
	scoped := false
	for _, use := range stringList(am["scope_of_use"]) {
		scoped = scoped || strings.TrimSpace(use) != ""
	}
	if !scoped {
		n.MissingTerms = append(n.MissingTerms, "scope_of_use")
	}
	if b, _ := am["liability"].(bool); !b {
		n.MissingTerms = append(n.MissingTerms, "liability")
	}
	n.TermsComplete = len(n.MissingTerms) == 0
	return n
}

// assessmentRank orders results as BM-4.5.2-01 does: of several assessments on
// the latest date the worst counts, and a missing result is the worst of all.
var assessmentRank = map[string]int{"fail": 0, "conditional": 1, "pass": 2}

// latestAssessment picks the latest dated assessment on or before asOf, as
// BM-4.5.2-01 does; undated and future ones are ignored.
func latestAssessment(v any, asOf string) *Assessment {
	items, _ := v.([]any)
	var best *Assessment
	bestRank := 0
	for _, it := range items {
		m, _ := it.(map[string]any)
		date, _ := m["date"].(string)
		if date == "" || date > asOf {
			continue
		}
		result := optString(m, "result")
		rank := -1
		if result != nil {
			if r, ok := assessmentRank[*result]; ok {
				rank = r
			}
		}
		if best == nil || date > best.Date || (date == best.Date && rank < bestRank) {
			best = &Assessment{Date: date, Result: result, AgeDays: daysBetween(date, asOf)}
			bestRank = rank
		}
	}
	return best
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
	out := []string{}
	for _, n := range p.NDAs {
		if n.InForce {
			out = append(out, n.Address)
		}
	}
	return out
}

func collection(doc map[string]any, name string) map[string]any {
	m, _ := doc[name].(map[string]any)
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// optString is m[key] when it is a non-empty string, else nil.
func optString(m map[string]any, key string) *string {
	if s, ok := m[key].(string); ok && s != "" {
		return &s
	}
	return nil
}

// stringList keeps the strings of a list, in order, without repeats.
func stringList(v any) []string {
	items, _ := v.([]any)
	out := []string{}
	seen := map[string]bool{}
	for _, it := range items {
		if s, ok := it.(string); ok && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// daysBetween counts whole days from one YYYY-MM-DD date to another; a date that
// does not parse counts as zero days away.
func daysBetween(from, to string) int {
	f, err1 := time.Parse(time.DateOnly, from)
	t, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(t.Sub(f).Hours() / 24)
}

// extendByRenewals carries cover forward through NDAs already signed for a later
// date: a renewal signed by the day after the cover ends extends it to the
// renewal's own end (for good without one), as BM-4.5.1-04 counts renewals.
// Renewals are taken in order of signing, so a chain of them extends in turn.
func extendByRenewals(ndas []NDA, received map[string]*Asset, never map[string]bool) {
	var renewals []NDA
	for _, n := range ndas {
		if n.State == "not_yet_signed" && n.Signed != nil {
			renewals = append(renewals, n)
		}
	}
	sort.SliceStable(renewals, func(i, j int) bool { return *renewals[i].Signed < *renewals[j].Signed })
	for _, n := range renewals {
		for _, asset := range n.Covers {
			a := received[asset]
			if a == nil || never[asset] || a.CoveredUntil == nil || *n.Signed > dayAfter(*a.CoveredUntil) {
				continue
			}
			if n.Expires == nil {
				never[asset] = true
			} else if *n.Expires > *a.CoveredUntil {
				a.CoveredUntil = n.Expires
			}
		}
	}
}

// dayAfter is the date after d ("YYYY-MM-DD").
func dayAfter(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return t.AddDate(0, 0, 1).Format("2006-01-02")
}
