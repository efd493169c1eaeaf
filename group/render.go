package group

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/baomi-dev/baomi/internal/textsafe"
	"github.com/baomi-dev/baomi/internal/vocab"
	"github.com/baomi-dev/baomi/report"
)

// Formats lists the group report's output formats.
var Formats = []string{"table", "json", "markdown", "html", "sarif"}

// Write renders g in the named format; sarif writes one run per unit of
// units, each rebuilt from its report.
func Write(w io.Writer, format string, g *Group, units []Unit) error {
	switch format {
	case "table":
		return writeTable(w, g)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(g)
	case "markdown":
		return writeMarkdown(w, g)
	case "html":
		return htmlPage.Execute(w, g)
	case "sarif":
		return writeSARIF(w, units)
	}
	return fmt.Errorf("unknown format %q: want one of %s", format, strings.Join(Formats, ", "))
}

// section is one table of a group report.
type section struct {
	Title   string
	Headers []string
	Rows    [][]string
}

var tallyHeaders = []string{"Results", "Pass", "Fail", "Warn", "Waived", "Compliance"}

func tallyCells(t Tally) []string {
	return []string{strconv.Itoa(t.Results), strconv.Itoa(t.Pass), strconv.Itoa(t.Fail), strconv.Itoa(t.Warn),
		strconv.Itoa(t.Waived), percent(t.Compliance)}
}

func percent(c float64) string {
	return strconv.FormatFloat(c, 'f', 1, 64) + "%"
}

func sections(g *Group) []section {
	units := section{Title: "Compliance by unit", Headers: append([]string{"Unit", "As of", "Verdict"}, tallyHeaders...)}
	for _, u := range g.Units {
		units.Rows = append(units.Rows, append([]string{u.Name, u.AsOf, u.Verdict}, tallyCells(u.Tally)...))
	}
	chapters := section{Title: "Compliance by chapter", Headers: append([]string{"Chapter"}, tallyHeaders...)}
	for _, c := range g.Chapters {
		chapters.Rows = append(chapters.Rows, append([]string{chapterText(c.Key)}, tallyCells(c.Tally)...))
	}
	articles := section{Title: "Compliance by article", Headers: append([]string{"Article"}, tallyHeaders...)}
	for _, a := range g.Articles {
		articles.Rows = append(articles.Rows, append([]string{report.Article(a.Key, "en")}, tallyCells(a.Tally)...))
	}
	failures := section{Title: "Failures", Headers: []string{"Unit", "Severity", "Control", "Resource", "Location", "Finding"}}
	for _, f := range g.Failures {
		failures.Rows = append(failures.Rows, []string{f.Unit, f.Severity, f.Control, f.Resource, f.Location, f.Message})
	}
	return []section{units, chapters, articles, failures}
}

// chapterText is a chapter's number and, when known, its name.
func chapterText(n string) string {
	if name, ok := vocab.Chapter(n, "en"); ok {
		return n + " " + name
	}
	return n
}

// headline names the group's size and as-of dates.
func headline(g *Group) string {
	return fmt.Sprintf("baomi group report: %d unit%s, as of %s", len(g.Units), plural(len(g.Units)), strings.Join(g.AsOf, ", "))
}

// totalsLine sums every unit's results.
func totalsLine(g *Group) string {
	t := g.Totals
	return fmt.Sprintf("%d results: %d pass, %d fail, %d warn, %d waived; %s compliant", t.Results, t.Pass, t.Fail, t.Warn, t.Waived, percent(t.Compliance))
}

