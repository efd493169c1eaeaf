package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/policies"
	"github.com/baomi-dev/baomi/report"
)

var update = flag.Bool("update", false, "rewrite golden files")

const asOf = "2026-11-26"

// loadPolicies compiles the built-in policies once for every test.
var loadPolicies = sync.OnceValues(func() (*evaluator.Policies, error) {
	return evaluator.Load(context.Background(), policies.FS, nil, nil)
})

// evaluate checks the inventory at dir as `baomi check` does.
func evaluate(t *testing.T, dir string) *evaluator.Report {
	t.Helper()
	inv, diags := inventory.Load([]string{dir})
	if diags.HasErrors() {
		t.Fatalf("%s: %v", dir, diags)
	}
	ps, err := loadPolicies()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ps.Evaluate(context.Background(), evaluator.Input{Document: inv.Document, Locator: inv}, evaluator.Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// acme evaluates the worked example from the repository root, so that file
// names read as a user running from a checkout sees them.
func acme(t *testing.T) *evaluator.Report {
	t.Helper()
	t.Chdir("..")
	return evaluate(t, "fixtures/acme")
}

func render(t *testing.T, format, lang string, rep *evaluator.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := report.Write(&b, format, rep, report.Options{Lang: lang, ToolVersion: "0.1.0"}); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.Bytes()
}

// golden compares got with report/testdata/name; the working directory is the
// repository root.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("report", "testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test ./report -update rewrites it after a deliberate change)", path)
	}
}

func TestFormatsRegistered(t *testing.T) {
	got := strings.Join(report.Formats(), ",")
	if got != "html,json,junit,markdown,oscal,sarif,table" {
		t.Errorf("Formats() = %s", got)
	}
}

func TestAcmeGolden(t *testing.T) {
	rep := acme(t)
	for _, tc := range []struct{ format, lang, golden string }{
		{"sarif", "en", "acme.sarif"},
		{"junit", "en", "acme.junit.xml"},
		{"markdown", "en", "acme.md"},
		{"markdown", "zh", "acme.zh.md"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			out := render(t, tc.format, tc.lang, rep)
			golden(t, tc.golden, out)
			if again := render(t, tc.format, tc.lang, rep); !bytes.Equal(again, out) {
				t.Error("two renderings of one report differ")
			}
		})
	}
}

// sarifLog is the part of a SARIF log the tests read back.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID         string
					Properties struct {
						SecuritySeverity string `json:"security-severity"`
						Tags             []string
					}
				}
			}
		}
		Results []struct {
			RuleID              string
			RuleIndex           int
			Level               string
			Message             struct{ Text string }
			PartialFingerprints map[string]string
			Suppressions        []struct{ Kind, Status, Justification string }
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string }
					Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
				}
				LogicalLocations []struct{ FullyQualifiedName, Kind string }
			}
		}
	}
}

func decodeSARIF(t *testing.T, out []byte) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

// sarifSchema compiles the official SARIF 2.1.0 schema vendored in testdata,
// with formats (uri, uri-reference, date-time) asserted.
func sarifSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s is not JSON: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(path, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(path)
	if err != nil {
		t.Fatalf("compiling %s: %v", path, err)
	}
	return sch
}

// sample is a small report made by hand: one control that fails on a resource
// without location, with a message holding a pipe and a newline, is waived on
// another, and a control that applies to nothing.
func sample() *evaluator.Report {
	c := &evaluator.Control{ID: "BM-9.1-01", ShortCode: "made-up", Article: "9.1", Severity: evaluator.High,
		Title: "A made-up control", TitleZh: "虚构的控制项", Description: "Fails\nalways.",
		Remediation: "Fix it.", RemediationZh: "整改。", File: "policies/x/made_up.rego"}
	na := &evaluator.Control{ID: "BM-9.2-01", ShortCode: "never", Article: "9.2", Severity: evaluator.Low, Title: "Applies to nothing"}
	wv := &evaluator.WaiverInfo{ID: "waiver.w", Control: c.ID, Resource: "system.b", Reason: "later", ApprovedBy: "Boss", Expires: "2027-01-01", Status: "active"}
	return &evaluator.Report{
		AsOf:    asOf,
		Summary: evaluator.Summary{Controls: 2, Results: 2, Counts: evaluator.Counts{Fail: 1, Waived: 1}, NotApplicable: 1},
		Controls: []*evaluator.ControlOutcome{
			{Control: c, Status: evaluator.Fail, Counts: evaluator.Counts{Fail: 1, Waived: 1}},
			{Control: na, Status: evaluator.NotApplicable},
		},
		Results: []*evaluator.Result{
			{Control: c, Resource: "system.a", Status: evaluator.Fail, Severity: evaluator.High, Message: "a | b\nc"},
			{Control: c, Resource: "system.b", Status: evaluator.Waived, Severity: evaluator.High, Waiver: wv,
				Location: &evaluator.Location{File: "inv dir/ü.hcl", Line: 3, Column: 1}},
		},
		Waivers: []*evaluator.WaiverInfo{wv},
	}
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	rep := acme(t)
	sch := sarifSchema(t, "report/testdata/sarif-schema-2.1.0.json")
	empty := &evaluator.Report{AsOf: asOf}
	for _, tc := range []struct {
		name string
		rep  *evaluator.Report
		lang string
	}{
		{"acme", rep, "en"},
		{"acme zh", rep, "zh"},
		{"sample", sample(), "en"},
		{"empty", empty, "en"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := render(t, "sarif", tc.lang, tc.rep)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Fatalf("not valid SARIF 2.1.0: %v", err)
			}
			// What GitHub code scanning needs beyond the schema.
			if !bytes.Contains(out, []byte(`"results": [`)) {
				t.Error("results must be present even when empty")
			}
			log := decodeSARIF(t, out)
			rules := log.Runs[0].Tool.Driver.Rules
			if len(rules) != len(tc.rep.Controls) {
				t.Errorf("%d rules, want one per control (%d)", len(rules), len(tc.rep.Controls))
			}
			for _, r := range rules {
				if v, err := strconv.ParseFloat(r.Properties.SecuritySeverity, 64); err != nil || v <= 0 || v > 10 {
					t.Errorf("%s: security-severity %q", r.ID, r.Properties.SecuritySeverity)
				}
				if len(r.Properties.Tags) == 0 || r.Properties.Tags[0] != "security" {
					t.Errorf("%s: tags %v lack security", r.ID, r.Properties.Tags)
				}
			}
			for _, res := range log.Runs[0].Results {
				if res.RuleIndex < 0 || res.RuleIndex >= len(rules) || rules[res.RuleIndex].ID != res.RuleID {
					t.Errorf("result of %s points at rule %d", res.RuleID, res.RuleIndex)
				}
			}
		})
	}
}

