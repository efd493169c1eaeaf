package inventory

import (
	"bytes"
	"fmt"

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

// checkNesting finds the first place where src nests deeper than max, without
// parsing: the parser recurses per level, and a hostile file nested a million
// deep would exhaust the stack. It follows strings, comments, heredocs and
// interpolations well enough to count only real nesting.
func checkNesting(src []byte, file string, max int) *hcl.Diagnostic {
	stack := []scanFrame{{mode: inCode}}
	depth, line, lineStart := 0, 1, 0
	deeper := func(i int) *hcl.Diagnostic {
		depth++
		if depth <= max {
			return nil
		}
		pos := hcl.Pos{Line: line, Column: i - lineStart + 1, Byte: i}
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Nesting too deep",
			Detail:  fmt.Sprintf("Blocks, lists and expressions nest more than %d levels deep here; an inventory needs only a few. Raise max-nesting if this is intended.", max),
			Subject: &hcl.Range{Filename: file, Start: pos, End: hcl.Pos{Line: line, Column: pos.Column + 1, Byte: i + 1}}}
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
			case c == '#' || (c == '/' && i+1 < len(src) && src[i+1] == '/'):
				for i+1 < len(src) && src[i+1] != '\n' {
					i++
				}
			case c == '/' && i+1 < len(src) && src[i+1] == '*':
				end := bytes.Index(src[i+2:], []byte("*/"))
				if end < 0 {
					return nil
				}
				for _, b := range src[i : i+2+end+2] {
					if b == '\n' {
						line++
					}
				}
				i += 2 + end + 1
				lineStart = bytes.LastIndexByte(src[:i+1], '\n') + 1
			case c == '"':
				stack = append(stack, scanFrame{mode: inString})
			case c == '<' && i+1 < len(src) && src[i+1] == '<':
				j := i + 2
				if j < len(src) && src[j] == '-' {
					j++
				}
				k := j
				for k < len(src) && (isIdentByte(src[k])) {
					k++
				}
				if k > j && k < len(src) && (src[k] == '\n' || src[k] == '\r') {
					stack = append(stack, scanFrame{mode: inHeredoc, heredoc: src[j:k]})
					i = k - 1
				}
			case c == '{' || c == '[' || c == '(':
				if d := deeper(i); d != nil {
					return d
				}
			case c == '}' || c == ']' || c == ')':
				depth--
				if c == '}' && top.mode == inInterp && depth == top.depth {
					stack = stack[:len(stack)-1]
				}
			}
		case inString, inHeredoc:
			switch {
			case c == '\\' && top.mode == inString:
				i++
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == c:
				i++
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
				stack = append(stack, scanFrame{mode: inInterp, depth: depth})
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
				if bytes.Equal(bytes.TrimSpace(next), top.heredoc) {
					stack = stack[:len(stack)-1]
				}
			}
		}
	}
	return nil
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}
