// Command baomi-gen writes a deterministic synthetic inventory for benchmarks
// and scale tests:
//
//	go run ./cmd/baomi-gen -n 100000 -files 4 -seed 1 -out DIR
//	go run ./cmd/baomi-gen -n 10000 -o inventory.hcl
//	go run ./cmd/baomi-gen -n 1000 -o -
//	go run ./cmd/baomi-gen -n 100000 -terraform 20000 -out DIR   # and DIR/infra/*.tf
//
// Shapes other than the default mix, for the benchmarks of scripts/bench.sh:
//
//	-departments 6       few departments owning every data asset
//	-one-partner         one partner receiving every data asset (one line), one agreement
//	-long-lists 20       stored_in lists of 20 systems, partners receiving 20 assets
//	-sites 4000          thousands of sites
//	-partners 6000       that many partners, one agreement each
//	-files 200           hundreds of files (with -out)
//	-shape independent   6 departments, 4% sites, 6% partners with one agreement each
//	-omit loan,incident  leave those block types out (for an older baomi)
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
	"strings"

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
	departments := flag.Int("departments", 0, "number of departments, owning every data asset between them (default 0.7% of -n)")
	sites := flag.Int("sites", 0, "number of sites, at least 3 (default 0.6% of -n)")
	partners := flag.Int("partners", 0, "number of partners, one agreement each (default 5% of -n, agreements spread unevenly)")
	onePartner := flag.Bool("one-partner", false, "one partner receiving every data asset, listed on one line (-partners 1 -long-line)")
	longLists := flag.Int("long-lists", 0, "store every data asset in N systems and make every partner receive N data assets")
	shape := flag.String("shape", "default", "preset: default, or independent (6 departments, 4% sites, 6% partners with one agreement each)")
	omit := flag.String("omit", "", "comma-separated block types to leave out: "+strings.Join(generate.Omittable, ", "))
	flag.Parse()
	opts := generate.Options{Resources: *n, Files: *files, Seed: *seed, LongLine: *longLine, Terraform: *tf,
		Departments: *departments, Sites: *sites, Partners: *partners, LongLists: *longLists}
	if *omit != "" {
		opts.Omit = strings.Split(*omit, ",")
	}
	err := shapeOptions(&opts, *shape, *onePartner)
	if err == nil {
		err = run(*dir, *file, opts)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "baomi-gen:", err)
		os.Exit(2)
	}
}

// shapeOptions applies the -shape preset and -one-partner to opts.
func shapeOptions(opts *generate.Options, shape string, onePartner bool) error {
	switch shape {
	case "default":
	case "independent":
		*opts = generate.Independent(*opts)
	default:
		return fmt.Errorf("-shape %s: want default or independent", shape)
	}
	if onePartner {
		if opts.Partners > 1 {
			return fmt.Errorf("-one-partner with %d partners: give one or the other", opts.Partners)
		}
		opts.Partners, opts.LongLine = 1, true
	}
	return nil
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
