package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/baomi-dev/baomi/audit"
	"github.com/baomi-dev/baomi/internal/outfile"
)

// writeOutput writes a report in format: to standard output, or to the file
// output (see outfile.Write) with the table still on standard output so that
// one run gives both, the table drawn while the file is written. An output of
// "-" is standard output.
func writeOutput(stdout io.Writer, output, format string, write func(w io.Writer, format string) error) error {
	if toStdout(output) {
		return write(stdout, format)
	}
	if format == "table" {
		return outfile.Write(output, func(w io.Writer) error { return write(w, format) })
	}
	drawn := make(chan error, 1)
	go func() { drawn <- write(stdout, "table") }()
	err := outfile.Write(output, func(w io.Writer) error { return write(w, format) })
	return errors.Join(err, <-drawn)
}

// toStdout reports whether --output names standard output: not given, or "-".
func toStdout(output string) bool {
	return output == "" || output == outfile.Stdout
}

// runFile is a file a run reads or writes: role says what it is to the run
// ("--output", "an inventory file"), path where it is.
type runFile struct {
	role string
	path string
}

// checkOutputs refuses, before anything is written, an output outfile.Write
// would refuse, an output that is one of the run's inputs, and two outputs that
// are one file. Files are compared by identity when they exist and by cleaned
// absolute path when they do not exist yet; a device or a FIFO (/dev/null) may
// take several outputs. Only --output may be "-", standard output.
func checkOutputs(outputs, inputs []runFile) error {
	var seen []runFile
	for _, o := range outputs {
		switch {
		case o.path == "":
			continue
		case o.path == outfile.Stdout && o.role == "--output":
			continue
		case o.path == outfile.Stdout:
			return usageError("baomi: %s -: standard output carries the report; name a file", o.role)
		}
		if err := outfile.Check(o.path); err != nil {
			return usageError("baomi: %s %v", o.role, err)
		}
		for _, in := range inputs {
			if sameFile(o.path, in.path) {
				return usageError("baomi: %s %s: is %s of this run; refusing to overwrite an input", o.role, o.path, in.role)
			}
		}
		for _, prev := range seen {
			if sameFile(o.path, prev.path) {
				return usageError("baomi: %s %s: is also the %s file; give each output its own file", o.role, o.path, prev.role)
			}
		}
		seen = append(seen, o)
	}
	return nil
}

// sameFile tells whether a and b are one regular file, or one path not yet
// created.
func sameFile(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	switch {
	case errA == nil && errB == nil:
		return ia.Mode().IsRegular() && os.SameFile(ia, ib)
	case errors.Is(errA, fs.ErrNotExist) && errors.Is(errB, fs.ErrNotExist):
		return pathKey(a) == pathKey(b)
	}
	return false
}

// pathKey is a path made absolute and clean, its folder's links resolved.
func pathKey(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	dir := filepath.Dir(abs)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return filepath.Join(dir, filepath.Base(abs))
}

// runInputs adds the inventory, policy and Terraform files read to a run's other
// inputs. Terraform configurations in JSON syntax count although they are not
// read: they are part of the configuration given.
func runInputs(others []runFile, l *audit.Loaded) []runFile {
	inputs := append([]runFile(nil), others...)
	for _, f := range l.Inventory.Files {
		inputs = append(inputs, runFile{"an inventory file", f})
	}
	for _, f := range l.Policies.Files {
		inputs = append(inputs, runFile{"a policy file", f})
	}
	if tf := l.Terraform; tf != nil {
		for _, f := range slices.Concat(tf.Files, tf.Unread) {
			inputs = append(inputs, runFile{"a Terraform file", f})
		}
	}
	return inputs
}
