package evaluator

import (
	"fmt"
	"sort"
)

// WaiverStatus says what a waiver does in a run.
type WaiverStatus string

// The statuses a waiver can have.
const (
	// WaiverActive waives a failure.
	WaiverActive WaiverStatus = "active"
	// WaiverExpired has expired and waives nothing.
	WaiverExpired WaiverStatus = "expired"
	// WaiverUnused is in force, but the control does not fail on the resource.
	WaiverUnused WaiverStatus = "unused"
	// WaiverSuperseded is in force, but another waiver of the same control and
	// resource, expiring later, takes its place.
	WaiverSuperseded WaiverStatus = "superseded"
)

// readWaivers reads the inventory's waivers and checks that each names a known
// control. Waivers come back sorted by address.
func (p *Policies) readWaivers(doc map[string]any) ([]*WaiverInfo, []Problem) {
	coll, _ := doc["waivers"].(map[string]any)
	addrs := make([]string, 0, len(coll))
	for a := range coll {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	var out []*WaiverInfo
	var problems []Problem
	for _, a := range addrs {
		w, _ := coll[a].(map[string]any)
		str := func(k string) string { s, _ := w[k].(string); return s }
		info := &WaiverInfo{ID: a, Control: str("control"), Resource: str("resource"), Reason: str("reason"), ApprovedBy: str("approved_by"), Expires: str("expires")}
		c := p.Find(info.Control)
		if c == nil {
			problems = append(problems, Problem{Address: a, Attribute: "control",
				Message: fmt.Sprintf("waiver names control %q, which does not exist%s", info.Control, p.suggest(info.Control))})
			continue
		}
		info.Control = c.ID
		out = append(out, info)
	}
	return out, problems
}

// applyWaivers turns failing results into waived ones where an unexpired waiver
// covers them, and marks each waiver active, expired, unused or superseded. Of
// several waivers for one result, the one that expires last counts (the first
// by address on a tie); the others in force are superseded.
func applyWaivers(rep *Report, waivers []*WaiverInfo, asOf string) {
	type key struct{ control, resource string }
	best := map[key]*WaiverInfo{}
	for _, w := range waivers {
		w.Status = WaiverUnused
		if w.Expires < asOf {
			w.Status = WaiverExpired
		}
		k := key{w.Control, w.Resource}
		if b := best[k]; b == nil || w.Expires > b.Expires || (w.Expires == b.Expires && w.ID < b.ID) {
			best[k] = w
		}
	}
	for _, w := range waivers {
		if w.Status == WaiverUnused && best[key{w.Control, w.Resource}] != w {
			w.Status = WaiverSuperseded
		}
	}
	for _, r := range rep.Results {
		w := best[key{r.Control.ID, r.Resource}]
		if w == nil || r.Status != Fail {
			continue
		}
		r.Waiver = w
		if w.Status != WaiverExpired {
			w.Status = WaiverActive
			r.Status = Waived
		}
	}
}

// summarize counts results per control and in all.
func summarize(rep *Report) {
	byControl := map[*Control]*ControlOutcome{}
	for _, o := range rep.Controls {
		byControl[o.Control] = o
	}
	s := &rep.Summary
	s.Controls = len(rep.Controls)
	s.Results = len(rep.Results)
	for _, r := range rep.Results {
		byControl[r.Control].Add(r.Status)
		s.Add(r.Status)
	}
	for _, o := range rep.Controls {
		switch {
		case o.Fail > 0:
			o.Status = Fail
		case o.Warn > 0:
			o.Status = Warn
		case o.Waived > 0:
			o.Status = Waived
		case o.Pass > 0:
			o.Status = Pass
		default:
			o.Status = NotApplicable
			s.NotApplicable++
		}
	}
}