func TestSARIFResults(t *testing.T) {
	rep := acme(t)
	log := decodeSARIF(t, render(t, "sarif", "en", rep))
	results := log.Runs[0].Results
	if want := rep.Summary.Fail + rep.Summary.Warn + rep.Summary.Waived; len(results) != want {
		t.Errorf("%d results, want one per fail, warn and waived result (%d)", len(results), want)
	}
	suppressed := 0
	for _, r := range results {
		if len(r.Locations) != 1 || r.Locations[0].PhysicalLocation.Region.StartLine < 1 ||
			!strings.HasPrefix(r.Locations[0].PhysicalLocation.ArtifactLocation.URI, "fixtures/acme/") {
			t.Errorf("%s: locations %+v", r.RuleID, r.Locations)
		}
		if len(r.Suppressions) == 0 {
			continue
		}
		suppressed++
		s := r.Suppressions[0]
		fqn := r.Locations[0].LogicalLocations[0].FullyQualifiedName
		if r.RuleID != "BM-4.2.1-04" || fqn != "system.billing_db" || r.Level != "error" {
			t.Errorf("suppressed result %s on %s at level %s, want the waived BM-4.2.1-04 on system.billing_db at error", r.RuleID, fqn, r.Level)
		}
		if s.Kind != "external" || s.Status != "accepted" ||
			!strings.Contains(s.Justification, "waiver.billing_db_encryption") ||
			!strings.Contains(s.Justification, "approved by Li Wei") ||
			!strings.Contains(s.Justification, "expires 2027-03-31") {
			t.Errorf("suppression %+v", s)
		}
	}
	if suppressed != 1 {
		t.Errorf("%d suppressed results, want the one waived result of acme", suppressed)
	}

	// A result without a location has no locations; with no Chinese message,
	// the English one stands.
	log = decodeSARIF(t, render(t, "sarif", "zh", sample()))
	r := log.Runs[0].Results[0]
	if r.Locations != nil || r.Message.Text != "a | b\nc" {
		t.Errorf("result without location: %+v", r)
	}
	if u := log.Runs[0].Results[1].Locations[0].PhysicalLocation.ArtifactLocation.URI; u != "inv%20dir/%C3%BC.hcl" {
		t.Errorf("uri %q, want the file name percent-encoded", u)
	}
}

