package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/compare"
	"github.com/baomi-dev/baomi/group"
	"github.com/baomi-dev/baomi/register"
	"github.com/baomi-dev/baomi/report"
)

// outputFormats says what a command's --format writes and which formats it offers.
type outputFormats struct {
	what    string
	formats []string
}

// commandFormats is the one format registry: per command, the formats its
// --format offers, which both the flag's help and its validation read.
var commandFormats = map[string]outputFormats{
	"check":    {"report", report.Formats()},
	"convert":  {"report", report.Formats()},
	"controls": {"catalog", report.CatalogFormats},
	"partners": {"register", register.Formats},
	"diff":     {"comparison", compare.Formats},
	"merge":    {"group report", group.Formats},
}

// formatsOf is the registry's entry for cmd; a command missing from it is a
// programming error, caught by the tests of every command's help.
func formatsOf(cmd *cobra.Command) outputFormats {
	return commandFormats[cmd.Name()]
}

// addFormatFlag declares cmd's --format, its help listing the formats cmd offers.
func addFormatFlag(cmd *cobra.Command) {
	of := formatsOf(cmd)
	cmd.Flags().String("format", "table", of.what+" format: "+strings.Join(of.formats, ", "))
}

// checkFormat refuses a format v's command does not offer, naming those it does.
func checkFormat(v *config, format string) error {
	of := formatsOf(v.cmd)
	if contains(of.formats, format) {
		return nil
	}
	return v.wrong("format", format, "want one of "+strings.Join(of.formats, ", "))
}
