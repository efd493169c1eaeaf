package inventory

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// Default limits on what one inventory file may hold.
const (
	// DefaultMaxFileBytes is the largest inventory file read: 64 MiB, about
	// 160,000 resources. A file that hclsyntax must read whole (one with a
	// syntax error) costs about 75 times its size in memory.
	DefaultMaxFileBytes = 64 << 20
	// DefaultMaxNesting is the deepest nesting of blocks, brackets and
	// interpolations allowed; the language itself needs fewer than five levels.
	DefaultMaxNesting = 100
)

// Options bound what Load accepts; zero values take the defaults.
type Options struct {
	MaxFileBytes int64
	MaxNesting   int
	// Overlay holds texts that stand for files on disk, keyed by the names
	// Load gives files (DisplayName): an editor's unsaved buffers. A file is
	// read from the overlay only when Load finds it on disk.
	Overlay map[string][]byte

	// slowOnly decodes every block through hclsyntax, and keepRefs keeps each
	// resource's references after they are checked, for tests that compare the
	// fast path with hclsyntax.
	slowOnly, keepRefs bool
	// chunkBytes is the size from which a file is decoded in chunks
	// (defaultChunkBytes), chunks the number of chunks (the workers each file
	// has, when fewer files than workers), and chunked, unless nil, is told of
	// each file decoded in chunks: how many, and whether their results were
	// kept. Tests force chunks on small files with them.
	chunkBytes, chunks int
	chunked            func(file string, chunks int, kept bool)
}

func (o Options) withDefaults() Options {
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = DefaultMaxFileBytes
	}
	if o.MaxNesting <= 0 {
		o.MaxNesting = DefaultMaxNesting
	}
	if o.chunkBytes <= 0 {
		o.chunkBytes = defaultChunkBytes
	}
	return o
}

// scanMode is what the nesting scanner is inside.
type scanMode int

const (
	inCode scanMode = iota
	inString
	inHeredoc
	inInterp
)

type scanFrame struct {
	mode scanMode
	// heredoc is the closing marker of a heredoc.
	heredoc []byte
	// depth is the nesting depth at which an interpolation began.
	depth int
}

// checkNesting finds the first place where src nests deeper than limit, without
// parsing: the parser and the decoder recurse per level, and a hostile file
// nested a million deep would exhaust the stack. Brackets, interpolations and
// operators count: each operator of an expression ("!!!x", "1+1+1", "a ? b : c
// ? ...") is one more level of the tree the parser builds. It follows strings,
// comments, heredocs and interpolations well enough to count only real nesting.
func checkNesting(src []byte, file string, limit int) *hcl.Diagnostic {
	return newNestingScan(src, file, limit, 0, 1).run(len(src))
}

// nestingScan is checkNesting's walk over src, which can stop at an offset and
// go on later: decodeChunked scans the chunks of a file at once, each from the
// state at the start of a file, and keeps a chunk's answer only when the chunk
// before it ended in that state.
type nestingScan struct {
	src   []byte
	file  string
	limit int
	// i is the offset of the next byte to read; line is its line, which
	// begins at lineStart.
	i, line, lineStart int
	stack              []scanFrame
	depth              int
	// ops counts the operators of the expression being read; brackets lists
	// the open brackets, innermost last, to tell where a newline ends one.
	ops      int
	brackets []byte
	// stopped is set when a block comment that never ends stopped the walk.
	stopped bool
}

// newNestingScan starts a walk at offset from, on the given line, in code at
// the top level.
func newNestingScan(src []byte, file string, limit, from, line int) *nestingScan {
	return &nestingScan{src: src, file: file, limit: limit, i: from, line: line, lineStart: from,
		stack: []scanFrame{{mode: inCode}}}
}

// fresh reports whether the walk stands at offset at, on line, in the state a
// walk started there by newNestingScan begins in.
func (s *nestingScan) fresh(at, line int) bool {
	return !s.stopped && s.i == at && s.line == line && s.lineStart == at && s.depth == 0 && s.ops == 0 &&
		len(s.brackets) == 0 && len(s.stack) == 1 && s.stack[0].mode == inCode
}

// place is the range of the byte at i.
func (s *nestingScan) place(i int) *hcl.Range {
	pos := hcl.Pos{Line: s.line, Column: i - s.lineStart + 1, Byte: i}
	return &hcl.Range{Filename: s.file, Start: pos, End: hcl.Pos{Line: s.line, Column: pos.Column + 1, Byte: i + 1}}
}

// deeper counts one more level opened at i.
func (s *nestingScan) deeper(i int) *hcl.Diagnostic {
	s.depth++
	return s.tooDeep(i, "Blocks, lists and expressions nest more than %d levels deep here; an inventory needs only a few. Raise max-nesting if this is intended.")
}

// operator counts one more operator, at i.
func (s *nestingScan) operator(i int) *hcl.Diagnostic {
	s.ops++
	return s.tooDeep(i, "An expression chains operators more than %d levels deep here; an inventory is plain data and needs none. Raise max-nesting if this is intended.")
}

// tooDeep is the error at i, with detail (which takes the limit), once the
// levels opened and the operators chained pass the limit; nil before.
func (s *nestingScan) tooDeep(i int, detail string) *hcl.Diagnostic {
	if s.depth+s.ops <= s.limit {
		return nil
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Nesting too deep",
		Detail: fmt.Sprintf(detail, s.limit), Subject: s.place(i)}
}

