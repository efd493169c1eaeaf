package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/report"
)

// sarifRun is the part of a SARIF run the tests of this file read.
type sarifRun struct {
	Tool struct {
		Driver struct {
			Rules []struct {
				ID      string
				HelpURI string `json:"helpUri"`
			}
		}
	}
	AutomationDetails  struct{ ID string } `json:"automationDetails"`
	OriginalURIBaseIDs map[string]any      `json:"originalUriBaseIds"`
	Results            []struct {
		RuleID    string
		Locations []struct {
			PhysicalLocation struct {
				ArtifactLocation struct {
					URI       string
					URIBaseID string `json:"uriBaseId"`
				}
			}
		}
		Properties struct {
			Severity         string
			SecuritySeverity string   `json:"security-severity"`
			BaseSeverity     string   `json:"base_severity"`
			RaisedBy         []string `json:"raised_by"`
		}
	}
	Properties struct {
		FailOn  string `json:"fail_on"`
		Verdict evaluator.Verdict
	}
}

func renderSARIF(t *testing.T, rep *evaluator.Report, opts report.Options) sarifRun {
	t.Helper()
	var b bytes.Buffer
	if err := report.Write(&b, "sarif", rep, opts); err != nil {
		t.Fatal(err)
	}
	var log struct{ Runs []sarifRun }
	if err := json.Unmarshal(b.Bytes(), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("%v, %d runs", err, len(log.Runs))
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := sarifSchema(t, "report/testdata/sarif-schema-2.1.0.json").Validate(inst); err != nil {
		t.Fatalf("not valid SARIF 2.1.0: %v", err)
	}
	return log.Runs[0]
}

// githubSlug is the anchor GitHub gives a Markdown heading: lower case, spaces
// made hyphens, every other character but letters, digits, - and _ dropped.
func githubSlug(heading string) string {
	s := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(heading)), " ", "-")
	return regexp.MustCompile(`[^\p{L}\p{N}_-]`).ReplaceAllString(s, "")
}

// TestSARIFHelpURIs: every built-in rule links to its control's section of
// docs/controls.md, at an anchor the page really has; the base is configurable.
func TestSARIFHelpURIs(t *testing.T) {
	rep := acme(t)
	doc, err := os.ReadFile("docs/controls.md")
	if err != nil {
		t.Fatal(err)
	}
	anchors := map[string]bool{}
	for _, line := range strings.Split(string(doc), "\n") {
		if h, ok := strings.CutPrefix(line, "### "); ok {
			anchors[githubSlug(h)] = true
		}
	}
	run := renderSARIF(t, rep, report.Options{})
	if len(run.Tool.Driver.Rules) == 0 {
		t.Fatal("no rules")
	}
	for _, r := range run.Tool.Driver.Rules {
		page, anchor, ok := strings.Cut(r.HelpURI, "#")
		if !ok || page != report.DefaultHelpURL || !anchors[anchor] {
			t.Errorf("%s: helpUri %q is not a heading of docs/controls.md at %s", r.ID, r.HelpURI, report.DefaultHelpURL)
		}
	}
	run = renderSARIF(t, rep, report.Options{HelpURL: "https://docs.example.com/baomi/controls"})
	if got := run.Tool.Driver.Rules[0].HelpURI; !strings.HasPrefix(got, "https://docs.example.com/baomi/controls#bm-") {
		t.Errorf("helpUri %q ignores the configured base", got)
	}
	user := sample() // its controls are not built in, so not in docs/controls.md
	if got := renderSARIF(t, user, report.Options{}).Tool.Driver.Rules[0].HelpURI; got != "" {
		t.Errorf("a user control links to %q, which docs/controls.md does not hold", got)
	}
}

// TestSARIFRaisedSeverity: a result raised by top_secret data carries its own
// security-severity, the rule's severity and the assets that raised it.
func TestSARIFRaisedSeverity(t *testing.T) {
	t.Chdir("..") // renderSARIF reads the schema from the repository root
	run := renderSARIF(t, junitGateReport(), report.Options{FailOn: evaluator.High})
	raised, plain := run.Results[0].Properties, run.Results[1].Properties
	if raised.Severity != "critical" || raised.SecuritySeverity != "9.5" || raised.BaseSeverity != "high" ||
		strings.Join(raised.RaisedBy, ",") != "data_asset.cards" {
		t.Errorf("raised result: %+v", raised)
	}
	if plain.SecuritySeverity != "" || plain.BaseSeverity != "" || plain.RaisedBy != nil {
		t.Errorf("a result at its rule's severity repeats it: %+v", plain)
	}
	if run.Properties.FailOn != "high" || run.Properties.Verdict != junitGateReport().Verdict(evaluator.High) {
		t.Errorf("run properties %+v", run.Properties)
	}
}

// TestSARIFPathsFromTheWorkTreeRoot: run from team/ inside a git work tree,
// files are named from the root, and the run is identified by the inventory's
// path from there.
func TestSARIFPathsFromTheWorkTreeRoot(t *testing.T) {
	t.Chdir("..")
	rep := junitGateReport()
	rep.Results[0].Location = &evaluator.Location{File: "legal.hcl", Line: 3, Column: 1}
	rep.Results[1].Location = &evaluator.Location{File: "../other/x.hcl", Line: 1, Column: 1}
	rep.Results[2].Location = &evaluator.Location{File: "../../outside.hcl", Line: 1, Column: 1}
	run := renderSARIF(t, rep, report.Options{RepoDir: "team", Inputs: []string{"."}})
	for i, want := range []struct{ uri, base string }{
		{"team/legal.hcl", "%SRCROOT%"},
		{"other/x.hcl", "%SRCROOT%"},
		{"../../outside.hcl", ""},
	} {
		a := run.Results[i].Locations[0].PhysicalLocation.ArtifactLocation
		if a.URI != want.uri || a.URIBaseID != want.base {
			t.Errorf("result %d: uri %q base %q, want %q %q", i, a.URI, a.URIBaseID, want.uri, want.base)
		}
	}
	if run.AutomationDetails.ID != "baomi/team/" || run.OriginalURIBaseIDs["%SRCROOT%"] == nil {
		t.Errorf("automationDetails %q, originalUriBaseIds %v", run.AutomationDetails.ID, run.OriginalURIBaseIDs)
	}
	at := renderSARIF(t, rep, report.Options{Inputs: []string{"fixtures/acme/", "more"}})
	if at.AutomationDetails.ID != "baomi/fixtures/acme+more/" || at.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "legal.hcl" {
		t.Errorf("at the root: automationDetails %q, uri %q", at.AutomationDetails.ID, at.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
}
