package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// frames writes JSON-RPC messages as an LSP client does.
func frames(messages ...string) *bytes.Buffer {
	var b bytes.Buffer
	for _, m := range messages {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(m), m)
	}
	return &b
}

func TestLspCommand(t *testing.T) {
	root, err := filepath.Abs("../../fixtures/acme")
	if err != nil {
		t.Fatal(err)
	}
	initialize := fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"file://%s"}}`, filepath.ToSlash(root))
	completion := fmt.Sprintf(`{"jsonrpc":"2.0","id":2,"method":"textDocument/completion","params":{"textDocument":{"uri":"file://%s/infrastructure.hcl"},"position":{"line":34,"character":28}}}`, filepath.ToSlash(root))
	cases := []struct {
		name     string
		args     []string
		messages []string
		status   int
		stdout   []string
		stderr   string
	}{
		{"a session", []string{"lsp", "--as-of", "2026-11-26"},
			[]string{initialize, `{"jsonrpc":"2.0","method":"initialized","params":{}}`, completion, `{"jsonrpc":"2.0","id":3,"method":"shutdown"}`, `{"jsonrpc":"2.0","method":"exit"}`},
			0, []string{`"hoverProvider":true`, `"label":"site.hz_dc"`, `"label":"site.sh_dc1"`, `{"jsonrpc":"2.0","id":3,"result":null}`}, ""},
		{"exit without shutdown", []string{"lsp"}, []string{initialize, `{"jsonrpc":"2.0","method":"exit"}`}, 1, nil, ""},
		{"the input ends", []string{"lsp"}, []string{initialize}, 1, nil, ""},
		{"a bad as-of date", []string{"lsp", "--as-of", "2026-02-30"}, nil, 2, nil, "the day does not exist"},
		{"arguments", []string{"lsp", "fixtures/acme"}, nil, 2, nil, "unknown command"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cmd := selfCommand(t, "main", c.args...)
			cmd.Stdin = frames(c.messages...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if got := exitStatus(t, cmd.Run()); got != c.status {
				t.Errorf("status %d, want %d; stderr: %s", got, c.status, stderr.String())
			}
			for _, w := range c.stdout {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("stdout lacks %s:\n%s", w, stdout.String())
				}
			}
			if !strings.Contains(stderr.String(), c.stderr) || (c.stderr == "" && stderr.Len() > 0) {
				t.Errorf("stderr: %q, want %q", stderr.String(), c.stderr)
			}
		})
	}
}
