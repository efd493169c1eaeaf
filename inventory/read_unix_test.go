//go:build unix

package inventory

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestReadFileSwappedForFIFO swaps an inventory file and a named pipe under
// one name while it is read over and over: a reader that checks the path and
// then opens it can be handed the pipe, and waits forever for a writer. Every
// read must end, with the file's bytes or with "not a regular file".
func TestReadFileSwappedForFIFO(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "data.hcl")
	file, fifo := filepath.Join(dir, "file.tmp"), filepath.Join(dir, "fifo.tmp")
	const text = "site \"a\" {}\n"
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	swapped := make(chan error, 1)
	go func() {
		defer close(swapped)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			var err error
			if i%2 == 0 {
				err = os.WriteFile(file, []byte(text), 0o644)
				if err == nil {
					err = os.Rename(file, name)
				}
			} else {
				err = syscall.Mkfifo(fifo, 0o644)
				if err == nil {
					err = os.Rename(fifo, name)
				}
			}
			if err != nil {
				swapped <- err
				return
			}
		}
	}()
	defer func() {
		close(stop)
		if err := <-swapped; err != nil {
			t.Error("swapping:", err)
		}
	}()
	done := make(chan string, 1)
	go func() {
		regular, pipe := 0, 0
		for range 20000 {
			src, _, d := readFile(name, 1000)
			switch {
			case d == nil && string(src) == text:
				regular++
			case d != nil && d.Summary == "not a regular file":
				pipe++
			case d != nil:
				done <- "unexpected error: " + d.Error()
				return
			default:
				done <- "unexpected bytes: " + string(src)
				return
			}
		}
		if regular == 0 || pipe == 0 {
			done <- fmt.Sprintf("read the file %d times and the pipe %d times: the swap was not exercised", regular, pipe)
			return
		}
		done <- ""
	}()
	select {
	case msg := <-done:
		if msg != "" {
			t.Error(msg)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("reading a file swapped for a named pipe hangs")
	}
}
