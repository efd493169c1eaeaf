//go:build unix

package regularfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/baomi-dev/baomi/internal/regularfile"
)

// readSoon reads name and fails the test if Read does not return within 5 seconds.
func readSoon(t *testing.T, name string, max int64) ([]byte, error) {
	t.Helper()
	type result struct {
		src []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		src, _, err := regularfile.Read(name, max)
		done <- result{src, err}
	}()
	select {
	case r := <-done:
		return r.src, r.err
	case <-time.After(5 * time.Second):
		t.Fatalf("reading %s hangs", name)
		return nil, nil
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "x.rego")
	if err := os.WriteFile(file, []byte("package x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := readSoon(t, file, 100)
	if err != nil || string(src) != "package x\n" {
		t.Errorf("a regular file: %q, %v", src, err)
	}
	var tooLarge *regularfile.TooLargeError
	if _, err := readSoon(t, file, 5); !errors.As(err, &tooLarge) || tooLarge.Limit != 5 || tooLarge.Size != 10 {
		t.Errorf("a file over the limit: %v, want a TooLargeError with limit 5 and size 10", err)
	}
	if _, err := readSoon(t, file, 10); err != nil {
		t.Errorf("a file exactly at the limit: %v", err)
	}

	fifo := filepath.Join(dir, "fifo.rego")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readSoon(t, fifo, 100); !errors.Is(err, regularfile.ErrNotRegular) {
		t.Errorf("a FIFO with no writer: %v, want ErrNotRegular", err)
	}

	zero := filepath.Join(dir, "zero.rego")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	if _, err := readSoon(t, zero, 100); !errors.Is(err, regularfile.ErrNotRegular) {
		t.Errorf("a link to /dev/zero: %v, want ErrNotRegular", err)
	}

	if _, err := readSoon(t, dir, 100); !errors.Is(err, regularfile.ErrNotRegular) {
		t.Errorf("a folder: %v, want ErrNotRegular", err)
	}
	if _, err := readSoon(t, filepath.Join(dir, "missing.rego"), 100); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v, want ErrNotExist", err)
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	f, info, err := regularfile.Open(dir)
	if f != nil || !errors.Is(err, regularfile.ErrNotRegular) || info == nil || !info.IsDir() {
		t.Errorf("a folder: %v, %v, %v; want no file, ErrNotRegular and the folder's information", f, info, err)
	}
	fifo := filepath.Join(dir, "report.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, _, err := regularfile.Open(fifo)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, regularfile.ErrNotRegular) {
			t.Errorf("a FIFO: %v, want ErrNotRegular", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("opening a FIFO hangs")
	}
	file := filepath.Join(dir, "x.json")
	if err := os.WriteFile(file, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, info, err = regularfile.Open(file)
	if err != nil || info.Size() != 2 {
		t.Fatalf("a regular file: %v %v", info, err)
	}
	f.Close()
}

// TestReadAllocatesTheFileOnce checks that a large file is read into one buffer
// of its size, not into one that doubles as it fills (about twice the bytes).
func TestReadAllocatesTheFileOnce(t *testing.T) {
	const size = 8 << 20
	name := filepath.Join(t.TempDir(), "big.hcl")
	if err := os.WriteFile(name, make([]byte, size), 0o644); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	src, _, err := regularfile.Read(name, 1<<30)
	runtime.ReadMemStats(&after)
	if err != nil || len(src) != size {
		t.Fatalf("read %d bytes, %v", len(src), err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > size*5/4 {
		t.Errorf("reading %d bytes allocated %d", size, got)
	}
}
