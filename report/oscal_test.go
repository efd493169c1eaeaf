package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

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
		if oc.Title != c.Title || props["article"] != c.Article || props["short-code"] != c.ShortCode || props["severity"] != string(c.Severity) {
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
