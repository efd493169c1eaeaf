package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
)

// jsonResult describes a result in the contract.
func jsonResult(r *evaluator.Result) JSONResult {
	return JSONResult{
		Control: r.Control.ID, ShortCode: r.Control.ShortCode, Article: r.Control.Article,
		Severity: r.Severity, BaseSeverity: r.BaseSeverity, RaisedBy: r.RaisedBy, Status: r.Status,
		Resource: r.Resource, ResourceName: r.ResourceName, Message: r.Message, MessageZh: r.MessageZh,
		Attribute: r.Attribute, Location: r.Location, Waiver: r.Waiver, Baselined: r.Baselined,
		Terraform: r.Terraform,
	}
}

// TestResultJSONMatchesEncoder checks that the hand-written result encoder
// gives the bytes encoding/json gives the result's JSONResult, for every
// optional field present and absent and for strings encoding/json escapes.
func TestResultJSONMatchesEncoder(t *testing.T) {
	strs := []string{"", "system.crm", `say "hi"`, `back\slash`, "line\nbreak\ttab\r", "\x01\x1f\x7f",
		"<a href='x'>&amp;</a>", "客户资料未加密", "bad \xff utf-8 \xc3", "sep\u2028and\u2029", "emoji 🔒 é", "\b\f"}
	c := &evaluator.Control{ID: "BM-4.2.1-01", ShortCode: "storage-encrypted", Article: "4.2.1"}
	var results []*evaluator.Result
	for i, s := range strs {
		r := &evaluator.Result{Control: c, Resource: s, ResourceName: strs[(i+1)%len(strs)], Status: evaluator.Fail,
			Severity: evaluator.Critical, BaseSeverity: evaluator.High, Message: strs[(i+2)%len(strs)],
			MessageZh: strs[(i+3)%len(strs)], Attribute: strs[(i+4)%len(strs)]}
		switch i % 4 {
		case 0:
			r.Location = &evaluator.Location{File: s, Line: i, Column: 100 * i}
			r.RaisedBy = []string{s, "data_asset.cards"}
			r.Terraform = &evaluator.TerraformLink{System: s}
		case 1:
			r.Waiver = &evaluator.WaiverInfo{ID: "waiver." + s, Control: c.ID, Resource: s, Reason: s, Expires: "2027-01-01",
				Status: "active", Location: &evaluator.Location{File: "w.hcl", Line: 3, Column: 1}}
			r.Baselined = true
			r.RaisedBy = []string{}
		case 2:
			r.Location = &evaluator.Location{File: "inv.hcl", Line: 1, Column: 1}
			r.Waiver = &evaluator.WaiverInfo{ID: "waiver.w"}
			r.Terraform = &evaluator.TerraformLink{}
			r.Baselined = true
		}
		results = append(results, r)
	}
	for _, r := range results {
		want := encodingJSON(t, jsonResult(r), "    ")
		var got bytes.Buffer
		j := newJSONWriter(&got)
		j.result(r)
		if err := j.flush(); err != nil {
			t.Fatal(err)
		}
		if got.String() != want {
			t.Errorf("result on %q:\n%s\nencoding/json:\n%s", r.Resource, got.Bytes(), want)
		}
	}
}

// TestResultsFieldMatchesEncoder checks the results field, encoded in chunks on
// several goroutines, against encoding/json's encoding of the whole list: the
// chunks come back in order, with every separator, for lists of one chunk, of
// whole chunks and of a partial last chunk, waivers included.
func TestResultsFieldMatchesEncoder(t *testing.T) {
	c := &evaluator.Control{ID: "BM-4.2.1-01", ShortCode: "storage-encrypted", Article: "4.2.1"}
	for _, n := range []int{1, 3, resultsChunk, 2 * resultsChunk, 3*resultsChunk + 17} {
		results := make([]*evaluator.Result, n)
		want := make([]JSONResult, n)
		for i := range results {
			r := &evaluator.Result{Control: c, Resource: fmt.Sprintf("system.s%d", i), Status: evaluator.Pass,
				Severity: evaluator.High, BaseSeverity: evaluator.High}
			if i%7 == 3 {
				r.Status, r.Message, r.Waiver = evaluator.Waived, "客户资料未加密", &evaluator.WaiverInfo{ID: "waiver.w", Control: c.ID}
			}
			results[i], want[i] = r, jsonResult(r)
		}
		var got bytes.Buffer
		j := newJSONWriter(&got)
		j.results(results)
		if err := j.flush(); err != nil {
			t.Fatal(err)
		}
		if w := `  "results": ` + encodingJSON(t, want, "  ") + ",\n"; got.String() != w {
			t.Errorf("%d results: the field differs from encoding/json's (%d bytes, want %d)", n, got.Len(), len(w))
		}
	}
}

// encodingJSON is v as encoding/json writes it without HTML escaping,
// indented as if nested under prefix, without the final newline.
func encodingJSON(t *testing.T, v any, prefix string) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// FuzzJSONString checks appendJSONString against encoding/json on any string.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "a\"b", "\xff", "\u2028", "客户", "\x00\x7f<&>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		want = bytes.ReplaceAll(bytes.ReplaceAll(bytes.ReplaceAll(want, []byte(`\u003c`), []byte("<")), []byte(`\u003e`), []byte(">")), []byte(`\u0026`), []byte("&"))
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	})
}
