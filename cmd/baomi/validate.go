package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/audit"
	"github.com/baomi-dev/baomi/inventory"
)

func newValidateCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check that an inventory is well formed, without evaluating any control",
		Long: `Decode the inventory in PATH (default ".") and report input errors only: syntax,
unknown names, types, enums, dates, references, duplicate ids and waivers that
name unknown controls. With --terraform, also read the Terraform inputs and
check their links to the inventory's systems (tags naming unknown systems,
resources linked twice), without evaluating. Exit status 0 when the inventory is
valid, 2 otherwise. Fast enough for a pre-commit hook.`,
	}
	f := cmd.Flags()
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
		in.Warnings = stderr
		l, err := audit.Load(cmd.Context(), in)
		if err != nil {
			return auditFailure(stderr, err)
		}
		inv, tf := l.Inventory, l.Terraform
		noteRemoteModules(stderr, tf)
		n := 0
		for name, c := range inv.Document {
			if m, ok := c.(map[string]any); ok && name != inventory.TerraformCollection {
				n += len(m)
			}
		}
		fmt.Fprintf(stdout, "%d files, %d resources: the inventory is valid\n", len(inv.Files), n)
		if tf != nil {
			linked := 0
			for _, r := range tf.Resources {
				if r.System != "" {
					linked++
				}
			}
			fmt.Fprintf(stdout, "%d Terraform file%s, %d Terraform resource%s, %d linked to a system: the links are valid\n",
				len(tf.Files), plural(len(tf.Files)), len(tf.Resources), plural(len(tf.Resources)), linked)
		}
		return nil
	}
	return cmd
}
