package main

import (
	"io"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/baomi-dev/baomi/report"
)

// convertOptions are the resolved choices of one baomi convert run.
type convertOptions struct {
	Report  string
	Format  string
	Output  string
	Lang    string
	ShowAll bool
	HelpURL string
}

func newConvertCmd(stdout, _ io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "convert REPORT.json",
		Short: "Render a saved JSON report in another format",
		Long: `Render a report written by baomi check --format json in another format, as
baomi check would have written it from the same evaluation: CI evaluates once
and renders many reports from the one result.

The report carries everything the formats show (the controls' texts, the
inputs, the gate's threshold and verdict), so the policies and the inventory
are not read again.

--format and --output are read from the command line only.

Exit status: 0 when the report was rendered (whatever its verdict: the gate is
baomi check's exit status), 2 for a usage error or a file that is not a
complete baomi JSON report.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("baomi: convert takes one JSON report; got %d argument%s", len(args), plural(len(args)))
			}
			return nil
		},
	}
	addFormatFlag(cmd)
	f := cmd.Flags()
	f.StringP("output", "o", "", "write the report to this file (atomically); the table still goes to standard output")
	f.String("lang", "", "output language: en or zh (default: zh for a zh* LANG locale, else en)")
	f.String("show", "failed", "table rows: failed (failures and warnings) or all")
	f.String("config", "", "config file (default: baomi.yaml in the working directory when present)")
	addHelpURLFlag(f)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		v, err := newConfig(cmd)
		if err != nil {
			return err
		}
		opts := &convertOptions{Report: args[0], HelpURL: v.GetString("help-url")}
		opts.Format, _ = cmd.Flags().GetString("format")
		opts.Output, _ = cmd.Flags().GetString("output")
		if err := checkFormat(v, opts.Format); err != nil {
			return err
		}
		if opts.Lang, err = language(v); err != nil {
			return err
		}
		switch show := v.GetString("show"); show {
		case "failed", "all":
			opts.ShowAll = show == "all"
		default:
			return usageError("baomi: --show %s: want failed or all", show)
		}
		return runConvert(opts, stdout)
	}
	return cmd
}

// addHelpURLFlag adds --help-url, the page SARIF rules link to.
func addHelpURLFlag(f *pflag.FlagSet) {
	f.String("help-url", report.DefaultHelpURL, "page SARIF rules link to, each at its control's anchor")
}

// runConvert reads the JSON report and writes it in the format asked for.
func runConvert(opts *convertOptions, stdout io.Writer) error {
	j, err := readReport(opts.Report)
	if err != nil {
		return err
	}
	rep, ropts, err := j.Evaluation()
	if err != nil {
		return usageError("baomi: %s: %v", filepath.ToSlash(opts.Report), err)
	}
	ropts.Lang, ropts.ShowAll, ropts.HelpURL, ropts.Width = opts.Lang, opts.ShowAll, opts.HelpURL, terminalWidth(stdout)
	err = writeOutput(stdout, opts.Output, opts.Format, func(w io.Writer, format string) error {
		return report.Write(w, format, rep, ropts)
	})
	if err != nil {
		return &exitCode{code: exitError, msg: "baomi: writing the report: " + err.Error()}
	}
	return nil
}
