package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/baomi-dev/baomi/inventory"
)

// unformatted is an inventory file out of the canonical layout, with comments.
const unformatted = `# the legal department
department "legal" {
  name="Legal"   # who signs
    staff = 3
  // undertakings
  undertakings_signed=3
}
`

func TestFmtCheckDiffAndWrite(t *testing.T) {
	dir := writeInventory(t, unformatted)
	file := filepath.Join(dir, "inventory.hcl")

	code, out, errOut := runBaomi(t, "fmt", "--check", dir)
	if code != exitFindings || strings.TrimSpace(out) != file {
		t.Fatalf("fmt --check: exit %d, stdout %q, stderr %q; want 1 listing %s", code, out, errOut, file)
	}
	code, out, _ = runBaomi(t, "fmt", "--check", "--diff", dir)
	if code != exitFindings || !strings.Contains(out, "--- "+file+"\n+++ "+file+"\n@@ -1,7 +1,7 @@\n") ||
		!strings.Contains(out, "\n-  name=\"Legal\"   # who signs\n") || !strings.Contains(out, "\n+  name  = \"Legal\" # who signs\n") {
		t.Fatalf("fmt --check --diff: exit %d, stdout:\n%s", code, out)
	}
	if got, _ := os.ReadFile(file); string(got) != unformatted {
		t.Fatalf("--check wrote the file:\n%s", got)
	}

	code, out, errOut = runBaomi(t, "fmt", dir)
	if code != exitOK || strings.TrimSpace(out) != file {
		t.Fatalf("fmt: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	want := `# the legal department
department "legal" {
  name  = "Legal" # who signs
  staff = 3
  // undertakings
  undertakings_signed = 3
}
`
	if got, _ := os.ReadFile(file); string(got) != want {
		t.Fatalf("formatted file:\n%s\nwant:\n%s", got, want)
	}
	if code, out, _ := runBaomi(t, "fmt", "--check", dir); code != exitOK || out != "" {
		t.Fatalf("fmt --check after fmt: exit %d, stdout %q; want 0 and nothing", code, out)
	}
}

func TestFmtByteOrderMark(t *testing.T) {
	dir := writeInventory(t, "\ufeff"+testOrganization)
	file := filepath.Join(dir, "inventory.hcl")
	if code, out, _ := runBaomi(t, "fmt", "--check", dir); code != exitFindings || strings.TrimSpace(out) != file {
		t.Fatalf("fmt --check of a file with a byte order mark: exit %d, stdout %q; want 1", code, out)
	}
	if code, _, errOut := runBaomi(t, "fmt", dir); code != exitOK {
		t.Fatalf("fmt: exit %d: %s", code, errOut)
	}
	if got, _ := os.ReadFile(file); string(got) != testOrganization {
		t.Fatalf("formatted file:\n%q", got)
	}
}

func TestFmtSyntaxErrorWritesNothing(t *testing.T) {
	dir := writeInventory(t, unformatted)
	bad := filepath.Join(dir, "bad.hcl")
	if err := os.WriteFile(bad, []byte("department \"x\" {\n  name = \n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runBaomi(t, "fmt", dir)
	if code != exitError || out != "" || !strings.Contains(errOut, bad+":2:10: error: Invalid expression") ||
		!strings.Contains(errOut, "baomi: 1 error; no file was formatted") {
		t.Fatalf("fmt of a folder with a syntax error: exit %d, stdout %q, stderr:\n%s", code, out, errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "inventory.hcl")); string(got) != unformatted {
		t.Fatalf("a file was formatted despite the syntax error:\n%s", got)
	}
	if code, _, errOut := runBaomi(t, "fmt", filepath.Join(dir, "missing.hcl")); code != exitError || !strings.Contains(errOut, "missing.hcl") {
		t.Fatalf("fmt of a missing file: exit %d, stderr %q", code, errOut)
	}
}

// TestFmtJunkAndBinaryFiles checks that fmt reports a file of junk as check
// does, its first problems and a line for the rest, a binary file as one
// error and a file nested too deep with its line, formatting nothing.
func TestFmtJunkAndBinaryFiles(t *testing.T) {
	for _, c := range []struct {
		name, text, want string
		shown            int
	}{
		{"junk", strings.Repeat("@\n", 500), "baomi: 501 errors; no file was formatted", 101},
		{"binary", "site \"a\" {}\n" + strings.Repeat("\x00", 200), "baomi: 1 error; no file was formatted", 1},
		{"nested", "site \"a\" {\n  name = " + strings.Repeat("[", 150) + strings.Repeat("]", 150) + "\n}\n", "baomi: 1 error; no file was formatted", 1},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "x.hcl"), []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := runBaomi(t, "fmt", dir)
		if code != exitError || out != "" || !strings.HasSuffix(errOut, c.want+"\n") || strings.Count(errOut, ": error: ") != c.shown {
			t.Errorf("fmt of a %s file: exit %d, stdout %q, %d errors shown, stderr ends %q", c.name, code, out, strings.Count(errOut, ": error: "), errOut[max(0, len(errOut)-200):])
		}
		if c.name == "nested" && !strings.Contains(errOut, "    2 |   name = [[[") {
			t.Errorf("fmt of a file nested too deep shows no source line:\n%s", errOut)
		}
	}
}

// TestFmtFixturesIdempotent formats a copy of every fixture file that parses
// twice: the first pass leaves each file canonical, the second changes nothing.
func TestFmtFixturesIdempotent(t *testing.T) {
	tmp := t.TempDir()
	n := 0
	err := filepath.WalkDir("../../fixtures", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || filepath.Ext(p) != ".hcl" {
			return err
		}
		src, _, diag := inventory.ReadSource(p, inventory.Options{})
		if diag != nil {
			return nil
		}
		if _, diags := hclsyntax.ParseConfig(src, p, hcl.InitialPos); diags.HasErrors() {
			return nil
		}
		rel, _ := filepath.Rel("../../fixtures", p)
		dst := filepath.Join(tmp, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		n++
		return os.WriteFile(dst, src, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 200 {
		t.Fatalf("only %d fixture files parse; the walk is broken", n)
	}
	if code, _, errOut := runBaomi(t, "fmt", tmp); code != exitOK {
		t.Fatalf("first pass: exit %d: %s", code, errOut)
	}
	first := map[string][]byte{}
	_ = filepath.WalkDir(tmp, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			first[p], _ = os.ReadFile(p)
			if !bytes.Equal(hclwrite.Format(first[p]), first[p]) {
				t.Errorf("%s: not canonical after the first pass", p)
			}
		}
		return err
	})
	if code, out, errOut := runBaomi(t, "fmt", tmp); code != exitOK || out != "" {
		t.Fatalf("second pass: exit %d, stdout %q, stderr %q; want no file changed", code, out, errOut)
	}
	for p, b := range first {
		if got, _ := os.ReadFile(p); !bytes.Equal(got, b) {
			t.Errorf("%s: changed by the second pass", p)
		}
	}
	if len(first) != n {
		t.Errorf("%d files after formatting, %d copied: fmt left temporary files or lost files", len(first), n)
	}
}

func TestUnifiedDiff(t *testing.T) {
	a := []byte("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n")
	b := []byte("a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nM")
	want := "--- f\n+++ f\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -10,4 +10,4 @@\n j\n k\n l\n-m\n+M\n\\ No newline at end of file\n"
	if got := unifiedDiff("f", a, b); got != want {
		t.Errorf("unifiedDiff:\n%s\nwant:\n%s", got, want)
	}
	if got := unifiedDiff("f", a, a); got != "" {
		t.Errorf("unifiedDiff of equal texts: %q", got)
	}
	if got, want := unifiedDiff("f", []byte("x\n"), []byte("y\nx\n")), "--- f\n+++ f\n@@ -1 +1,2 @@\n+y\n x\n"; got != want {
		t.Errorf("insertion at the start:\n%s\nwant:\n%s", got, want)
	}
}

func TestPreCommitFmtHook(t *testing.T) {
	var hooks []struct {
		ID    string `yaml:"id"`
		Entry string `yaml:"entry"`
	}
	readYAML(t, "../../.pre-commit-hooks.yaml", &hooks)
	root := newRootCmd(nil, nil)
	found := false
	for _, h := range hooks {
		fields := strings.Fields(h.Entry)
		if len(fields) != 2 || fields[0] != "baomi" {
			t.Errorf("hook %s: entry %q; want baomi and a subcommand", h.ID, h.Entry)
			continue
		}
		if c, _, err := root.Find(fields[1:]); err != nil || c == root {
			t.Errorf("hook %s: %q is not a baomi command", h.ID, fields[1])
		}
		found = found || h.ID == "baomi-fmt" && fields[1] == "fmt"
	}
	if !found {
		t.Error(".pre-commit-hooks.yaml has no baomi-fmt hook running baomi fmt")
	}
}

// TestFmtFlagsCommandLineOnly checks that a config file cannot turn fmt into
// fmt --check (or --diff) for every run: the keys are unknown there.
func TestFmtFlagsCommandLineOnly(t *testing.T) {
	dir := writeInventory(t, unformatted)
	cfg := filepath.Join(dir, "baomi.yaml")
	if err := os.WriteFile(cfg, []byte("check: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runBaomi(t, "fmt", "--config", cfg, dir)
	if code != exitError || !strings.Contains(errOut, `baomi.yaml:1:1: unknown key "check"`) {
		t.Fatalf("config check: true: exit %d, stderr %q; want an unknown key", code, errOut)
	}
}
