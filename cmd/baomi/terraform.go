package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/report"
	"github.com/baomi-dev/baomi/terraform"
)

// systemTagSetting names the setting that holds the tag linking a Terraform
// resource to a system.
const systemTagSetting = "terraform_system_tag"

// addTerraformFlag adds --terraform (config key terraform:, a list).
func addTerraformFlag(f *pflag.FlagSet) {
	f.StringArray("terraform", nil, "deployed infrastructure: a folder of .tf files, or a plan from terraform show -json (repeatable)")
}

// terraformPaths reads the Terraform inputs: --terraform (repeatable), BAOMI_TERRAFORM
// or the config key terraform:. An empty path is a usage error, not an absent
// input: --terraform "$INFRA" with INFRA unset must not turn the gate blind.
func terraformPaths(cmd *cobra.Command, v *config) ([]string, error) {
	var raw []string
	if sv, ok := cmd.Flags().Lookup("terraform").Value.(pflag.SliceValue); ok {
		// GetStringArray would read [""] as no value at all.
		raw = sv.GetSlice()
	}
	for _, p := range raw {
		if strings.TrimSpace(p) == "" {
			return nil, usageError("baomi: --terraform: empty path; give a folder of .tf files or a plan in JSON")
		}
	}
	return stringList(v, "terraform"), nil
}

// systemTag is the tag that links a Terraform resource to a system: the setting
// in force (the user's, else the policies' default), else baomi-system.
func systemTag(ps *evaluator.Policies, settings map[string]any) string {
	if s, ok := settings[systemTagSetting].(string); ok && s != "" {
		return s
	}
	if ps != nil {
		if s, ok := ps.Settings(nil)[systemTagSetting].(string); ok && s != "" {
			return s
		}
	}
	return terraform.DefaultSystemTag
}

// loadTerraform reads the Terraform inputs, links them to the inventory's
// systems (when link is set: an inventory with errors would give false link
// errors) and puts them in the document's terraform collection. Without inputs
// it returns nil and the collection stays empty. Its diagnostics render with
// the inventory's.
func loadTerraform(inv *inventory.Inventory, paths []string, limits inventory.Options, tagKey string, link bool) (*terraform.Set, hcl.Diagnostics) {
	if len(paths) == 0 {
		return nil, nil
	}
	set, diags := terraform.Load(paths, limits)
	inv.AddSources(set.Sources)
	if diags.HasErrors() || !link {
		return set, diags
	}
	systems, _ := inv.Document["systems"].(map[string]any)
	diags = append(diags, set.Link(systems, tagKey, inv.Diagnostic)...)
	inv.Document[inventory.TerraformCollection] = set.Document()
	return set, diags
}

// noteRemoteModules tells the user which remote modules, and which files in
// JSON syntax, were not read.
func noteRemoteModules(stderr io.Writer, set *terraform.Set) {
	if set == nil {
		return
	}
	for _, m := range set.Remote {
		fmt.Fprintf(stderr, "%s:%d:%d: note: %s (source %q) is a remote module and was not read; a plan (--terraform plan.json) shows its resources\n",
			m.File, m.Line, m.Column, m.Address, m.Source)
	}
	for _, f := range set.Unread {
		fmt.Fprintf(stderr, "%s: note: Terraform configuration in JSON syntax is not read; a plan (--terraform plan.json) shows its resources\n", f)
	}
}

// remoteModules lists the remote modules that were not read, for the report.
func remoteModules(set *terraform.Set) []report.RemoteModule {
	if set == nil {
		return nil
	}
	out := make([]report.RemoteModule, len(set.Remote))
	for i, m := range set.Remote {
		out[i] = report.RemoteModule{Address: m.Address, Source: m.Source,
			Location: &evaluator.Location{File: m.File, Line: m.Line, Column: m.Column}}
	}
	return out
}

// locators asks each locator in turn: the inventory's, then Terraform's.
type locators []evaluator.Locator

// Locate returns the first locator's answer that finds the resource.
func (ls locators) Locate(address, attribute string) (string, int, int, bool) {
	for _, l := range ls {
		if file, line, col, ok := l.Locate(address, attribute); ok {
			return file, line, col, true
		}
	}
	return "", 0, 0, false
}

// locatorFor places results on the inventory and on the Terraform files.
func locatorFor(inv *inventory.Inventory, set *terraform.Set) evaluator.Locator {
	if set == nil {
		return inv
	}
	return locators{inv, set}
}
