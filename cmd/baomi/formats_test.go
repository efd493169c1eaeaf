package main

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/compare"
	"github.com/baomi-dev/baomi/register"
	"github.com/baomi-dev/baomi/report"
)

// renderedFormats is what each command's renderer writes: the formats its
// --format must offer, no more and no fewer.
var renderedFormats = map[string][]string{
	"check":    report.Formats(),
	"convert":  report.Formats(),
	"controls": report.CatalogFormats,
	"partners": register.Formats,
	"diff":     compare.Formats,
}

// TestEveryFormatFlagIsRegistered keeps the registry the one place: a command
// with a --format flag has an entry, and an entry names a command.
func TestEveryFormatFlagIsRegistered(t *testing.T) {
	commands := map[string]bool{}
	for _, c := range newRootCmd(io.Discard, io.Discard).Commands() {
		if c.Flags().Lookup("format") == nil {
			continue
		}
		commands[c.Name()] = true
		if _, ok := commandFormats[c.Name()]; !ok {
			t.Errorf("%s has a --format flag but no entry in the format registry", c.Name())
		}
	}
	for name := range commandFormats {
		if !commands[name] {
			t.Errorf("the format registry lists %s, which has no --format flag", name)
		}
	}
	for name := range renderedFormats {
		if !commands[name] {
			t.Errorf("%s has no --format flag", name)
		}
	}
}

var formatHelp = regexp.MustCompile(`--format string +\w+ format: ([^(]*) \(default "table"\)`)

// TestHelpListsEachCommandsFormats reads each command's --help: the --format
// line lists exactly the formats its renderer writes.
func TestHelpListsEachCommandsFormats(t *testing.T) {
	for name, want := range renderedFormats {
		code, stdout, stderr := runBaomi(t, name, "--help")
		if code != 0 {
			t.Fatalf("%s --help: status %d, %s", name, code, stderr)
		}
		m := formatHelp.FindStringSubmatch(stdout)
		if m == nil {
			t.Errorf("%s --help has no --format line:\n%s", name, stdout)
			continue
		}
		if got := strings.Split(m[1], ", "); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s --help lists formats %q, want %q", name, got, want)
		}
	}
}

// TestUnknownFormatIsAUsageError runs each command with a format it does not
// offer: status 2, and the error lists the formats it does.
func TestUnknownFormatIsAUsageError(t *testing.T) {
	args := map[string][]string{
		"check":    {"check", "missing", "--format", "bogus"},
		"convert":  {"convert", "missing.json", "--format", "bogus"},
		"controls": {"controls", "--format", "bogus"},
		"partners": {"partners", "missing", "--format", "bogus"},
		"diff":     {"diff", "old.json", "new.json", "--format", "bogus"},
	}
	for name, want := range renderedFormats {
		code, _, stderr := runBaomi(t, args[name]...)
		if code != exitError {
			t.Errorf("%s --format bogus: status %d, want %d", name, code, exitError)
		}
		if msg := "baomi: --format bogus: want one of " + strings.Join(want, ", ") + "\n"; stderr != msg {
			t.Errorf("%s --format bogus: stderr %q, want %q", name, stderr, msg)
		}
	}
}
