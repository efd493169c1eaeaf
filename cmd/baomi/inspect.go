package main

import (
	"encoding/json"
	"github.com/baomi-dev/baomi/audit"
	"io"

	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/evaluator"
)

func newInspectCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "inspect [PATH...]",
		Short: "Print the input document the policies see, as JSON, for writing your own controls",
		Long: `Decode the inventory in PATH (default ".") and print, as JSON with its keys
sorted, the input document the policies evaluate: one object per collection
keyed by address, the Terraform resources under "terraform" (with --terraform),
and the two members evaluation adds: "as_of", the day dates are judged against
(--as-of, default today, UTC), and "settings", the settings given in the config
file's settings: map and BAOMI_SETTINGS_<NAME> variables (the policies' own
defaults apply to the others). docs/input.schema.json describes the document.
An input error is exit status 2, as for validate.`,
	}
	f := cmd.Flags()
	f.String("as-of", "", "judge dates as of this day, YYYY-MM-DD (default: today, UTC)")
	f.StringArray("policy", nil, "folder of extra Rego controls whose ids waivers may name (repeatable)")
	f.String("config", "", "config file (default: baomi.yaml in the working directory when present)")
	addLimitFlags(f)
	addTerraformFlag(f)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		v, err := newConfig(cmd)
		if err != nil {
			return err
		}
		in, err := inventoryInput(v, args)
		if err != nil {
			return err
		}
		if in.Eval.AsOf, err = asOfDate(v, v.GetString("as-of")); err != nil {
			return err
		}
		in.Warnings = stderr
		l, err := audit.Load(cmd.Context(), in)
		if err != nil {
			return auditFailure(stderr, err)
		}
		inv := l.Inventory
		noteRemoteModules(stderr, l.Terraform)
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(evaluator.InputDocument(inv.Document, in.Eval))
	}
	return cmd
}

// inventoryInput reads what validate and inspect load: the inventory at args
// (default "."), its limits, the Terraform inputs, the policy folders whose
// controls waivers may name, and the settings.
func inventoryInput(v *config, args []string) (audit.Input, error) {
	in := audit.Input{Paths: args}
	if len(in.Paths) == 0 {
		in.Paths = []string{"."}
	}
	var err error
	if in.Limits, err = limitsFrom(v); err != nil {
		return in, err
	}
	if in.Terraform, err = stringList(v, "terraform"); err != nil {
		return in, err
	}
	if in.Policies, err = stringList(v, "policy"); err != nil {
		return in, err
	}
	in.Eval.Settings, err = settingsFrom(v)
	return in, err
}
