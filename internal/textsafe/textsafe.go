// Package textsafe makes text from inventories, waivers and user policies safe
// to show: on a terminal, where control characters and escape sequences are
// commands, and in Markdown, where markup is rendered.
package textsafe

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Terminal returns s with every character a terminal would act on, rather than
// show, written as a visible escape: C0 and C1 controls (so ESC and every
// escape sequence it starts), DEL, bidirectional overrides and isolates,
// invisible separators, and bytes that are not UTF-8. Newlines and tabs are
// kept; printable text, CJK included, is unchanged.
func Terminal(s string) string {
	return sanitize(s, false)
}

// Line is Terminal for text that must stay on one line, such as a table cell:
// newlines, carriage returns and tabs are escaped too.
func Line(s string) string {
	return sanitize(s, true)
}

// Markdown returns s as inline Markdown text that shows s literally: line
// breaks and tabs become spaces, the rest is made safe as a Line, then the
// characters HTML or Markdown would read as markup (< > & | ` \ * _ [ ] ~ #)
// are written as entities or backslash escapes. The result is safe in a table
// cell, a list item and inside HTML elements such as <code> or <details>, but
// not inside a code span, where escapes show as written.
func Markdown(s string) string {
	s = Line(spaces.Replace(s))
	var b strings.Builder
	b.Grow(len(s))
	rs := []rune(s)
	for i, r := range rs {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '_':
			// An underscore between letters or digits never opens or closes
			// emphasis, so system.crm_db is left as written.
			if i > 0 && i < len(rs)-1 && isAlnum(rs[i-1]) && isAlnum(rs[i+1]) {
				b.WriteRune(r)
				continue
			}
			b.WriteString(`\_`)
		case '|', '`', '\\', '*', '[', ']', '~', '#':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isAlnum reports whether r is a letter or a digit.
func isAlnum(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// spaces turns line breaks and tabs into spaces.
var spaces = strings.NewReplacer("\r\n", " ", "\n", " ", "\t", " ")

// sanitize writes s with unsafe characters escaped; oneLine escapes newlines
// and tabs too.
func sanitize(s string, oneLine bool) string {
	if isSafe(s, oneLine) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case (r == '\n' || r == '\t') && !oneLine:
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unsafe(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// isSafe reports whether s needs no escape, so that the common case copies nothing.
func isSafe(s string, oneLine bool) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				return false
			}
		}
		if r == '\n' || r == '\t' {
			if oneLine {
				return false
			}
			continue
		}
		if unsafe(r) {
			return false
		}
	}
	return true
}

// unsafe reports whether a terminal would act on r, or r would hide or reorder
// the text around it.
func unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f: // C0, DEL, C1
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f: // bidi marks
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	case r == 0x200b, r == 0x2028, r == 0x2029, r == 0x2060, r == 0xfeff: // invisible separators
		return true
	}
	return false
}

// Rows returns a table's rows with every cell made safe by safe (Line for a
// terminal table, Markdown for a Markdown one).
func Rows(rows [][]string, safe func(string) string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = make([]string, len(r))
		for j, c := range r {
			out[i][j] = safe(c)
		}
	}
	return out
}
