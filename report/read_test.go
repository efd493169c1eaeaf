package report_test

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/report"
)

func TestReadJSONRefuses(t *testing.T) {
	good := `{"tool": {"name": "baomi", "version": "0.1.0"}, "as_of": "2026-11-26", "summary": {}, "results": [
	  {"control": "BM-2.1-01", "resource": "organization.acme", "status": "pass", "location": {"file": "a.hcl", "line": 1, "column": 1}, "waiver": null}
	], "waivers": []}`
	if r, err := report.ReadJSON(strings.NewReader(good)); err != nil || len(r.Results) != 1 {
		t.Fatalf("a good report: %v", err)
	}
	for _, tc := range []struct{ name, in, err string }{
		{"empty", "", "empty file"},
		{"not JSON", "control,resource\n", "not valid JSON"},
		{"another tool", `{"tool": {"name": "trivy"}, "as_of": "2026-11-26", "results": []}`, "not a baomi JSON report"},
		{"a baseline", `{"version": 1, "failures": []}`, "not a baomi JSON report"},
		{"bad as_of", `{"tool": {"name": "baomi"}, "as_of": "26/11/2026", "results": []}`, `as_of "26/11/2026"`},
		{"no results", `{"tool": {"name": "baomi"}, "as_of": "2026-11-26"}`, "no results list"},
		{"bad status", `{"tool": {"name": "baomi"}, "as_of": "2026-11-26", "results": [{"control": "C", "resource": "r", "status": "broken"}]}`, `status "broken"`},
		{"no resource", `{"tool": {"name": "baomi"}, "as_of": "2026-11-26", "results": [{"control": "C", "status": "pass"}]}`, "result 1 names no control or no resource"},
		{"repeated", `{"tool": {"name": "baomi"}, "as_of": "2026-11-26", "results": [{"control": "C", "resource": "r", "status": "pass"}, {"control": "C", "resource": "r", "status": "fail"}]}`, "result 2 repeats C on r"},
		{"two values", good + good, "more than one JSON value"},
		{"null waiver", `{"tool": {"name": "baomi"}, "as_of": "2026-11-26", "results": [], "waivers": [null]}`, "waiver 1 is null"},
		{"a list", `[1, 2]`, "not a baomi JSON report: the file holds a JSON array, not an object"},
		{"a bad severity type", `{"tool": {"name": "baomi"}, "as_of": "2026-11-26", "results": [], "verdict": 3}`, "verdict holds a JSON number where an object belongs"},
		{"wrong type", `{"tool": {"name": "baomi"}, "as_of": "2026-11-26", "results": {"a": 1}}`, "results holds a JSON object where a list belongs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := report.ReadJSON(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("error %v, want %q", err, tc.err)
			}
		})
	}
}

// TestJSONRoundTrip writes acme's report as JSON, reads it back and renders
// every format from what was read: the bytes are those rendered from the
// evaluation itself, JSON included.
func TestJSONRoundTrip(t *testing.T) {
	rep := acme(t)
	for _, r := range rep.Results {
		if r.Status == evaluator.Fail && r.Severity == evaluator.Medium {
			r.Baselined = true
			rep.Summary.Baselined++
			break
		}
	}
	opts := report.Options{ToolVersion: "0.1.0", Organization: "Acme", Inputs: []string{"fixtures/acme"},
		FailOn: evaluator.High, RepoDir: "team", UserPolicies: []string{"mine"},
		Files: []report.JSONInput{{Path: "fixtures/acme/data.hcl", Kind: "inventory", SHA256: "ab"}}}
	var saved bytes.Buffer
	if err := report.Write(&saved, "json", rep, opts); err != nil {
		t.Fatal(err)
	}
	j, err := report.ReadJSON(bytes.NewReader(saved.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	back, bopts, err := j.Evaluation()
	if err != nil {
		t.Fatal(err)
	}
	if j.Verdict == nil || *j.Verdict != rep.Verdict(evaluator.High) || j.FailOn != evaluator.High {
		t.Errorf("verdict %+v at %q, want %+v at high", j.Verdict, j.FailOn, rep.Verdict(evaluator.High))
	}
	for _, format := range report.Formats() {
		for _, lang := range []string{"en", "zh"} {
			var want, got bytes.Buffer
			opts.Lang, bopts.Lang = lang, lang
			if err := report.Write(&want, format, rep, opts); err != nil {
				t.Fatal(err)
			}
			if err := report.Write(&got, format, back, bopts); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("%s %s rendered from the saved JSON differs from the evaluation's", format, lang)
			}
		}
	}
}

// TestEvaluationRefuses checks that a report rendering would misrepresent is
// refused: one of an older baomi, one whose verdict was edited, one whose
// results name a control it does not list.
func TestEvaluationRefuses(t *testing.T) {
	var saved bytes.Buffer
	if err := report.Write(&saved, "json", sample(), report.Options{ToolVersion: "0.1.0"}); err != nil {
		t.Fatal(err)
	}
	edit := func(f func(m map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal(saved.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, _ := json.Marshal(m)
		return string(b)
	}
	for _, tc := range []struct{ name, in, err string }{
		{"older baomi", edit(func(m map[string]any) { delete(m, "verdict"); delete(m, "fail_on") }), "written by an older baomi (0.1.0): it has no fail_on or verdict"},
		{"edited verdict", edit(func(m map[string]any) { m["verdict"].(map[string]any)["status"] = "pass" }), "the results give fail"},
		{"unknown control", edit(func(m map[string]any) { m["controls"] = []any{} }), "names a control the report does not list"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j, err := report.ReadJSON(strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := j.Evaluation(); err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("error %v, want %q", err, tc.err)
			}
		})
	}
	// A severity or a status no report has is refused as it is read.
	for field, kind := range map[string]string{"fail_on": "severity", "severity": "severity", "status": "status"} {
		in := edit(func(m map[string]any) {
			if field == "fail_on" {
				m[field] = "severe"
			} else {
				m["results"].([]any)[0].(map[string]any)[field] = "severe"
			}
		})
		want := `not a baomi JSON report: unknown ` + kind + ` "severe": want one of `
		if _, err := report.ReadJSON(strings.NewReader(in)); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s severe: error %v, want %q", field, err, want)
		}
	}
	j, err := report.ReadJSON(bytes.NewReader(saved.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := j.Evaluation(); err != nil {
		t.Errorf("the report itself: %v", err)
	}
}

// FuzzReadJSON: whatever a saved report holds, reading it, rebuilding its
// evaluation and rendering every format gives a result or an error, never a panic.
func FuzzReadJSON(f *testing.F) {
	var saved bytes.Buffer
	if err := report.Write(&saved, "json", sample(), report.Options{ToolVersion: "0.1.0"}); err != nil {
		f.Fatal(err)
	}
	f.Add(saved.Bytes())
	f.Add([]byte(`{"tool": {"name": "baomi"}, "as_of": "2026-11-26", "results": [], "waivers": [null], "policies": {}, "inputs": [], "fail_on": "low", "verdict": {"status": "pass"}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		j, err := report.ReadJSON(bytes.NewReader(b))
		if err != nil {
			return
		}
		rep, opts, err := j.Evaluation()
		if err != nil {
			return
		}
		for _, format := range report.Formats() {
			if err := report.Write(io.Discard, format, rep, opts); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
		}
	})
}
