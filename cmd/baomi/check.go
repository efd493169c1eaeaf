package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/baomi-dev/baomi/audit"
	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/heapfloor"
	"github.com/baomi-dev/baomi/internal/outfile"
	"github.com/baomi-dev/baomi/internal/regularfile"
	"github.com/baomi-dev/baomi/internal/textsafe"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/report"
)

// auditOptions are the resolved choices that check and partners share: the
// inventory read, the policies and settings it is judged by, and the language.
type auditOptions struct {
	Paths    []string
	Policies []string
	AsOf     string
	Lang     string
	Settings map[string]any
	// Timeout bounds reading and evaluating; 0 when no flag, variable or
	// config file chose one: evaluateInventory then sets timeoutFor the
	// inventory's size.
	Timeout time.Duration
	Limits  inventory.Options
	// Config is the config file read, or "".
	Config string
}

// resolveAuditOptions reads the choices of auditOptions from v: args are the
// inventory paths ("." when none). It also checks the report format, in the
// order the options' errors have always been reported.
func resolveAuditOptions(v *config, args []string, format string) (auditOptions, error) {
	opts := auditOptions{Paths: args, Config: v.ConfigFileUsed()}
	if len(opts.Paths) == 0 {
		opts.Paths = []string{"."}
	}
	var err error
	if opts.Policies, err = stringList(v, "policy"); err != nil {
		return opts, err
	}
	if opts.Settings, err = settingsFrom(v); err != nil {
		return opts, err
	}
	if opts.Limits, err = limitsFrom(v); err != nil {
		return opts, err
	}
	if v.chosen("timeout") {
		if opts.Timeout, err = v.duration("timeout"); err != nil {
			return opts, err
		}
	}
	if err := checkFormat(v, format); err != nil {
		return opts, err
	}
	if opts.AsOf, err = asOfDate(v, v.GetString("as-of")); err != nil {
		return opts, err
	}
	if opts.Lang, err = language(v); err != nil {
		return opts, err
	}
	return opts, nil
}

// checkOptions are the resolved choices of one baomi check run.
type checkOptions struct {
	auditOptions
	Format  string
	Output  string
	FailOn  evaluator.Severity
	ShowAll bool
	Skip    []string
	// Terraform lists the Terraform inputs: .tf folders and plans.
	Terraform []string
	// Baseline names a baseline file whose failures do not fail the run.
	Baseline string
	// WriteBaseline names a file to record the run's failures in.
	WriteBaseline string
	// HelpURL is the page SARIF rules link to.
	HelpURL string
	// Attest names the private key that signs the JSON report, or "".
	Attest string
	// OPAURL is the OPA server that evaluates in place of baomi, or "".
	OPAURL string
	// AllowRevision accepts an OPA bundle revision other than the policies' digest.
	AllowRevision bool
	// Timings prints each stage's wall time on standard error.
	Timings bool
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
	addFormatFlag(cmd)
	f := cmd.Flags()
	f.StringP("output", "o", "", "write the report to this file (atomically); the table still goes to standard output")
	f.StringArray("policy", nil, "folder of extra Rego controls (repeatable)")
	f.String("as-of", "", "judge dates as of this day, YYYY-MM-DD (default: today, UTC)")
	f.String("fail-on", "low", "lowest severity whose failures make the exit status 1: critical, high, medium or low")
	f.String("lang", "", "output language: en or zh (default: zh for a zh* LANG locale, else en)")
	f.String("show", "failed", "table rows: failed (failures and warnings) or all")
	f.StringArray("skip", nil, "leave out a control, by id or short code (repeatable)")
	f.String("config", "", "config file (default: baomi.yaml in the working directory when present)")
	addLimitFlags(f)
	addTerraformFlag(f)
	addTimeoutFlag(f)
	f.String("baseline", "", "baseline file: only failures not recorded in it fail the run")
	f.String("write-baseline", "", "record the current failures in this baseline file")
	addHelpURLFlag(f)
	f.String("attest", "", "sign the JSON report with this private key (baomi keygen) into OUTPUT.intoto.json; needs --output and --format json")
	f.String("opa-url", "", "evaluate on the OPA server at this URL, which serves the bundle of baomi bundle build (e.g. http://opa:8181)")
	f.Bool("allow-revision", false, "with --opa-url: accept a bundle whose revision is not the local policies' digest")
	f.Bool("timings", false, "print the wall time of each stage (load, evaluate, report) on standard error")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		opts, err := resolveCheckOptions(cmd, args)
		if err != nil {
			return err
		}
		return commandError(runCheck(cmd.Context(), opts, stdout, stderr))
	}
	return cmd
}

