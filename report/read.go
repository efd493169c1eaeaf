package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"time"

	"github.com/baomi-dev/baomi/evaluator"
)

var resultStatuses = map[evaluator.Status]bool{evaluator.Pass: true, evaluator.Fail: true, evaluator.Warn: true, evaluator.Waived: true}

// ReadJSON decodes a JSON report written by baomi check --format json and
// checks that it is one: one JSON value, from baomi, dated, with a list of
// results each naming a control, a resource and a known status once, and no
// null waiver. Reports of
// older versions, without the fields that record how they were made, are read
// too; Evaluation says what they lack.
func ReadJSON(r io.Reader) (*JSONReport, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var rep JSONReport
	if err := dec.Decode(&rep); err != nil {
		var te *json.UnmarshalTypeError
		var ue *evaluator.UnknownNameError
		switch {
		case errors.As(err, &ue):
			return nil, fmt.Errorf("not a baomi JSON report: %v", ue)
		case errors.Is(err, io.EOF):
			return nil, errors.New("empty file: not a baomi JSON report")
		case errors.As(err, &te) && te.Field == "":
			return nil, fmt.Errorf("not a baomi JSON report: the file holds a JSON %s, not an object", te.Value)
		case errors.As(err, &te):
			return nil, fmt.Errorf("not a baomi JSON report: %s holds a JSON %s where %s belongs", te.Field, te.Value, jsonKind(te.Type))
		}
		return nil, fmt.Errorf("not valid JSON: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("more than one JSON value: not a baomi JSON report")
	}
	if rep.Tool.Name != "baomi" {
		return nil, errors.New(`not a baomi JSON report (tool.name is not "baomi"; write one with baomi check --format json)`)
	}
	if _, err := time.Parse(time.DateOnly, rep.AsOf); err != nil {
		return nil, fmt.Errorf("as_of %q is not a date written YYYY-MM-DD", rep.AsOf)
	}
	if rep.Results == nil {
		return nil, errors.New("the report has no results list")
	}
	seen := make(map[[2]string]bool, len(rep.Results))
	for i, res := range rep.Results {
		if res.Control == "" || res.Resource == "" {
			return nil, fmt.Errorf("result %d names no control or no resource", i+1)
		}
		if !resultStatuses[res.Status] {
			return nil, fmt.Errorf("result %d (%s on %s) has status %q: want pass, fail, warn or waived", i+1, res.Control, res.Resource, res.Status)
		}
		k := [2]string{res.Control, res.Resource}
		if seen[k] {
			return nil, fmt.Errorf("result %d repeats %s on %s", i+1, res.Control, res.Resource)
		}
		seen[k] = true
	}
	for i, w := range rep.Waivers {
		if w == nil {
			return nil, fmt.Errorf("waiver %d is null", i+1)
		}
	}
	return &rep, nil
}

// jsonKind names the kind of JSON value a Go type decodes from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice:
		return "a list"
	case reflect.Struct, reflect.Pointer, reflect.Map:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Float64:
		return "a number"
	}
	return "a value of another type"
}

// Recorded reports whether the report records how it was made (its inputs and
// policies); reports of earlier baomi releases do not.
func (j *JSONReport) Recorded() bool {
	return j.Policies != nil && j.Inputs != nil
}

// Evaluation rebuilds the evaluation a JSON report records, and the options it
// was written with, so that it can be rendered in every format as baomi check
// would have. It refuses a report of an older baomi, which lacks the controls'
// texts and the gate's verdict, and one whose verdict disagrees with its results.
func (j *JSONReport) Evaluation() (*evaluator.Report, Options, error) {
	var missing []string
	if j.FailOn == 0 {
		missing = append(missing, "fail_on")
	}
	if j.Verdict == nil {
		missing = append(missing, "verdict")
	}
	if j.Policies == nil {
		missing = append(missing, "policies")
	}
	if j.Inputs == nil {
		missing = append(missing, "inputs")
	}
	if len(missing) > 0 {
		list := strings.Join(missing, ", ")
		if n := len(missing); n > 1 {
			list = strings.Join(missing[:n-1], ", ") + " or " + missing[n-1]
		}
		return nil, Options{}, fmt.Errorf("written by an older baomi (%s): it has no %s; write the report again with this baomi's check --format json",
			j.Tool.Version, list)
	}
	rep := &evaluator.Report{AsOf: j.AsOf, Settings: j.Settings, Summary: j.Summary, Waivers: j.Waivers,
		Skipped: j.Skipped, PolicyDigest: j.Policies.SHA256}
	controls := make(map[string]*evaluator.Control, len(j.Controls))
	for i, jc := range j.Controls {
		if jc.ID == "" || controls[jc.ID] != nil {
			return nil, Options{}, fmt.Errorf("control %d has no id or repeats one (%q)", i+1, jc.ID)
		}
		if _, err := evaluator.ParseSeverity(jc.Severity.String()); err != nil {
			return nil, Options{}, fmt.Errorf("control %s: %v", jc.ID, err)
		}
		c := &evaluator.Control{ID: jc.ID, ShortCode: jc.ShortCode, Article: jc.Article, RelatedArticles: jc.RelatedArticles,
			Severity: jc.Severity, Title: jc.Title, TitleZh: jc.TitleZh, Description: jc.Description,
			Remediation: jc.Remediation, RemediationZh: jc.RemediationZh, Package: jc.Package, File: jc.File, Builtin: jc.Builtin}
		controls[c.ID] = c
		rep.Controls = append(rep.Controls, &evaluator.ControlOutcome{Control: c, Status: jc.Status, Counts: jc.Counts})
	}
	rep.Results = make([]*evaluator.Result, len(j.Results))
	for i, jr := range j.Results {
		c := controls[jr.Control]
		if c == nil {
			return nil, Options{}, fmt.Errorf("result %d (%s on %s) names a control the report does not list", i+1, jr.Control, jr.Resource)
		}
		if _, err := evaluator.ParseSeverity(jr.Severity.String()); err != nil {
			return nil, Options{}, fmt.Errorf("result %d (%s on %s): %v", i+1, jr.Control, jr.Resource, err)
		}
		rep.Results[i] = &evaluator.Result{Control: c, Resource: jr.Resource, ResourceName: jr.ResourceName,
			Status: jr.Status, Severity: jr.Severity, BaseSeverity: jr.BaseSeverity, RaisedBy: jr.RaisedBy,
			Message: jr.Message, MessageZh: jr.MessageZh, Attribute: jr.Attribute, Location: jr.Location,
			Waiver: jr.Waiver, Baselined: jr.Baselined, Terraform: jr.Terraform}
	}
	if v := rep.Verdict(j.FailOn); v != *j.Verdict {
		return nil, Options{}, fmt.Errorf("the verdict says %s, the results give %s: the report was edited", verdictCounts(*j.Verdict), verdictCounts(v))
	}
	opts := Options{ToolVersion: j.Tool.Version, Organization: j.Organization, Inputs: j.Paths, FailOn: j.FailOn,
		Files: j.Inputs, UserPolicies: j.Policies.User, RepoDir: j.RepoDir, RemoteModules: j.RemoteModules}
	return rep, opts, nil
}

// verdictCounts spells a verdict's counts out: "fail (56 failing, 0 baselined,
// 0 below fail_on, 1 waived)".
func verdictCounts(v evaluator.Verdict) string {
	return fmt.Sprintf("%s (%d failing, %d baselined, %d below fail_on, %d waived)", v.Status, v.Failing, v.Baselined, v.BelowThreshold, v.Waived)
}
