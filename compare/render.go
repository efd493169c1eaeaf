package compare

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/textsafe"
	"github.com/baomi-dev/baomi/internal/vocab"
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

// diffStatusZh names the statuses of a result that only a comparison has.
var diffStatusZh = map[string]string{Absent: "无结果", NotChecked: "未检查"}

// statusText is a result's status in lang.
func statusText(s, lang string) string {
	if z, ok := diffStatusZh[s]; ok {
		return text(lang, s, z)
	}
	status, err := evaluator.ParseStatus(s)
	if err != nil {
		return s
	}
	return vocab.Status(status, lang)
}

// waiverText is a waiver's status in lang, or Absent's.
func waiverText(s, lang string) string {
	if s == Absent {
		return statusText(s, lang)
	}
	return vocab.WaiverStatus(evaluator.WaiverStatus(s), lang)
}

// severityText is a severity in lang.
func severityText(s, lang string) string {
	severity, err := evaluator.ParseSeverity(s)
	if err != nil {
		return s
	}
	return vocab.Severity(severity, lang)
}

func message(c Change, lang string) string {
	if lang == "zh" && c.MessageZh != "" {
		return c.MessageZh
	}
	return c.Message
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
		newly.rows = append(newly.rows, []string{severityText(c.Severity, lang), c.Control, c.Resource, statusText(c.Before, lang), message(c, lang)})
	}
	fixed := section{title: text(lang, "Fixed", "已修复"), headers: []string{sev, ctl, res, now, text(lang, "Was failing", "此前的发现")}, wrap: 4}
	for _, c := range d.Fixed {
		fixed.rows = append(fixed.rows, []string{severityText(c.Severity, lang), c.Control, c.Resource, statusText(c.After, lang), message(c, lang)})
	}
	unchecked := section{title: text(lang, "No longer checked", "不再检查"), headers: []string{sev, ctl, res, text(lang, "Was failing", "此前的发现")}, wrap: 3}
	for _, c := range d.NoLongerChecked {
		unchecked.rows = append(unchecked.rows, []string{severityText(c.Severity, lang), c.Control, c.Resource, message(c, lang)})
	}
	still := section{title: text(lang, "Still failing", "仍未通过"), headers: []string{sev, ctl, res}, wrap: -1}
	for _, c := range d.StillFailing {
		still.rows = append(still.rows, []string{severityText(c.Severity, lang), c.Control, c.Resource})
	}
	waived := section{title: text(lang, "Newly waived", "新增豁免"), headers: []string{ctl, res, before, text(lang, "Waiver", "豁免"), text(lang, "Expires", "到期")}, wrap: -1}
	for _, c := range d.NewlyWaived {
		id, exp := "", ""
		if c.Waiver != nil {
			id, exp = c.Waiver.ID, c.Waiver.Expires
		}
		waived.rows = append(waived.rows, []string{c.Control, c.Resource, statusText(c.Before, lang), id, exp})
	}
	expired := section{title: text(lang, "Waivers expired since", "期间过期的豁免"),
		headers: []string{text(lang, "Waiver", "豁免"), ctl, res, text(lang, "Expires", "到期日"), before, text(lang, "Result now", "现在的结果")}, wrap: -1}
	for _, e := range d.WaiversExpired {
		expired.rows = append(expired.rows, []string{e.ID, e.Control, e.Resource, e.Expires, waiverText(e.Before, lang), statusText(e.Result, lang)})
	}
	return []section{newly, fixed, unchecked, still, waived, expired}
}

// headline names the two audits compared, older first.
func headline(d *Diff, lang string) string {
	return fmt.Sprintf("%s: %s → %s", text(lang, "baomi diff", "baomi 审计对比"), d.Old.AsOf, d.New.AsOf)
}

// summaryLine counts each list.
func summaryLine(d *Diff, lang string) string {
	c := d.Counts
	if lang == "zh" {
		return fmt.Sprintf("新增未通过 %d,已修复 %d,不再检查 %d,仍未通过 %d,新增豁免 %d,期间过期的豁免 %d",
			c.NewlyFailing, c.Fixed, c.NoLongerChecked, c.StillFailing, c.NewlyWaived, c.WaiversExpired)
	}
	return fmt.Sprintf("%d newly failing, %d fixed, %d no longer checked, %d still failing, %d newly waived, %d waiver%s expired since",
		c.NewlyFailing, c.Fixed, c.NoLongerChecked, c.StillFailing, c.NewlyWaived, c.WaiversExpired, plural(c.WaiversExpired))
}

