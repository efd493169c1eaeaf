package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/audit"
	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/register"
)

// partnersOptions are the resolved choices of one baomi partners run.
type partnersOptions struct {
	auditOptions
	Format string
	Output string
	// Expiring keeps only partners whose NDA cover lapses within this many days;
	// nil lists every partner.
	Expiring *int
}

func newPartnersCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "partners [PATH...]",
		Short: "List every partner with the data it receives, its NDAs, assessment, monitoring and standing",
		Long: `Build the partner register of the inventory in PATH (default "."): one row per
partner with the customer data it receives (by its receives list and by
transfers), the channels used, its NDAs (in force, expiry, terms, what they
cover and what no NDA covers), its latest security assessment, its monitoring,
and its standing under the 4.5 controls: at risk (a control fails), attention
(one warns), ok, or not receiving. Partners are ordered by risk: uncovered
top_secret data first, then partners at risk, then the soonest lapse of NDA
cover.

--format, --output and --expiring are read from the command line only, so
that a baomi.yaml written for check does not redirect the register.

Exit status: 0 whatever the register shows (it is information, not a gate:
use baomi check for that), 2 for a usage, inventory or policy error.`,
	}
	addFormatFlag(cmd)
	f := cmd.Flags()
	f.StringP("output", "o", "", "write the register to this file (atomically); the table still goes to standard output")
	f.Int("expiring", 0, "list only partners whose NDA cover is missing or lapses within N days of the as-of date")
	f.StringArray("policy", nil, "folder of extra Rego controls (repeatable)")
	f.String("as-of", "", "judge dates as of this day, YYYY-MM-DD (default: today, UTC)")
	f.String("lang", "", "output language: en or zh (default: zh for a zh* LANG locale, else en)")
	f.String("config", "", "config file (default: baomi.yaml in the working directory when present)")
	addLimitFlags(f)
	addTimeoutFlag(f)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		opts, err := resolvePartnersOptions(cmd, args)
		if err != nil {
			return err
		}
		return runPartners(cmd.Context(), opts, stdout, stderr)
	}
	return cmd
}

func resolvePartnersOptions(cmd *cobra.Command, args []string) (*partnersOptions, error) {
	v, err := newConfig(cmd)
	if err != nil {
		return nil, err
	}
	f := cmd.Flags()
	opts := &partnersOptions{}
	opts.Format, _ = f.GetString("format")
	opts.Output, _ = f.GetString("output")
	if f.Changed("expiring") {
		n, _ := f.GetInt("expiring")
		if n < 0 {
			return nil, usageError("baomi: --expiring %d: want a number of days, zero or more", n)
		}
		opts.Expiring = &n
	}
	if opts.auditOptions, err = resolveAuditOptions(v, args, opts.Format); err != nil {
		return nil, err
	}
	return opts, nil
}

// runPartners evaluates the inventory and writes its partner register. A register
// is information, so the status is 0 unless something stops it (status 2).
func runPartners(ctx context.Context, opts *partnersOptions, stdout, stderr io.Writer) error {
	res, err := evaluateInventory(ctx, audit.Input{
		Paths: opts.Paths, Limits: opts.Limits, Policies: opts.Policies, Timeout: opts.Timeout,
		Eval:         evaluator.Options{AsOf: opts.AsOf, Settings: opts.Settings, Partners: true},
		FreeDocument: true,
		Collect:      true,
	}, []runFile{{"--output", opts.Output}}, []runFile{{"the config file", opts.Config}}, stderr)
	if err != nil {
		return err
	}
	rep := res.Report
	warning := rep.Facts.NDAExpiryWarningDays
	partners := register.Build(rep)
	if opts.Expiring != nil {
		partners = register.Expiring(partners, *opts.Expiring)
	}
	ropts := register.Options{Lang: opts.Lang, AsOf: opts.AsOf, WarningDays: warning, Expiring: opts.Expiring}
	err = writeOutput(stdout, opts.Output, opts.Format, func(w io.Writer, format string) error {
		return register.Write(w, format, partners, ropts)
	})
	if err != nil {
		return &exitCode{code: exitError, msg: "baomi: writing the register: " + err.Error()}
	}
	return nil
}
