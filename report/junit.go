package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/vocab"
)

// The JUnit XML that GitLab, Jenkins and the GitHub test-report actions read.
type junitSuites struct {
	XMLName    xml.Name        `xml:"testsuites"`
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Errors     int             `xml:"errors,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Suites     []junitSuite    `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Errors     int             `xml:"errors,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure"`
	Skipped   *junitSkipped `xml:"skipped"`
	SystemOut *junitOutput  `xml:"system-out"`
}

type junitOutput struct {
	Text string `xml:",cdata"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// writeJUnit writes a test suite per evaluated control and a test case per
// result, so that a CI reading it agrees with the exit status: only a result
// that fails the gate is a failure. A baselined failure, a failure below
// --fail-on, a waived result and a warning are skipped, with a message saying
// why. The verdict is in the testsuites' properties.
//
// Classnames are "baomi." followed by the control's id with its dots made
// underscores (BM-4.2.1-04 becomes baomi.BM-4_2_1-04): tools that split a
// classname at its last dot (Jenkins) then show package baomi and the control.
func writeJUnit(w io.Writer, rep *evaluator.Report, opts Options) error {
	lang := opts.Lang
	failOn := gateSeverity(opts)
	v := rep.Verdict(failOn)
	out := junitSuites{Name: "baomi", Properties: []junitProperty{
		{Name: "fail_on", Value: failOn.String()},
		{Name: "verdict", Value: v.Status.String()},
		{Name: "failing", Value: strconv.Itoa(v.Failing)},
		{Name: "baselined", Value: strconv.Itoa(v.Baselined)},
		{Name: "below_threshold", Value: strconv.Itoa(v.BelowThreshold)},
		{Name: "waived", Value: strconv.Itoa(v.Waived)},
		{Name: "as_of", Value: rep.AsOf},
	}}
	byControl := make(map[*evaluator.Control]*junitSuite, len(rep.Controls))
	out.Suites = make([]junitSuite, len(rep.Controls))
	for i, o := range rep.Controls {
		c := o.Control
		out.Suites[i] = junitSuite{
			Name: c.ID + " " + c.ShortCode,
			Properties: []junitProperty{
				{Name: "article", Value: strings.Join(c.Articles(), ", ")},
				{Name: "severity", Value: c.Severity.String()},
				{Name: "title", Value: text(lang, c.Title, c.TitleZh)},
			},
		}
		byControl[c] = &out.Suites[i]
	}
	for _, r := range rep.Results {
		s := byControl[r.Control]
		if s == nil {
			continue
		}
		tc := junitCase{Name: resourceText(r), Classname: junitClassname(r.Control.ID)}
		if r.Location != nil {
			tc.File, tc.Line = r.Location.File, r.Location.Line
		}
		msg := findingText(r, lang)
		switch {
		case r.FailsGate(failOn):
			s.Failures++
			tc.Failure = &junitFailure{Message: msg, Type: r.Severity.String(), Text: xmlText(failureText(r, msg, lang))}
		case r.Status == evaluator.Fail:
			s.Skipped++
			tc.Skipped = &junitSkipped{Message: notFailingText(r, failOn, lang) + ": " + msg}
			tc.SystemOut = &junitOutput{Text: xmlText(failureText(r, msg, lang))}
		case r.Status == evaluator.Waived:
			s.Skipped++
			tc.Skipped = &junitSkipped{Message: waivedText(r.Waiver, lang)}
		case r.Status == evaluator.Warn:
			s.Skipped++
			warning := text(lang, "warning: ", "警告:") + msg
			tc.Skipped = &junitSkipped{Message: warning}
			tc.SystemOut = &junitOutput{Text: xmlText(warning)}
		}
		s.Tests++
		s.Cases = append(s.Cases, tc)
	}
	for _, s := range out.Suites {
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitClassname keeps the dots of a control id out of the class part.
func junitClassname(id string) string {
	return "baomi." + strings.ReplaceAll(id, ".", "_")
}

// notFailingText says why a failure does not fail the run: the baseline
// accepts it, or its severity is below the gate's threshold.
func notFailingText(r *evaluator.Result, failOn evaluator.Severity, lang string) string {
	if r.Baselined {
		return text(lang, "recorded in the baseline: does not fail the run", "已列入基线,不导致检查失败")
	}
	return fmt.Sprintf(text(lang, "severity %s is below --fail-on %s: does not fail the run", "严重程度%s低于 --fail-on %s,不导致检查失败"),
		vocab.Severity(r.Severity, lang), vocab.Severity(failOn, lang))
}

// failureText is the body of a failure: what fails, where, and how to fix it.
func failureText(r *evaluator.Result, msg, lang string) string {
	lines := []string{msg, text(lang, "resource: ", "资源:") + resourceText(r)}
	if r.Location != nil {
		lines = append(lines, text(lang, "at ", "位置:")+locationText(r.Location))
	}
	if len(r.RaisedBy) > 0 {
		lines = append(lines, fmt.Sprintf(text(lang, "severity %[1]s, raised from %[2]s by top_secret data: %[3]s", "严重程度%[1]s:因涉及绝密资料(%[3]s)由%[2]s上调"),
			vocab.Severity(r.Severity, lang), vocab.Severity(r.BaseSeverity, lang),
			strings.Join(r.RaisedBy, ", ")))
	}
	if r.Waiver != nil {
		lines = append(lines, fmt.Sprintf(text(lang, "%s expired on %s", "%s 已于 %s 过期"), r.Waiver.ID, r.Waiver.Expires))
	}
	if rem := text(lang, r.Control.Remediation, r.Control.RemediationZh); rem != "" {
		lines = append(lines, text(lang, "how to fix: ", "整改建议:")+rem)
	}
	return strings.Join(lines, "\n")
}

// waivedText says which waiver waives a result, until when and why.
func waivedText(wv *evaluator.WaiverInfo, lang string) string {
	if wv == nil {
		return vocab.Status(evaluator.Waived, lang)
	}
	if lang == "zh" {
		return fmt.Sprintf("已由 %s 豁免,有效期至 %s:%s", wv.ID, wv.Expires, wv.Reason)
	}
	return fmt.Sprintf("waived by %s until %s: %s", wv.ID, wv.Expires, wv.Reason)
}

// xmlText replaces the characters XML 1.0 cannot hold, which encoding/xml
// escapes in attributes but writes as they are in CDATA sections.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return '\uFFFD'
	}, s)
}
