package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/report"
)

// waivedSep follows the resource in the list of waived results.
var waivedSep = map[string]string{"en": ": ", "zh": ":"}

// renderWith writes rep in format with opts.
func renderWith(t *testing.T, format string, rep *evaluator.Report, opts report.Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.Write(&b, format, rep, opts); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.String()
}

func TestMarkdownListsFindingsNotPasses(t *testing.T) {
	rep := acme(t)
	for _, lang := range []string{"en", "zh"} {
		out := string(render(t, "markdown", lang, rep))
		rows := 0
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "| ") && strings.Contains(line, "| BM-") {
				rows++
			}
		}
		if want := rep.Summary.Fail + rep.Summary.Warn; rows != want {
			t.Errorf("%s: %d table rows, want one per failure and warning (%d)", lang, rows, want)
		}
		for _, r := range rep.Results {
			row := "| " + r.Control.ID + " <code>" + r.Control.ShortCode + "</code> | "
			listed := false
			for _, line := range strings.Split(out, "\n") {
				if strings.Contains(line, row) && strings.Contains(line, "<code>"+r.Resource+"</code>") {
					listed = true
				}
			}
			if listed != (r.Status == evaluator.Fail || r.Status == evaluator.Warn) {
				t.Errorf("%s: %s on %s (%s) listed=%v", lang, r.Control.ID, r.Resource, r.Status, listed)
			}
		}
		if !strings.Contains(out, "<details><summary>") || !strings.Contains(out, "<code>system.billing_db</code> (Billing and payments database)"+waivedSep[lang]) {
			t.Errorf("%s: the waived result is not in a collapsed list with its resource's name", lang)
		}
		if strings.Index(out, "| critical") > strings.Index(out, "| high") && lang == "en" {
			t.Error("failures are not sorted critical first")
		}
	}
}

func TestMarkdownCapsAndEscapes(t *testing.T) {
	rep := sample()
	c := rep.Controls[0].Control
	for i := range 150 {
		rep.Results = append(rep.Results, &evaluator.Result{Control: c, Resource: fmt.Sprintf("system.s%03d", i),
			Status: evaluator.Fail, Severity: evaluator.Low, Message: "m"})
	}
	rep.Summary.Fail += 150
	out := string(render(t, "markdown", "en", rep))
	if rows := strings.Count(out, "| BM-9.1-01 <code>made-up</code> |"); rows != 100 {
		t.Errorf("%d rows, want the failure table capped at 100", rows)
	}
	if !strings.Contains(out, "… and 51 more\n") {
		t.Errorf("no line for the 51 failures left out:\n%s", out)
	}
	if !strings.Contains(out, "| a \\| b c |") {
		t.Errorf("a pipe and a newline in a finding are not escaped:\n%s", out)
	}
	if strings.Contains(out, "system.s149") {
		t.Error("the lowest-severity failures should be the ones left out")
	}
}

// gateReport has one result of each kind the verdict counts: a failure that
// fails a gate at high, one below it, one in the baseline, one waived.
func gateReport() *evaluator.Report {
	c := &evaluator.Control{ID: "BM-9.1-01", ShortCode: "made-up", Article: "9.1", Severity: evaluator.High, Title: "A made-up control"}
	low := &evaluator.Control{ID: "BM-9.2-01", ShortCode: "minor", Article: "9.2", Severity: evaluator.Low, Title: "A minor control"}
	wv := &evaluator.WaiverInfo{ID: "waiver.w", Control: c.ID, Resource: "system.w", Reason: "later", Expires: "2027-01-01", Status: "active"}
	return &evaluator.Report{
		AsOf:    asOf,
		Summary: evaluator.Summary{Controls: 2, Results: 4, Counts: evaluator.Counts{Fail: 3, Waived: 1}, Baselined: 1},
		Controls: []*evaluator.ControlOutcome{
			{Control: c, Status: evaluator.Fail, Counts: evaluator.Counts{Fail: 2, Waived: 1}},
			{Control: low, Status: evaluator.Fail, Counts: evaluator.Counts{Fail: 1}},
		},
		Results: []*evaluator.Result{
			{Control: c, Resource: "system.old", Status: evaluator.Fail, Severity: evaluator.High, BaseSeverity: evaluator.High, Message: "old failure", Baselined: true},
			{Control: c, Resource: "system.crm_db", ResourceName: "Customer CRM", Status: evaluator.Fail, Severity: evaluator.Critical,
				BaseSeverity: evaluator.High, RaisedBy: []string{"data_asset.cards"}, Message: "new failure"},
			{Control: c, Resource: "system.w", Status: evaluator.Waived, Severity: evaluator.High, BaseSeverity: evaluator.High, Waiver: wv},
			{Control: low, Resource: "system.minor", Status: evaluator.Fail, Severity: evaluator.Low, BaseSeverity: evaluator.Low, Message: "minor failure"},
		},
		Waivers: []*evaluator.WaiverInfo{wv},
	}
}

