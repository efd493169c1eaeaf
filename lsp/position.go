package lsp

import (
	"bytes"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"

	"github.com/baomi-dev/baomi/inventory"
)

// text is a document's bytes with the offsets its lines start at. It is the
// one place where positions convert: LSP counts a line's characters in UTF-16
// code units from 0, hcl in grapheme clusters from 1 beside a byte offset.
type text struct {
	src   []byte
	lines []int
}

// newText indexes src's lines.
func newText(src []byte) *text {
	t := &text{src: src, lines: []int{0}}
	for i, c := range src {
		if c == '\n' {
			t.lines = append(t.lines, i+1)
		}
	}
	return t
}

// line returns the bytes of line i (0-based) without its line end, and the
// offset it starts at. A line out of range is clamped to the first or last.
func (t *text) line(i int) ([]byte, int) {
	i = max(0, min(i, len(t.lines)-1))
	start, end := t.lines[i], len(t.src)
	if i+1 < len(t.lines) {
		end = t.lines[i+1] - 1
	}
	return bytes.TrimSuffix(t.src[start:end], []byte("\r")), start
}

// hclPos converts an LSP position into hcl's. A character past the end of
// its line stands for the line's end; one inside a surrogate pair for the
// character the pair encodes.
func (t *text) hclPos(p Position) hcl.Pos {
	line, start := t.line(p.Line)
	off, units := 0, 0
	for off < len(line) {
		r, size := utf8.DecodeRune(line[off:])
		n := utf16Units(r)
		if units+n > p.Character {
			break
		}
		units += n
		off += size
	}
	return hcl.Pos{Line: max(0, min(p.Line, len(t.lines)-1)) + 1, Column: inventory.Column(line, off), Byte: start + off}
}

// position converts hcl's position into an LSP position, from its line and
// column (the byte offset is not set in every hcl.Pos: the source map keeps
// lines and columns only).
func (t *text) position(p hcl.Pos) Position {
	line, _ := t.line(p.Line - 1)
	off := inventory.ColumnOffset(line, p.Column)
	units := 0
	for _, r := range string(line[:off]) {
		units += utf16Units(r)
	}
	return Position{Line: max(0, min(p.Line-1, len(t.lines)-1)), Character: units}
}

// lspRange converts hcl's range into an LSP range.
func (t *text) lspRange(r hcl.Range) Range {
	return Range{Start: t.position(r.Start), End: t.position(r.End)}
}

// utf16Units is how many UTF-16 code units encode r: two above the Basic
// Multilingual Plane, one otherwise (an invalid byte decodes as U+FFFD).
func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}
