// Package compare compares two baomi JSON reports (read by report.ReadJSON), an
// older and a newer audit of the same inventory, result by result (matched on
// control + resource): what newly fails, what was fixed, what still fails, what
// is newly waived and which waivers expired in between.
package compare

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/report"
)

// Absent is the status of a result one report does not hold: the control no
// longer applies to the resource, or the resource is gone.
const Absent = "absent"

// NotChecked is the status of a result of a control the report's run skipped:
// nothing is known of it.
const NotChecked = "not_checked"

// Diff is what changed between two audits.
type Diff struct {
	Old Side `json:"old"`
	New Side `json:"new"`
	// Counts sums the lists below.
	Counts Counts `json:"counts"`
	// Context is what differs in how the two reports were made.
	Context Context `json:"context"`
	// NewlyFailing holds results that fail now and did not before (or were
	// not checked before), new resources included.
	NewlyFailing []Change `json:"newly_failing"`
	// Fixed holds results that failed before and pass, warn, are waived or are absent now.
	Fixed []Change `json:"fixed"`
	// NoLongerChecked holds results that failed before of a control the newer
	// audit skipped: they are not known to be fixed.
	NoLongerChecked []Change `json:"no_longer_checked"`
	// StillFailing holds results that fail in both audits.
	StillFailing []Change `json:"still_failing"`
	// NewlyWaived holds results that are waived now and were not before.
	NewlyWaived []Change `json:"newly_waived"`
	// WaiversExpired holds waivers that expired between the two audits.
	WaiversExpired []ExpiredWaiver `json:"waivers_expired"`
}

// Side describes one of the two reports.
type Side struct {
	AsOf    string `json:"as_of"`
	Version string `json:"version"`
}

// Context is what differs in how the two reports were made, so that a reader
// knows what else changed besides the inventory's facts.
type Context struct {
	// Reversed is true when the newer report's as_of is before the older one's.
	Reversed bool `json:"as_of_reversed"`
	// Unrecorded names the reports ("old", "new") of an older baomi, which do
	// not record how they were made: their inputs, policies and settings
	// cannot be compared.
	Unrecorded []string `json:"unrecorded"`
	// InputsChanged, InputsAdded and InputsRemoved name inventory files
	// relative to the folder holding each report's inputs.
	InputsChanged []string `json:"inputs_changed"`
	InputsAdded   []string `json:"inputs_added"`
	InputsRemoved []string `json:"inputs_removed"`
	// Policies is set when the policy sets differ.
	Policies *PolicyChange `json:"policies_changed,omitempty"`
	// Settings lists the settings whose values differ.
	Settings []SettingChange `json:"settings_changed"`
	// FailOn is set, old then new, when the gates' thresholds differ.
	FailOn []string `json:"fail_on_changed,omitempty"`
	// NoLongerChecked lists the controls the newer audit skipped and the older did not.
	NoLongerChecked []string `json:"no_longer_checked"`
	// NewlyChecked lists the controls the older audit skipped and the newer did not.
	NewlyChecked []string `json:"newly_checked"`
}

// PolicyChange is the policy set of each report.
type PolicyChange struct {
	Before report.JSONPolicies `json:"before"`
	After  report.JSONPolicies `json:"after"`
}

// SettingChange is a setting's value in each report; a value is nil where the
// report has no such setting.
type SettingChange struct {
	Name   string `json:"name"`
	Before any    `json:"before"`
	After  any    `json:"after"`
}

// Counts are the sizes of a Diff's lists.
type Counts struct {
	NewlyFailing    int `json:"newly_failing"`
	Fixed           int `json:"fixed"`
	NoLongerChecked int `json:"no_longer_checked"`
	StillFailing    int `json:"still_failing"`
	NewlyWaived     int `json:"newly_waived"`
	WaiversExpired  int `json:"waivers_expired"`
}

// Change is one control on one resource, as it stood in each audit.
type Change struct {
	Control   string `json:"control"`
	ShortCode string `json:"short_code"`
	Article   string `json:"article"`
	// Severity is the newer audit's, or the older one's when the result is gone.
	Severity string `json:"severity"`
	Resource string `json:"resource"`
	// Before and After are the statuses in the older and newer audit, or
	// absent, or not_checked when that audit skipped the control.
	Before string `json:"before"`
	After  string `json:"after"`
	// Message is the finding of the audit in which it fails (the newer one when
	// both fail); for a newly waived result, the newer one's.
	Message   string `json:"message"`
	MessageZh string `json:"message_zh"`
	// Waiver is the waiver behind a newly waived result.
	Waiver *evaluator.WaiverInfo `json:"waiver,omitempty"`
}

