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
	"io"
	"os"
	"strings"

	"github.com/baomi-dev/baomi/internal/generate"
)

func main() {
	fs, values := newFlags(os.Stderr)
	if err := fs.Parse(os.Args[1:]); err != nil {
		// The flag package has printed the error and the usage.
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		os.Exit(2)
	}
	c, err := values()
	if err == nil {
		err = run(c)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "baomi-gen:", err)
		os.Exit(2)
	}
}

// command is a parsed command line: what to write and where.
type command struct {
	opts      generate.Options
	dir, file string
	args      []string
}

// newFlags is baomi-gen's flag set, printing usage and flag errors to usage,
// and the function that reads its parsed values into a command.
func newFlags(usage io.Writer) (*flag.FlagSet, func() (command, error)) {
	fs := flag.NewFlagSet("baomi-gen", flag.ContinueOnError)
	fs.SetOutput(usage)
	n := fs.Int("n", 10000, "number of top-level resources")
	files := fs.Int("files", 1, "number of .hcl files to spread them over (with -out)")
	seed := fs.Int64("seed", 1, "random seed: the same seed writes the same bytes")
	dir := fs.String("out", "", "folder to write the files into")
	file := fs.String("o", "", "single file to write, or - for standard output")
	longLine := fs.Bool("long-line", false, "make the first partner receive every data asset, listed on one line")
	tf := fs.Int("terraform", 0, "number of Terraform resources to write into DIR/infra, linked to the inventory (with -out)")
	departments := fs.Int("departments", 0, "number of departments, owning every data asset between them (default 0.7% of -n)")
	sites := fs.Int("sites", 0, "number of sites, at least 3 (default 0.6% of -n)")
	partners := fs.Int("partners", 0, "number of partners, one agreement each (default 5% of -n, agreements spread unevenly)")
	onePartner := fs.Bool("one-partner", false, "one partner receiving every data asset, listed on one line (-partners 1 -long-line)")
	longLists := fs.Int("long-lists", 0, "store every data asset in N systems and make every partner receive N data assets")
	shape := fs.String("shape", "default", "preset: default, or independent (6 departments, 4% sites, 6% partners with one agreement each)")
	omit := fs.String("omit", "", "comma-separated block types to leave out: "+strings.Join(generate.Omittable, ", "))
	return fs, func() (command, error) {
		c := command{dir: *dir, file: *file, args: fs.Args(), opts: generate.Options{
			Resources: *n, Files: *files, Seed: *seed, LongLine: *longLine, Terraform: *tf,
			Departments: *departments, Sites: *sites, Partners: *partners, LongLists: *longLists}}
		if *omit != "" {
			c.opts.Omit = strings.Split(*omit, ",")
		}
		return c, shapeOptions(&c.opts, *shape, *onePartner)
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

func run(c command) error {
	dir, file, opts := c.dir, c.file, c.opts
	switch {
	case len(c.args) > 0:
		return fmt.Errorf("unexpected argument %q", c.args[0])
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
	// Refused options leave no empty file behind.
	if err := opts.Check(); err != nil {
		return err
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	return errors.Join(generate.WriteTo(f, opts), f.Close())
}
