package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/baomi-dev/baomi/evaluator"
)

// markdownMaxRows caps each list of a Markdown report, so that it fits in a
// pull-request comment.
const markdownMaxRows = 100

var markdownHeaders = map[string][]string{
	"en": {"Severity", "Control", "Article", "Resource", "Location", "Finding"},
	"zh": {"严重程度", "控制项", "条款", "资源", "位置", "发现"},
}

// writeMarkdown writes a short report for a pull-request comment or a job
// summary: the counts, the failures, then the warnings, and the waived results
// folded away. Passes are counted, never listed.
func writeMarkdown(w io.Writer, rep *evaluator.Report, opts Options) error {
	lang := opts.Lang
	if lang != "zh" {
		lang = "en"
	}
	s := rep.Summary
	var b strings.Builder
	switch {
	case s.Fail > 0 && lang == "zh":
		fmt.Fprintf(&b, "## baomi:%d 条未通过,%d 条警告\n\n", s.Fail, s.Warn)
	case s.Fail > 0:
		fmt.Fprintf(&b, "## baomi: %d failed, %s\n\n", s.Fail, warnings(s.Warn))
	case lang == "zh":
		fmt.Fprintf(&b, "## baomi:无未通过项,%d 条警告\n\n", s.Warn)
	default:
		fmt.Fprintf(&b, "## baomi: nothing failed, %s\n\n", warnings(s.Warn))
	}
	if lang == "zh" {
		b.WriteString("| 通过 | 未通过 | 警告 | 已豁免 | 不适用 |\n")
	} else {
		b.WriteString("| Pass | Fail | Warn | Waived | Not applicable |\n")
	}
	b.WriteString("|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(&b, "| %d | %d | %d | %d | %d |\n\n", s.Pass, s.Fail, s.Warn, s.Waived, s.NotApplicable)
	if lang == "zh" {
		fmt.Fprintf(&b, "评估基准日 %s;共 %d 项控制,%d 条结果。", rep.AsOf, s.Controls, s.Results)
		if s.Baselined > 0 {
			fmt.Fprintf(&b, "%d 条未通过已列入基线,不导致检查失败。", s.Baselined)
		}
	} else {
		fmt.Fprintf(&b, "As of %s: %d controls, %d results.", rep.AsOf, s.Controls, s.Results)
		if s.Baselined > 0 {
			fmt.Fprintf(&b, " %d failures are in the baseline and do not fail the run.", s.Baselined)
		}
	}
	b.WriteString("\n")

	order := make(map[*evaluator.Control]int, len(rep.Controls))
	for i, o := range rep.Controls {
		order[o.Control] = i
	}
	var fails, warns, waived []*evaluator.Result
	for _, r := range rep.Results {
		switch r.Status {
		case evaluator.Fail:
			fails = append(fails, r)
		case evaluator.Warn:
			warns = append(warns, r)
		case evaluator.Waived:
			waived = append(waived, r)
		}
	}
	sortFindings(fails, order)
	sortFindings(warns, order)
	writeFindingTable(&b, text(lang, "Failures", "未通过"), fails, lang)
	writeFindingTable(&b, text(lang, "Warnings", "警告"), warns, lang)

	if len(waived) > 0 {
		fmt.Fprintf(&b, "\n<details><summary>%s (%d)</summary>\n\n", text(lang, "Waived", "已豁免"), len(waived))
		for i, r := range waived {
			if i == markdownMaxRows {
				b.WriteString("\n" + moreLine(len(waived)-i, lang))
				break
			}
			item := waivedText(r.Waiver, lang)
			if r.Waiver != nil && r.Waiver.ApprovedBy != "" {
				item += fmt.Sprintf(text(lang, " (approved by %s)", "(批准人:%s)"), r.Waiver.ApprovedBy)
			}
			fmt.Fprintf(&b, "- %s `%s` %s `%s`%s%s\n", r.Control.ID, r.Control.ShortCode, text(lang, "on", "·"), r.Resource, text(lang, ": ", ":"), mdCell(item))
		}
		b.WriteString("\n</details>\n")
	}
	var expired []string
	for _, wv := range rep.Waivers {
		if wv.Status == "expired" {
			expired = append(expired, fmt.Sprintf(text(lang, "- `%s` (%s on `%s`) expired on %s and waives nothing\n", "- `%s`(%s · `%s`)已于 %s 过期,不再豁免任何结果\n"),
				wv.ID, wv.Control, wv.Resource, wv.Expires))
		}
	}
	if len(expired) > 0 {
		fmt.Fprintf(&b, "\n**%s**\n\n%s", text(lang, "Expired waivers", "已过期的豁免"), strings.Join(expired, ""))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// sortFindings orders results by severity (critical first), then by control in
// the report's order, then by resource.
func sortFindings(rs []*evaluator.Result, order map[*evaluator.Control]int) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if ra, rb := a.Severity.Rank(), b.Severity.Rank(); ra != rb {
			return ra > rb
		}
		if oa, ob := order[a.Control], order[b.Control]; oa != ob {
			return oa < ob
		}
		return a.Resource < b.Resource
	})
}

// writeFindingTable writes a titled table of results, capped at markdownMaxRows.
func writeFindingTable(b *strings.Builder, title string, rs []*evaluator.Result, lang string) {
	if len(rs) == 0 {
		return
	}
	headers := markdownHeaders[lang]
	fmt.Fprintf(b, "\n### %s (%d)\n\n| %s |\n|%s\n", title, len(rs), strings.Join(headers, " | "), strings.Repeat("---|", len(headers)))
	for i, r := range rs {
		if i == markdownMaxRows {
			b.WriteString("\n" + moreLine(len(rs)-i, lang))
			break
		}
		c := r.Control
		finding := findingText(r, lang)
		if r.Baselined {
			finding += text(lang, " (baseline)", "(基线)")
		}
		loc := ""
		if r.Location != nil {
			loc = fmt.Sprintf("`%s:%d`", mdCell(r.Location.File), r.Location.Line)
		}
		fmt.Fprintf(b, "| %s | %s `%s` | %s | `%s` | %s | %s |\n",
			text(lang, string(r.Severity), severityNames[r.Severity]), c.ID, mdCell(c.ShortCode),
			Article(c.Article, lang), mdCell(r.Resource), loc, mdCell(finding))
	}
}

// warnings counts warnings in English.
func warnings(n int) string {
	if n == 1 {
		return "1 warning"
	}
	return fmt.Sprintf("%d warnings", n)
}

// moreLine says how many items a capped list leaves out.
func moreLine(n int, lang string) string {
	if lang == "zh" {
		return fmt.Sprintf("……另有 %d 条未列出\n", n)
	}
	return fmt.Sprintf("… and %d more\n", n)
}
