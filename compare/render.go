package compare

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// Formats lists the comparison's output formats.
var Formats = []string{"table", "json", "markdown"}

// Write renders d in the named format and language ("en" or "zh").
func Write(w io.Writer, format string, d *Diff, lang string) error {
	switch format {
	case "table":
		return writeTable(w, d, lang)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(d)
	case "markdown":
		return writeMarkdown(w, d, lang)
	}
	return fmt.Errorf("unknown format %q: want one of %s", format, strings.Join(Formats, ", "))
}

func text(lang, en, zh string) string {
	if lang == "zh" {
		return zh
	}
	return en
}

var statusZh = map[string]string{"pass": "通过", "fail": "未通过", "warn": "警告", "waived": "已豁免", Absent: "无结果", "active": "生效", "unused": "未使用", "expired": "已过期"}

var severityZh = map[string]string{"critical": "严重", "high": "高", "medium": "中", "low": "低"}

func statusText(s, lang string) string {
	if z, ok := statusZh[s]; ok && lang == "zh" {
		return z
	}
	return s
}

func severityText(s, lang string) string {
	if z, ok := severityZh[s]; ok && lang == "zh" {
		return z
	}
	return s
}

// clean keeps a value read from a report file on one line and free of control
// characters, so that a tampered file cannot rewrite the terminal.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

func message(c Change, lang string) string {
	if lang == "zh" && c.MessageZh != "" {
		return clean(c.MessageZh)
	}
	return clean(c.Message)
}

// section is one list of a diff, laid out as a table.
type section struct {
	title   string
	headers []string
	rows    [][]string
	// wrap is the column that wraps, or -1.
	wrap int
}

func sections(d *Diff, lang string) []section {
	sev, ctl, res := text(lang, "Severity", "严重程度"), text(lang, "Control", "控制项"), text(lang, "Resource", "资源")
	before, now, finding := text(lang, "Before", "此前"), text(lang, "Now", "现在"), text(lang, "Finding", "发现")
	newly := section{title: text(lang, "Newly failing", "新增未通过"), headers: []string{sev, ctl, res, before, finding}, wrap: 4}
	for _, c := range d.NewlyFailing {
		newly.rows = append(newly.rows, []string{severityText(c.Severity, lang), clean(c.Control), clean(c.Resource), statusText(c.Before, lang), message(c, lang)})
	}
	fixed := section{title: text(lang, "Fixed", "已修复"), headers: []string{sev, ctl, res, now, text(lang, "Was failing", "此前的发现")}, wrap: 4}
	for _, c := range d.Fixed {
		fixed.rows = append(fixed.rows, []string{severityText(c.Severity, lang), clean(c.Control), clean(c.Resource), statusText(c.After, lang), message(c, lang)})
	}
	still := section{title: text(lang, "Still failing", "仍未通过"), headers: []string{sev, ctl, res}, wrap: -1}
	for _, c := range d.StillFailing {
		still.rows = append(still.rows, []string{severityText(c.Severity, lang), clean(c.Control), clean(c.Resource)})
	}
	waived := section{title: text(lang, "Newly waived", "新增豁免"), headers: []string{ctl, res, before, text(lang, "Waiver", "豁免"), text(lang, "Expires", "到期")}, wrap: -1}
	for _, c := range d.NewlyWaived {
		id, exp := "", ""
		if c.Waiver != nil {
			id, exp = clean(c.Waiver.ID), clean(c.Waiver.Expires)
		}
		waived.rows = append(waived.rows, []string{clean(c.Control), clean(c.Resource), statusText(c.Before, lang), id, exp})
	}
	expired := section{title: text(lang, "Waivers expired since", "期间过期的豁免"),
		headers: []string{text(lang, "Waiver", "豁免"), ctl, res, text(lang, "Expires", "到期日"), before, text(lang, "Result now", "现在的结果")}, wrap: -1}
	for _, e := range d.WaiversExpired {
		expired.rows = append(expired.rows, []string{clean(e.ID), clean(e.Control), clean(e.Resource), clean(e.Expires), statusText(e.Before, lang), statusText(e.Result, lang)})
	}
	return []section{newly, fixed, still, waived, expired}
}

// headline names the two audits compared, older first.
func headline(d *Diff, lang string) string {
	return fmt.Sprintf("%s: %s → %s", text(lang, "baomi diff", "baomi 审计对比"), clean(d.Old.AsOf), clean(d.New.AsOf))
}

// summaryLine counts each list.
func summaryLine(d *Diff, lang string) string {
	c := d.Counts
	if lang == "zh" {
		return fmt.Sprintf("新增未通过 %d,已修复 %d,仍未通过 %d,新增豁免 %d,期间过期的豁免 %d",
			c.NewlyFailing, c.Fixed, c.StillFailing, c.NewlyWaived, c.WaiversExpired)
	}
	return fmt.Sprintf("%d newly failing, %d fixed, %d still failing, %d newly waived, %d waiver%s expired since",
		c.NewlyFailing, c.Fixed, c.StillFailing, c.NewlyWaived, c.WaiversExpired, plural(c.WaiversExpired))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// findingWidth is where the finding column of a table wraps.
const findingWidth = 64

func writeTable(w io.Writer, d *Diff, lang string) error {
	fmt.Fprintln(w, headline(d, lang))
	for _, s := range sections(d, lang) {
		fmt.Fprintf(w, "\n%s (%d)\n", s.title, len(s.rows))
		if len(s.rows) == 0 {
			continue
		}
		cfg := tablewriter.Config{
			Header: tw.CellConfig{Formatting: tw.CellFormatting{AutoFormat: tw.Off}, Alignment: tw.CellAlignment{Global: tw.AlignLeft}},
			Row:    tw.CellConfig{Alignment: tw.CellAlignment{Global: tw.AlignLeft}},
		}
		if s.wrap >= 0 {
			cfg.Row.Formatting = tw.CellFormatting{AutoWrap: tw.WrapNormal}
			cfg.Row.ColMaxWidths = tw.CellWidth{PerColumn: tw.NewMapper[int, int]().Set(s.wrap, findingWidth)}
		}
		t := tablewriter.NewTable(w, tablewriter.WithConfig(cfg))
		t.Header(s.headers)
		if err := t.Bulk(s.rows); err != nil {
			return err
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, "\n"+summaryLine(d, lang))
	return err
}

// mdCell keeps a value inside one Markdown table cell.
func mdCell(s string) string {
	return strings.ReplaceAll(clean(s), "|", `\|`)
}

func writeMarkdown(w io.Writer, d *Diff, lang string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n%s\n", headline(d, lang), summaryLine(d, lang))
	for _, s := range sections(d, lang) {
		fmt.Fprintf(&b, "\n### %s (%d)\n", s.title, len(s.rows))
		if len(s.rows) == 0 {
			continue
		}
		b.WriteString("\n| " + strings.Join(s.headers, " | ") + " |\n")
		b.WriteString(strings.Repeat("|---", len(s.headers)) + "|\n")
		for _, r := range s.rows {
			cells := make([]string, len(r))
			for i, c := range r {
				cells[i] = mdCell(c)
			}
			b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
