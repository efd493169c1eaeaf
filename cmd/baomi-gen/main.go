// Command baomi-gen writes a deterministic synthetic inventory for benchmarks
// and scale tests:
//
//	go run ./cmd/baomi-gen -n 100000 -files 4 -seed 1 -out DIR
//	go run ./cmd/baomi-gen -n 10000 -o inventory.hcl
//	go run ./cmd/baomi-gen -n 1000 -o -
//	go run ./cmd/baomi-gen -n 100000 -terraform 20000 -out DIR   # and DIR/infra/*.tf
//
// The same flags always write the same bytes. Its dates are relative to
// 2026-11-26: check it with baomi check --as-of 2026-11-26.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/baomi-dev/baomi/internal/generate"
)

func main() {
	n := flag.Int("n", 10000, "number of top-level resources")
	files := flag.Int("files", 1, "number of .hcl files to spread them over (with -out)")
	seed := flag.Int64("seed", 1, "random seed: the same seed writes the same bytes")
	dir := flag.String("out", "", "folder to write the files into")
	file := flag.String("o", "", "single file to write, or - for standard output")
	longLine := flag.Bool("long-line", false, "make the first partner receive every data asset, listed on one line")
	tf := flag.Int("terraform", 0, "number of Terraform resources to write into DIR/infra, linked to the inventory (with -out)")
	flag.Parse()
	if err := run(*dir, *file, generate.Options{Resources: *n, Files: *files, Seed: *seed, LongLine: *longLine, Terraform: *tf}); err != nil {
		fmt.Fprintln(os.Stderr, "baomi-gen:", err)
		os.Exit(2)
	}
}

func run(dir, file string, opts generate.Options) error {
	switch {
	case flag.NArg() > 0:
		return fmt.Errorf("unexpected argument %q", flag.Arg(0))
	case (dir == "") == (file == ""):
		return errors.New("give exactly one of -out DIR and -o FILE")
	case dir != "":
		return generate.Write(dir, opts)
	case opts.Files != 1:
		return errors.New("-files needs -out DIR; -o writes one file")
	case opts.Terraform != 0:
		return errors.New("-terraform needs -out DIR: the Terraform files go into DIR/infra")
	case file == "-":
		w := bufio.NewWriter(os.Stdout)
		return errors.Join(generate.WriteTo(w, opts), w.Flush())
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	return errors.Join(generate.WriteTo(f, opts), f.Close())
}
