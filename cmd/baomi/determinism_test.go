package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/report"
)

// copyAcme copies fixtures/acme into a new temporary folder, creating its files
// in the given order, and returns the folder.
func copyAcme(t *testing.T, reverse bool, extraDirs ...string) string {
	t.Helper()
	files, err := filepath.Glob("../../fixtures/acme/*.hcl")
	if err != nil || len(files) < 2 {
		t.Fatalf("fixtures/acme: %v %v", files, err)
	}
	sort.Strings(files)
	if reverse {
		sort.Sort(sort.Reverse(sort.StringSlice(files)))
	}
	dir := t.TempDir()
	for _, d := range extraDirs {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestOutputIsDeterministic: the same inventory gives byte-identical output in
// every format and language, whatever the order in which its files were created
// on disk, an extra empty folder, or GOMAXPROCS.
func TestOutputIsDeterministic(t *testing.T) {
	inOrder := copyAcme(t, false)
	reversed := copyAcme(t, true, "aa-empty", "zz-empty/deeper")
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runIn := func(t *testing.T, dir string, procs int, args ...string) (int, string, string) {
		t.Chdir(dir) // paths in reports are relative: check "." from inside each copy
		runtime.GOMAXPROCS(procs)
		return runBaomi(t, append([]string{"check", "."}, args...)...)
	}
	formats := report.Formats()
	if len(formats) < 5 {
		t.Fatalf("report.Formats() = %v, want at least table, json, sarif, junit and markdown", formats)
	}
	for _, format := range formats {
		for _, lang := range []string{"en", "zh"} {
			t.Run(format+"-"+lang, func(t *testing.T) {
				args := []string{"--format", format, "--lang", lang, "--as-of", "2026-11-26", "--show", "all"}
				code, want, errOut := runIn(t, inOrder, 1, args...)
				if code != 1 || want == "" {
					t.Fatalf("exit %d, %d bytes of output; stderr:\n%s", code, len(want), errOut)
				}
				for _, run := range []struct {
					name  string
					dir   string
					procs int
				}{
					{"files created in reverse order, empty folders, GOMAXPROCS=2", reversed, 2},
					{"files created in reverse order, empty folders, GOMAXPROCS=1", reversed, 1},
					{"same folder, GOMAXPROCS=2", inOrder, 2},
				} {
					code, got, errOut := runIn(t, run.dir, run.procs, args...)
					if code != 1 {
						t.Errorf("%s: exit %d; stderr:\n%s", run.name, code, errOut)
					}
					if got != want {
						t.Errorf("%s: output differs from the first run (first difference at byte %d)", run.name, firstDifference(got, want))
					}
				}
			})
		}
	}
}

func firstDifference(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestOutputFileCompleteOrAbsent: a report file written with --output is whole
// or not there; a run that fails leaves no partial file and no temporary file, and
// leaves an earlier report untouched.
func TestOutputFileCompleteOrAbsent(t *testing.T) {
	good := writeInventory(t, failingInventory)
	broken := writeInventory(t, "system \"db\" {\n  kind = \"serverr\"\n}\n")
	old := []byte("the report of an earlier run\n")

	t.Run("folder that does not exist", func(t *testing.T) {
		parent := t.TempDir()
		out := filepath.Join(parent, "missing", "report.json")
		code, _, errOut := runBaomi(t, "check", good, "--format", "json", "--output", out)
		want := "baomi: --output " + out + ": the folder " + filepath.Dir(out) + " does not exist\n"
		if code != 2 || errOut != want {
			t.Errorf("exit %d, want 2 with %q; stderr:\n%s", code, want, errOut)
		}
		noStackTrace(t, errOut)
		assertEntries(t, parent)
	})

	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"inventory error", []string{"check", broken, "--format", "json"}, 2},
		{"policy error", []string{"check", good, "--format", "json", "--policy", "no/such/policies"}, 2},
		{"usage error", []string{"check", good, "--format", "json", "--as-of", "tomorrow"}, 2},
		{"settings error", []string{"check", good, "--format", "json"}, 2},
	} {
		t.Run("earlier report kept: "+tc.name, func(t *testing.T) {
			if tc.name == "settings error" {
				t.Setenv("BAOMI_SETTINGS_BACKUP_MIN_FREQUENCY", "hourly")
			}
			parent := t.TempDir()
			out := filepath.Join(parent, "report.json")
			if err := os.WriteFile(out, old, 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, errOut := runBaomi(t, append(tc.args, "--output", out)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, errOut)
			}
			noStackTrace(t, errOut)
			if got, err := os.ReadFile(out); err != nil || !bytes.Equal(got, old) {
				t.Errorf("the earlier report was changed: %q, %v", got, err)
			}
			assertEntries(t, parent, "report.json")
		})
	}

	t.Run("a folder in the way is refused", func(t *testing.T) {
		parent := t.TempDir()
		out := filepath.Join(parent, "report.json")
		if err := os.MkdirAll(filepath.Join(out, "inside"), 0o755); err != nil {
			t.Fatal(err)
		}
		code, _, errOut := runBaomi(t, "check", good, "--format", "json", "--output", out)
		if want := "baomi: --output " + out + ": is a folder, not a file\n"; code != 2 || errOut != want {
			t.Errorf("exit %d, want 2 with %q; stderr:\n%s", code, want, errOut)
		}
		noStackTrace(t, errOut)
		if info, err := os.Stat(out); err != nil || !info.IsDir() {
			t.Errorf("the folder in the way was replaced: %v %v", info, err)
		}
		assertEntries(t, parent, "report.json")
	})

	t.Run("a successful run replaces the earlier report whole", func(t *testing.T) {
		parent := t.TempDir()
		out := filepath.Join(parent, "report.json")
		if err := os.WriteFile(out, bytes.Repeat(old, 10000), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, errOut := runBaomi(t, "check", good, "--format", "json", "--output", out, "--as-of", "2026-11-26")
		if code != 1 {
			t.Fatalf("exit %d; stderr:\n%s", code, errOut)
		}
		_, want, _ := runBaomi(t, "check", good, "--format", "json", "--as-of", "2026-11-26")
		if got, err := os.ReadFile(out); err != nil || string(got) != want {
			t.Errorf("the report file is not exactly the report (%d bytes, want %d): %v", len(got), len(want), err)
		}
		assertEntries(t, parent, "report.json")
	})
}

// assertEntries checks that dir holds exactly the named entries: no partial
// report and no temporary file left behind.
func assertEntries(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%s holds %v, want %v", dir, got, want)
	}
}