func resolveCheckOptions(cmd *cobra.Command, args []string) (*checkOptions, error) {
	v, err := newConfig(cmd)
	if err != nil {
		return nil, err
	}
	opts := &checkOptions{
		Format:        v.GetString("format"),
		Output:        v.GetString("output"),
		Baseline:      v.GetString("baseline"),
		WriteBaseline: v.GetString("write-baseline"),
		HelpURL:       v.GetString("help-url"),
		Attest:        v.GetString("attest"),
		OPAURL:        v.GetString("opa-url"),
		AllowRevision: v.GetBool("allow-revision"),
	}
	opts.Timings, _ = cmd.Flags().GetBool("timings")
	if opts.Skip, err = stringList(v, "skip"); err != nil {
		return nil, err
	}
	if opts.Terraform, err = stringList(v, "terraform"); err != nil {
		return nil, err
	}
	if opts.auditOptions, err = resolveAuditOptions(v, args, opts.Format); err != nil {
		return nil, err
	}
	if err := checkAttestable(opts); err != nil {
		return nil, err
	}
	if err := checkOPAURL(v, opts.OPAURL, opts.AllowRevision); err != nil {
		return nil, err
	}
	if opts.FailOn, err = evaluator.ParseSeverity(v.GetString("fail-on")); err != nil {
		return nil, v.wrong("fail-on", v.GetString("fail-on"), "want critical, high, medium or low")
	}
	switch show := v.GetString("show"); show {
	case "failed", "all":
		opts.ShowAll = show == "all"
	default:
		return nil, v.wrong("show", show, "want failed or all")
	}
	return opts, nil
}

// checkOPAURL accepts an empty --opa-url or an http or https URL with a host,
// and nothing after the path: check adds the Data API's path and parameters.
// --allow-revision goes with --opa-url.
func checkOPAURL(c *config, s string, allowRevision bool) error {
	if s == "" {
		if allowRevision {
			return usageError("baomi: --allow-revision accepts an OPA server's bundle revision: it goes with --opa-url")
		}
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		if err == nil {
			s = u.Redacted()
		}
		return c.wrong("opa-url", s, "want the server's http or https URL, e.g. http://opa:8181")
	}
	return nil
}

// The years an as-of date may fall in: dates are compared in nanoseconds by
// the policies, which reach only from 1677 to 2262, and a judgement that far
// from today is a typo.
const (
	minAsOfYear = 1900
	maxAsOfYear = 2200
)

// datePattern is a date's shape, YYYY-MM-DD.
var datePattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// asOfDate checks an as-of date written YYYY-MM-DD, a day that exists in the
// years minAsOfYear to maxAsOfYear; empty means today, UTC.
func asOfDate(c *config, s string) (string, error) {
	if s == "" {
		return time.Now().UTC().Format("2006-01-02"), nil
	}
	if !datePattern.MatchString(s) {
		return "", c.wrong("as-of", s, "want a date written YYYY-MM-DD")
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:])
	if m < 1 || m > 12 {
		return "", c.wrong("as-of", s, fmt.Sprintf("there is no month %d", m))
	}
	if days := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day(); d < 1 || d > days {
		return "", c.wrong("as-of", s, fmt.Sprintf("the day does not exist (%s %d has %d days)", time.Month(m), y, days))
	}
	if y < minAsOfYear || y > maxAsOfYear {
		return "", c.wrong("as-of", s, fmt.Sprintf("want a year from %d to %d", minAsOfYear, maxAsOfYear))
	}
	return s, nil
}

