package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/baomi-dev/baomi/evaluator"
)

// The JUnit XML that GitLab, Jenkins and the GitHub test-report actions read.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
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
// result: a failure fails, a waived failure is skipped, a warning passes with
// the warning on its output.
func writeJUnit(w io.Writer, rep *evaluator.Report, opts Options) error {
	lang := opts.Lang
	out := junitSuites{Name: "baomi"}
	byControl := make(map[*evaluator.Control]*junitSuite, len(rep.Controls))
	out.Suites = make([]junitSuite, len(rep.Controls))
	for i, o := range rep.Controls {
		c := o.Control
		out.Suites[i] = junitSuite{
			Name: c.ID + " " + c.ShortCode,
			Properties: []junitProperty{
				{Name: "article", Value: strings.Join(c.Articles(), ", ")},
				{Name: "severity", Value: string(c.Severity)},
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
		tc := junitCase{Name: r.Resource, Classname: r.Control.ID}
		if r.Location != nil {
			tc.File, tc.Line = r.Location.File, r.Location.Line
		}
		msg := findingText(r, lang)
		switch r.Status {
		case evaluator.Fail:
			s.Failures++
			tc.Failure = &junitFailure{Message: msg, Type: string(r.Severity), Text: xmlText(failureText(r, msg, lang))}
		case evaluator.Waived:
			s.Skipped++
			tc.Skipped = &junitSkipped{Message: waivedText(r.Waiver, lang)}
		case evaluator.Warn:
			tc.SystemOut = &junitOutput{Text: xmlText(text(lang, "warning: ", "警告:") + msg)}
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

// failureText is the body of a failure: what fails, where, and how to fix it.
func failureText(r *evaluator.Result, msg, lang string) string {
	lines := []string{msg}
	if r.Location != nil {
		lines = append(lines, text(lang, "at ", "位置:")+locationText(r.Location))
	}
	if r.Waiver != nil {
		lines = append(lines, fmt.Sprintf(text(lang, "%s expired on %s", "%s 已于 %s 过期"), r.Waiver.ID, r.Waiver.Expires))
	}
	if r.Baselined {
		lines = append(lines, text(lang, "recorded in the baseline: does not fail the run", "已列入基线,不导致检查失败"))
	}
	if rem := text(lang, r.Control.Remediation, r.Control.RemediationZh); rem != "" {
		lines = append(lines, text(lang, "how to fix: ", "整改建议:")+rem)
	}
	return strings.Join(lines, "\n")
}

// waivedText says which waiver waives a result, until when and why.
func waivedText(wv *evaluator.WaiverInfo, lang string) string {
	if wv == nil {
		return text(lang, "waived", "已豁免")
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
