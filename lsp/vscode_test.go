package lsp

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestVSCodeExtension: the extension's manifest parses, starts its script, and
// the script runs `baomi lsp` (node checks its syntax where node is installed).
func TestVSCodeExtension(t *testing.T) {
	dir := filepath.Join("..", "editors", "vscode")
	var manifest struct {
		Name             string            `json:"name"`
		Main             string            `json:"main"`
		ActivationEvents []string          `json:"activationEvents"`
		Dependencies     map[string]string `json:"dependencies"`
		Contributes      struct {
			Configuration struct {
				Properties map[string]struct {
					Default any `json:"default"`
				} `json:"properties"`
			} `json:"configuration"`
		} `json:"contributes"`
	}
	if err := json.Unmarshal(mustRead(t, filepath.Join(dir, "package.json")), &manifest); err != nil {
		t.Fatalf("package.json: %v", err)
	}
	if manifest.Name != "baomi" || manifest.Dependencies["vscode-languageclient"] == "" ||
		!slices.Contains(manifest.ActivationEvents, "workspaceContains:**/*.hcl") ||
		manifest.Contributes.Configuration.Properties["baomi.path"].Default != "baomi" {
		t.Errorf("package.json: %+v", manifest)
	}
	script := string(mustRead(t, filepath.Join(dir, manifest.Main)))
	for _, want := range []string{`config.get('path') || 'baomi'`, `args: ['lsp', ...(config.get('args') || [])]`, "pattern: '**/*.hcl'"} {
		if !strings.Contains(script, want) {
			t.Errorf("%s does not hold %s", manifest.Main, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err == nil {
		t.Error("node_modules is in the repository")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the script's syntax is not checked")
	}
	if out, err := exec.Command(node, "--check", filepath.Join(dir, manifest.Main)).CombinedOutput(); err != nil {
		t.Errorf("node --check: %v\n%s", err, out)
	}
}