// runCheck decodes the inventory, evaluates the policies and writes the report.
// It returns the exit status, or an error that carries status 2.
func runCheck(ctx context.Context, opts *checkOptions, stdout, stderr io.Writer) (int, error) {
	var key ed25519.PrivateKey
	if opts.Attest != "" {
		var err error
		if key, err = signingKey("--attest", opts.Attest); err != nil {
			return exitError, err
		}
	}
	eval := evaluator.Options{AsOf: opts.AsOf, Settings: opts.Settings, Skip: opts.Skip}
	if opts.OPAURL != "" {
		eval.Engine = &evaluator.Remote{URL: opts.OPAURL, AllowRevision: opts.AllowRevision, Warnings: stderr}
	}
	clock := newStageClock(opts.Timings, stderr)
	res, err := evaluateInventory(ctx, audit.Input{
		Paths: opts.Paths, Limits: opts.Limits, Policies: opts.Policies, Timeout: opts.Timeout,
		Terraform:    opts.Terraform,
		Eval:         eval,
		FreeDocument: true,
		Collect:      !streamsReport(opts.Format, opts.Output),
		Ready:        func(*audit.Loaded) error { clock.lap("load (decode, policies, Terraform)"); return nil },
	}, []runFile{{"--output", opts.Output}, {"--write-baseline", opts.WriteBaseline},
		{"the attestation", attestationOf(opts)}},
		[]runFile{{"the config file", opts.Config}, {"the --baseline file", opts.Baseline},
			{"the --attest key", opts.Attest}}, stderr)
	if err != nil {
		return exitError, err
	}
	clock.lap("evaluate (input conversion, Rego, results)")
	inv, tf, rep := res.Inventory, res.Terraform, res.Report
	if opts.Baseline != "" {
		if err := applyBaseline(opts.Baseline, rep, stderr); err != nil {
			return exitError, err
		}
	}
	if opts.WriteBaseline != "" {
		err := outfile.Write(opts.WriteBaseline, func(w io.Writer) error { return evaluator.WriteBaseline(w, rep) })
		if err != nil {
			return exitError, &exitCode{code: exitError, msg: "baomi: writing the baseline: " + err.Error()}
		}
	}
	ropts := report.Options{Lang: opts.Lang, ShowAll: opts.ShowAll, ToolVersion: version,
		Organization: rep.Facts.Organization, Inputs: opts.Paths, FailOn: opts.FailOn, Width: terminalWidth(stdout),
		Files: inputFiles(inv, tf), UserPolicies: opts.Policies, RepoDir: repoDir(), HelpURL: opts.HelpURL,
		RemoteModules: remoteModules(tf)}
	err = writeOutput(stdout, opts.Output, opts.Format, func(w io.Writer, format string) error {
		return report.Write(w, format, rep, ropts)
	})
	if err != nil {
		return exitError, &exitCode{code: exitError, msg: "baomi: writing the report: " + err.Error()}
	}
	if key != nil {
		if err := writeAttestation(opts.Output, key); err != nil {
			return exitError, err
		}
	}
	clock.lap("report (baseline, write)")
	clock.total()
	if rep.Verdict(opts.FailOn).Status == evaluator.Fail {
		return exitFindings, nil
	}
	return exitOK, nil
}

// streamsReport reports whether check writes its report in format to output
// as it goes, holding a few chunks at a time: json on standard output. Every
// other format, and the table drawn on standard output beside a report written
// to a file, is built in memory first.
func streamsReport(format, output string) bool {
	return format == "json" && toStdout(output)
}

// heapFloor is the heap a check or partners run grows to before the collector
// starts a cycle (see heapfloor): at 100,000 resources it makes two cycles
// where GOGC=100 makes eight, for a peak memory some 30 MiB higher, well under
// 700 MiB (docs/performance.md, "The heap floor").
const heapFloor = 512 << 20

// heapPerInventoryByte is the heap floor's share of each byte of HCL read. A
// large inventory's decoded values and their Rego copy, all of it live, reach
// about 10 bytes of heap per byte of HCL by the end of the input's conversion;
// a floor of 12 lets the collector wait until then instead of marking them again
// and again while they are built (at 1,000,000 resources three cycles while
// reading and one while converting). Below 512 MiB / 12, about 45 MB of HCL, the
// floor stays heapFloor.
const heapPerInventoryByte = 12

// heapFloorFor is the heap floor for a run that reads inventory files of size
// bytes in all: heapFloor, or heapPerInventoryByte times size if that is more.
func heapFloorFor(size int64) uint64 {
	return max(heapFloor, heapPerInventoryByte*uint64(max(size, 0)))
}

// defaultTimeout is the timeout of a run given none, up to 100 MB of inventory.
const defaultTimeout = 5 * time.Minute

// timeoutPerKB is the time a run given no timeout has for each kilobyte of
// inventory, when that comes to more than defaultTimeout: 3 seconds a
// megabyte, 20 minutes for the 401 MB of 1,000,000 generated resources, which
// take under a minute on the project's 2-core machine and may take several
// times that on a slower or busier one.
const timeoutPerKB = 3 * time.Millisecond

// addTimeoutFlag adds check's and partners' --timeout, whose default grows
// with the inventory (timeoutFor).
func addTimeoutFlag(f *pflag.FlagSet) {
	f.Duration("timeout", 0, "stop reading the inventory and evaluating the policies after this long (default 5m, or 3s per MB of inventory files when that is more)")
}

// timeoutFor is the timeout of a run given none that reads inventory files of
// size bytes in all: defaultTimeout, or timeoutPerKB for each kilobyte if that
// is more.
func timeoutFor(size int64) time.Duration {
	return max(defaultTimeout, time.Duration(max(size, 0)/1000)*timeoutPerKB)
}

