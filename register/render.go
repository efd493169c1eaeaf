package register

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"github.com/baomi-dev/baomi/internal/textsafe"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/vocab"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// Formats lists the register's output formats.
var Formats = []string{"table", "json", "csv", "markdown"}

// Options shape a rendered register.
type Options struct {
	// Lang is "en" or "zh"; it picks headers, labels and standing words.
	Lang string
	// AsOf and WarningDays are the date and the nda_expiry_warning_days the
	// register was built with, recorded in the output.
	AsOf        string
	WarningDays int
	// Expiring is the --expiring window when the register was filtered by it.
	Expiring *int
}

// Write renders the register in the named format.
func Write(w io.Writer, format string, ps []Partner, opts Options) error {
	switch format {
	case "table":
		return writeTable(w, ps, opts)
	case "json":
		return writeJSON(w, ps, opts)
	case "csv":
		return writeCSV(w, ps, opts)
	case "markdown":
		return writeMarkdown(w, ps, opts)
	}
	return fmt.Errorf("unknown format %q: want one of %s", format, strings.Join(Formats, ", "))
}

func text(lang, en, zh string) string {
	if lang == "zh" {
		return zh
	}
	return en
}

var standingWords = map[Standing][2]string{
	AtRisk:       {"at risk", "有风险"},
	Attention:    {"attention", "需关注"},
	OK:           {"ok", "正常"},
	Unjudged:     {"not judged", "未评判"},
	NotReceiving: {"not receiving", "未接收资料"},
}

// standingText is a standing in words, in lang.
func standingText(s Standing, lang string) string {
	w := standingWords[s]
	return text(lang, w[0], w[1])
}

var classificationZh = map[string]string{"top_secret": "绝密", "confidential": "机密", "secret": "秘密"}

var resultZh = map[string]string{"pass": "通过", "conditional": "有条件通过", "fail": "不通过"}

// statusText is a control's status in lang.
func statusText(s evaluator.Status, lang string) string {
	return vocab.Status(s, lang)
}

var stateZh = map[string]string{"in_force": "有效", "expired": "已到期", "not_yet_signed": "尚未签订", "unsigned": "无签订日期"}

// word is a status or state code in lang.
func word(lang, s string, zh map[string]string) string {
	if z, ok := zh[s]; ok && lang == "zh" {
		return z
	}
	return s
}

func days(lang string, n int) string {
	return text(lang, fmt.Sprintf("%dd", n), fmt.Sprintf("%d 天", n))
}

func parens(lang, s string) string {
	return text(lang, " ("+s+")", "("+s+")")
}

// Cells of the compact table, shared by the table and Markdown renderers.

func receivesCell(p *Partner, lang string) string {
	s := strconv.Itoa(len(p.Receives))
	if c := p.HighestClassification(); c != "" {
		s += parens(lang, text(lang, c, classificationZh[c]))
	}
	return s
}

func ndaCell(p *Partner, lang string) string {
	n := len(p.NDAsInForce())
	if n == len(p.NDAs) {
		return strconv.Itoa(n)
	}
	return text(lang, fmt.Sprintf("%d of %d", n, len(p.NDAs)), fmt.Sprintf("%d(共 %d)", n, len(p.NDAs)))
}

func coverCell(p *Partner, lang string) string {
	c := p.Cover
	var s string
	switch c.Status {
	case evaluator.CoverMissing:
		return text(lang, "missing", "缺失")
	case evaluator.CoverLapsed:
		return text(lang, "lapsed", "已失效")
	case evaluator.CoverLapses:
		s = *c.Lapses + parens(lang, days(lang, *c.DaysLeft))
	case evaluator.CoverOngoing:
		s = text(lang, "no end", "长期有效")
	default:
		return "-"
	}
	if n := len(p.Uncovered); n > 0 {
		s += text(lang, fmt.Sprintf("; %d uncovered", n), fmt.Sprintf(";%d 项未覆盖", n))
	}
	return s
}

// assessmentCell is the latest assessment's result and age; a stale one (older
// than assessment_max_age_days) says so first, whatever its result.
func assessmentCell(a *evaluator.Assessment, lang string) string {
	if a == nil {
		return text(lang, "none", "无")
	}
	result := text(lang, "no result", "未写明结论")
	if a.Result != nil {
		result = text(lang, *a.Result, resultZh[*a.Result])
	}
	if a.Stale {
		return staleText(lang, result+text(lang, ", ", ",")+days(lang, a.AgeDays))
	}
	return result + parens(lang, days(lang, a.AgeDays))
}

// monitoringCell is the last review's age; a stale one (older than
// monitoring_max_age_days) says so.
func monitoringCell(m *evaluator.Monitoring, lang string) string {
	switch {
	case m == nil:
		return text(lang, "none", "无")
	case m.AgeDays == nil:
		return text(lang, "no date", "无日期")
	case m.Stale:
		return staleText(lang, days(lang, *m.AgeDays))
	}
	return days(lang, *m.AgeDays)
}