// ExpiredWaiver is a waiver that was not expired in the older audit and is in the newer one.
type ExpiredWaiver struct {
	ID       string `json:"id"`
	Control  string `json:"control"`
	Resource string `json:"resource"`
	Expires  string `json:"expires"`
	// Before is the waiver's status in the older audit (active, unused or absent).
	Before string `json:"before"`
	// Result is the status now of the result it waived (fail once nothing waives it).
	Result string `json:"result"`
}

// Compare matches the results of two reports on control + resource.
func Compare(older, newer *report.JSONReport) *Diff {
	d := &Diff{
		Old:             Side{AsOf: older.AsOf, Version: older.Tool.Version},
		New:             Side{AsOf: newer.AsOf, Version: newer.Tool.Version},
		Context:         context(older, newer),
		NewlyFailing:    []Change{},
		Fixed:           []Change{},
		NoLongerChecked: []Change{},
		StillFailing:    []Change{},
		NewlyWaived:     []Change{},
		WaiversExpired:  []ExpiredWaiver{},
	}
	before, after := byKey(older), byKey(newer)
	skippedBefore, skippedAfter := set(older.Skipped), set(newer.Skipped)
	keys := map[[2]string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	expired := map[string]ExpiredWaiver{}
	for k := range keys {
		o, n := before[k], after[k]
		c := change(k, o, n)
		if o == nil && skippedBefore[k[0]] {
			c.Before = NotChecked
		}
		if n == nil && skippedAfter[k[0]] {
			c.After = NotChecked
		}
		switch {
		case c.After == "fail" && c.Before == "fail":
			d.StillFailing = append(d.StillFailing, c)
		case c.After == "fail":
			d.NewlyFailing = append(d.NewlyFailing, c)
		case c.Before == "fail" && c.After == NotChecked:
			d.NoLongerChecked = append(d.NoLongerChecked, c)
		case c.Before == "fail":
			c.Message, c.MessageZh = o.Message, o.MessageZh
			d.Fixed = append(d.Fixed, c)
		}
		if c.After == "waived" && c.Before != "waived" {
			c.Message, c.MessageZh = n.Message, n.MessageZh
			c.Waiver = n.Waiver
			d.NewlyWaived = append(d.NewlyWaived, c)
		}
		if o != nil && n != nil && o.Status == evaluator.Waived && o.Waiver != nil && o.Waiver.Status == evaluator.WaiverActive &&
			n.Status == evaluator.Fail && n.Waiver != nil && n.Waiver.Status == evaluator.WaiverExpired {
			w := n.Waiver
			expired[w.ID] = ExpiredWaiver{ID: w.ID, Control: k[0], Resource: k[1], Expires: w.Expires, Before: "active", Result: "fail"}
		}
	}
	oldWaivers := map[string]*evaluator.WaiverInfo{}
	for _, w := range older.Waivers {
		oldWaivers[w.ID] = w
	}
	for _, w := range newer.Waivers {
		if w.Status != evaluator.WaiverExpired {
			continue
		}
		if _, done := expired[w.ID]; done {
			continue
		}
		prev, ok := oldWaivers[w.ID]
		if ok && prev.Status == evaluator.WaiverExpired {
			continue
		}
		e := ExpiredWaiver{ID: w.ID, Control: w.Control, Resource: w.Resource, Expires: w.Expires, Before: Absent, Result: Absent}
		if ok {
			e.Before = string(prev.Status)
		}
		if r := after[[2]string{w.Control, w.Resource}]; r != nil {
			e.Result = r.Status.String()
		}
		expired[w.ID] = e
	}
	for _, e := range expired {
		d.WaiversExpired = append(d.WaiversExpired, e)
	}
	sort.Slice(d.WaiversExpired, func(i, j int) bool { return d.WaiversExpired[i].ID < d.WaiversExpired[j].ID })
	for _, list := range [][]Change{d.NewlyFailing, d.Fixed, d.NoLongerChecked, d.StillFailing, d.NewlyWaived} {
		sortChanges(list)
	}
	d.Counts = Counts{
		NewlyFailing: len(d.NewlyFailing), Fixed: len(d.Fixed), NoLongerChecked: len(d.NoLongerChecked),
		StillFailing: len(d.StillFailing), NewlyWaived: len(d.NewlyWaived), WaiversExpired: len(d.WaiversExpired),
	}
	return d
}

// context states what differs in how the two reports were made.
func context(older, newer *report.JSONReport) Context {
	c := Context{Reversed: newer.AsOf < older.AsOf, Unrecorded: []string{}, InputsChanged: []string{}, InputsAdded: []string{},
		InputsRemoved: []string{}, Settings: []SettingChange{}, NoLongerChecked: []string{}, NewlyChecked: []string{}}
	for _, side := range []struct {
		name string
		rep  *report.JSONReport
	}{{"old", older}, {"new", newer}} {
		if !side.rep.Recorded() {
			c.Unrecorded = append(c.Unrecorded, side.name)
		}
	}
	if len(c.Unrecorded) > 0 {
		return c
	}
	oldFiles, newFiles := inputsByName(older.Inputs), inputsByName(newer.Inputs)
	for name, sum := range oldFiles {
		switch now, ok := newFiles[name]; {
		case !ok:
			c.InputsRemoved = append(c.InputsRemoved, name)
		case now != sum:
			c.InputsChanged = append(c.InputsChanged, name)
		}
	}
	for name := range newFiles {
		if _, ok := oldFiles[name]; !ok {
			c.InputsAdded = append(c.InputsAdded, name)
		}
	}
	for _, l := range [][]string{c.InputsChanged, c.InputsAdded, c.InputsRemoved} {
		sort.Strings(l)
	}
	if older.Policies.SHA256 != newer.Policies.SHA256 || !slices.Equal(older.Policies.User, newer.Policies.User) {
		c.Policies = &PolicyChange{Before: *older.Policies, After: *newer.Policies}
	}
	names := map[string]bool{}
	for k := range older.Settings {
		names[k] = true
	}
	for k := range newer.Settings {
		names[k] = true
	}
	for name := range names {
		b, a := older.Settings[name], newer.Settings[name]
		if fmt.Sprint(b) != fmt.Sprint(a) {
			c.Settings = append(c.Settings, SettingChange{Name: name, Before: b, After: a})
		}
	}
	sort.Slice(c.Settings, func(i, j int) bool { return c.Settings[i].Name < c.Settings[j].Name })
	if older.FailOn != newer.FailOn {
		c.FailOn = []string{older.FailOn.String(), newer.FailOn.String()}
	}
	skippedBefore, skippedAfter := set(older.Skipped), set(newer.Skipped)
	for _, id := range newer.Skipped {
		if !skippedBefore[id] {
			c.NoLongerChecked = append(c.NoLongerChecked, id)
		}
	}
	for _, id := range older.Skipped {
		if !skippedAfter[id] {
			c.NewlyChecked = append(c.NewlyChecked, id)
		}
	}
	return c
}

// inputsByName maps each input's path, relative to the folder that holds all
// of a report's inventory files, to its sha256: the same inventory checked from
// two places, or copied, keeps its names. Other inputs (Terraform files) lose
// that folder's path when they lie below it and keep their own otherwise, so
// that adding a Terraform input beside the inventory does not rename the
// inventory's files.
func inputsByName(inputs []report.JSONInput) map[string]string {
	var anchor []report.JSONInput
	for _, in := range inputs {
		if in.Kind == "inventory" {
			anchor = append(anchor, in)
		}
	}
	if len(anchor) == 0 {
		anchor = inputs
	}
	prefix := ""
	if len(anchor) > 0 {
		prefix = path.Dir(anchor[0].Path)
		for _, in := range anchor[1:] {
			for prefix != "." && prefix != "/" && !strings.HasPrefix(in.Path, prefix+"/") {
				prefix = path.Dir(prefix)
			}
		}
	}
	m := make(map[string]string, len(inputs))
	for _, in := range inputs {
		name := in.Path
		if prefix != "." && prefix != "/" {
			name = strings.TrimPrefix(name, prefix+"/")
		}
		m[name] = in.SHA256
	}
	return m
}

// set makes a lookup of a list of names.
func set(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func byKey(rep *report.JSONReport) map[[2]string]*report.JSONResult {
	m := make(map[[2]string]*report.JSONResult, len(rep.Results))
	for i := range rep.Results {
		r := &rep.Results[i]
		m[[2]string{r.Control, r.Resource}] = r
	}
	return m
}

// change describes one key from its results in the older (o) and newer (n)
// report; either may be nil.
func change(k [2]string, o, n *report.JSONResult) Change {
	c := Change{Control: k[0], Resource: k[1], Before: Absent, After: Absent}
	latest := n
	if latest == nil {
		latest = o
	}
	c.ShortCode, c.Article, c.Severity = latest.ShortCode, latest.Article, latest.Severity.String()
	c.Message, c.MessageZh = latest.Message, latest.MessageZh
	if o != nil {
		c.Before = o.Status.String()
	}
	if n != nil {
		c.After = n.Status.String()
	}
	return c
}

// sortChanges orders changes by article, control, then resource.
func sortChanges(cs []Change) {
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if x := evaluator.CompareArticles(a.Article, b.Article); x != 0 {
			return x < 0
		}
		if a.Control != b.Control {
			return a.Control < b.Control
		}
		return a.Resource < b.Resource
	})
}
