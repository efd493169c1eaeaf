package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/textsafe"
	"github.com/baomi-dev/baomi/internal/vocab"
)

// markdownMaxRows caps each list of a Markdown report, so that it fits in a
// pull-request comment.
const markdownMaxRows = 100

var markdownHeaders = map[string][]string{
	"en": {"Severity", "Control", "Article", "Resource", "Location", "Finding"},
	"zh": {"严重程度", "控制项", "条款", "资源", "位置", "发现"},
}

// writeMarkdown writes a short report for a pull-request comment or a job
// summary: the verdict in the headline, the counts, the new failures, then the
// warnings; the baselined failures and the waived results folded away. Passes
// are counted, never listed. Every text from the inventory or a policy goes
// through textsafe.Markdown.
func writeMarkdown(w io.Writer, rep *evaluator.Report, opts Options) error {
	lang := opts.Lang
	if lang != "zh" {
		lang = "en"
	}
	s := rep.Summary
	var b strings.Builder
	if lang == "zh" {
		fmt.Fprintf(&b, "## baomi:%s;%d 条警告\n\n", verdictText(rep, opts, lang), s.Warn)
		b.WriteString("| 通过 | 未通过 | 警告 | 已豁免 | 不适用 |\n")
	} else {
		fmt.Fprintf(&b, "## baomi: %s; %s\n\n", verdictText(rep, opts, lang), count(s.Warn, "warning", "warnings"))
		b.WriteString("| Pass | Fail | Warn | Waived | Not applicable |\n")
	}
	b.WriteString("|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(&b, "| %d | %d | %d | %d | %d |\n\n", s.Pass, s.Fail, s.Warn, s.Waived, s.NotApplicable)
	if lang == "zh" {
		fmt.Fprintf(&b, "评估基准日 %s;共 %d 项控制,%d 条结果。\n", textsafe.Markdown(rep.AsOf), s.Controls, s.Results)
	} else {
		fmt.Fprintf(&b, "As of %s: %d controls, %d results.\n", textsafe.Markdown(rep.AsOf), s.Controls, s.Results)
	}

	order := make(map[*evaluator.Control]int, len(rep.Controls))
	for i, o := range rep.Controls {
		order[o.Control] = i
	}
	failOn := gateSeverity(opts)
	var fails, below, baselined, warns, waived []*evaluator.Result
	for _, r := range rep.Results {
		switch {
		case r.Status == evaluator.Fail && r.Baselined:
			baselined = append(baselined, r)
		case r.FailsGate(failOn):
			fails = append(fails, r)
		case r.Status == evaluator.Fail:
			below = append(below, r)
		case r.Status == evaluator.Warn:
			warns = append(warns, r)
		case r.Status == evaluator.Waived:
			waived = append(waived, r)
		}
	}
	sortFindings(fails, order)
	sortFindings(below, order)
	sortFindings(warns, order)
	sortFindings(baselined, order)
	// Failures below the threshold are new too: they follow those that fail the run.
	writeFindingTable(&b, text(lang, "New failures", "新的未通过项"), append(fails, below...), failOn, lang)
	writeFindingTable(&b, text(lang, "Warnings", "警告"), warns, failOn, lang)
	if len(baselined) > 0 {
		fmt.Fprintf(&b, "\n<details><summary>%s (%d)</summary>\n", text(lang, "Failures in the baseline, which do not fail the run", "已列入基线的未通过项(不导致检查失败)"), len(baselined))
		writeFindingTable(&b, "", baselined, failOn, lang)
		b.WriteString("\n</details>\n")
	}

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
			fmt.Fprintf(&b, "- %s %s %s %s%s%s\n", textsafe.Markdown(r.Control.ID), mdCode(r.Control.ShortCode), text(lang, "on", "·"),
				mdResource(r), text(lang, ": ", ":"), textsafe.Markdown(item))
		}
		b.WriteString("\n</details>\n")
	}
	var expired []string
	for _, wv := range rep.Waivers {
		if wv.Status == "expired" {
			expired = append(expired, fmt.Sprintf(text(lang, "- %s (%s on %s) expired on %s and waives nothing\n", "- %s(%s · %s)已于 %s 过期,不再豁免任何结果\n"),
				mdCode(wv.ID), textsafe.Markdown(wv.Control), mdCode(wv.Resource), textsafe.Markdown(wv.Expires)))
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

// writeFindingTable writes a table of results, capped at markdownMaxRows, under
// a heading with title (none when title is empty). A failure below failOn says so.
func writeFindingTable(b *strings.Builder, title string, rs []*evaluator.Result, failOn evaluator.Severity, lang string) {
	if len(rs) == 0 {
		return
	}
	if title != "" {
		fmt.Fprintf(b, "\n### %s (%d)\n", title, len(rs))
	}
	headers := markdownHeaders[lang]
	fmt.Fprintf(b, "\n| %s |\n|%s\n", strings.Join(headers, " | "), strings.Repeat("---|", len(headers)))
	for i, r := range rs {
		if i == markdownMaxRows {
			b.WriteString("\n" + moreLine(len(rs)-i, lang))
			break
		}
		c := r.Control
		finding := findingText(r, lang)
		if r.Status == evaluator.Fail && !r.Baselined && !r.FailsGate(failOn) {
			finding += text(lang, " (below fail_on "+failOn.String()+")", "(低于 fail_on 阈值"+vocab.Severity(failOn, "zh")+")")
		}
		loc := ""
		if r.Location != nil {
			loc = mdCode(fmt.Sprintf("%s:%d", r.Location.File, r.Location.Line))
		}
		fmt.Fprintf(b, "| %s | %s %s | %s | %s | %s | %s |\n",
			textsafe.Markdown(severityText(r, lang)), textsafe.Markdown(c.ID), mdCode(c.ShortCode),
			textsafe.Markdown(Article(c.Article, lang)), mdResource(r), loc, textsafe.Markdown(finding))
	}
}

// mdResource is a result's resource address in monospace, with its name beside it.
func mdResource(r *evaluator.Result) string {
	if name := shownName(r); name != "" {
		return mdCode(r.Resource) + " (" + textsafe.Markdown(name) + ")"
	}
	return mdCode(r.Resource)
}

// mdCode shows text from the inventory or a policy in a monospace font. It is
// an HTML element rather than a code span so that textsafe.Markdown's escapes
// apply inside it.
func mdCode(s string) string {
	return "<code>" + textsafe.Markdown(s) + "</code>"
}

// moreLine says how many items a capped list leaves out.
func moreLine(n int, lang string) string {
	if lang == "zh" {
		return fmt.Sprintf("……另有 %d 条未列出\n", n)
	}
	return fmt.Sprintf("… and %d more\n", n)
}
