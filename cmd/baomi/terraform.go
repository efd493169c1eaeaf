package main

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/report"
	"github.com/baomi-dev/baomi/terraform"
)

// addTerraformFlag adds --terraform (config key terraform:, a list).
func addTerraformFlag(f *pflag.FlagSet) {
	f.StringArray("terraform", nil, "deployed infrastructure: a folder of .tf files, or a plan from terraform show -json (repeatable)")
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
