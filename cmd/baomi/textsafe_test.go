package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileTitle is a METADATA title, as YAML escapes, that would recolour the
// terminal, retitle its window and reverse the text after it.
const hostileTitle = `Systems \x1b[31mhave\x1b[0m a name\x1b]0;pwned\a \u202eeman`

// hostilePolicy is a valid user control whose title carries hostileTitle.
const hostilePolicy = `# METADATA
# title: "` + hostileTitle + `"
# description: A system that holds customer data has a human-readable name.
# custom:
#   id: ACME-4.2.1-01
#   short_code: system-named
#   article: "4.2.1"
#   severity: low
#   title_zh: 系统有名称
#   remediation: Set name on the system.
#   remediation_zh: 为系统设置 name。
package acme.system_named

import data.baomi.lib

applicable contains addr if some addr in lib.holding_systems

deny contains {"resource": addr, "message": sprintf("%s has no name \u001b[2K\r", [addr]), "attribute": "name"} if {
	some addr in applicable
	not input.systems[addr].name
}
`

// controlBytes are the bytes a terminal acts on that hostile text carries.
var controlBytes = []string{"\x1b", "\x07", "\r", "\u202e"}

func TestPolicyTextCannotDriveTheTerminal(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "named.rego"), []byte(hostilePolicy), 0o644); err != nil {
		t.Fatal(err)
	}
	// A policy file whose name carries an escape sequence and that does not parse.
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "evil\x1b[2J\u202e.rego"), []byte("package x\n\ndeny contains"), 0o644); err != nil {
		t.Fatal(err)
	}
	inv := writeInventory(t, failingInventory)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"controls lists a hostile title", []string{"controls", "--policy", dir}, 0, `Systems \x1b[31mhave\x1b[0m a name\x1b]0;pwned\x07 \u202eeman`},
		{"check shows a hostile message", []string{"check", inv, "--policy", dir, "--as-of", "2026-11-26", "--show", "all"}, 1, `\x1b[2K\r`},
		{"check names a hostile policy file", []string{"check", inv, "--policy", broken}, 2, `evil\x1b[2J\u202e.rego`},
		{"controls names a hostile policy file", []string{"controls", "--policy", broken}, 2, `evil\x1b[2J\u202e.rego`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runBaomi(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out, errOut)
			}
			for _, bad := range controlBytes {
				if strings.Contains(out, bad) || strings.Contains(errOut, bad) {
					t.Errorf("%q reached the terminal:\n%q\n%q", bad, out, errOut)
				}
			}
			if words := strings.Join(strings.Fields(out+errOut), " "); !strings.Contains(words, tc.want) {
				t.Errorf("the hostile text is not shown escaped as %s:\n%s%s", tc.want, out, errOut)
			}
		})
	}
}
