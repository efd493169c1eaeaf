//go:build unix

package evaluator_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/policies"
)

// loadSoon loads the policies in dirs and fails the test if loading does not
// return within 10 seconds.
func loadSoon(t *testing.T, dirs ...string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := evaluator.Load(context.Background(), policies.FS, dirs, nil)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("loading the policies hangs")
		return nil
	}
}

// TestSpecialPolicyFilesRefused: a FIFO, a link to /dev/zero or to a folder named
// *.rego, and a file over the size limit are refused with an error naming the
// file, without hanging or reading without end.
func TestSpecialPolicyFilesRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(t *testing.T, file string)
		want string
	}{
		{"fifo", func(t *testing.T, file string) {
			if err := syscall.Mkfifo(file, 0o644); err != nil {
				t.Fatal(err)
			}
		}, "not a regular file"},
		{"dev-zero", func(t *testing.T, file string) {
			if err := os.Symlink("/dev/zero", file); err != nil {
				t.Fatal(err)
			}
		}, "not a regular file"},
		{"folder", func(t *testing.T, file string) {
			if err := os.Symlink(t.TempDir(), file); err != nil {
				t.Fatal(err)
			}
		}, "not a regular file"},
		{"too-large", func(t *testing.T, file string) {
			src := "package user.big\n\n# " + strings.Repeat("x", evaluator.MaxPolicyFileBytes) + "\n"
			if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "larger than the limit of 4194304 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writePolicy(t, `deny contains {"resource": "system.crm", "message": "m"}`)
			file := filepath.Join(dir, "special.rego")
			tc.make(t, file)
			err := loadSoon(t, dir)
			want := filepath.ToSlash(file) + ": " + tc.want
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("want an error saying %q, got %v", want, err)
			}
		})
	}
}

// TestPolicyFolderReadOnce: the same folder given twice, under different
// spellings, through a symlink, or nested in another folder given, is read
// once rather than reported as a conflict with itself.
func TestPolicyFolderReadOnce(t *testing.T) {
	dir := writePolicy(t, `deny contains {"resource": "system.crm", "message": "m"}`)
	// The link lives outside the test's temporary folder, which is given
	// below as a policy folder: a symlinked folder inside one is refused.
	elsewhere, err := os.MkdirTemp("", "link")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(elsewhere) })
	link := filepath.Join(elsewhere, "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	parent := filepath.Dir(dir)
	t.Chdir(parent)
	base := filepath.Base(dir)
	for _, dirs := range [][]string{
		{dir, dir},
		{"./" + base, base + "/"},
		{dir, link},
		{parent, dir},
	} {
		if err := loadSoon(t, dirs...); err != nil {
			t.Errorf("--policy %s: %v", strings.Join(dirs, " --policy "), err)
		}
	}
	// A copy is a different file: its control conflicts with the original.
	other := t.TempDir()
	src, err := os.ReadFile(filepath.Join(dir, "x.rego"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "x.rego"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := loadSoon(t, dir, other); err == nil || !strings.Contains(err.Error(), "control id X-1.1-01 is already defined") {
		t.Errorf("a copy of a control in another folder: %v, want a conflict", err)
	}
}

// TestSymlinkedPolicyFolderRefused: a symlink to a folder inside a policy
// folder is an error naming it, rather than skipped with its policies unread;
// given as a policy folder of its own, the folder loads.
func TestSymlinkedPolicyFolderRefused(t *testing.T) {
	target := writePolicy(t, `deny contains {"resource": "system.crm", "message": "m"}`)
	dir := t.TempDir()
	link := filepath.Join(dir, "more")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "lib.rego"), []byte("package acme.lib\n\nx := 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := loadSoon(t, dir)
	want := filepath.ToSlash(link) + ": a symlink to a folder is not followed"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("want an error saying %q, got %v", want, err)
	}
	if err := loadSoon(t, link); err != nil {
		t.Errorf("the symlink given as a policy folder: %v", err)
	}
}
