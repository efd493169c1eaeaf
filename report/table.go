package report

import (
	"fmt"
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/textsafe"
)

var tableHeaders = map[string][]string{
	"en": {"Severity", "Status", "Control", "Article", "Resource", "Location", "Finding"},
	"zh": {"严重程度", "状态", "控制项", "条款", "资源", "位置", "发现"},
}

var statusNames = map[evaluator.Status]string{
	evaluator.Pass: "通过", evaluator.Fail: "未通过", evaluator.Warn: "警告", evaluator.Waived: "已豁免",
}

var severityNames = map[evaluator.Severity]string{
	evaluator.Critical: "严重", evaluator.High: "高", evaluator.Medium: "中", evaluator.Low: "低",
}

// The finding column wraps at this width so that a row stays readable.
const (
	findingColumn = 6
	findingWidth  = 64
)

// writeTable writes failures and warnings (everything with ShowAll) as a table,
// then expired waivers and the summary line.
func writeTable(w io.Writer, rep *evaluator.Report, opts Options) error {
	lang := opts.Lang
	var rows [][]string
	for _, r := range rep.Results {
		if !opts.ShowAll && r.Status != evaluator.Fail && r.Status != evaluator.Warn {
			continue
		}
		c := r.Control
		finding := findingText(r, lang)
		if r.Waiver != nil && r.Status == evaluator.Waived {
			finding = fmt.Sprintf("%s (%s %s, %s %s)", finding, text(lang, "waived by", "豁免:"), r.Waiver.ID, text(lang, "until", "有效期至"), r.Waiver.Expires)
		}
		status := text(lang, string(r.Status), statusNames[r.Status])
		if r.Baselined {
			status += text(lang, " (baseline)", "(基线)")
		}
		rows = append(rows, []string{
			text(lang, string(r.Severity), severityNames[r.Severity]),
			status,
			textsafe.Line(c.ID),
			textsafe.Line(Article(c.Article, lang)),
			textsafe.Line(r.Resource),
			textsafe.Line(locationText(r.Location)),
			textsafe.Line(finding),
		})
	}
	if len(rows) > 0 {
		headers := tableHeaders["en"]
		if lang == "zh" {
			headers = tableHeaders["zh"]
		}
		t := tablewriter.NewTable(w, tablewriter.WithConfig(tablewriter.Config{
			Header: tw.CellConfig{
				Formatting: tw.CellFormatting{AutoFormat: tw.Off},
				Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
			},
			Row: tw.CellConfig{
				Formatting:   tw.CellFormatting{AutoWrap: tw.WrapNormal},
				Alignment:    tw.CellAlignment{Global: tw.AlignLeft},
				ColMaxWidths: tw.CellWidth{PerColumn: tw.NewMapper[int, int]().Set(findingColumn, findingWidth)},
			},
		}))
		t.Header(headers)
		if err := t.Bulk(rows); err != nil {
			return err
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	for _, wv := range rep.Waivers {
		if wv.Status != "expired" {
			continue
		}
		if lang == "zh" {
			fmt.Fprintf(w, "豁免 %s(%s,%s)已于 %s 过期,不再豁免任何结果\n", textsafe.Line(wv.ID), textsafe.Line(wv.Control), textsafe.Line(wv.Resource), textsafe.Line(wv.Expires))
		} else {
			fmt.Fprintf(w, "waiver %s (%s on %s) expired on %s and waives nothing\n", textsafe.Line(wv.ID), textsafe.Line(wv.Control), textsafe.Line(wv.Resource), textsafe.Line(wv.Expires))
		}
	}
	_, err := fmt.Fprintln(w, summaryLine(rep.Summary, lang))
	return err
}
