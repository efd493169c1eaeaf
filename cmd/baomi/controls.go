package main

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/policies"
	"github.com/baomi-dev/baomi/report"
)

func newControlsCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "controls",
		Short: "List the control catalog: id, article, severity and title",
		Args:  cobra.NoArgs,
	}
	f := cmd.Flags()
	f.String("format", "table", "table or json")
	f.StringArray("policy", nil, "folder of extra Rego controls to include (repeatable)")
	f.String("lang", "", "output language: en or zh")
	f.String("config", "", "config file (default: baomi.yaml in the working directory when present)")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		v, err := newConfig(cmd)
		if err != nil {
			return err
		}
		lang, err := language(v)
		if err != nil {
			return err
		}
		ps, err := evaluator.Load(cmd.Context(), policies.FS, stringList(v, "policy"), stderr)
		if err != nil {
			return &exitCode{code: exitError, msg: policyFailure(err)}
		}
		switch format := v.GetString("format"); format {
		case "json":
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			return enc.Encode(map[string]any{"controls": ps.Controls})
		case "table":
			return controlsTable(stdout, ps.Controls, lang)
		default:
			return usageError("baomi: --format %s: want table or json", format)
		}
	}
	return cmd
}

func controlsTable(w io.Writer, controls []*evaluator.Control, lang string) error {
	headers := []string{"Id", "Short code", "Article", "Severity", "Title"}
	if lang == "zh" {
		headers = []string{"编号", "简码", "条款", "严重程度", "标题"}
	}
	t := tablewriter.NewTable(w, tablewriter.WithHeaderAutoFormat(tw.Off))
	t.Header(headers)
	for _, c := range controls {
		articles := make([]string, 0, 2)
		for _, a := range c.Articles() {
			articles = append(articles, report.Article(a, lang))
		}
		title := c.Title
		if lang == "zh" {
			title = c.TitleZh
		}
		if err := t.Append([]string{c.ID, c.ShortCode, strings.Join(articles, ", "), string(c.Severity), title}); err != nil {
			return err
		}
	}
	return t.Render()
}
