package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/policies"
)

func newTestCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "test POLICY_DIR...",
		Short: "Run the Rego tests of your own policies under baomi's sandbox",
		Long: `Run the _test.rego files in each POLICY_DIR, compiled with baomi's shared
library (data.baomi.lib) and the same sandbox as check. Prints one line per test
and a closing "N passed, M failed" line. Exit status 0 when every test passes,
1 when some fail, 2 when the policies do not compile.`,
		Args: cobra.MinimumNArgs(1),
	}
	cmd.RunE = func(cmd *cobra.Command, dirs []string) error {
		results, err := evaluator.RunTests(cmd.Context(), policies.FS, dirs, stderr)
		if err != nil {
			return &exitCode{code: exitError, msg: policyFailure(err)}
		}
		if len(results) == 0 {
			return &exitCode{code: exitError, msg: "baomi: no tests found: write rules named test_* in _test.rego files"}
		}
		passed, failed := 0, 0
		for _, r := range results {
			status := "PASS"
			if r.Passed {
				passed++
			} else {
				failed++
				status = "FAIL"
			}
			fmt.Fprintf(stdout, "%s %s (%s:%d) %s\n", status, r.Name, r.File, r.Line, r.Duration.Round(1000))
			if r.Error != "" {
				fmt.Fprintf(stdout, "    error: %s\n", r.Error)
			}
		}
		fmt.Fprintf(stdout, "%d passed, %d failed\n", passed, failed)
		if failed > 0 {
			return &exitCode{code: exitFindings}
		}
		return nil
	}
	return cmd
}
