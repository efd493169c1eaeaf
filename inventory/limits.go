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
}

func (o Options) withDefaults() Options {
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = DefaultMaxFileBytes
	}
	if o.MaxNesting <= 0 {
		o.MaxNesting = DefaultMaxNesting
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
	stack := []scanFrame{{mode: inCode}}
	depth, line, lineStart := 0, 1, 0
	// ops counts the operators of the expression being read; brackets lists
	// the open brackets, innermost last, to tell where a newline ends one.
	ops := 0
	var brackets []byte
	place := func(i int) *hcl.Range {
		pos := hcl.Pos{Line: line, Column: i - lineStart + 1, Byte: i}
		return &hcl.Range{Filename: file, Start: pos, End: hcl.Pos{Line: line, Column: pos.Column + 1, Byte: i + 1}}
	}
	deeper := func(i int) *hcl.Diagnostic {
		depth++
		if depth+ops <= limit {
			return nil
		}
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Nesting too deep",
			Detail:  fmt.Sprintf("Blocks, lists and expressions nest more than %d levels deep here; an inventory needs only a few. Raise max-nesting if this is intended.", limit),
			Subject: place(i)}
	}
	operator := func(i int) *hcl.Diagnostic {
		ops++
		if depth+ops <= limit {
			return nil
		}
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Nesting too deep",
			Detail:  fmt.Sprintf("An expression chains operators more than %d levels deep here; an inventory is plain data and needs none. Raise max-nesting if this is intended.", limit),
			Subject: place(i)}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\n' {
			line, lineStart = line+1, i+1
		}
		top := &stack[len(stack)-1]
		switch top.mode {
		case inCode, inInterp:
			switch {
			case c == '\n':
				// A newline ends an expression in a block body, not inside brackets.
				if top.mode == inCode && (len(brackets) == 0 || brackets[len(brackets)-1] == '{') {
					ops = 0
				}
			case isDigit(c):
				i = skipNumber(src, i)
			case isIdentByte(c) && c != '-':
				// An identifier, which may hold "-" (shop-db): not an operator.
				for i+1 < len(src) && isIdentByte(src[i+1]) {
					i++
				}
			case c == ',':
				ops = 0
			case c == '=' && !(i+1 < len(src) && (src[i+1] == '=' || src[i+1] == '>')):
				ops = 0
			case c == '#' || c == '/' && i+1 < len(src) && (src[i+1] == '/' || src[i+1] == '*'):
				end, _, closed := commentEnd(src, i)
				if !closed {
					return nil
				}
				if n := bytes.Count(src[i:end], []byte("\n")); n > 0 {
					line += n
					lineStart = bytes.LastIndexByte(src[:end], '\n') + 1
				}
				i = end - 1
			case c == '"':
				stack = append(stack, scanFrame{mode: inString})
			case c == '<' && i+1 < len(src) && src[i+1] == '<':
				if marker, body, ok := heredocStart(src, i); ok {
					stack = append(stack, scanFrame{mode: inHeredoc, heredoc: marker})
					// The loop reads the newline that ends the introducer.
					i = body - 2
				}
			case c == '{' || c == '[' || c == '(':
				brackets = append(brackets, c)
				if d := deeper(i); d != nil {
					return d
				}
			case c == '}' || c == ']' || c == ')':
				depth--
				if len(brackets) > 0 {
					brackets = brackets[:len(brackets)-1]
				}
				if c == '}' && top.mode == inInterp && depth == top.depth {
					stack = stack[:len(stack)-1]
				}
			case strings.IndexByte("!-+*/%&|<>?:=", c) >= 0:
				start := i
				if i+1 < len(src) && isTwoByteOperator(c, src[i+1]) {
					i++
				}
				if d := operator(start); d != nil {
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
				stack = append(stack, scanFrame{mode: inInterp, depth: depth})
				brackets = append(brackets, '(')
				i++
				if d := deeper(i); d != nil {
					return d
				}
			case c == '"' && top.mode == inString, c == '\n' && top.mode == inString:
				stack = stack[:len(stack)-1]
			case c == '\n' && top.mode == inHeredoc:
				end := bytes.IndexByte(src[i+1:], '\n')
				next := src[i+1:]
				if end >= 0 {
					next = next[:end]
				}
				if heredocCloses(next, top.heredoc) {
					stack = stack[:len(stack)-1]
				}
			}
		}
	}
	return nil
}

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