// notes state, before the changes, what differs in how the two reports were
// made: a reversed order, missing records, inputs, policies, settings, the
// gate's threshold and the controls checked.
func notes(d *Diff, lang string) []string {
	x := d.Context
	var out []string
	if x.Reversed {
		out = append(out, fmt.Sprintf(text(lang,
			"warning: the newer report (as of %s) is dated before the older one (as of %s): are OLD and NEW the wrong way round?",
			"警告:新报告(评估基准日 %s)早于旧报告(评估基准日 %s),两份报告的顺序是否颠倒?"), d.New.AsOf, d.Old.AsOf))
	}
	for _, side := range x.Unrecorded {
		which, version := text(lang, "older", "旧"), d.Old.Version
		if side == "new" {
			which, version = text(lang, "newer", "新"), d.New.Version
		}
		out = append(out, fmt.Sprintf(text(lang,
			"the %s report does not record its inputs, policies or settings (baomi %s): they cannot be compared",
			"%s报告未记录输入文件、策略和设置(baomi %s),无法比较"), which, version))
	}
	var inputs []string
	for _, part := range []struct {
		en, zh string
		names  []string
	}{{"changed ", "修改 ", x.InputsChanged}, {"added ", "新增 ", x.InputsAdded}, {"removed ", "删除 ", x.InputsRemoved}} {
		if len(part.names) > 0 {
			inputs = append(inputs, text(lang, part.en, part.zh)+strings.Join(part.names, ", "))
		}
	}
	if len(inputs) > 0 {
		out = append(out, text(lang, "inputs differ: ", "输入文件不同:")+strings.Join(inputs, text(lang, "; ", ";")))
	}
	if p := x.Policies; p != nil {
		line := text(lang, "policies differ: sha256 ", "策略不同:sha256 ") + short(p.Before.SHA256) + " → " + short(p.After.SHA256)
		if strings.Join(p.Before.User, ", ") != strings.Join(p.After.User, ", ") {
			line += fmt.Sprintf(text(lang, "; user policy folders %s → %s", ";用户策略目录 %s → %s"), orNone(p.Before.User, lang), orNone(p.After.User, lang))
		}
		out = append(out, line)
	}
	if len(x.Settings) > 0 {
		var parts []string
		for _, s := range x.Settings {
			parts = append(parts, fmt.Sprintf("%s %s → %s", s.Name, settingText(s.Before, lang), settingText(s.After, lang)))
		}
		out = append(out, text(lang, "settings differ: ", "设置不同:")+strings.Join(parts, ", "))
	}
	if len(x.FailOn) == 2 {
		out = append(out, fmt.Sprintf(text(lang, "fail_on differs: %s → %s", "fail_on 不同:%s → %s"), x.FailOn[0], x.FailOn[1]))
	}
	if len(x.NoLongerChecked) > 0 {
		out = append(out, text(lang, "no longer checked (skipped in the newer audit): ", "不再检查(新审计中跳过):")+strings.Join(x.NoLongerChecked, ", "))
	}
	if len(x.NewlyChecked) > 0 {
		out = append(out, text(lang, "newly checked (skipped in the older audit): ", "新纳入检查(旧审计中跳过):")+strings.Join(x.NewlyChecked, ", "))
	}
	return out
}

func orNone(names []string, lang string) string {
	if len(names) == 0 {
		return text(lang, "none", "无")
	}
	return strings.Join(names, ", ")
}

// short is the first 12 characters of a digest, enough to tell two apart.
func short(sum string) string {
	if len(sum) > 12 {
		sum = sum[:12]
	}
	return sum
}

// settingText shows a setting's value, or that the report has no such setting.
func settingText(v any, lang string) string {
	if v == nil {
		return text(lang, "unset", "未设置")
	}
	return fmt.Sprint(v)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// findingWidth is where the finding column of a table wraps.
const findingWidth = 64

// writeTable writes the diff for a terminal: every text read from the reports
// goes through textsafe.Line, so that a tampered report cannot rewrite the
// terminal or break a row.
func writeTable(w io.Writer, d *Diff, lang string) error {
	fmt.Fprintln(w, textsafe.Line(headline(d, lang)))
	for _, n := range notes(d, lang) {
		fmt.Fprintln(w, textsafe.Line(n))
	}
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
		if err := t.Bulk(textsafe.Rows(s.rows, textsafe.Line)); err != nil {
			return err
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, "\n"+summaryLine(d, lang))
	return err
}

// writeMarkdown writes the diff as Markdown: every text read from the reports
// goes through textsafe.Markdown, so that it shows as written instead of being
// rendered as markup or HTML, and stays in its table cell.
func writeMarkdown(w io.Writer, d *Diff, lang string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", textsafe.Markdown(headline(d, lang)))
	ns := notes(d, lang)
	for _, n := range ns {
		fmt.Fprintf(&b, "> %s\n", textsafe.Markdown(n))
	}
	if len(ns) > 0 {
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%s\n", summaryLine(d, lang))
	for _, s := range sections(d, lang) {
		fmt.Fprintf(&b, "\n### %s (%d)\n", s.title, len(s.rows))
		if len(s.rows) == 0 {
			continue
		}
		b.WriteString("\n| " + strings.Join(s.headers, " | ") + " |\n")
		b.WriteString(strings.Repeat("|---", len(s.headers)) + "|\n")
		for _, r := range textsafe.Rows(s.rows, textsafe.Markdown) {
			b.WriteString("| " + strings.Join(r, " | ") + " |\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