// mixedLines warn that the units were judged differently.
func mixedLines(g *Group) []string {
	out := make([]string, len(g.Mixed))
	for i, m := range g.Mixed {
		out[i] = "warning: the units were judged differently: " + m
	}
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// findingWidth is where the finding column of the table wraps.
const findingWidth = 56

// writeTable writes the group report for a terminal: every text read from
// the reports goes through textsafe.Line.
func writeTable(w io.Writer, g *Group) error {
	fmt.Fprintln(w, textsafe.Line(headline(g)))
	for _, m := range mixedLines(g) {
		fmt.Fprintln(w, textsafe.Line(m))
	}
	fmt.Fprintln(w, totalsLine(g))
	for _, s := range sections(g) {
		fmt.Fprintf(w, "\n%s (%d)\n", s.Title, len(s.Rows))
		if len(s.Rows) == 0 {
			continue
		}
		cfg := tablewriter.Config{
			Header: tw.CellConfig{Formatting: tw.CellFormatting{AutoFormat: tw.Off}, Alignment: tw.CellAlignment{Global: tw.AlignLeft}},
			Row: tw.CellConfig{Alignment: tw.CellAlignment{Global: tw.AlignLeft}, Formatting: tw.CellFormatting{AutoWrap: tw.WrapNormal},
				ColMaxWidths: tw.CellWidth{PerColumn: tw.NewMapper[int, int]().Set(len(s.Headers)-1, findingWidth)}},
		}
		t := tablewriter.NewTable(w, tablewriter.WithConfig(cfg))
		t.Header(s.Headers)
		if err := t.Bulk(textsafe.Rows(s.Rows, textsafe.Line)); err != nil {
			return err
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	return nil
}

// writeMarkdown writes the group report as Markdown: every text read from
// the reports goes through textsafe.Markdown.
func writeMarkdown(w io.Writer, g *Group) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", textsafe.Markdown(headline(g)))
	for _, m := range mixedLines(g) {
		fmt.Fprintf(&b, "> %s\n", textsafe.Markdown(m))
	}
	if len(g.Mixed) > 0 {
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%s\n", totalsLine(g))
	for _, s := range sections(g) {
		fmt.Fprintf(&b, "\n### %s (%d)\n", s.Title, len(s.Rows))
		if len(s.Rows) == 0 {
			continue
		}
		b.WriteString("\n| " + strings.Join(s.Headers, " | ") + " |\n")
		b.WriteString(strings.Repeat("|---", len(s.Headers)) + "|\n")
		for _, r := range textsafe.Rows(s.Rows, textsafe.Markdown) {
			b.WriteString("| " + strings.Join(r, " | ") + " |\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// htmlPage is the group report as one self-contained page; html/template
// escapes every text read from the reports.
var htmlPage = template.Must(template.New("group").Funcs(template.FuncMap{
	"headline": headline, "totals": totalsLine, "mixed": mixedLines, "sections": sections,
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{headline .}}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;margin-bottom:1.5rem}
th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}
.mixed{background:#fff4d6;border:1px solid #e0b000;padding:.5rem 1rem}
</style>
</head>
<body>
<h1>{{headline .}}</h1>
{{with mixed .}}<div class="mixed">{{range .}}<p>{{.}}</p>
{{end}}</div>
{{end}}<p>{{totals .}}</p>
{{range sections .}}<h2>{{.Title}} ({{len .Rows}})</h2>
{{if .Rows}}<table>
<tr>{{range .Headers}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</table>
{{end}}{{end}}</body>
</html>
`))

// sarifLog is the merged SARIF log: the runs of every unit.
type sarifLog struct {
	Schema  string            `json:"$schema"`
	Version string            `json:"version"`
	Runs    []json.RawMessage `json:"runs"`
}

// writeSARIF writes one SARIF run per unit, each as baomi check writes it,
// its automationDetails.id naming the unit so that every run is distinct.
func writeSARIF(w io.Writer, units []Unit) error {
	var out sarifLog
	for _, u := range units {
		rep, opts, err := u.Report.Evaluation()
		if err != nil {
			return fmt.Errorf("%s: %v", u.File, err)
		}
		var buf bytes.Buffer
		if err := report.Write(&buf, "sarif", rep, opts); err != nil {
			return err
		}
		var one sarifLog
		if err := json.Unmarshal(buf.Bytes(), &one); err != nil {
			return err
		}
		out.Schema, out.Version = one.Schema, one.Version
		for _, raw := range one.Runs {
			var run map[string]any
			if err := json.Unmarshal(raw, &run); err != nil {
				return err
			}
			run["automationDetails"] = map[string]string{"id": "baomi/" + u.Name + "/"}
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(run); err != nil {
				return err
			}
			out.Runs = append(out.Runs, b.Bytes())
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