func staleText(lang, detail string) string {
	return text(lang, "stale", "已过期") + parens(lang, detail)
}

// nameText is a partner's name for a terminal or a CSV cell: cut to maxName
// characters, on one line, every control character shown as a visible escape.
func nameText(name *string) string {
	return textsafe.Line(cutName(name))
}

// mdName is a partner's name for Markdown: cut, then escaped like every other
// inventory text in Markdown.
func mdName(name *string) string {
	return textsafe.Markdown(cutName(name))
}

// cutName is a partner's name cut to maxName characters, or "" for none.
func cutName(name *string) string {
	if name == nil {
		return ""
	}
	if r := []rune(*name); len(r) > maxName {
		return string(r[:maxName-1]) + "…"
	}
	return *name
}

// maxName bounds the length of a name shown in the register.
const maxName = 60

func compactHeaders(lang string) []string {
	if lang == "zh" {
		return []string{"合作方", "名称", "总体状况", "接收资料", "有效保密协议", "覆盖终止", "保密能力评估", "监督检查"}
	}
	return []string{"Partner", "Name", "Standing", "Receives", "NDAs in force", "Cover lapses", "Assessment", "Monitoring"}
}

// compactRow is a partner's row of the compact table; name is the name cell,
// escaped for the format.
func compactRow(p *Partner, name, lang string) []string {
	return []string{
		p.Address,
		name,
		standingText(p.Standing, lang),
		receivesCell(p, lang),
		ndaCell(p, lang),
		coverCell(p, lang),
		assessmentCell(p.Assessment, lang),
		monitoringCell(p.Monitoring, lang),
	}
}

// summaryLine counts partners by standing.
func summaryLine(ps []Partner, opts Options) string {
	count := map[Standing]int{}
	for _, p := range ps {
		count[p.Standing]++
	}
	var parts []string
	for _, s := range []Standing{AtRisk, Attention, OK, Unjudged, NotReceiving} {
		if count[s] > 0 {
			parts = append(parts, text(opts.Lang, fmt.Sprintf("%d %s", count[s], standingText(s, opts.Lang)), fmt.Sprintf("%s %d", standingText(s, opts.Lang), count[s])))
		}
	}
	if opts.Lang == "zh" {
		line := fmt.Sprintf("截至 %s 共 %d 个合作方", opts.AsOf, len(ps))
		if len(parts) > 0 {
			line += ":" + strings.Join(parts, ",")
		}
		return line
	}
	line := fmt.Sprintf("%d partner%s as of %s", len(ps), plural(len(ps)), opts.AsOf)
	if len(parts) > 0 {
		line += ": " + strings.Join(parts, ", ")
	}
	return line
}

// filterLine explains an --expiring selection.
func filterLine(opts Options) string {
	if opts.Expiring == nil {
		return ""
	}
	return text(opts.Lang,
		fmt.Sprintf("Only partners whose NDA cover is missing, has lapsed, or lapses within %d days.", *opts.Expiring),
		fmt.Sprintf("仅列出保密协议覆盖缺失、已失效或将在 %d 天内终止的合作方。", *opts.Expiring))
}

