package lsp

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
	// It starts the server for inventories, not for every folder of HCL.
	m := regexp.MustCompile(`const inventoryBlock = /(.*)/m;`).FindStringSubmatch(script)
	if m == nil {
		t.Fatalf("%s has no inventoryBlock", manifest.Main)
	}
	inventoryBlock := regexp.MustCompile("(?m)" + m[1])
	for _, dir := range []string{"../fixtures/acme", "../fixtures/chapter2/department-heads", "testdata/ws"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.hcl"))
		found := false
		for _, f := range files {
			found = found || inventoryBlock.Match(mustRead(t, f))
		}
		if !found {
			t.Errorf("the extension does not see the inventory in %s", dir)
		}
	}
	for _, other := range []string{"resource \"aws_s3_bucket\" \"data_asset\" {}\n", "job \"organization\" {\n  datacenters = [\"dc1\"]\n}\n"} {
		if inventoryBlock.MatchString(other) {
			t.Errorf("the extension takes %q for an inventory", other)
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
