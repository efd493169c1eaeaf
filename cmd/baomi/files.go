package main

import (
	"io"
	"os"
	"path/filepath"
)

// writeFileAtomic writes a file through write: into a temporary file beside it,
// then renamed over it, so a failure half-way leaves no partial file.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// writeOutput writes a report in format: to standard output, or to the file
// output (atomically) with the table still on standard output so that one run
// gives both.
func writeOutput(stdout io.Writer, output, format string, write func(w io.Writer, format string) error) error {
	if output == "" {
		return write(stdout, format)
	}
	if err := writeFileAtomic(output, func(w io.Writer) error { return write(w, format) }); err != nil {
		return err
	}
	if format == "table" {
		return nil
	}
	return write(stdout, "table")
}
