package main

import (
	"io"
	"math"
	"os"
	"os/exec"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/internal/generate"
)

// parse reads a command line with baomi-gen's flags.
func parse(t *testing.T, args ...string) (command, error) {
	t.Helper()
	fs, values := newFlags(io.Discard)
	if err := fs.Parse(args); err != nil {
		return command{}, err
	}
	return values()
}

func TestShapeFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want generate.Options
	}{
		{[]string{"-n", "2000"}, generate.Options{Resources: 2000, Files: 1, Seed: 1}},
		{[]string{"-n", "2000", "-shape", "independent"}, generate.Options{Resources: 2000, Files: 1, Seed: 1, Departments: 6, Sites: 80, Partners: 120}},
		{[]string{"-n", "2000", "-shape", "independent", "-sites", "50"}, generate.Options{Resources: 2000, Files: 1, Seed: 1, Departments: 6, Sites: 50, Partners: 120}},
		{[]string{"-n", "2000", "-one-partner"}, generate.Options{Resources: 2000, Files: 1, Seed: 1, Partners: 1, LongLine: true}},
		{[]string{"-n", "2000", "-long-lists", "20", "-omit", "loan,incident"}, generate.Options{Resources: 2000, Files: 1, Seed: 1, LongLists: 20, Omit: []string{"loan", "incident"}}},
	} {
		got, err := parse(t, c.args...)
		if err != nil {
			t.Errorf("%v: %v", c.args, err)
			continue
		}
		if !reflect.DeepEqual(got.opts, c.want) {
			t.Errorf("%v: options %+v, want %+v", c.args, got.opts, c.want)
		}
	}
	for _, bad := range [][]string{
		{"-shape", "flat"},
		{"-one-partner", "-partners", "5"},
		{"-shape", "independent", "-one-partner"},
	} {
		if _, err := parse(t, bad...); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

// TestBenchScript: scripts/bench.sh parses, and every way the docs and the
// script's own usage run it names only variables it reads, shapes it has and
// generator flags that exist.
func TestBenchScript(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	const script = "../../scripts/bench.sh"
	if out, err := exec.Command("bash", "-n", script).CombinedOutput(); err != nil {
		t.Fatalf("bash -n %s: %v\n%s", script, err, out)
	}
	b, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	vars := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s*([A-Z]+)=\$\{[A-Z]+:-`).FindAllStringSubmatch(text, -1) {
		vars[m[1]] = true
	}
	var shapes []string
	for _, m := range regexp.MustCompile(`(?m)^\s*"([a-z-]+)\|(.*)"$`).FindAllStringSubmatch(text, -1) {
		shapes = append(shapes, m[1])
		checkGenFlags(t, "the shape "+m[1], m[2])
	}
	if len(vars) < 7 || len(shapes) < 7 {
		t.Fatalf("found the variables %v and the shapes %v in %s: the patterns no longer match it", vars, shapes, script)
	}
	run := regexp.MustCompile(`((?:[A-Z]+=(?:"[^"]*"|\S+) +)*)(?:\.\.\.|scripts/bench\.sh)`)
	assign := regexp.MustCompile(`([A-Z]+)=("[^"]*"|\S+)`)
	for _, doc := range []string{script, "../../docs/performance.md", "../../README.md"} {
		d, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range run.FindAllStringSubmatch(string(d), -1) {
			for _, a := range assign.FindAllStringSubmatch(m[1], -1) {
				if !vars[a[1]] {
					t.Errorf("%s runs %q: bench.sh reads no %s (it reads %v)", doc, strings.TrimSpace(m[0]), a[1], vars)
				}
				if a[1] != "SHAPES" {
					continue
				}
				for _, s := range strings.Fields(strings.Trim(a[2], `"`)) {
					if s != "1" && !slices.Contains(shapes, s) {
						t.Errorf("%s runs %q: bench.sh has no shape %s (it has %v)", doc, strings.TrimSpace(m[0]), s, shapes)
					}
				}
			}
		}
		for _, m := range regexp.MustCompile("baomi-gen((?: +-[a-z-]+(?: +[A-Za-z0-9,]+)?)+)").FindAllStringSubmatch(string(d), -1) {
			checkGenFlags(t, doc, m[1])
		}
	}
}

// TestBenchScriptGrowth runs scripts/bench.sh's GROWTH mode on two small sizes,
// given out of order: a row per size, smallest first, the smallest at 1.00x,
// the next with its time per resource against the smallest's, each size
// checked twice and written in files of at most 50,000 resources.
func TestBenchScriptGrowth(t *testing.T) {
	if testing.Short() {
		t.Skip("builds baomi and runs it four times")
	}
	for _, tool := range []string{"bash", "go", "/usr/bin/time"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s", tool)
		}
	}
	cmd := exec.Command("bash", "scripts/bench.sh")
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "GROWTH=1", "SIZES=2000 1000", "RUNS=2")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("GROWTH=1 scripts/bench.sh: %v\n%s", err, out)
	}
	rows := regexp.MustCompile(`(?m)^(\d+) +(\d+) +[\d.]+ +([\d.]+) +\d+ +([\d.]+) +([\d.]+)x +(\S+) +([\d.]+) ([\d.]+)$`).FindAllStringSubmatch(string(out), -1)
	if len(rows) != 2 {
		t.Fatalf("want a row for each of 1000 and 2000 resources, got %d in:\n%s", len(rows), out)
	}
	if rows[0][1] != "1000" || rows[1][1] != "2000" || rows[0][2] != "1" || rows[1][2] != "1" {
		t.Errorf("want the rows of 1000 then 2000 resources, in one file each, got %q and %q", rows[0][0], rows[1][0])
	}
	if rows[0][5] != "1.00" || rows[0][6] != "-" {
		t.Errorf("the smallest size's row: want growth 1.00x and nothing before it, got %q", rows[0][0])
	}
	step, err1 := strconv.ParseFloat(strings.TrimSuffix(rows[1][6], "x"), 64)
	perSmall, err2 := strconv.ParseFloat(rows[0][4], 64)
	perLarge, err3 := strconv.ParseFloat(rows[1][4], 64)
	if err1 != nil || err2 != nil || err3 != nil || math.Abs(step-perLarge/perSmall) > 0.011 {
		t.Errorf("the larger size's time per resource against the smaller's: got %q, want %.2fx (%s µs against %s µs)", rows[1][6], perLarge/perSmall, rows[1][4], rows[0][4])
	}
}

// checkGenFlags checks that every -flag in args is one of baomi-gen's.
func checkGenFlags(t *testing.T, where, args string) {
	t.Helper()
	fs, _ := newFlags(io.Discard)
	for _, f := range regexp.MustCompile(`(?:^|\s)-([a-z-]+)`).FindAllStringSubmatch(args, -1) {
		if fs.Lookup(f[1]) == nil {
			t.Errorf("%s names baomi-gen -%s, which does not exist", where, f[1])
		}
	}
}

// TestRefusedOptionsWriteNoFile: options the generator refuses (too few
// resources, too few sites) leave no empty file at -o.
func TestRefusedOptionsWriteNoFile(t *testing.T) {
	for _, args := range [][]string{{"-n", "5"}, {"-n", "2000", "-sites", "2"}} {
		out := t.TempDir() + "/inventory.hcl"
		c, err := parse(t, append(args, "-o", out)...)
		if err != nil {
			t.Fatal(err)
		}
		if err := run(c); err == nil {
			t.Errorf("%v: accepted", args)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%v: %s was left behind (%v)", args, out, err)
		}
	}
}
