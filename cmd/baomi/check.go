package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/policies"
	"github.com/baomi-dev/baomi/report"
)

// checkOptions are the resolved choices of one baomi check run.
type checkOptions struct {
	Paths    []string
	Format   string
	Output   string
	Policies []string
	AsOf     string
	FailOn   evaluator.Severity
	Lang     string
	ShowAll  bool
	Skip     []string
	Settings map[string]any
	Timeout  time.Duration
	Limits   inventory.Options
	// Baseline names a baseline file whose failures do not fail the run.
	Baseline string
	// WriteBaseline names a file to record the run's failures in.
	WriteBaseline string
}

func newCheckCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Evaluate an inventory against every control and report pass/fail per resource",
		Long: `Evaluate the inventory in PATH (files, or folders read recursively for .hcl
files; default ".") against every control and report a result for each
resource each control applies to.

Exit status: 0 when no failing result is at or above --fail-on, 1 when some
is, 2 for a usage, inventory or policy error.`,
	}
	f := cmd.Flags()
	f.String("format", "table", "report format: "+strings.Join(report.Formats(), ", "))
	f.StringP("output", "o", "", "write the report to this file (atomically); the table still goes to standard output")
	f.StringArray("policy", nil, "folder of extra Rego controls (repeatable)")
	f.String("as-of", "", "judge dates as of this day, YYYY-MM-DD (default: today, UTC)")
	f.String("fail-on", "low", "lowest severity whose failures make the exit status 1: critical, high, medium or low")
	f.String("lang", "", "output language: en or zh (default: zh for a zh* LANG locale, else en)")
	f.String("show", "failed", "table rows: failed (failures and warnings) or all")
	f.StringArray("skip", nil, "leave out a control, by id or short code (repeatable)")
	f.String("config", "", "config file (default: baomi.yaml in the working directory when present)")
	addLimitFlags(f)
	f.Duration("timeout", 5*time.Minute, "stop policy evaluation after this long")
	f.String("baseline", "", "baseline file: only failures not recorded in it fail the run")
	f.String("write-baseline", "", "record the current failures in this baseline file")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		opts, err := resolveCheckOptions(cmd, args)
		if err != nil {
			return err
		}
		code, err := runCheck(cmd.Context(), opts, stdout, stderr)
		if err != nil {
			return err
		}
		if code != exitOK {
			return &exitCode{code: code}
		}
		return nil
	}
	return cmd
}

func resolveCheckOptions(cmd *cobra.Command, args []string) (*checkOptions, error) {
	v, err := newConfig(cmd)
	if err != nil {
		return nil, err
	}
	opts := &checkOptions{
		Paths:    args,
		Format:   v.GetString("format"),
		Output:   v.GetString("output"),
		Policies: stringList(v, "policy"),
		AsOf:     v.GetString("as-of"),
		Skip:     stringList(v, "skip"),
		Settings: settingsFrom(v),
		Timeout:  v.GetDuration("timeout"),
		Limits:   limitsFrom(v),

		Baseline:      v.GetString("baseline"),
		WriteBaseline: v.GetString("write-baseline"),
	}
	if len(opts.Paths) == 0 {
		opts.Paths = []string{"."}
	}
	if !contains(report.Formats(), opts.Format) {
		return nil, usageError("baomi: --format %s: want one of %s", opts.Format, strings.Join(report.Formats(), ", "))
	}
	if opts.AsOf, err = asOfDate(opts.AsOf); err != nil {
		return nil, err
	}
	if opts.FailOn, err = evaluator.ParseSeverity(v.GetString("fail-on")); err != nil {
		return nil, usageError("baomi: --fail-on: %v", err)
	}
	if opts.Lang, err = language(v); err != nil {
		return nil, err
	}
	switch show := v.GetString("show"); show {
	case "failed", "all":
		opts.ShowAll = show == "all"
	default:
		return nil, usageError("baomi: --show %s: want failed or all", show)
	}
	if opts.Timeout <= 0 {
		return nil, usageError("baomi: --timeout must be positive")
	}
	return opts, nil
}

// asOfDate checks an --as-of date written YYYY-MM-DD; empty means today, UTC.
func asOfDate(s string) (string, error) {
	if s == "" {
		return time.Now().UTC().Format("2006-01-02"), nil
	}
	if _, err := time.Parse("2006-01-02", s); err != nil || len(s) != 10 {
		return "", usageError("baomi: --as-of %s: want a date written YYYY-MM-DD", s)
	}
	return s, nil
}