func TestMarkdownStatesTheVerdict(t *testing.T) {
	rep := gateReport()
	for _, tc := range []struct {
		name   string
		opts   report.Options
		header string
	}{
		{"fails at high", report.Options{FailOn: evaluator.High},
			"## baomi: FAIL — 1 failure at or above fail_on high; 1 baselined, 1 waived, 1 below the threshold; 0 warnings\n"},
		{"the raised severity is the one gated", report.Options{FailOn: evaluator.Critical},
			"## baomi: FAIL — 1 failure at or above fail_on critical; 1 baselined, 1 waived, 1 below the threshold; 0 warnings\n"},
		{"default threshold is low", report.Options{},
			"## baomi: FAIL — 2 failures at or above fail_on low; 1 baselined, 1 waived, 0 below the threshold; 0 warnings\n"},
		{"zh", report.Options{Lang: "zh", FailOn: evaluator.High},
			"## baomi:未通过 — 1 条未通过项达到 fail_on 阈值(高)及以上;1 条已列入基线,1 条已豁免,1 条低于阈值;0 条警告\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := renderWith(t, "markdown", rep, tc.opts)
			if !strings.HasPrefix(out, tc.header) {
				t.Errorf("headline:\n%s\nwant:\n%s", strings.SplitN(out, "\n", 2)[0], tc.header)
			}
		})
	}

	pass := gateReport()
	pass.Results = pass.Results[:1]
	out := renderWith(t, "markdown", pass, report.Options{FailOn: evaluator.High})
	if want := "## baomi: PASS — 0 failures at or above fail_on high; 1 baselined, 0 waived, 0 below the threshold; 0 warnings\n"; !strings.HasPrefix(out, want) {
		t.Errorf("a run whose only failure is baselined must pass:\n%s", out)
	}
}

func TestMarkdownNewFailuresBeforeBaselined(t *testing.T) {
	out := renderWith(t, "markdown", gateReport(), report.Options{FailOn: evaluator.High})
	newAt := strings.Index(out, "### New failures (2)")
	crm := strings.Index(out, "| critical ↑ top_secret | BM-9.1-01 <code>made-up</code> | Art. 9.1 | <code>system.crm_db</code> (Customer CRM) |")
	minor := strings.Index(out, "minor failure (below fail_on high) |")
	details := strings.Index(out, "<details><summary>Failures in the baseline, which do not fail the run (1)</summary>")
	old := strings.Index(out, "<code>system.old</code>")
	closing := strings.Index(out[max(details, 0):], "</details>")
	switch {
	case newAt < 0 || crm < 0 || minor < 0 || details < 0 || old < 0:
		t.Fatalf("missing part (new %d, raised row %d, below-threshold row %d, details %d, baselined row %d):\n%s", newAt, crm, minor, details, old, out)
	case !(newAt < crm && crm < minor && minor < details && details < old):
		t.Errorf("want new failures (failing the gate first), then the baselined ones folded away:\n%s", out)
	case closing < 0 || details+closing < old:
		t.Errorf("the baselined failure is not inside the collapsed section:\n%s", out)
	}
	if strings.Count(out, "system.old") != 1 {
		t.Errorf("the baselined failure is listed more than once:\n%s", out)
	}
}
