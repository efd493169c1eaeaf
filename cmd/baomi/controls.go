package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/policies"
	"github.com/baomi-dev/baomi/report"
)

func newControlsCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "controls",
		Short: "List the control catalog by article, or the regulation's coverage with --coverage",
		Long: `List every control: id, short code, article, severity and title, ordered by
article. With --coverage, list every article of the regulation from 1.1 to 5.1
with the controls that test it, or mark it definitional.

--format markdown writes the reference page docs/controls.md; --format oscal
writes the catalog as an OSCAL 1.2.2 catalog, a group per chapter with the
articles and the controls that test them, last modified on the --as-of day.`,
		Args: cobra.NoArgs,
	}
	addFormatFlag(cmd)
	f := cmd.Flags()
	f.Bool("coverage", false, "show every article of the regulation and the controls that cover it")
	f.StringArray("policy", nil, "folder of extra Rego controls to include (repeatable)")
	f.String("lang", "", "output language: en or zh")
	f.String("as-of", "", "the OSCAL catalog's last-modified day, YYYY-MM-DD (default: today, UTC)")
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
		format := v.GetString("format")
		if err := checkFormat(v, format); err != nil {
			return err
		}
		coverage := v.GetBool("coverage")
		if coverage && format == "oscal" {
			return usageError("baomi: --coverage has no oscal format: the OSCAL catalog (--format oscal without --coverage) holds every article with the controls that test it")
		}
		date, err := asOfDate(v, v.GetString("as-of"))
		if err != nil {
			return err
		}
		paths, err := stringList(v, "policy")
		if err != nil {
			return err
		}
		ps, err := evaluator.Load(cmd.Context(), policies.FS, paths, stderr)
		if err != nil {
			return &exitCode{code: exitError, msg: policyFailure(err)}
		}
		if coverage {
			return report.WriteCoverage(stdout, format, ps.Controls, lang)
		}
		return report.WriteCatalog(stdout, format, ps.Controls, report.CatalogOptions{Lang: lang, ToolVersion: version, Date: date})
	}
	return cmd
}