// runCheck decodes the inventory, evaluates the policies and writes the report.
// It returns the exit status, or an error that carries status 2.
func runCheck(ctx context.Context, opts *checkOptions, stdout, stderr io.Writer) (int, error) {
	_, rep, err := evaluateInventory(ctx, evalInput{
		Paths: opts.Paths, Limits: opts.Limits, Policies: opts.Policies, Timeout: opts.Timeout,
		Eval:         evaluator.Options{AsOf: opts.AsOf, Settings: opts.Settings, Skip: opts.Skip},
		FreeDocument: true,
	}, stderr)
	if err != nil {
		return exitError, err
	}
	if opts.Baseline != "" {
		if err := applyBaseline(opts.Baseline, rep); err != nil {
			return exitError, err
		}
	}
	if opts.WriteBaseline != "" {
		err := writeFileAtomic(opts.WriteBaseline, func(w io.Writer) error { return evaluator.WriteBaseline(w, rep) })
		if err != nil {
			return exitError, &exitCode{code: exitError, msg: "baomi: writing the baseline: " + err.Error()}
		}
	}
	ropts := report.Options{Lang: opts.Lang, ShowAll: opts.ShowAll, ToolVersion: version,
		Organization: rep.Facts.Organization, Inputs: opts.Paths, FailOn: opts.FailOn}
	err = writeOutput(stdout, opts.Output, opts.Format, func(w io.Writer, format string) error {
		return report.Write(w, format, rep, ropts)
	})
	if err != nil {
		return exitError, &exitCode{code: exitError, msg: "baomi: writing the report: " + err.Error()}
	}
	if rep.Verdict(opts.FailOn).Status == evaluator.Fail {
		return exitFindings, nil
	}
	return exitOK, nil
}

// evalInput says what to evaluate: the inventory, extra policy folders, the
// evaluation's options and how long it may take.
type evalInput struct {
	Paths    []string
	Limits   inventory.Options
	Policies []string
	Timeout  time.Duration
	Eval     evaluator.Options
	// FreeDocument takes the decoded document away from the inventory before
	// evaluation (the returned inventory keeps only its source map), so that it
	// can be freed once the evaluator has converted it. Views that need more
	// than the results read the report's facts.
	FreeDocument bool
}

// evaluateInventory decodes the inventory and evaluates the policies over it.
// Input and policy errors are printed the way check prints them, and come back
// as an error that carries exit status 2.
func evaluateInventory(ctx context.Context, in evalInput, stderr io.Writer) (*inventory.Inventory, *evaluator.Report, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	inv, ps, err := loadChecked(ctx, in.Paths, in.Limits, in.Policies, stderr)
	if err != nil {
		return nil, nil, err
	}
	ectx, cancel := context.WithTimeout(ctx, in.Timeout)
	defer cancel()
	doc := inv.Document
	if in.FreeDocument {
		doc = inv.TakeDocument()
	}
	rep, err := ps.Evaluate(ectx, evaluator.Input{Document: doc, Locator: inv}, in.Eval)
	var ierr *evaluator.InputError
	switch {
	case errors.As(err, &ierr):
		var pd hcl.Diagnostics
		var plain []string
		for _, p := range ierr.Problems {
			if p.Address == "" {
				plain = append(plain, "baomi: "+p.Message)
				continue
			}
			pd = append(pd, inv.Diagnostic(p.Address, p.Attribute, "Invalid waiver", p.Message))
		}
		if len(pd) > 0 {
			if err := inputFailure(stderr, inv, pd); err != nil && len(plain) == 0 {
				return nil, nil, err
			}
		}
		return nil, nil, &exitCode{code: exitError, msg: strings.Join(plain, "\n")}
	case err != nil:
		return nil, nil, &exitCode{code: exitError, msg: "baomi: " + err.Error()}
	}
	return inv, rep, nil
}

// loadChecked decodes the inventory and loads the policies, and reports every
// input error together: the decoder's, and those only the catalog can find (a
// waiver naming an unknown control), even when the decoder found others.
func loadChecked(ctx context.Context, paths []string, limits inventory.Options, policyDirs []string, stderr io.Writer) (*inventory.Inventory, *evaluator.Policies, error) {
	inv, diags := inventory.LoadWith(paths, limits)
	ps, perr := evaluator.Load(ctx, policies.FS, policyDirs, stderr)
	if perr == nil {
		for _, p := range ps.CheckInput(inv.Document) {
			diags = append(diags, inv.Diagnostic(p.Address, p.Attribute, "Invalid waiver", p.Message))
		}
	}
	if diags.HasErrors() {
		return nil, nil, inputFailure(stderr, inv, diags)
	}
	if perr != nil {
		return nil, nil, &exitCode{code: exitError, msg: policyFailure(perr)}
	}
	return inv, ps, nil
}

func applyBaseline(path string, rep *evaluator.Report) error {
	f, err := os.Open(path)
	if err != nil {
		return &exitCode{code: exitError, msg: "baomi: --baseline: " + err.Error()}
	}
	defer f.Close()
	b, err := evaluator.ReadBaseline(f)
	if err != nil {
		return &exitCode{code: exitError, msg: fmt.Sprintf("baomi: --baseline %s: %v", path, err)}
	}
	b.Apply(rep)
	return nil
}

// inputFailure prints inventory diagnostics with their source lines and returns
// the error that makes the exit status 2.
func inputFailure(stderr io.Writer, inv *inventory.Inventory, diags hcl.Diagnostics) error {
	inventory.SortDiagnostics(diags)
	_ = inv.WriteDiagnostics(stderr, diags)
	n := len(diags.Errs())
	return &exitCode{code: exitError, msg: fmt.Sprintf("baomi: the inventory has %d error%s; nothing was evaluated", n, plural(n))}
}

func policyFailure(err error) string {
	var pes evaluator.PolicyErrors
	var pe *evaluator.PolicyError
	switch {
	case errors.As(err, &pes):
		return pes.Error() + fmt.Sprintf("\nbaomi: %d policy error%s; nothing was evaluated", len(pes), plural(len(pes)))
	case errors.As(err, &pe):
		return pe.Error()
	}
	return "baomi: " + err.Error()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
