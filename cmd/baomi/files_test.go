package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestOutputDashWritesTheReportToStandardOutput(t *testing.T) {
	dir := writeInventory(t, failingInventory)
	t.Chdir(dir)
	code, stdout, stderr := runBaomi(t, "check", "-o", "-", "--format", "json", "--as-of", "2026-11-26")
	if code != 1 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Errorf("standard output is not the JSON report alone: %v\n%s", err, stdout)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error("-o - created a file named -")
	}
}

func TestOutputToADeviceLeavesTheDevice(t *testing.T) {
	dir := writeInventory(t, failingInventory)
	code, _, stderr := runBaomi(t, "check", dir, "-o", os.DevNull, "--format", "json", "--write-baseline", os.DevNull, "--as-of", "2026-11-26")
	if code != 1 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	info, err := os.Lstat(os.DevNull)
	if err != nil || info.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a character device: %v %v", os.DevNull, info, err)
	}
}

func TestOutputKeepsModeAndFollowsLinks(t *testing.T) {
	dir := writeInventory(t, failingInventory)
	out := t.TempDir()
	target := filepath.Join(out, "kept.json")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(out, "report.json")
	if err := os.Symlink("kept.json", link); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(t.TempDir(), "report.json")
	if code, _, stderr := runBaomi(t, "check", dir, "-o", report, "--format", "json", "--as-of", "2026-11-26"); code != 1 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, cmd := range [][]string{
		{"check", dir, "-o", link, "--format", "json", "--as-of", "2026-11-26"},
		{"partners", dir, "-o", link, "--format", "json", "--as-of", "2026-11-26"},
		{"check", dir, "--write-baseline", link, "--as-of", "2026-11-26"},
		{"diff", report, report, "-o", link, "--format", "json"},
	} {
		if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runBaomi(t, cmd...)
		if code > 1 {
			t.Fatalf("baomi %s: exit %d\n%s", strings.Join(cmd, " "), code, stderr)
		}
		if info, _ := os.Lstat(link); info.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("baomi %s replaced the link", strings.Join(cmd, " "))
		}
		info, _ := os.Stat(target)
		if info.Mode().Perm() != 0o600 {
			t.Errorf("baomi %s: a 0600 report became %o", strings.Join(cmd, " "), info.Mode().Perm())
		}
		if b, _ := os.ReadFile(target); string(b) == "old" {
			t.Errorf("baomi %s did not write through the link", strings.Join(cmd, " "))
		}
		if got := entries(t, out); len(got) != 2 {
			t.Errorf("baomi %s left %v", strings.Join(cmd, " "), got)
		}
	}
}

func TestNewBaselineHonoursTheUmask(t *testing.T) {
	dir := writeInventory(t, failingInventory)
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	if code, _, stderr := runBaomi(t, "check", dir, "--write-baseline", baseline, "--as-of", "2026-11-26"); code != 1 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	info, err := os.Stat(baseline)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("a new baseline under umask 077: %v %v, want mode 600", info, err)
	}
}
