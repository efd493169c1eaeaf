package evaluator

import "github.com/open-policy-agent/opa/v1/topdown"

// Status is the outcome of one control on one resource, a small number (a
// uint16, as Severity is); its text is its name, and the zero Status names
// none ("").
type Status uint16

// The outcomes a result or a control can have.
const (
	Pass Status = iota + 1
	Fail
	Warn
	Waived
	NotApplicable
	// NotJudged is what views that list controls (the partner register) show
	// for a control that gave no result: it did not apply, or was skipped.
	NotJudged
)

// statusNames are the statuses' names, by value.
var statusNames = [...]string{"", "pass", "fail", "warn", "waived", "not_applicable", "not_judged"}

// String is the status's name, "" for none.
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return ""
}

// MarshalText writes the status's name.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a status's name; "" is none.
func (s *Status) UnmarshalText(text []byte) error {
	v, err := ParseStatus(string(text))
	*s = v
	return err
}

// ParseStatus returns the status named s; "" is none.
func ParseStatus(s string) (Status, error) {
	for v := range Status(len(statusNames)) {
		if v.String() == s {
			return v, nil
		}
	}
	return 0, &UnknownNameError{Kind: "status", Name: s, Want: "pass, fail, warn, waived, not_applicable, not_judged"}
}

// Location is where a resource or attribute is written: file, line and column (1-based).
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// Locator finds where a resource, or one of its attributes, is written.
type Locator interface {
	// Locate returns the location of attribute (a path such as "backup[0].encrypted",
	// or "" for the block itself) of the resource at address.
	Locate(address, attribute string) (file string, line, column int, ok bool)
}

// Input is what the evaluator judges: the decoded inventory and where it came from.
type Input struct {
	// Document is the input document of INVENTORY.md, without as_of and settings.
	Document map[string]any
	// Locator places results on their source lines; nil leaves locations empty.
	Locator Locator
}

// Options are the run-time choices of one evaluation.
type Options struct {
	// AsOf is the date every date is judged against, "YYYY-MM-DD".
	AsOf string
	// Settings override the library's default thresholds.
	Settings map[string]any
	// Skip names controls (by id or short code) to leave out.
	Skip []string
	// Partners asks for the partner facts beside the results (Report.Facts.Partners),
	// for the partner register; without it they are not computed.
	Partners bool
	// Tracer, when set, observes every evaluation step; it is called from several
	// goroutines at once. Tests count steps with it to check that policies stay
	// linear in the inventory's size.
	Tracer topdown.QueryTracer
	// Engine, when set, evaluates in place of the compiled policies, such as
	// a Remote OPA server; nil evaluates locally.
	Engine Engine
}

// WaiverInfo is a waiver as shown beside the result it concerns.
type WaiverInfo struct {
	ID         string `json:"id"`
	Control    string `json:"control"`
	Resource   string `json:"resource"`
	Reason     string `json:"reason"`
	ApprovedBy string `json:"approved_by"`
	Expires    string `json:"expires"`
	// Status is active, expired (waives nothing), unused (in force, but the
	// control does not fail on the resource) or superseded (by a later waiver).
	Status   WaiverStatus `json:"status"`
	Location *Location    `json:"location"`
}

// Result is the outcome of one control on one resource.
type Result struct {
	Control  *Control
	Resource string
	// ResourceName is the resource's name attribute, "" when it has none.
	ResourceName string
	Status       Status
	// Severity is the control's severity, raised one level when top_secret data is involved.
	Severity Severity
	// BaseSeverity is the control's own severity, before any raise.
	BaseSeverity Severity
	// Baselined is true for a failure recorded in the baseline: it does not fail the run.
	Baselined bool
	// RaisedBy lists the top_secret assets that raised Severity above BaseSeverity.
	RaisedBy  []string
	Message   string
	MessageZh string
	// Attribute is the attribute the finding points at, if the policy named one.
	Attribute string
	Location  *Location
	// Waiver is the waiver that waived the result, or an expired one that no longer does.
	Waiver *WaiverInfo
	// Terraform is set when the resource is a Terraform resource (the input
	// document's terraform collection), nil otherwise.
	Terraform *TerraformLink
}

// TerraformLink is what a result on a Terraform resource says of its link.
type TerraformLink struct {
	// System is the address of the system the resource is linked to, "" when it
	// is linked to none.
	System string `json:"system"`
}

// ControlOutcome sums one control's results.
type ControlOutcome struct {
	Control *Control
	// Status is fail, warn, waived or pass (in that precedence), or not_applicable.
	Status Status
	Counts
}

// Counts counts results by status: every summary of results (a report's, a
// control's, a unit's, an article's) holds one.
type Counts struct {
	Pass   int `json:"pass"`
	Fail   int `json:"fail"`
	Warn   int `json:"warn"`
	Waived int `json:"waived"`
}

// Add counts one result of status s; a status other than pass, fail, warn
// and waived counts nowhere.
func (c *Counts) Add(s Status) {
	switch s {
	case Pass:
		c.Pass++
	case Fail:
		c.Fail++
	case Warn:
		c.Warn++
	case Waived:
		c.Waived++
	}
}

// Summary counts results by status; NotApplicable counts controls.
type Summary struct {
	Controls int `json:"controls"`
	Results  int `json:"results"`
	Counts
	NotApplicable int `json:"not_applicable"`
	// Baselined counts the failures the baseline accepts; absent without a baseline.
	Baselined int `json:"baselined,omitempty"`
}

// Report is everything one evaluation found, in a deterministic order.
type Report struct {
	AsOf string
	// Settings are the thresholds in force: defaults and overrides.
	Settings map[string]any
	Summary  Summary
	Controls []*ControlOutcome
	// Results holds pass, fail, warn and waived results, by control then resource.
	Results []*Result
	// Waivers lists every waiver of the inventory with its status.
	Waivers []*WaiverInfo
	// Skipped lists the ids of the controls left out by Options.Skip, in catalog order.
	Skipped []string
	// PolicyDigest is the digest of the policy files evaluated (Policies.Digest).
	PolicyDigest string
	// Facts are the library's facts from the same evaluation.
	Facts *Facts
}

// FailsGate reports whether the result fails a run gated at failOn: a failure at
// or above that severity that no baseline accepts.
func (res *Result) FailsGate(failOn Severity) bool {
	return res.Status == Fail && !res.Baselined && res.Severity.Rank() >= failOn.Rank()
}

// Verdict is what the gate decided and why: the counts behind the exit status.
type Verdict struct {
	// Status is fail when some failure fails the gate, else pass.
	Status Status `json:"status"`
	// Failing counts the failures at or above fail_on that no baseline accepts.
	Failing int `json:"failing"`
	// Baselined counts the failures the baseline accepts.
	Baselined int `json:"baselined"`
	// BelowThreshold counts the failures below fail_on, not baselined.
	BelowThreshold int `json:"below_threshold"`
	// Waived counts the waived results.
	Waived int `json:"waived"`
}

// Verdict is the gate's decision on the report at failOn.
func (r *Report) Verdict(failOn Severity) Verdict {
	v := Verdict{Status: Pass}
	for _, res := range r.Results {
		switch {
		case res.Status == Waived:
			v.Waived++
		case res.Status != Fail:
		case res.Baselined:
			v.Baselined++
		case res.FailsGate(failOn):
			v.Failing++
		default:
			v.BelowThreshold++
		}
	}
	if v.Failing > 0 {
		v.Status = Fail
	}
	return v
}
