package inventory

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// SortDiagnostics orders diagnostics by file, line and column.
func SortDiagnostics(diags hcl.Diagnostics) {
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i].Subject, diags[j].Subject
		switch {
		case a == nil || b == nil:
			return a == nil && b != nil
		case a.Filename != b.Filename:
			return a.Filename < b.Filename
		case a.Start.Line != b.Start.Line:
			return a.Start.Line < b.Start.Line
		}
		return a.Start.Column < b.Start.Column
	})
}

// WriteDiagnostics prints each diagnostic as "file:line:column: error: summary:
// detail" followed by the source line with the problem underlined.
func (inv *Inventory) WriteDiagnostics(w io.Writer, diags hcl.Diagnostics) error {
	var buf bytes.Buffer
	lines := map[string][]int{}
	for _, d := range diags {
		sev := "error"
		if d.Severity == hcl.DiagWarning {
			sev = "warning"
		}
		msg := printable(d.Summary)
		if d.Detail != "" {
			msg += ": " + printable(d.Detail)
		}
		s := d.Subject
		if s != nil {
			c := *s
			c.Filename = printable(c.Filename)
			s = &c
		}
		switch {
		case s == nil:
			fmt.Fprintf(&buf, "%s: %s\n", sev, msg)
			continue
		case s.Start.Line == 0:
			fmt.Fprintf(&buf, "%s: %s: %s\n", s.Filename, sev, msg)
			continue
		}
		fmt.Fprintf(&buf, "%s:%d:%d: %s: %s\n", s.Filename, s.Start.Line, s.Start.Column, sev, msg)
		src := inv.sources[s.Filename]
		if _, ok := lines[s.Filename]; !ok {
			lines[s.Filename] = lineStarts(src)
		}
		if line, ok := sourceLine(src, lines[s.Filename], s.Start.Line); ok {
			width := 1
			if s.End.Line == s.Start.Line && s.End.Column > s.Start.Column {
				width = s.End.Column - s.Start.Column
			}
			width = max(1, min(width, utf8.RuneCountInString(line)-s.Start.Column+1))
			gutter := fmt.Sprintf("%5d | ", s.Start.Line)
			if line == "" {
				gutter = strings.TrimRight(gutter, " ")
			}
			fmt.Fprintf(&buf, "%s%s\n", gutter, line)
			if s.Start.Column <= utf8.RuneCountInString(line) {
				fmt.Fprintf(&buf, "%s%s%s\n", strings.Repeat(" ", len(gutter)-2)+"| ", strings.Repeat(" ", max(s.Start.Column-1, 0)), strings.Repeat("^", width))
			}
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// maxSourceLine is how many bytes of a source line a diagnostic shows.
const maxSourceLine = 200

// lineStarts lists the offset at which each line of src begins.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// sourceLine returns line n (1-based) of src, whose lines begin at starts, with
// tabs kept and control characters made visible, cut to a readable length. It
// reads only the part it shows, however long the line.
func sourceLine(src []byte, starts []int, n int) (string, bool) {
	if n < 1 || n > len(starts) {
		return "", false
	}
	line := src[starts[n-1]:]
	if j := bytes.IndexByte(line, '\n'); j >= 0 {
		line = line[:j]
	}
	// Each byte shows as one byte or more, so the first 4×maxSourceLine bytes
	// hold all that is shown.
	if len(line) > 4*maxSourceLine {
		line = line[:4*maxSourceLine]
	}
	text := printable(strings.TrimRight(string(line), "\r"))
	if len(text) > maxSourceLine {
		text = strings.ToValidUTF8(text[:maxSourceLine], "") + "…"
	}
	return text, true
}

// printable makes text safe to print on a terminal: invalid UTF-8, control
// characters other than tab and bidirectional overrides become U+FFFD.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t') || (r >= 0x7f && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}
