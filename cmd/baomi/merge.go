package main

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/group"
)

// mergeOptions are the resolved choices of one baomi merge run.
type mergeOptions struct {
	Reports    []string
	Format     string
	Output     string
	AllowMixed bool
	// Config is the config file read, or "".
	Config string
}

func newMergeCmd(stdout, _ io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "merge REPORT.json...",
		Short: "Merge the JSON reports of several units into one group report",
		Long: `Merge the reports written by baomi check --format json of several units of a
group (subsidiaries, branches, teams) into one group report: the totals,
compliance by unit, by chapter and by article, and every failure with its
unit. Compliance is the share of results that pass.

Each unit is named by its report's organization; two reports of one
organization are named "organization (paths)" when their inventory paths
differ and refused when they do not. The sarif format holds one run per unit,
each with its own automationDetails.id.

Reports judged with different policy sets (policies.sha256), settings,
as-of dates or skipped controls are refused, the difference named, unless
--allow-mixed, which merges them and states the differences at the top.

--format and --output are read from the command line only.

Exit status: 0 when merged, 2 for a usage error, a file that is not a
readable baomi JSON report, or reports judged differently without
--allow-mixed.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError("baomi: merge takes one JSON report or more")
			}
			return nil
		},
	}
	addFormatFlag(cmd)
	f := cmd.Flags()
	f.StringP("output", "o", "", "write the group report to this file (atomically)")
	f.Bool("allow-mixed", false, "merge reports judged with different policies, settings or as-of dates, stating the differences")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		v, err := newConfig(cmd)
		if err != nil {
			return err
		}
		opts := &mergeOptions{Reports: args, Config: v.ConfigFileUsed()}
		opts.Format, _ = cmd.Flags().GetString("format")
		opts.Output, _ = cmd.Flags().GetString("output")
		opts.AllowMixed, _ = cmd.Flags().GetBool("allow-mixed")
		if err := checkFormat(v, opts.Format); err != nil {
			return err
		}
		return runMerge(opts, stdout)
	}
	return cmd
}

// runMerge reads every report, names its unit, refuses reports judged
// differently unless allowed, and writes the group report.
func runMerge(opts *mergeOptions, stdout io.Writer) error {
	inputs := []runFile{{"the config file", opts.Config}}
	for _, p := range opts.Reports {
		inputs = append(inputs, runFile{"a merged report", p})
	}
	if err := checkOutputs([]runFile{{"--output", opts.Output}}, inputs); err != nil {
		return err
	}
	reports := make([]group.Input, len(opts.Reports))
	for i, p := range opts.Reports {
		rep, err := readReport(p)
		if err != nil {
			return err
		}
		reports[i] = group.Input{File: p, Report: rep}
	}
	units, err := group.Name(reports)
	if err != nil {
		return usageError("baomi: %v", err)
	}
	mixed := group.Differences(units)
	if len(mixed) > 0 && !opts.AllowMixed {
		return usageError("baomi: the reports were judged differently, so their results do not add up:\n  %s\nmerge them anyway with --allow-mixed", strings.Join(mixed, "\n  "))
	}
	g := group.Merge(units, mixed)
	err = writeOutput(stdout, opts.Output, opts.Format, func(w io.Writer, format string) error {
		return group.Write(w, format, g, units)
	})
	if err != nil {
		return &exitCode{code: exitError, msg: "baomi: writing the group report: " + err.Error()}
	}
	return nil
}