func uncoveredLine(p *Partner, lang string) string {
	return text(lang,
		fmt.Sprintf("%s: no NDA in force covers %s", p.Address, strings.Join(p.Uncovered, ", ")),
		fmt.Sprintf("%s:以下资料无有效保密协议覆盖:%s", p.Address, strings.Join(p.Uncovered, ", ")))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// writeTable writes the compact register, then what no NDA covers and a summary line.
func writeTable(w io.Writer, ps []Partner, opts Options) error {
	if len(ps) > 0 {
		t := tablewriter.NewTable(w, tablewriter.WithConfig(tablewriter.Config{
			Header: tw.CellConfig{Formatting: tw.CellFormatting{AutoFormat: tw.Off}, Alignment: tw.CellAlignment{Global: tw.AlignLeft}},
			Row:    tw.CellConfig{Alignment: tw.CellAlignment{Global: tw.AlignLeft}},
		}))
		t.Header(compactHeaders(opts.Lang))
		for i := range ps {
			if err := t.Append(compactRow(&ps[i], nameText(ps[i].Name), opts.Lang)); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	for i := range ps {
		if len(ps[i].Uncovered) > 0 {
			fmt.Fprintln(w, uncoveredLine(&ps[i], opts.Lang))
		}
	}
	if l := filterLine(opts); l != "" {
		fmt.Fprintln(w, l)
	}
	_, err := fmt.Fprintln(w, summaryLine(ps, opts))
	return err
}

type jsonRegister struct {
	AsOf                 string    `json:"as_of"`
	NDAExpiryWarningDays int       `json:"nda_expiry_warning_days"`
	ExpiringWithinDays   *int      `json:"expiring_within_days"`
	Partners             []Partner `json:"partners"`
}

// writeJSON writes every detail of every partner.
func writeJSON(w io.Writer, ps []Partner, opts Options) error {
	if ps == nil {
		ps = []Partner{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(jsonRegister{AsOf: opts.AsOf, NDAExpiryWarningDays: opts.WarningDays, ExpiringWithinDays: opts.Expiring, Partners: ps})
}

// writeCSV writes one row per partner; lists are joined with ";".
func writeCSV(w io.Writer, ps []Partner, opts Options) error {
	headers := []string{"partner", "name", "standing", "receives", "highest_classification", "channels",
		"ndas", "ndas_in_force", "uncovered", "cover", "cover_lapses", "cover_days_left", "expiring_soon",
		"assessment_date", "assessment_result", "assessment_age_days", "assessment_stale",
		"monitoring_last_review", "monitoring_age_days", "monitoring_stale"}
	if opts.Lang == "zh" {
		headers = []string{"合作方", "名称", "总体状况", "接收资料", "最高密级", "传输渠道",
			"保密协议", "有效保密协议", "未覆盖资料", "覆盖状态", "覆盖终止日", "覆盖剩余天数", "即将到期",
			"评估日期", "评估结论", "评估距今天数", "评估已过期", "最近监督检查", "监督距今天数", "监督已过期"}
	}
	headers = append(headers, PartnerControls...)
	cw := csv.NewWriter(w)
	if err := cw.Write(headers); err != nil {
		return err
	}
	for i := range ps {
		p := &ps[i]
		var assets, channels, ndas []string
		for _, a := range p.Receives {
			assets = append(assets, a.Address)
		}
		seen := map[string]bool{}
		for _, c := range p.Channels {
			if c.Channel != "" && !seen[c.Channel] {
				seen[c.Channel] = true
				channels = append(channels, c.Channel)
			}
		}
		sort.Strings(channels)
		for _, n := range p.NDAs {
			ndas = append(ndas, n.Address)
		}
		row := []string{
			p.Address, csvText(nameText(p.Name)), standingText(p.Standing, opts.Lang),
			strings.Join(assets, ";"), p.HighestClassification(), strings.Join(channels, ";"),
			strings.Join(ndas, ";"), strings.Join(p.NDAsInForce(), ";"), strings.Join(p.Uncovered, ";"),
			p.Cover.Status, deref(p.Cover.Lapses), intText(p.Cover.DaysLeft), strconv.FormatBool(p.Cover.ExpiringSoon),
		}
		if a := p.Assessment; a != nil {
			row = append(row, a.Date, deref(a.Result), strconv.Itoa(a.AgeDays), strconv.FormatBool(a.Stale))
		} else {
			row = append(row, "", "", "", "")
		}
		if m := p.Monitoring; m != nil {
			row = append(row, deref(m.LastReview), intText(m.AgeDays), strconv.FormatBool(m.Stale))
		} else {
			row = append(row, "", "", "")
		}
		for _, c := range p.Controls {
			row = append(row, c.Status.String())
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvText keeps a spreadsheet from reading a cell as a formula.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func intText(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// writeMarkdown writes the compact table, then one section per partner with
// every detail, for a register filed with an audit.
func writeMarkdown(w io.Writer, ps []Partner, opts Options) error {
	lang := opts.Lang
	var b strings.Builder
	b.WriteString(text(lang, "# Partner register\n\n", "# 合作方登记表\n\n"))
	b.WriteString(summaryLine(ps, opts))
	b.WriteString(text(lang,
		fmt.Sprintf(". NDA expiry warning window: %d days.\n", opts.WarningDays),
		fmt.Sprintf("。保密协议到期预警期:%d 天。\n", opts.WarningDays)))
	if l := filterLine(opts); l != "" {
		b.WriteString("\n" + l + "\n")
	}
	if len(ps) > 0 {
		rows := make([][]string, len(ps))
		for i := range ps {
			rows[i] = compactRow(&ps[i], mdName(ps[i].Name), lang)
			rows[i][0] = "`" + rows[i][0] + "`"
		}
		b.WriteString("\n")
		mdTable(&b, compactHeaders(lang), rows)
	}
	for i := range ps {
		writePartnerSection(&b, &ps[i], lang)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writePartnerSection(b *strings.Builder, p *Partner, lang string) {
	fmt.Fprintf(b, "\n## `%s`", p.Address)
	if p.Name != nil {
		fmt.Fprintf(b, " %s", mdName(p.Name))
	}
	b.WriteString("\n\n")
	fmt.Fprintf(b, "%s%s\n", text(lang, "Standing: ", "总体状况:"), standingText(p.Standing, lang))
	var controls []string
	for _, c := range p.Controls {
		controls = append(controls, fmt.Sprintf("%s %s", c.Control, statusText(c.Status, lang)))
	}
	fmt.Fprintf(b, "\n%s%s\n", text(lang, "Controls: ", "控制项:"), strings.Join(controls, " · "))

	if len(p.Receives) > 0 {
		fmt.Fprintf(b, "\n%s\n\n", text(lang, "Data received:", "接收的客户资料:"))
		var rows [][]string
		for _, a := range p.Receives {
			until := deref(a.CoveredUntil)
			if until == "" && len(a.CoveredBy) > 0 {
				until = text(lang, "no end", "长期有效")
			}
			rows = append(rows, []string{code(a.Address), deref(a.Category), deref(a.Classification),
				codes(a.Via), codes(a.CoveredBy), until})
		}
		mdTable(b, []string{text(lang, "Asset", "资料"), text(lang, "Category", "类别"), text(lang, "Classification", "密级"),
			text(lang, "Via", "来源"), text(lang, "Covered by", "覆盖协议"), text(lang, "Covered until", "覆盖至")}, rows)
	}
	if len(p.Channels) > 0 {
		fmt.Fprintf(b, "\n%s\n\n", text(lang, "Transfers:", "传输:"))
		var rows [][]string
		for _, c := range p.Channels {
			enc := ""
			if c.Encrypted != nil {
				enc = strconv.FormatBool(*c.Encrypted)
			}
			rows = append(rows, []string{code(c.Transfer), code(c.Asset), code(c.Channel), deref(c.Kind), enc})
		}
		mdTable(b, []string{text(lang, "Transfer", "传输"), text(lang, "Asset", "资料"), text(lang, "Channel", "渠道"),
			text(lang, "Kind", "类型"), text(lang, "Encrypted", "加密")}, rows)
	}
	if len(p.NDAs) > 0 {
		fmt.Fprintf(b, "\n%s\n\n", text(lang, "NDAs:", "保密协议:"))
		var rows [][]string
		for _, n := range p.NDAs {
			terms := text(lang, "complete", "完整")
			if !n.TermsComplete {
				terms = text(lang, "missing ", "缺少 ") + strings.Join(n.MissingTerms, ", ")
			}
			rows = append(rows, []string{code(n.Address), deref(n.Signed), deref(n.Expires), word(lang, n.State, stateZh),
				intText(n.DaysLeft), terms, codes(n.Covers), statusText(n.TermsStatus, lang)})
		}
		mdTable(b, []string{text(lang, "NDA", "保密协议"), text(lang, "Signed", "签订"), text(lang, "Expires", "到期"),
			text(lang, "State", "状态"), text(lang, "Days left", "剩余天数"), text(lang, "Terms", "条款"),
			text(lang, "Covers", "覆盖资料"), ndaTermsControl}, rows)
	}
	b.WriteString("\n")
	if len(p.Uncovered) > 0 {
		fmt.Fprintf(b, "- %s%s\n", text(lang, "Not covered by any NDA in force: ", "无有效保密协议覆盖:"), codes(p.Uncovered))
	}
	fmt.Fprintf(b, "- %s%s\n", text(lang, "Cover lapses: ", "覆盖终止:"), coverCell(p, lang))
	if a := p.Assessment; a != nil {
		fmt.Fprintf(b, "- %s%s, %s\n", text(lang, "Latest security assessment: ", "最近一次保密能力评估:"), a.Date, assessmentCell(a, lang))
	} else {
		fmt.Fprintf(b, "- %s%s\n", text(lang, "Latest security assessment: ", "最近一次保密能力评估:"), assessmentCell(nil, lang))
	}
	monitoring := monitoringCell(p.Monitoring, lang)
	if m := p.Monitoring; m != nil && m.LastReview != nil {
		monitoring = *m.LastReview + parens(lang, monitoring)
	}
	fmt.Fprintf(b, "- %s%s\n", text(lang, "Monitoring, last review: ", "监督,最近检查:"), monitoring)
}

func code(s string) string {
	if s == "" {
		return ""
	}
	return "`" + s + "`"
}

func codes(list []string) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = code(s)
	}
	return strings.Join(out, ", ")
}

// mdTable writes a Markdown table. Cells hold addresses, dates, numbers and
// fixed words, never free text, so they need no escaping.
func mdTable(b *strings.Builder, headers []string, rows [][]string) {
	b.WriteString("| " + strings.Join(headers, " | ") + " |\n")
	b.WriteString(strings.Repeat("|---", len(headers)) + "|\n")
	for _, r := range rows {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
}
