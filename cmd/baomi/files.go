package main

import (
	"io"

	"github.com/baomi-dev/baomi/internal/outfile"
)

// writeOutput writes a report in format: to standard output, or to the file
// output (see outfile.Write) with the table still on standard output so that
// one run gives both. An output of "-" is standard output.
func writeOutput(stdout io.Writer, output, format string, write func(w io.Writer, format string) error) error {
	if output == "" || output == outfile.Stdout {
		return write(stdout, format)
	}
	if err := outfile.Write(output, func(w io.Writer) error { return write(w, format) }); err != nil {
		return err
	}
	if format == "table" {
		return nil
	}
	return write(stdout, "table")
}
