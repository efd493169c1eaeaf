package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/compare"
	"github.com/baomi-dev/baomi/internal/regularfile"
	"github.com/baomi-dev/baomi/report"
)

// diffOptions are the resolved choices of one baomi diff run.
type diffOptions struct {
	Old, New string
	Format   string
	Output   string
	Lang     string
	// Config is the config file read, or "".
	Config string
}

func newDiffCmd(stdout, _ io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "diff OLD.json NEW.json",
		Short: "Compare two JSON reports: newly failing, fixed, still failing, newly waived, waivers expired",
		Long: `Compare two reports written by baomi check --format json, an older audit
and a newer one, matching results on control + resource: what newly fails
(new resources included), what was fixed (and whether it passes, warns, is
waived or no longer applies), what is no longer checked (a failure whose
control the newer run skipped is never counted as fixed), what still fails,
what is newly waived, and which waivers expired in between.

Before the changes it states what else differs between the two runs: the
inventory files (by sha256), the policies, the settings, --fail-on and the
controls skipped; and it warns when NEW is dated before OLD. Reports of an
older baomi, which do not record these, still load.

A quarterly audit is: run baomi check --format json --output, keep the file,
and diff it against last quarter's.

--format and --output are read from the command line only.

Exit status: 1 when anything newly fails, 0 otherwise, 2 for a usage error or
a file that is not a readable baomi JSON report.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageError("baomi: diff takes two JSON reports, the older then the newer; got %d argument%s", len(args), plural(len(args)))
			}
			return nil
		},
	}
	addFormatFlag(cmd)
	f := cmd.Flags()
	f.StringP("output", "o", "", "write the comparison to this file (atomically); the table still goes to standard output")
	f.String("lang", "", "output language: en or zh (default: zh for a zh* LANG locale, else en)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		v, err := newConfig(cmd)
		if err != nil {
			return err
		}
		opts := &diffOptions{Old: args[0], New: args[1], Config: v.ConfigFileUsed()}
		opts.Format, _ = cmd.Flags().GetString("format")
		opts.Output, _ = cmd.Flags().GetString("output")
		if err := checkFormat(v, opts.Format); err != nil {
			return err
		}
		if opts.Lang, err = language(v); err != nil {
			return err
		}
		return commandError(runDiff(opts, stdout))
	}
	return cmd
}

// runDiff reads both reports, compares them and writes the comparison. It
// returns exitFindings when anything newly fails.
func runDiff(opts *diffOptions, stdout io.Writer) (int, error) {
	inputs := []runFile{{"the OLD report", opts.Old}, {"the NEW report", opts.New}, {"the config file", opts.Config}}
	if err := checkOutputs([]runFile{{"--output", opts.Output}}, inputs); err != nil {
		return exitError, err
	}
	older, err := readReport(opts.Old)
	if err != nil {
		return exitError, err
	}
	newer, err := readReport(opts.New)
	if err != nil {
		return exitError, err
	}
	d := compare.Compare(older, newer)
	err = writeOutput(stdout, opts.Output, opts.Format, func(w io.Writer, format string) error {
		return compare.Write(w, format, d, opts.Lang)
	})
	if err != nil {
		return exitError, &exitCode{code: exitError, msg: "baomi: writing the comparison: " + err.Error()}
	}
	if d.Counts.NewlyFailing > 0 {
		return exitFindings, nil
	}
	return exitOK, nil
}

// readReport reads one JSON report; any problem names the file.
func readReport(path string) (*report.JSONReport, error) {
	name := filepath.ToSlash(path)
	f, info, err := regularfile.Open(path)
	switch {
	case info != nil && info.IsDir():
		return nil, usageError("baomi: %s: is a folder, not a JSON report", name)
	case err != nil:
		return nil, usageError("baomi: %s: %v", name, pathErrorText(err))
	}
	defer f.Close()
	rep, err := report.ReadJSON(f)
	if err != nil {
		return nil, usageError("baomi: %s: %v", name, err)
	}
	return rep, nil
}

// pathErrorText drops the path from an os error, which the caller names already.
func pathErrorText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
