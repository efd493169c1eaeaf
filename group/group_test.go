package group

import (
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/report"
)

func unitReport(org string, paths []string, statuses ...evaluator.Status) *report.JSONReport {
	r := &report.JSONReport{Organization: org, Paths: paths, AsOf: "2026-01-01", Policies: &report.JSONPolicies{SHA256: "abc"}}
	for i, s := range statuses {
		r.Results = append(r.Results, report.JSONResult{Control: "BM-4.2.1-01", Article: "4.2.1", Status: s, Resource: "system.s" + string(rune('a'+i))})
	}
	return r
}

// Only passes are compliant: a warning, a waived and a failing result are not.
func TestComplianceCountsOnlyPasses(t *testing.T) {
	units, err := Name([]Input{{File: "a.json", Report: unitReport("A", nil, evaluator.Pass, evaluator.Warn, evaluator.Waived, evaluator.Fail)}})
	if err != nil {
		t.Fatal(err)
	}
	g := Merge(units, nil)
	want := Tally{Results: 4, Counts: evaluator.Counts{Pass: 1, Fail: 1, Warn: 1, Waived: 1}, Compliance: 25}
	if g.Totals != want || g.Units[0].Tally != want || g.Chapters[0].Tally != want || g.Chapters[0].Key != "4" || g.Articles[0].Key != "4.2.1" {
		t.Errorf("totals %+v, unit %+v, chapters %+v: want %+v", g.Totals, g.Units[0].Tally, g.Chapters, want)
	}
	if len(g.Failures) != 1 || g.Failures[0].Unit != "A" {
		t.Errorf("failures %+v, want the one failing result of A", g.Failures)
	}
}

func TestNameUnits(t *testing.T) {
	units, err := Name([]Input{
		{File: "b.json", Report: unitReport("B", []string{"east"})},
		{File: "b2.json", Report: unitReport("B", []string{"west"})},
		{File: "none.json", Report: unitReport("", nil)},
		{File: "a.json", Report: unitReport("A", nil)},
	})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range units {
		names = append(names, u.Name)
	}
	if got := strings.Join(names, "|"); got != "(none.json)|A|B (east)|B (west)" {
		t.Errorf("names %s", got)
	}
	_, err = Name([]Input{{File: "b.json", Report: unitReport("B", []string{"east"})}, {File: "c.json", Report: unitReport("B", []string{"east"})}})
	if err == nil || !strings.Contains(err.Error(), "b.json and c.json are both reports of B") {
		t.Errorf("the same unit twice: %v", err)
	}
}

// A report that does not record its policies cannot be shown to share them.
func TestDifferencesUnrecordedPolicies(t *testing.T) {
	old := unitReport("B", nil)
	old.Policies = nil
	units, _ := Name([]Input{{File: "a.json", Report: unitReport("A", nil)}, {File: "b.json", Report: old}})
	d := Differences(units)
	if len(d) != 1 || d[0] != "policy sets (policies.sha256) differ: abc for A; unrecorded for B" {
		t.Errorf("differences %q", d)
	}
	if d := Differences(units[:1]); len(d) != 0 {
		t.Errorf("one unit differs from itself: %q", d)
	}
}
