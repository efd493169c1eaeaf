package inventory

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
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

// Message is a diagnostic's text as WriteDiagnostics prints it after its
// location: "summary: detail", each control character replaced by U+FFFD.
func Message(d *hcl.Diagnostic) string {
	msg := printable(d.Summary)
	if d.Detail != "" {
		msg += ": " + printable(d.Detail)
	}
	return msg
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
		msg := Message(d)
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
		src, known := inv.sources[s.Filename]
		if !known {
			// A file whose text was not kept (or was dropped) shows no line.
			continue
		}
		if _, ok := lines[s.Filename]; !ok {
			lines[s.Filename] = lineStarts(src)
		}
		if line, ok := sourceLine(src, lines[s.Filename], s.Start.Line); ok {
			width := 1
			if s.End.Line == s.Start.Line && s.End.Column > s.Start.Column {
				width = s.End.Column - s.Start.Column
			}
			gutter := fmt.Sprintf("%5d | ", s.Start.Line)
			if line == "" {
				gutter = strings.TrimRight(gutter, " ")
			}
			fmt.Fprintf(&buf, "%s%s\n", gutter, line)
			if indent, carets, ok := underline(line, s.Start.Column, width); ok {
				fmt.Fprintf(&buf, "%s%s%s\n", strings.Repeat(" ", len(gutter)-2)+"| ", indent, carets)
			}
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// underline returns what goes under line to mark width grapheme clusters from
// column col (1-based, in grapheme clusters as hcl counts): the indent, keeping
// the line's tabs, and the carets, both as wide on screen as the text above
// them (a CJK character takes two columns). ok is false when col lies past the
// end of the line.
func underline(line string, col, width int) (indent, carets string, ok bool) {
	var in, under strings.Builder
	n := 0
	for rest := []byte(line); len(rest) > 0; n++ {
		adv, cluster, _ := scanGraphemeClusters(rest, true)
		rest = rest[adv:]
		switch {
		case n < col-1 && cluster[0] == '\t':
			in.WriteByte('\t')
		case n < col-1:
			in.WriteString(strings.Repeat(" ", displayWidth(cluster)))
		case n < col-1+width:
			under.WriteString(strings.Repeat("^", displayWidth(cluster)))
		}
	}
	if col < 1 || col > n {
		return "", "", false
	}
	if under.Len() == 0 {
		under.WriteByte('^')
	}
	return in.String(), under.String(), true
}

// displayWidth is how many terminal columns a grapheme cluster takes: two for
// East Asian wide and fullwidth characters (CJK, Hangul, fullwidth forms, most
// emoji), none for a lone zero-width character, one otherwise.
func displayWidth(cluster []byte) int {
	r, _ := utf8.DecodeRune(cluster)
	switch {
	case r == 0x200b || r == 0x200c || r == 0x200d || r == 0x2060 || r == 0xfeff || unicode.Is(unicode.Mn, r):
		return 0
	case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0x303e, r >= 0x3041 && r <= 0x33ff,
		r >= 0x3400 && r <= 0x4dbf, r >= 0x4e00 && r <= 0x9fff, r >= 0xa000 && r <= 0xa4cf,
		r >= 0xa960 && r <= 0xa97f, r >= 0xac00 && r <= 0xd7a3, r >= 0xf900 && r <= 0xfaff,
		r >= 0xfe10 && r <= 0xfe19, r >= 0xfe30 && r <= 0xfe6f, r >= 0xff00 && r <= 0xff60,
		r >= 0xffe0 && r <= 0xffe6, r >= 0x1f300 && r <= 0x1f64f, r >= 0x1f900 && r <= 0x1f9ff,
		r >= 0x20000 && r <= 0x3fffd:
		return 2
	}
	return 1
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