// evaluateInventory runs the audit pipeline for a command: before evaluating, it
// refuses outputs that are inputs of the run (see checkOutputs) and notes the
// Terraform modules not read. Its errors are printed the way check prints them
// and carry exit status 2. It sets the heap floor first, and the timeout when
// the run was given none, from the size of the inventory's files.
func evaluateInventory(ctx context.Context, in audit.Input, outputs, inputs []runFile, stderr io.Writer) (*audit.Result, error) {
	size := inventory.Size(in.Paths)
	heapfloor.Install(heapFloorFor(size))
	if in.Timeout == 0 {
		in.Timeout = timeoutFor(size)
	}
	in.Warnings = stderr
	ready := in.Ready
	in.Ready = func(l *audit.Loaded) error {
		if err := checkOutputs(outputs, runInputs(inputs, l)); err != nil {
			return err
		}
		noteRemoteModules(stderr, l.Terraform)
		if ready != nil {
			return ready(l)
		}
		return nil
	}
	r, err := audit.Evaluate(ctx, in)
	if err != nil {
		return nil, auditFailure(stderr, err)
	}
	return r, nil
}

// auditFailure prints an audit error the way check prints it and returns the
// error that makes the exit status 2. Other errors pass unchanged.
func auditFailure(stderr io.Writer, err error) error {
	var ie *audit.InputError
	var se *audit.StoppedError
	var pe *audit.PolicyError
	var ee *audit.EvaluationError
	switch {
	case errors.As(err, &ie):
		if len(ie.Diagnostics) > 0 {
			if err := inputFailure(stderr, ie.Inventory, ie.Diagnostics, ie.TerraformErrors); len(ie.Problems) == 0 {
				return err
			}
		}
		plain := make([]string, len(ie.Problems))
		for i, p := range ie.Problems {
			plain[i] = "baomi: " + p
		}
		return &exitCode{code: exitError, msg: strings.Join(plain, "\n")}
	case errors.As(err, &se):
		if errors.Is(se.Err, context.DeadlineExceeded) {
			return &exitCode{code: exitError, msg: fmt.Sprintf("baomi: reading the inventory did not finish within the timeout (%s); nothing was evaluated: raise --timeout for an inventory this large", se.Timeout)}
		}
		return &exitCode{code: exitError, msg: "baomi: reading the inventory stopped: " + se.Err.Error()}
	case errors.As(err, &pe):
		return &exitCode{code: exitError, msg: policyFailure(pe.Err)}
	case errors.As(err, &ee):
		return &exitCode{code: exitError, msg: "baomi: " + ee.Err.Error()}
	}
	return err
}

// applyBaseline marks the failures the baseline at path accepts, and prints one
// line on stderr for each of its entries that accepts none.
func applyBaseline(path string, rep *evaluator.Report, stderr io.Writer) error {
	f, _, err := regularfile.Open(path)
	if err != nil {
		return &exitCode{code: exitError, msg: fmt.Sprintf("baomi: --baseline %s: %s", path, pathErrorText(err))}
	}
	defer f.Close()
	b, err := evaluator.ReadBaseline(f)
	if err != nil {
		return &exitCode{code: exitError, msg: fmt.Sprintf("baomi: --baseline %s: %v", path, err)}
	}
	for _, e := range b.Apply(rep) {
		fmt.Fprintf(stderr, "baomi: --baseline %s: stale entry %q on %q matches no failure; remove it (--write-baseline rewrites the file)\n", path, e.Control, e.Resource)
	}
	return nil
}

// inputFailure prints the input's diagnostics with their source lines and
// returns the error that makes the exit status 2, counting the errors of the
// inventory and of the Terraform inputs (terraform of them) apart.
func inputFailure(stderr io.Writer, inv *inventory.Inventory, diags hcl.Diagnostics, terraform int) error {
	inventory.SortDiagnostics(diags)
	_ = inv.WriteDiagnostics(stderr, diags)
	own := inventory.ErrorCount(diags) - terraform
	var where string
	switch {
	case terraform == 0:
		where = fmt.Sprintf("the inventory has %d error%s", own, plural(own))
	case own == 0:
		where = fmt.Sprintf("the Terraform inputs have %d error%s", terraform, plural(terraform))
	default:
		where = fmt.Sprintf("the inventory has %d error%s and the Terraform inputs %d", own, plural(own), terraform)
	}
	return &exitCode{code: exitError, msg: "baomi: " + where + "; nothing was evaluated"}
}

// policyFailure is the message for a policy error. File names and texts from
// a user's policies go through textsafe.Terminal, so they cannot drive the terminal.
func policyFailure(err error) string {
	var pes evaluator.PolicyErrors
	var pe *evaluator.PolicyError
	switch {
	case errors.As(err, &pes):
		return textsafe.Terminal(pes.Error()) + fmt.Sprintf("\nbaomi: %d policy error%s; nothing was evaluated", len(pes), plural(len(pes)))
	case errors.As(err, &pe):
		return textsafe.Terminal(pe.Error())
	}
	return "baomi: " + textsafe.Terminal(err.Error())
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