func TestSARIFFingerprintsSurviveLineMoves(t *testing.T) {
	rep := acme(t)
	shifted := t.TempDir()
	files, err := filepath.Glob("fixtures/acme/*.hcl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixture files: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src = append([]byte("# moved down by three lines\n\n\n"), src...)
		if err := os.WriteFile(filepath.Join(shifted, filepath.Base(f)), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	type placed struct {
		fingerprint string
		line        int
	}
	fingerprints := func(rep *evaluator.Report) map[string]placed {
		out := map[string]placed{}
		for _, r := range decodeSARIF(t, render(t, "sarif", "en", rep)).Runs[0].Results {
			key := r.RuleID + " " + r.Locations[0].LogicalLocations[0].FullyQualifiedName
			fp := r.PartialFingerprints["primaryLocationLineHash"]
			if _, dup := out[key]; dup || fp == "" {
				t.Errorf("%s: fingerprint %q, duplicate %v", key, fp, dup)
			}
			out[key] = placed{fp, r.Locations[0].PhysicalLocation.Region.StartLine}
		}
		return out
	}
	before, after := fingerprints(rep), fingerprints(evaluate(t, shifted))
	if len(before) != len(after) || len(before) == 0 {
		t.Fatalf("%d results before the move, %d after", len(before), len(after))
	}
	for key, b := range before {
		a := after[key]
		if a.fingerprint != b.fingerprint {
			t.Errorf("%s: fingerprint %s became %q when the lines moved", key, b.fingerprint, a.fingerprint)
		}
		if a.line != b.line+3 {
			t.Errorf("%s: line %d became %d, want the result moved three lines down", key, b.line, a.line)
		}
	}
}

// junitSuites is the JUnit XML read back with a standard parser.
type junitSuites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Errors   int      `xml:"errors,attr"`
	// Properties hold the verdict.
	Properties []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	} `xml:"properties>property"`
	Suites []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Errors   int    `xml:"errors,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			File      string `xml:"file,attr"`
			Line      int    `xml:"line,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func decodeJUnit(t *testing.T, out []byte) junitSuites {
	t.Helper()
	if !bytes.HasPrefix(out, []byte(xml.Header)) {
		t.Error("no XML declaration")
	}
	var s junitSuites
	if err := xml.Unmarshal(out, &s); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	return s
}

func TestJUnitCountsMatchReport(t *testing.T) {
	rep := acme(t)
	s := decodeJUnit(t, render(t, "junit", "en", rep))
	sum := rep.Summary
	if s.Name != "baomi" || s.Tests != sum.Results || s.Failures != sum.Fail || s.Skipped != sum.Waived+sum.Warn || s.Errors != 0 {
		t.Errorf("testsuites name=%s tests=%d failures=%d skipped=%d errors=%d, want baomi %d %d %d 0",
			s.Name, s.Tests, s.Failures, s.Skipped, s.Errors, sum.Results, sum.Fail, sum.Waived+sum.Warn)
	}
	if len(s.Suites) != len(rep.Controls) {
		t.Fatalf("%d testsuites, want one per control (%d)", len(s.Suites), len(rep.Controls))
	}
	warned, named := 0, 0
	for i, suite := range s.Suites {
		o := rep.Controls[i]
		if suite.Name != o.Control.ID+" "+o.Control.ShortCode {
			t.Errorf("testsuite %d is %q, want %s", i, suite.Name, o.Control.ID)
		}
		tests := o.Pass + o.Fail + o.Warn + o.Waived
		if suite.Tests != tests || suite.Failures != o.Fail || suite.Skipped != o.Waived+o.Warn || len(suite.Cases) != tests {
			t.Errorf("%s: tests=%d failures=%d skipped=%d cases=%d, want %d %d %d", suite.Name,
				suite.Tests, suite.Failures, suite.Skipped, len(suite.Cases), tests, o.Fail, o.Waived+o.Warn)
		}
		failures, skipped := 0, 0
		for _, c := range suite.Cases {
			if c.Classname != "baomi."+strings.ReplaceAll(o.Control.ID, ".", "_") || c.Name == "" || c.File == "" || c.Line < 1 {
				t.Errorf("%s: testcase %+v lacks a name, classname, file or line", suite.Name, c)
			}
			if strings.HasSuffix(c.Name, ")") {
				named++
			}
			if c.Failure != nil {
				failures++
				if c.Failure.Message == "" || c.Failure.Type == "" || !strings.Contains(c.Failure.Text, "how to fix: ") {
					t.Errorf("%s on %s: failure %+v", suite.Name, c.Name, c.Failure)
				}
			}
			if c.Skipped != nil {
				skipped++
				warning := strings.HasPrefix(c.Skipped.Message, "warning: ")
				if warning {
					warned++
				}
				if !warning && !strings.HasPrefix(c.Skipped.Message, "waived by waiver.billing_db_encryption until 2027-03-31: ") {
					t.Errorf("%s on %s: skipped %q", suite.Name, c.Name, c.Skipped.Message)
				}
			}
		}
		if failures != suite.Failures || skipped != suite.Skipped {
			t.Errorf("%s: %d failure and %d skipped elements, attributes say %d and %d", suite.Name, failures, skipped, suite.Failures, suite.Skipped)
		}
	}
	if warned != sum.Warn {
		t.Errorf("%d warnings skipped with their message, want %d", warned, sum.Warn)
	}
	if named == 0 {
		t.Error("no testcase shows its resource's name beside the address")
	}
}

func TestJUnitNotApplicableControl(t *testing.T) {
	s := decodeJUnit(t, render(t, "junit", "en", sample()))
	if len(s.Suites) != 2 {
		t.Fatalf("%d testsuites, want 2", len(s.Suites))
	}
	na := s.Suites[1]
	if na.Name != "BM-9.2-01 never" || na.Tests != 0 || len(na.Cases) != 0 {
		t.Errorf("a control that applies to nothing: %+v, want an empty testsuite", na)
	}
	c := s.Suites[0].Cases[0]
	if c.File != "" || c.Line != 0 || c.Failure == nil || c.Failure.Text != "a | b\nc\nresource: system.a\nhow to fix: Fix it." {
		t.Errorf("failure without location: %+v", c)
	}
}
