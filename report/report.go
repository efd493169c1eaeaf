// Package report writes evaluation results in the formats users ask for. It reads
// the evaluator's result types and knows nothing of Rego.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/vocab"
)

// Options are the choices that shape a report.
type Options struct {
	// Lang is "en" or "zh".
	Lang string
	// ShowAll lists passes and waived results too, where the format shows a selection.
	ShowAll bool
	// ToolVersion is baomi's version, recorded in the report.
	ToolVersion string
	// Organization is the name of the organization audited, shown by the HTML report.
	Organization string
	// Inputs are the inventory paths checked, as given, shown by the HTML report.
	Inputs []string
	// FailOn is the gate's threshold: failures at or above it, not baselined, fail the run.
	FailOn evaluator.Severity
	// Width is the width in columns the table must fit; 0 means DefaultWidth.
	Width int
	// Files lists every file read, with its sha256, as the JSON report's inputs.
	Files []JSONInput
	// UserPolicies are the user policy folders given.
	UserPolicies []string
	// RepoDir is the working directory's path below the root of the git work
	// tree that holds it, or "" at the root or outside a git work tree. SARIF
	// names files relative to that root.
	RepoDir string
	// HelpURL is the page SARIF rules link to, each at its control's anchor;
	// empty means DefaultHelpURL.
	HelpURL string
	// RemoteModules lists the remote Terraform modules not read, shown by the
	// HTML report and recorded in the JSON report.
	RemoteModules []RemoteModule
}

// Writer writes one report format.
type Writer func(w io.Writer, rep *evaluator.Report, opts Options) error

var formats = map[string]Writer{
	"table":    writeTable,
	"json":     writeJSON,
	"sarif":    writeSARIF,
	"junit":    writeJUnit,
	"markdown": writeMarkdown,
	"html":     writeHTML,
	"oscal":    writeOSCALResults,
}

// Formats lists the names of the report formats, sorted.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Write writes rep in the named format.
func Write(w io.Writer, format string, rep *evaluator.Report, opts Options) error {
	f, ok := formats[format]
	if !ok {
		return fmt.Errorf("unknown format %q: want one of %s", format, strings.Join(Formats(), ", "))
	}
	return f(w, rep, opts)
}

// Article renders an article number for lang: "4.2.3" reads "Art. 4.2.3" in
// English and "四(二)3" in Chinese.
func Article(article, lang string) string {
	if lang != "zh" {
		return "Art. " + article
	}
	numerals := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	parts := strings.Split(article, ".")
	var b strings.Builder
	for i, p := range parts {
		n := 0
		fmt.Sscanf(p, "%d", &n)
		switch {
		case i == 0 && n < len(numerals):
			b.WriteString(numerals[n])
		case i == 1 && n < len(numerals):
			b.WriteString("(" + numerals[n] + ")")
		default:
			b.WriteString(p)
		}
	}
	return b.String()
}

// text picks the string for lang, falling back to English.
func text(lang, en, zh string) string {
	if lang == "zh" && zh != "" {
		return zh
	}
	return en
}

// findingText is a result's message in lang, or its control's title when the
// policy gave no message.
func findingText(r *evaluator.Result, lang string) string {
	if m := text(lang, r.Message, r.MessageZh); m != "" {
		return m
	}
	return text(lang, r.Control.Title, r.Control.TitleZh)
}

// summaryLine is the one-line summary that closes a table.
func summaryLine(s evaluator.Summary, lang string) string {
	if lang == "zh" {
		line := fmt.Sprintf("共 %d 项控制,%d 条结果:通过 %d,未通过 %d,警告 %d,已豁免 %d;%d 项控制不适用",
			s.Controls, s.Results, s.Pass, s.Fail, s.Warn, s.Waived, s.NotApplicable)
		if s.Baselined > 0 {
			line += fmt.Sprintf(";%d 项未通过已列入基线", s.Baselined)
		}
		return line
	}
	line := fmt.Sprintf("%d controls, %d results: %d pass, %d fail, %d warn, %d waived; %d controls not applicable",
		s.Controls, s.Results, s.Pass, s.Fail, s.Warn, s.Waived, s.NotApplicable)
	if s.Baselined > 0 {
		line += fmt.Sprintf("; %d failures in the baseline", s.Baselined)
	}
	return line
}

// severityText is a result's severity in lang, with the raise explained:
// "critical ↑ top_secret" when top_secret data raised it a level.
func severityText(r *evaluator.Result, lang string) string {
	s := vocab.Severity(r.Severity, lang)
	if len(r.RaisedBy) > 0 {
		s += " ↑ " + text(lang, "top_secret", "绝密")
	}
	return s
}

// resourceText is a result's resource address with its name beside it:
// "system.crm_db (Customer CRM)".
func resourceText(r *evaluator.Result) string {
	if name := shownName(r); name != "" {
		return r.Resource + " (" + name + ")"
	}
	return r.Resource
}

// shownName is the name to show beside a result's address, "" when the
// resource has none or it only repeats the address.
func shownName(r *evaluator.Result) string {
	if r.ResourceName == r.Resource {
		return ""
	}
	return r.ResourceName
}

// gateSeverity is the threshold the gate applied: opts.FailOn, or low when unset.
func gateSeverity(opts Options) evaluator.Severity {
	if opts.FailOn == 0 {
		return evaluator.Low
	}
	return opts.FailOn
}

// verdictText states what the gate decided and why, in one line: "FAIL — 3
// failures at or above fail_on high; 2 baselined, 1 waived, 4 below the threshold".
func verdictText(rep *evaluator.Report, opts Options, lang string) string {
	failOn := gateSeverity(opts)
	v := rep.Verdict(failOn)
	if lang == "zh" {
		return fmt.Sprintf("%s — %d 条未通过项达到 fail_on 阈值(%s)及以上;%d 条已列入基线,%d 条已豁免,%d 条低于阈值",
			vocab.Status(v.Status, lang), v.Failing, vocab.Severity(failOn, lang), v.Baselined, v.Waived, v.BelowThreshold)
	}
	return fmt.Sprintf("%s — %s at or above fail_on %s; %d baselined, %d waived, %d below the threshold",
		strings.ToUpper(v.Status.String()), count(v.Failing, "failure", "failures"), failOn, v.Baselined, v.Waived, v.BelowThreshold)
}

// count writes n with the singular or plural noun.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func locationText(l *evaluator.Location) string {
	if l == nil {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column)
}
