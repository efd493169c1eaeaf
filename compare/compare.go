// Package compare compares two baomi JSON reports (read by report.ReadJSON), an
// older and a newer audit of the same inventory, result by result (matched on
// control + resource): what newly fails, what was fixed, what still fails, what
// is newly waived and which waivers expired in between.
package compare

import (
	"sort"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/report"
)

// Absent is the status of a result one report does not hold: the control no
// longer applies to the resource, the resource is gone, or the control was skipped.
const Absent = "absent"

// Diff is what changed between two audits.
type Diff struct {
	Old Side `json:"old"`
	New Side `json:"new"`
	// Counts sums the lists below.
	Counts Counts `json:"counts"`
	// NewlyFailing holds results that fail now and did not before, new resources included.
	NewlyFailing []Change `json:"newly_failing"`
	// Fixed holds results that failed before and pass, warn, are waived or are absent now.
	Fixed []Change `json:"fixed"`
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

// Counts are the sizes of a Diff's lists.
type Counts struct {
	NewlyFailing   int `json:"newly_failing"`
	Fixed          int `json:"fixed"`
	StillFailing   int `json:"still_failing"`
	NewlyWaived    int `json:"newly_waived"`
	WaiversExpired int `json:"waivers_expired"`
}

// Change is one control on one resource, as it stood in each audit.
type Change struct {
	Control   string `json:"control"`
	ShortCode string `json:"short_code"`
	Article   string `json:"article"`
	// Severity is the newer audit's, or the older one's when the result is gone.
	Severity string `json:"severity"`
	Resource string `json:"resource"`
	// Before and After are the statuses in the older and newer audit, or absent.
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
		Old:            Side{AsOf: older.AsOf, Version: older.Tool.Version},
		New:            Side{AsOf: newer.AsOf, Version: newer.Tool.Version},
		NewlyFailing:   []Change{},
		Fixed:          []Change{},
		StillFailing:   []Change{},
		NewlyWaived:    []Change{},
		WaiversExpired: []ExpiredWaiver{},
	}
	before, after := byKey(older), byKey(newer)
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
		switch {
		case c.After == "fail" && c.Before == "fail":
			d.StillFailing = append(d.StillFailing, c)
		case c.After == "fail":
			d.NewlyFailing = append(d.NewlyFailing, c)
		case c.Before == "fail":
			c.Message, c.MessageZh = o.Message, o.MessageZh
			d.Fixed = append(d.Fixed, c)
		}
		if c.After == "waived" && c.Before != "waived" {
			c.Message, c.MessageZh = n.Message, n.MessageZh
			c.Waiver = n.Waiver
			d.NewlyWaived = append(d.NewlyWaived, c)
		}
		if o != nil && n != nil && o.Status == "waived" && o.Waiver != nil && o.Waiver.Status == "active" &&
			n.Status == "fail" && n.Waiver != nil && n.Waiver.Status == "expired" {
			w := n.Waiver
			expired[w.ID] = ExpiredWaiver{ID: w.ID, Control: k[0], Resource: k[1], Expires: w.Expires, Before: "active", Result: "fail"}
		}
	}
	oldWaivers := map[string]*evaluator.WaiverInfo{}
	for _, w := range older.Waivers {
		oldWaivers[w.ID] = w
	}
	for _, w := range newer.Waivers {
		if w.Status != "expired" {
			continue
		}
		if _, done := expired[w.ID]; done {
			continue
		}
		prev, ok := oldWaivers[w.ID]
		if ok && prev.Status == "expired" {
			continue
		}
		e := ExpiredWaiver{ID: w.ID, Control: w.Control, Resource: w.Resource, Expires: w.Expires, Before: Absent, Result: Absent}
		if ok {
			e.Before = prev.Status
		}
		if r := after[[2]string{w.Control, w.Resource}]; r != nil {
			e.Result = string(r.Status)
		}
		expired[w.ID] = e
	}
	for _, e := range expired {
		d.WaiversExpired = append(d.WaiversExpired, e)
	}
	sort.Slice(d.WaiversExpired, func(i, j int) bool { return d.WaiversExpired[i].ID < d.WaiversExpired[j].ID })
	for _, list := range [][]Change{d.NewlyFailing, d.Fixed, d.StillFailing, d.NewlyWaived} {
		sortChanges(list)
	}
	d.Counts = Counts{
		NewlyFailing: len(d.NewlyFailing), Fixed: len(d.Fixed), StillFailing: len(d.StillFailing),
		NewlyWaived: len(d.NewlyWaived), WaiversExpired: len(d.WaiversExpired),
	}
	return d
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
	c.ShortCode, c.Article, c.Severity = latest.ShortCode, latest.Article, string(latest.Severity)
	c.Message, c.MessageZh = latest.Message, latest.MessageZh
	if o != nil {
		c.Before = string(o.Status)
	}
	if n != nil {
		c.After = string(n.Status)
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
