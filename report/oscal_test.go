package report_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/report"
)

// oscalSchemaPath is NIST's OSCAL 1.2.2 complete JSON Schema, from the repository root.
const oscalSchemaPath = "report/testdata/oscal_complete_schema-1.2.2.json"

// validOSCAL fails the test unless out validates against the OSCAL schema.
func validOSCAL(t *testing.T, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sarifSchema(t, oscalSchemaPath).Validate(inst); err != nil {
		t.Fatalf("not valid OSCAL 1.2.2: %v", err)
	}
}

// TestOSCALSchemaBites: the schema rejects what OSCAL forbids, so that a
// passing validation means something.
func TestOSCALSchemaBites(t *testing.T) {
	t.Chdir("..")
	sch := sarifSchema(t, oscalSchemaPath)
	for _, doc := range []string{
		`{"catalog": {"uuid": "not-a-uuid", "metadata": {"title": "t", "last-modified": "2026-11-26T00:00:00Z", "version": "1", "oscal-version": "1.2.2"}}}`,
		`{"catalog": {"uuid": "375575bd-70fa-590f-ae6d-7e6a8fc8998d", "metadata": {"title": "t", "last-modified": "2026-11-26", "version": "1", "oscal-version": "1.2.2"}}}`,
		`{"catalog": {"uuid": "375575bd-70fa-590f-ae6d-7e6a8fc8998d", "metadata": {"title": "t", "last-modified": "2026-11-26T00:00:00Z", "version": "1", "oscal-version": "1.2.2"}, "groups": []}}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("the schema accepts %s", doc)
		}
	}
}

// TestOSCALCatalogUserControls: a user control citing an article the
// regulation does not have gets a chapter of its own and links to nothing.
func TestOSCALCatalogUserControls(t *testing.T) {
	t.Chdir("..")
	var controls []*evaluator.Control
	for _, o := range sample().Controls {
		controls = append(controls, o.Control)
	}
	var b bytes.Buffer
	if err := report.WriteCatalog(&b, "oscal", controls, report.CatalogOptions{Date: asOf}); err != nil {
		t.Fatal(err)
	}
	validOSCAL(t, b.Bytes())
	cat, idx := indexCatalog(t, b.Bytes())
	last := cat.Groups[len(cat.Groups)-1]
	if last.ID != "chapter-9" || len(last.Controls) != 2 || len(last.Parts) != 0 {
		t.Errorf("last group %s with %d controls and %d parts, want chapter-9 with the 2 user controls", last.ID, len(last.Controls), len(last.Parts))
	}
	for id, c := range idx.controls {
		if links := c.Parts[0].Links; len(links) != 0 {
			t.Errorf("%s links to %v, which the regulation does not have", id, links)
		}
	}
	if err := report.WriteCatalog(io.Discard, "oscal", controls, report.CatalogOptions{Date: "2026-13-01"}); err == nil {
		t.Error("a catalog dated 2026-13-01 is written")
	}
}

// renderOSCALCatalog writes the built-in catalog as OSCAL, as of asOf.
func renderOSCALCatalog(t *testing.T) []byte {
	t.Helper()
	ps, err := loadPolicies()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := report.WriteCatalog(&b, "oscal", ps.Controls, report.CatalogOptions{ToolVersion: "0.1.0", Date: asOf}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// catalogIndex lists what an OSCAL catalog defines: its controls, and the
// ids of every part (the articles' statements and the controls' own).
type catalogIndex struct {
	controls map[string]report.OSCALControl
	parts    map[string]bool
}

func indexCatalog(t *testing.T, out []byte) (report.OSCALCatalog, catalogIndex) {
	t.Helper()
	var doc report.OSCALCatalogDocument
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	idx := catalogIndex{controls: map[string]report.OSCALControl{}, parts: map[string]bool{}}
	var addParts func(parts []report.OSCALPart)
	addParts = func(parts []report.OSCALPart) {
		for _, p := range parts {
			if p.ID != "" {
				if idx.parts[p.ID] {
					t.Errorf("part id %s is used twice", p.ID)
				}
				idx.parts[p.ID] = true
			}
			addParts(p.Parts)
		}
	}
	for _, g := range doc.Catalog.Groups {
		addParts(g.Parts)
		for _, c := range g.Controls {
			if _, dup := idx.controls[c.ID]; dup {
				t.Errorf("control %s is listed twice", c.ID)
			}
			idx.controls[c.ID] = c
			addParts(c.Parts)
		}
	}
	return doc.Catalog, idx
}

// TestOSCALCatalog: the catalog validates, groups the controls by chapter with
// the articles they test, and links each control to articles it has.
func TestOSCALCatalog(t *testing.T) {
	t.Chdir("..")
	out := renderOSCALCatalog(t)
	validOSCAL(t, out)
	golden(t, "controls.oscal.json", out)
	if again := renderOSCALCatalog(t); !bytes.Equal(again, out) {
		t.Error("two renderings of the catalog differ")
	}
	cat, idx := indexCatalog(t, out)
	ps, _ := loadPolicies()
	if len(idx.controls) != len(ps.Controls) {
		t.Errorf("%d controls, want one per control of the catalog (%d)", len(idx.controls), len(ps.Controls))
	}
	if cat.Metadata.LastModified != asOf+"T00:00:00Z" || cat.Metadata.OSCALVersion != "1.2.2" || cat.Metadata.Version != "0.1.0" {
		t.Errorf("metadata %+v", cat.Metadata)
	}
	for _, g := range cat.Groups {
		ch := strings.TrimPrefix(g.ID, "chapter-")
		for _, c := range g.Controls {
			if !strings.HasPrefix(c.ID, "BM-"+ch+".") {
				t.Errorf("control %s is in the group of chapter %s", c.ID, ch)
			}
		}
	}
	for _, c := range ps.Controls {
		oc, ok := idx.controls[c.ID]
		if !ok {
			t.Errorf("%s is missing", c.ID)
			continue
		}
		props := map[string]string{}
		for _, p := range oc.Props {
			if p.NS == report.OSCALNamespace {
				props[p.Name] = p.Value
			}
		}
		if oc.Title != c.Title || props["article"] != c.Article || props["short-code"] != c.ShortCode || props["severity"] != c.Severity.String() {
			t.Errorf("%s: title %q, props %v", c.ID, oc.Title, props)
		}
		stmt, rem := oc.Parts[0], oc.Parts[1]
		if stmt.Name != "statement" || stmt.ID != c.ID+"_smt" || len(stmt.Parts) != 1 || stmt.Parts[0].Prose != c.TitleZh {
			t.Errorf("%s: statement %+v", c.ID, stmt)
		}
		if rem.Name != "remediation" || rem.NS != report.OSCALNamespace || rem.Prose != c.Remediation || rem.Parts[0].Prose != c.RemediationZh {
			t.Errorf("%s: remediation %+v", c.ID, rem)
		}
		// The statement cites the article the control tests, and it exists.
		if len(stmt.Links) == 0 || stmt.Links[0].Href != "#art-"+c.Article {
			t.Errorf("%s: statement links %+v, want the article %s first", c.ID, stmt.Links, c.Article)
		}
		for _, l := range stmt.Links {
			if !idx.parts[strings.TrimPrefix(l.Href, "#")] {
				t.Errorf("%s links to %s, which the catalog does not hold", c.ID, l.Href)
			}
		}
	}
}

// acmeFiles lists the worked example's files with their sha256, as baomi
// check records them; the working directory is the repository root.
func acmeFiles(t *testing.T) []report.JSONInput {
	t.Helper()
	paths, err := filepath.Glob("fixtures/acme/*.hcl")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no acme files: %v", err)
	}
	files := make([]report.JSONInput, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		files = append(files, report.JSONInput{Path: p, Kind: "inventory", SHA256: hex.EncodeToString(sum[:])})
	}
	return files
}

// acmeOSCALOptions are the options baomi check gives the worked example.
func acmeOSCALOptions(t *testing.T, lang string) report.Options {
	return report.Options{Lang: lang, ToolVersion: "0.1.0", Organization: "Acme Trading Co.", Inputs: []string{"fixtures/acme"},
		Files: acmeFiles(t), FailOn: evaluator.Low}
}

func renderOSCAL(t *testing.T, rep *evaluator.Report, opts report.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := report.Write(&b, "oscal", rep, opts); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func decodeOSCALResults(t *testing.T, out []byte) report.OSCALAssessmentResults {
	t.Helper()
	var doc report.OSCALAssessmentResultsDocument
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.AssessmentResults.Results) != 1 {
		t.Fatalf("%d results, want 1", len(doc.AssessmentResults.Results))
	}
	return doc.AssessmentResults
}

// checkOSCALReferences fails the test on any problem oscalReferenceProblems finds.
func checkOSCALReferences(t *testing.T, ar report.OSCALAssessmentResults) {
	t.Helper()
	for _, p := range oscalReferenceProblems(ar) {
		t.Error(p)
	}
}

// oscalReferenceProblems checks what the schema cannot: every UUID is defined
// once, and every UUID or fragment a field refers to is defined in the
// document, as what the field wants.
func oscalReferenceProblems(ar report.OSCALAssessmentResults) []string {
	var problems []string
	kinds := map[string]string{}
	define := func(kind, uuid string) {
		if prev, dup := kinds[uuid]; dup {
			problems = append(problems, fmt.Sprintf("UUID %s names a %s and a %s", uuid, prev, kind))
		}
		kinds[uuid] = kind
	}
	refer := func(from, kind, uuid string) {
		if got := kinds[uuid]; got != kind {
			problems = append(problems, fmt.Sprintf("%s refers to %s, which is not a %s of the document (%q)", from, uuid, kind, got))
		}
	}
	res := ar.Results[0]
	define("document", ar.UUID)
	define("result", res.UUID)
	for _, r := range ar.BackMatter.Resources {
		define("resource", r.UUID)
	}
	if res.LocalDefinitions != nil {
		for _, it := range res.LocalDefinitions.InventoryItems {
			define("inventory-item", it.UUID)
		}
	}
	for _, o := range res.Observations {
		define("observation", o.UUID)
	}
	for _, r := range res.Risks {
		define("risk", r.UUID)
		for _, rem := range r.Remediations {
			define("remediation", rem.UUID)
		}
	}
	for _, f := range res.Findings {
		define("finding", f.UUID)
	}
	fragment := func(from, href string) string {
		id, ok := strings.CutPrefix(href, "#")
		if !ok {
			problems = append(problems, fmt.Sprintf("%s: href %q does not point into the document", from, href))
		}
		return id
	}
	refer("import-ap", "resource", fragment("import-ap", ar.ImportAP.Href))
	for _, o := range res.Observations {
		for _, s := range o.Subjects {
			refer("observation "+o.UUID, s.Type, s.SubjectUUID)
		}
		for _, e := range o.RelevantEvidence {
			if e.Href != "" {
				refer("evidence of "+o.UUID, "resource", fragment(o.UUID, e.Href))
			}
		}
	}
	for _, r := range res.Risks {
		for _, ro := range r.RelatedObservations {
			refer("risk "+r.UUID, "observation", ro.ObservationUUID)
		}
	}
	for _, f := range res.Findings {
		for _, ro := range f.RelatedObservations {
			refer("finding "+f.UUID, "observation", ro.ObservationUUID)
		}
		for _, rr := range f.RelatedRisks {
			refer("finding "+f.UUID, "risk", rr.RiskUUID)
		}
	}
	return problems
}

// TestOSCALReferenceCheckBites: each broken reference is caught.
func TestOSCALReferenceCheckBites(t *testing.T) {
	rep := acme(t)
	out := renderOSCAL(t, rep, acmeOSCALOptions(t, "en"))
	for name, breakIt := range map[string]func(ar *report.OSCALAssessmentResults){
		"import-ap": func(ar *report.OSCALAssessmentResults) { ar.ImportAP.Href = "#" + ar.UUID },
		"subject": func(ar *report.OSCALAssessmentResults) {
			ar.Results[0].Observations[0].Subjects[0].SubjectUUID = ar.UUID
		},
		"evidence": func(ar *report.OSCALAssessmentResults) {
			ar.Results[0].Observations[0].RelevantEvidence[0].Href = "fixtures/acme/legal.hcl"
		},
		"risk observation": func(ar *report.OSCALAssessmentResults) {
			ar.Results[0].Risks[0].RelatedObservations[0].ObservationUUID = ar.Results[0].UUID
		},
		"finding observation": func(ar *report.OSCALAssessmentResults) {
			ar.Results[0].Findings[0].RelatedObservations[0].ObservationUUID = ar.Results[0].Findings[1].UUID
		},
		"finding risk": func(ar *report.OSCALAssessmentResults) {
			for _, f := range ar.Results[0].Findings {
				if len(f.RelatedRisks) > 0 {
					f.RelatedRisks[0].RiskUUID = f.UUID
					return
				}
			}
		},
		"dropped observation": func(ar *report.OSCALAssessmentResults) {
			ar.Results[0].Observations = ar.Results[0].Observations[1:]
		},
		"duplicate": func(ar *report.OSCALAssessmentResults) {
			ar.Results[0].Findings[1].UUID = ar.Results[0].Findings[0].UUID
		},
	} {
		ar := decodeOSCALResults(t, out)
		if p := oscalReferenceProblems(ar); len(p) != 0 {
			t.Fatalf("the intact document has problems: %v", p)
		}
		breakIt(&ar)
		if len(oscalReferenceProblems(ar)) == 0 {
			t.Errorf("%s: a broken reference goes unnoticed", name)
		}
	}
}

// TestOSCALResultsAcme: the worked example's assessment results validate,
// refer only to themselves and to controls of the exported catalog, and say
// what the report says.
func TestOSCALResultsAcme(t *testing.T) {
	rep := acme(t)
	out := renderOSCAL(t, rep, acmeOSCALOptions(t, "en"))
	validOSCAL(t, out)
	golden(t, "acme.oscal.json", out)
	if again := renderOSCAL(t, evaluate(t, "fixtures/acme"), acmeOSCALOptions(t, "en")); !bytes.Equal(again, out) {
		t.Error("two evaluations of one inventory give different bytes")
	}
	zh := renderOSCAL(t, rep, acmeOSCALOptions(t, "zh"))
	validOSCAL(t, zh)

	ar := decodeOSCALResults(t, out)
	checkOSCALReferences(t, ar)
	res := ar.Results[0]
	day := asOf + "T00:00:00Z"
	if ar.Metadata.LastModified != day || ar.Metadata.OSCALVersion != "1.2.2" || ar.Metadata.Version == "" || res.Start != day {
		t.Errorf("metadata %+v, start %s", ar.Metadata, res.Start)
	}

	// Every finding targets the statement of a control of the exported
	// catalog, and the reviewed controls are those that applied.
	_, catalog := indexCatalog(t, renderOSCALCatalog(t))
	outcomes := map[string]evaluator.Status{}
	var reviewed []string
	for _, o := range rep.Controls {
		outcomes[o.Control.ID] = o.Status
		if o.Status != evaluator.NotApplicable {
			reviewed = append(reviewed, o.Control.ID)
		}
	}
	var selected []string
	for _, sel := range res.ReviewedControls.ControlSelections {
		if sel.IncludeAll != nil {
			t.Error("acme's reviewed controls include all, not-applicable ones too")
		}
		for _, c := range sel.IncludeControls {
			selected = append(selected, c.ControlID)
			if _, ok := catalog.controls[c.ControlID]; !ok {
				t.Errorf("reviewed control %s is not in the catalog", c.ControlID)
			}
		}
	}
	if strings.Join(selected, ",") != strings.Join(reviewed, ",") || rep.Summary.NotApplicable == 0 {
		t.Errorf("reviewed controls %v, want the %d that applied: %v", selected, len(reviewed), reviewed)
	}
	if len(res.Findings) != len(reviewed) {
		t.Errorf("%d findings, want one per reviewed control (%d)", len(res.Findings), len(reviewed))
	}
	satisfied := 0
	for _, f := range res.Findings {
		id, ok := strings.CutSuffix(f.Target.TargetID, "_smt")
		if _, inCatalog := catalog.controls[id]; !ok || !inCatalog || !catalog.parts[f.Target.TargetID] || f.Target.Type != "statement-id" {
			t.Errorf("finding %s targets %s %s, not a control statement of the catalog", f.UUID, f.Target.Type, f.Target.TargetID)
		}
		if want := outcomes[id] == evaluator.Pass; (f.Target.Status.State == "satisfied") != want {
			t.Errorf("%s (%s) is %s", id, outcomes[id], f.Target.Status.State)
		}
		if f.Target.Status.State == "satisfied" {
			satisfied++
		}
	}
	if satisfied == 0 || satisfied == len(res.Findings) {
		t.Errorf("%d of %d findings satisfied: acme has both", satisfied, len(res.Findings))
	}

	// An observation per result, tested on its resource, on the as-of day.
	if len(res.Observations) != len(rep.Results) {
		t.Errorf("%d observations, want one per result (%d)", len(res.Observations), len(rep.Results))
	}
	for _, o := range res.Observations {
		if strings.Join(o.Methods, ",") != "TEST" || o.Collected != day || len(o.Subjects) != 1 || o.Subjects[0].Type != "inventory-item" {
			t.Errorf("observation %s: methods %v, collected %s, subjects %+v", o.Title, o.Methods, o.Collected, o.Subjects)
		}
	}

	// A risk per failure, warning and waived failure; the waiver is an
	// approved deviation until it expires.
	if want := rep.Summary.Fail + rep.Summary.Warn + rep.Summary.Waived; len(res.Risks) != want {
		t.Errorf("%d risks, want %d", len(res.Risks), want)
	}
	deviations := 0
	for _, r := range res.Risks {
		if len(r.Remediations) != 1 || r.Remediations[0].Description == "" {
			t.Errorf("risk %s has no remediation", r.Title)
		}
		if r.Status == "deviation-approved" {
			deviations++
			if !strings.HasPrefix(r.Title, "BM-4.2.1-04 system.billing_db") || r.Deadline != "2027-03-31T00:00:00Z" {
				t.Errorf("deviation %s, deadline %s", r.Title, r.Deadline)
			}
		} else if r.Status != "open" || r.Deadline != "" {
			t.Errorf("risk %s: status %s, deadline %q", r.Title, r.Status, r.Deadline)
		}
	}
	if deviations != 1 {
		t.Errorf("%d approved deviations, want acme's one waiver", deviations)
	}

	// The input files, with their SHA-256, and the plan, in the back matter.
	files := acmeFiles(t)
	back := ar.BackMatter.Resources
	if len(back) != 1+len(files) || "#"+back[0].UUID != ar.ImportAP.Href {
		t.Fatalf("back matter %+v", back)
	}
	for i, f := range files {
		r := back[i+1]
		if r.Title != f.Path || len(r.RLinks) != 1 || r.RLinks[0].Href != f.Path ||
			len(r.RLinks[0].Hashes) != 1 || r.RLinks[0].Hashes[0] != (report.OSCALHash{Algorithm: "SHA-256", Value: f.SHA256}) {
			t.Errorf("resource %+v, want %+v", r, f)
		}
	}
}

// TestOSCALResultsEdges: a result without a location, a control that applies
// to nothing, and a report where nothing applied still give valid documents
// whose references hold; a date OSCAL cannot write is an error.
func TestOSCALResultsEdges(t *testing.T) {
	t.Chdir("..")
	empty := &evaluator.Report{AsOf: asOf, Controls: sample().Controls[1:]}
	for name, rep := range map[string]*evaluator.Report{"sample": sample(), "nothing applies": empty, "empty": {AsOf: asOf}} {
		t.Run(name, func(t *testing.T) {
			out := renderOSCAL(t, rep, report.Options{})
			validOSCAL(t, out)
			ar := decodeOSCALResults(t, out)
			checkOSCALReferences(t, ar)
			for _, sel := range ar.Results[0].ReviewedControls.ControlSelections {
				for _, c := range sel.IncludeControls {
					if c.ControlID == "BM-9.2-01" {
						t.Error("the not-applicable control is reviewed")
					}
				}
			}
		})
	}
	twice := report.Options{Files: []report.JSONInput{{Path: "a.hcl", Kind: "inventory"}, {Path: "a.hcl", Kind: "inventory"}}}
	if ar := decodeOSCALResults(t, renderOSCAL(t, sample(), twice)); len(ar.BackMatter.Resources) != 2 {
		t.Errorf("a file listed twice gives %d back-matter resources, want the plan and the file once", len(ar.BackMatter.Resources))
	}
	bad := sample()
	bad.AsOf = "26/11/2026"
	if err := report.Write(io.Discard, "oscal", bad, report.Options{}); err == nil {
		t.Error("an as-of date that is not YYYY-MM-DD is written")
	}
	bad = sample()
	bad.Controls[0].Control.ID = "BM 9.1"
	if err := report.Write(io.Discard, "oscal", bad, report.Options{}); err == nil || !strings.Contains(err.Error(), `"BM 9.1"`) {
		t.Errorf("a control id with a space: %v", err)
	}
	if err := report.WriteCatalog(io.Discard, "oscal", []*evaluator.Control{bad.Controls[0].Control}, report.CatalogOptions{Date: asOf}); err == nil {
		t.Error("the catalog writes a control id with a space")
	}
	bad = sample()
	bad.Results[1].Waiver = &evaluator.WaiverInfo{ID: "waiver.w", Expires: "soon"}
	if err := report.Write(io.Discard, "oscal", bad, report.Options{}); err == nil || !strings.Contains(err.Error(), "waiver.w") {
		t.Errorf("a waiver expiring %q: %v", "soon", err)
	}
}
