// Package regularfile reads files that must be regular files of bounded size:
// it never blocks on a pipe and never reads a device.
package regularfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is the error for a path that names a folder, device, pipe or
// socket where a regular file is required.
var ErrNotRegular = errors.New("not a regular file (a folder, device, pipe or socket)")

// TooLargeError is the error for a file larger than the limit.
type TooLargeError struct {
	// Limit is the largest size allowed, in bytes.
	Limit int64
	// Size is the file's size in bytes when known before reading, else 0.
	Size int64
}

// Error returns "larger than the limit of N bytes".
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("larger than the limit of %d bytes", e.Limit)
}

// Open opens the file name for reading, without blocking (a pipe with no
// writer would otherwise hang), and checks on the open handle that it is a
// regular file, so that a file swapped for a pipe or a device after a directory
// listing is refused too. For anything else it returns ErrNotRegular with the
// information of what it found (a folder, say), and no file.
func Open(name string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, info, ErrNotRegular
	}
	return f, info, nil
}

// Read reads the file name, at most max bytes of it, opened with Open. It
// returns the file's contents and its information, which os.SameFile can
// compare.
func Read(name string, max int64) ([]byte, fs.FileInfo, error) {
	f, info, err := Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if info.Size() > max {
		return nil, nil, &TooLargeError{Limit: max, Size: info.Size()}
	}
	// Sized from the file's size, so that a large file is read into one buffer
	// rather than into one that doubles, and is copied, as it fills.
	buf := bytes.NewBuffer(make([]byte, 0, min(info.Size(), max)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return nil, nil, err
	}
	src := buf.Bytes()
	if int64(len(src)) > max {
		return nil, nil, &TooLargeError{Limit: max}
	}
	return src, info, nil
}