// run walks on until offset to, or past it when a token crosses it, and
// returns the first place nested too deep. It stops early, without an error,
// at a block comment that never ends.
func (s *nestingScan) run(to int) *hcl.Diagnostic {
	src := s.src
	i := s.i
	defer func() { s.i = i }()
	for ; i < to; i++ {
		c := src[i]
		if c == '\n' {
			s.line, s.lineStart = s.line+1, i+1
		}
		top := &s.stack[len(s.stack)-1]
		switch top.mode {
		case inCode, inInterp:
			switch {
			case c == ' ' || c == '\t':
			case c == '\n':
				// A newline ends an expression in a block body, not inside brackets.
				if top.mode == inCode && (len(s.brackets) == 0 || s.brackets[len(s.brackets)-1] == '{') {
					s.ops = 0
				}
			case isDigit(c):
				i = skipNumber(src, i)
			case isIdentByte(c) && c != '-':
				// An identifier, which may hold "-" (shop-db): not an operator.
				for i+1 < len(src) && isIdentByte(src[i+1]) {
					i++
				}
			case c == ',':
				s.ops = 0
			case c == '=' && !(i+1 < len(src) && (src[i+1] == '=' || src[i+1] == '>')):
				s.ops = 0
			case c == '#' || c == '/' && i+1 < len(src) && (src[i+1] == '/' || src[i+1] == '*'):
				end, _, closed := commentEnd(src, i)
				if !closed {
					s.stopped = true
					return nil
				}
				if n := bytes.Count(src[i:end], []byte("\n")); n > 0 {
					s.line += n
					s.lineStart = bytes.LastIndexByte(src[:end], '\n') + 1
				}
				i = end - 1
			case c == '"':
				s.stack = append(s.stack, scanFrame{mode: inString})
			case c == '<' && i+1 < len(src) && src[i+1] == '<':
				if marker, body, ok := heredocStart(src, i); ok {
					s.stack = append(s.stack, scanFrame{mode: inHeredoc, heredoc: marker})
					// The loop reads the newline that ends the introducer.
					i = body - 2
				}
			case c == '{' || c == '[' || c == '(':
				s.brackets = append(s.brackets, c)
				if d := s.deeper(i); d != nil {
					return d
				}
			case c == '}' || c == ']' || c == ')':
				s.depth--
				if len(s.brackets) > 0 {
					s.brackets = s.brackets[:len(s.brackets)-1]
				}
				if c == '}' && top.mode == inInterp && s.depth == top.depth {
					s.stack = s.stack[:len(s.stack)-1]
				}
			case strings.IndexByte("!-+*/%&|<>?:=", c) >= 0:
				start := i
				if i+1 < len(src) && isTwoByteOperator(c, src[i+1]) {
					i++
				}
				if d := s.operator(start); d != nil {
					return d
				}
			}
		case inString, inHeredoc:
			switch {
			case c == '\\' && top.mode == inString:
				i++
			case c == '$' || c == '%':
				n, opens := templateSequence(src, i)
				if !opens {
					i += max(n-1, 0)
					break
				}
				s.stack = append(s.stack, scanFrame{mode: inInterp, depth: s.depth})
				s.brackets = append(s.brackets, '(')
				i++
				if d := s.deeper(i); d != nil {
					return d
				}
			case c == '"' && top.mode == inString, c == '\n' && top.mode == inString:
				s.stack = s.stack[:len(s.stack)-1]
			case c == '\n' && top.mode == inHeredoc:
				end := bytes.IndexByte(src[i+1:], '\n')
				next := src[i+1:]
				if end >= 0 {
					next = next[:end]
				}
				if heredocCloses(next, top.heredoc) {
					s.stack = s.stack[:len(s.stack)-1]
				}
			default:
				// Text, up to the next byte that may mean something in it.
				for i+1 < to && !textMarks[src[i+1]] {
					i++
				}
			}
		}
	}
	return nil
}

// textMarks are the bytes that may mean something inside a string or a
// heredoc: an escape, the start of a template sequence, a quote, a newline.
var textMarks = [256]bool{'\\': true, '$': true, '%': true, '"': true, '\n': true}

// skipNumber returns the index of the last byte of the number that begins at i:
// digits, a fraction and an exponent such as 1.5e-3, whose sign is no operator.
func skipNumber(src []byte, i int) int {
	for i+1 < len(src) && (isDigit(src[i+1]) || src[i+1] == '.') {
		i++
	}
	if i+2 < len(src) && (src[i+1] == 'e' || src[i+1] == 'E') {
		j := i + 2
		if src[j] == '+' || src[j] == '-' {
			j++
		}
		if j < len(src) && isDigit(src[j]) {
			i = j
			for i+1 < len(src) && isDigit(src[i+1]) {
				i++
			}
		}
	}
	return i
}

// isTwoByteOperator reports whether a and b make one operator: == != <= >= && || =>.
func isTwoByteOperator(a, b byte) bool {
	switch {
	case b == '=':
		return a == '=' || a == '!' || a == '<' || a == '>'
	case a == b:
		return a == '&' || a == '|'
	}
	return a == '=' && b == '>'
}
