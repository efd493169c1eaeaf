package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/internal/outfile"
	"github.com/baomi-dev/baomi/inventory"
)

func newFmtCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "fmt [PATH...]",
		Short: "Rewrite inventory files in the canonical layout, as terraform fmt does",
		Long: `Rewrite the inventory files in PATH (files, or folders read recursively for
.hcl files; default ".") in the canonical layout of hclwrite, as terraform fmt
does: indentation, alignment of equals signs, spacing. Comments are kept; each
file is replaced atomically; the names of the files changed are printed.

With --check nothing is written: the files that would change are listed and
the exit status is 1 when there is one. --diff shows each change as a unified
diff. A file that does not parse is an error (exit status 2) and then no file
is written.`,
	}
	f := cmd.Flags()
	f.Bool("check", false, "write nothing; list the files that would change and exit 1 when there is one")
	f.Bool("diff", false, "show each change as a unified diff")
	f.String("config", "", "config file (default: baomi.yaml in the working directory when present)")
	addLimitFlags(f)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		v, err := newConfig(cmd)
		if err != nil {
			return err
		}
		if len(args) == 0 {
			args = []string{"."}
		}
		limits, err := limitsFrom(v)
		if err != nil {
			return err
		}
		return runFmt(args, limits, v.GetBool("check"), v.GetBool("diff"), stdout, stderr)
	}
	return cmd
}

// formatted is one inventory file and its canonical text.
type formatted struct {
	name      string
	src, want []byte
}

// runFmt formats the files at paths. Every file is read and parsed before any
// is written, so that a syntax error anywhere leaves every file as it was.
func runFmt(paths []string, limits inventory.Options, check, showDiff bool, stdout, stderr io.Writer) error {
	files, diags := inventory.FindFiles(paths)
	sources := map[string][]byte{}
	var changed []formatted
	for _, name := range files {
		src, sum, d := inventory.ReadSource(name, limits)
		if src != nil {
			// A file read but refused (nested too deep) shows its line too.
			sources[name] = src
		}
		if d != nil {
			diags = append(diags, d)
			continue
		}
		if _, pd := inventory.ParseText(src, name); pd.HasErrors() {
			diags = append(diags, pd...)
			continue
		}
		want := hclwrite.Format(src)
		// ReadSource drops a byte order mark: the digest of the bytes read tells.
		if !bytes.Equal(want, src) || sha256.Sum256(src) != sum {
			changed = append(changed, formatted{name, src, want})
		}
	}
	if diags.HasErrors() {
		inv := &inventory.Inventory{}
		inv.AddSources(sources)
		inventory.SortDiagnostics(diags)
		_ = inv.WriteDiagnostics(stderr, diags)
		n := inventory.ErrorCount(diags)
		return &exitCode{code: exitError, msg: fmt.Sprintf("baomi: %d error%s; no file was formatted", n, plural(n))}
	}
	for _, c := range changed {
		if showDiff {
			fmt.Fprint(stdout, unifiedDiff(c.name, c.src, c.want))
		} else {
			fmt.Fprintln(stdout, c.name)
		}
		if check {
			continue
		}
		err := outfile.Write(c.name, func(w io.Writer) error {
			_, err := w.Write(c.want)
			return err
		})
		if err != nil {
			return &exitCode{code: exitError, msg: "baomi: " + err.Error()}
		}
	}
	if check && len(changed) > 0 {
		return &exitCode{code: exitFindings}
	}
	return nil
}

// diffContext is how many unchanged lines surround a change in a diff.
const diffContext = 3

// maxDiffCells bounds the table the line matching fills; beyond it the
// changed middle of a file is shown removed and added whole.
const maxDiffCells = 4 << 20

// diffLine is one line of a diff: ' ' kept, '-' removed, '+' added.
type diffLine struct {
	op   byte
	text string
}

// unifiedDiff shows the change from a to b of the file name as a unified
// diff, "" when they are equal.
func unifiedDiff(name string, a, b []byte) string {
	if bytes.Equal(a, b) {
		return ""
	}
	ops := diffLines(splitLines(a), splitLines(b))
	var out bytes.Buffer
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", name, name)
	for i := 0; i < len(ops); {
		if ops[i].op == ' ' {
			i++
			continue
		}
		start := max(i-diffContext, 0)
		end := i
		for end < len(ops) {
			if ops[end].op != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].op == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*diffContext {
				end = min(end+diffContext, len(ops))
				break
			}
			end = run
		}
		aLine, bLine := 1, 1
		for _, o := range ops[:start] {
			if o.op != '+' {
				aLine++
			}
			if o.op != '-' {
				bLine++
			}
		}
		aN, bN := 0, 0
		for _, o := range ops[start:end] {
			if o.op != '+' {
				aN++
			}
			if o.op != '-' {
				bN++
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(aLine, aN), hunkRange(bLine, bN))
		for _, o := range ops[start:end] {
			out.WriteByte(o.op)
			out.WriteString(o.text)
			if !bytes.HasSuffix([]byte(o.text), []byte("\n")) {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end
	}
	return out.String()
}

// hunkRange is a hunk's start and length as a unified diff writes them.
func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// splitLines cuts text after each newline; the last line may lack one.
func splitLines(b []byte) []string {
	var lines []string
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n') + 1
		if i == 0 {
			i = len(b)
		}
		lines = append(lines, string(b[:i]))
		b = b[i:]
	}
	return lines
}

// diffLines matches a's lines with b's (a longest common subsequence after
// the common head and tail are set aside) and lists the edit.
func diffLines(a, b []string) []diffLine {
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	var ops []diffLine
	for _, l := range a[:head] {
		ops = append(ops, diffLine{' ', l})
	}
	ma, mb := a[head:len(a)-tail], b[head:len(b)-tail]
	if (len(ma)+1)*(len(mb)+1) > maxDiffCells {
		for _, l := range ma {
			ops = append(ops, diffLine{'-', l})
		}
		for _, l := range mb {
			ops = append(ops, diffLine{'+', l})
		}
	} else {
		ops = append(ops, lcsEdit(ma, mb)...)
	}
	for _, l := range a[len(a)-tail:] {
		ops = append(ops, diffLine{' ', l})
	}
	return ops
}

// lcsEdit is the edit from a to b that keeps a longest common subsequence,
// removals before additions within each change.
func lcsEdit(a, b []string) []diffLine {
	w := len(b) + 1
	n := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				n[i*w+j] = n[(i+1)*w+j+1] + 1
			} else {
				n[i*w+j] = max(n[(i+1)*w+j], n[i*w+j+1])
			}
		}
	}
	var ops []diffLine
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, diffLine{' ', a[i]})
			i++
			j++
		case i < len(a) && (j == len(b) || n[(i+1)*w+j] >= n[i*w+j+1]):
			ops = append(ops, diffLine{'-', a[i]})
			i++
		default:
			ops = append(ops, diffLine{'+', b[j]})
			j++
		}
	}
	return ops
}
