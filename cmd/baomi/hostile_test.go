package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/baomi-dev/baomi/internal/generate"
)

// hostileDir holds one folder per attack on the command line (its README says how).
const hostileDir = "../../fixtures/hostile"

// hostileSetups prepare what a case folder cannot hold (special files, links,
// modes), in the temporary copy of the case, before baomi runs.
var hostileSetups = map[string]func(t *testing.T, dir string){
	// A baseline that is a named pipe: refused, never waited on.
	"baseline-is-a-fifo": func(t *testing.T, dir string) {
		if err := syscall.Mkfifo(filepath.Join(dir, "baseline.json"), 0o644); err != nil {
			t.Skip("cannot make a named pipe here:", err)
		}
	},
	"config-is-a-fifo": func(t *testing.T, dir string) {
		if err := syscall.Mkfifo(filepath.Join(dir, "baomi.yaml"), 0o644); err != nil {
			t.Skip("no FIFOs here:", err)
		}
	},
	"config-links-to-dev-zero": func(t *testing.T, dir string) {
		if err := os.Symlink("/dev/zero", filepath.Join(dir, "baomi.yaml")); err != nil {
			t.Skip("cannot make a symbolic link here:", err)
		}
	},
	// A config file one byte over the limit, all comments: refused, not read.
	"config-too-large": func(t *testing.T, dir string) {
		line := "# a comment line of thirty-two\n"
		text := strings.Repeat(line, maxConfigBytes/len(line)+1)[:maxConfigBytes+1]
		if err := os.WriteFile(filepath.Join(dir, "baomi.yaml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	},
	// A report to compare that is a named pipe: refused, never waited on.
	"diff-report-is-a-fifo": func(t *testing.T, dir string) {
		if err := syscall.Mkfifo(filepath.Join(dir, "new.json"), 0o644); err != nil {
			t.Skip("cannot make a named pipe here:", err)
		}
	},
	"output-is-an-inventory-file-by-link": func(t *testing.T, dir string) {
		if err := os.Symlink("inventory.hcl", filepath.Join(dir, "report.json")); err != nil {
			t.Fatal(err)
		}
	},
	// A plan that never ends: a named pipe must be refused, not read.
	"terraform-plan-is-a-fifo": func(t *testing.T, dir string) {
		if err := syscall.Mkfifo(filepath.Join(dir, "plan.json"), 0o600); err != nil {
			t.Skip("cannot make a named pipe here:", err)
		}
	},
	// An inventory far too large to read within --timeout 1ms: the decoder, not
	// only the evaluation, stops at the deadline.
	"timeout-while-decoding": func(t *testing.T, dir string) {
		if err := generate.Write(filepath.Join(dir, "inventory"), generate.Options{Resources: 20000, Files: 4, Seed: 1}); err != nil {
			t.Fatal(err)
		}
	},
	// A named pipe called x.rego in a policy folder: refused, never waited on.
	"policy-folder-fifo": func(t *testing.T, dir string) {
		if err := os.Mkdir(filepath.Join(dir, "policies"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(filepath.Join(dir, "policies", "x.rego"), 0o644); err != nil {
			t.Skip("cannot make a named pipe here:", err)
		}
	},
	// A policy file that is a link to /dev/zero: refused, never read to the end.
	"policy-rego-links-to-dev-zero": func(t *testing.T, dir string) {
		if err := os.Mkdir(filepath.Join(dir, "policies"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("/dev/zero", filepath.Join(dir, "policies", "zero.rego")); err != nil {
			t.Skip("cannot make a symbolic link here:", err)
		}
	},
	// The case's env sets TZ, but Go reads TZ once, at start: the process's
	// local zone is set here too, so that "Local" in a policy would see it.
	"tz-local-clock": func(t *testing.T, _ string) {
		loc, err := time.LoadLocation("Asia/Shanghai")
		if err != nil {
			t.Skip("no time zone database here:", err)
		}
		saved := time.Local
		time.Local = loc
		t.Cleanup(func() { time.Local = saved })
	},
	// A Terraform folder holding a link back to itself must not be walked forever.
	"terraform-symlink-loop": func(t *testing.T, dir string) {
		if err := os.Symlink("..", filepath.Join(dir, "infra", "loop")); err != nil {
			t.Skip("cannot make a symbolic link here:", err)
		}
	},
}

// TestHostile runs every case of fixtures/hostile and compares the exit status
// and standard error with its expected.txt.
func TestHostile(t *testing.T) {
	cases, err := os.ReadDir(hostileDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) { runHostileCase(t, filepath.Join(hostileDir, c.Name())) })
	}
}

func runHostileCase(t *testing.T, src string) {
	abs, err := filepath.Abs(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	copyCase(t, abs, dir)
	if setup := hostileSetups[filepath.Base(src)]; setup != nil {
		setup(t, dir)
	}
	args := readLines(t, filepath.Join(abs, "args"))
	for _, kv := range readLines(t, filepath.Join(abs, "env")) {
		name, val, _ := strings.Cut(kv, "=")
		t.Setenv(name, val)
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	got := fmt.Sprintf("exit %d\n%s", code, strings.ReplaceAll(stderr.String(), dir, "$TMP"))
	want := filepath.Join(abs, "expected.txt")
	if *update {
		if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/baomi -run TestHostile -update to create it)", err)
	}
	if got != string(b) {
		t.Errorf("baomi %s:\n got: %s\nwant: %s", strings.Join(args, " "), got, b)
	}
}

// copyCase copies the input files of a case folder (all but args, env and
// expected.txt) into dir.
func copyCase(t *testing.T, src, dir string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		switch {
		case rel == ".":
			return nil
		case d.IsDir():
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		case rel == "args" || rel == "env" || rel == "expected.txt":
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// readLines reads a file's lines; a missing file has none.
func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}
