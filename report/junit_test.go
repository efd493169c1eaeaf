package report_test

import (
	"bytes"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/report"
)

// junitGateReport has one failure of each kind the gate tells apart at
// --fail-on high: one that fails it (critical, raised by a top_secret asset),
// one in the baseline, one below the threshold; and a warning.
func junitGateReport() *evaluator.Report {
	c := &evaluator.Control{ID: "BM-4.2.1-04", ShortCode: "storage-encrypted", Article: "4.2.1", Severity: evaluator.High,
		Title: "Encrypted", TitleZh: "加密", Remediation: "Encrypt.", RemediationZh: "加密。"}
	m := &evaluator.Control{ID: "BM-4.6.2-01", ShortCode: "screen-lock", Article: "4.6.2", Severity: evaluator.Medium, Title: "Screen lock"}
	return &evaluator.Report{
		AsOf:    asOf,
		Summary: evaluator.Summary{Controls: 2, Results: 4, Counts: evaluator.Counts{Fail: 3, Warn: 1}, Baselined: 1},
		Controls: []*evaluator.ControlOutcome{
			{Control: c, Status: evaluator.Fail, Counts: evaluator.Counts{Fail: 2}},
			{Control: m, Status: evaluator.Fail, Counts: evaluator.Counts{Fail: 1, Warn: 1}},
		},
		Results: []*evaluator.Result{
			{Control: c, Resource: "system.vault", ResourceName: "Card vault", Status: evaluator.Fail, Severity: evaluator.Critical,
				BaseSeverity: evaluator.High, RaisedBy: []string{"data_asset.cards"}, Message: "system.vault is not encrypted"},
			{Control: c, Resource: "system.old", Status: evaluator.Fail, Severity: evaluator.High, BaseSeverity: evaluator.High,
				Message: "system.old is not encrypted", Baselined: true},
			{Control: m, Resource: "device.laptops", Status: evaluator.Fail, Severity: evaluator.Medium, BaseSeverity: evaluator.Medium,
				Message: "device.laptops does not lock"},
			{Control: m, Resource: "device.phones", Status: evaluator.Warn, Severity: evaluator.Medium, BaseSeverity: evaluator.Medium,
				Message: "device.phones locks late"},
		},
	}
}

func renderJUnit(t *testing.T, rep *evaluator.Report, failOn evaluator.Severity) junitSuites {
	t.Helper()
	var b bytes.Buffer
	if err := report.Write(&b, "junit", rep, report.Options{Lang: "en", FailOn: failOn}); err != nil {
		t.Fatal(err)
	}
	return decodeJUnit(t, b.Bytes())
}

// TestJUnitAgreesWithTheGate: only a failure that fails the gate is a
// <failure>; the others are skipped saying why; the verdict is in the
// testsuites' properties.
func TestJUnitAgreesWithTheGate(t *testing.T) {
	s := renderJUnit(t, junitGateReport(), evaluator.High)
	got := map[string]string{}
	for _, suite := range s.Suites {
		for _, c := range suite.Cases {
			switch {
			case c.Failure != nil:
				got[c.Name] = "failure: " + c.Failure.Text
			case c.Skipped != nil:
				got[c.Name] = "skipped: " + c.Skipped.Message
			}
		}
	}
	for name, want := range map[string]string{
		"system.vault (Card vault)": "failure: system.vault is not encrypted\nresource: system.vault (Card vault)\nseverity critical, raised from high by top_secret data: data_asset.cards\nhow to fix: Encrypt.",
		"system.old":                "skipped: recorded in the baseline: does not fail the run: system.old is not encrypted",
		"device.laptops":            "skipped: severity medium is below --fail-on high: does not fail the run: device.laptops does not lock",
		"device.phones":             "skipped: warning: device.phones locks late",
	} {
		if got[name] != want {
			t.Errorf("%s:\n got %q\nwant %q", name, got[name], want)
		}
	}
	if s.Failures != 1 || s.Skipped != 3 {
		t.Errorf("testsuites failures=%d skipped=%d, want 1 and 3", s.Failures, s.Skipped)
	}
	props := map[string]string{}
	for _, p := range s.Properties {
		props[p.Name] = p.Value
	}
	want := map[string]string{"fail_on": "high", "verdict": "fail", "failing": "1", "baselined": "1", "below_threshold": "1", "waived": "0", "as_of": asOf}
	for k, v := range want {
		if props[k] != v {
			t.Errorf("testsuites property %s = %q, want %q", k, props[k], v)
		}
	}
}

// TestJUnitNeverRedWhenTheRunPasses: a run that exits 0 because its failures
// are below --fail-on or in the baseline has no <failure> at all.
func TestJUnitNeverRedWhenTheRunPasses(t *testing.T) {
	rep := junitGateReport()
	rep.Results[0].Severity = evaluator.High // no critical failure: the run passes at critical
	if v := rep.Verdict(evaluator.Critical); v.Status != evaluator.Pass || v.BelowThreshold == 0 {
		t.Fatalf("the report must pass at critical with failures below it: %+v", v)
	}
	s := renderJUnit(t, rep, evaluator.Critical)
	if s.Failures != 0 {
		t.Errorf("testsuites failures=%d for a run that exits 0", s.Failures)
	}
	for _, suite := range s.Suites {
		for _, c := range suite.Cases {
			if c.Failure != nil {
				t.Errorf("%s on %s is a <failure> in a run that exits 0", suite.Name, c.Name)
			}
		}
	}
}
