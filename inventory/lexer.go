package inventory

import "bytes"

// The rules of the language that the three walks over raw source share — the
// nesting pre-scan (checkNesting), the block splitter (blockEnd) and the fast
// parser — are here, once: where comments, quoted strings, heredocs and
// template sequences begin and end, as hclsyntax's scanner reads them.

// commentEnd reads the comment that starts at i, if one does. A line comment
// (# or //) ends at its newline, which end indexes and which is not part of it;
// a block comment ends just past its */. isComment is false when no comment
// starts at i, closed is false for a block comment that never ends.
func commentEnd(src []byte, i int) (end int, isComment, closed bool) {
	if i >= len(src) {
		return i, false, false
	}
	switch c := src[i]; {
	case c == '#' || c == '/' && i+1 < len(src) && src[i+1] == '/':
		nl := bytes.IndexByte(src[i:], '\n')
		if nl < 0 {
			return len(src), true, true
		}
		return i + nl, true, true
	case c == '/' && i+1 < len(src) && src[i+1] == '*':
		n := bytes.Index(src[i+2:], []byte("*/"))
		if n < 0 {
			return len(src), true, false
		}
		return i + 2 + n + 2, true, true
	}
	return i, false, false
}

// templateSequence reads what a $ or % at i begins inside a string or heredoc:
// an interpolation or directive (${ or %{), for which opens is true, or an
// escaped one ($${ or %%{), which is literal text. n is the length of either,
// 0 when i begins neither.
func templateSequence(src []byte, i int) (n int, opens bool) {
	c := src[i]
	switch {
	case c != '$' && c != '%':
		return 0, false
	case i+1 < len(src) && src[i+1] == '{':
		return 2, true
	case i+2 < len(src) && src[i+1] == c && src[i+2] == '{':
		return 3, false
	}
	return 0, false
}

// heredocStart reads the introducer of a heredoc at i: << or <<-, an
// identifier and the end of the line. It returns the heredoc's closing marker
// and the index where its first line begins.
func heredocStart(src []byte, i int) (marker []byte, body int, ok bool) {
	if i+1 >= len(src) || src[i] != '<' || src[i+1] != '<' {
		return nil, 0, false
	}
	j := i + 2
	if j < len(src) && src[j] == '-' {
		j++
	}
	k := j
	for k < len(src) && isIdentByte(src[k]) {
		k++
	}
	nl := k
	if nl < len(src) && src[nl] == '\r' {
		nl++
	}
	if k == j || nl >= len(src) || src[nl] != '\n' {
		return nil, 0, false
	}
	return src[j:k], nl + 1, true
}

// heredocCloses reports whether line, without its newline, closes the heredoc
// whose marker is given.
func heredocCloses(line, marker []byte) bool {
	return bytes.Equal(bytes.TrimSpace(line), marker)
}

// heredocEnd returns the index of the newline that ends the line closing the
// heredoc whose first line begins at body.
func heredocEnd(src []byte, body int, marker []byte) (int, bool) {
	for line := body; line < len(src); {
		n := bytes.IndexByte(src[line:], '\n')
		if n < 0 {
			return 0, false
		}
		if heredocCloses(src[line:line+n], marker) {
			return line + n, true
		}
		line += n + 1
	}
	return 0, false
}

// quotedEnd returns the index just past the quote closing the string opened at
// i, following escapes and the code of its template sequences.
func quotedEnd(src []byte, i int) (int, bool) {
	for j := i + 1; j < len(src); j++ {
		switch c := src[j]; c {
		case '\\':
			j++
		case '\n':
			return 0, false
		case '"':
			return j + 1, true
		case '$', '%':
			n, opens := templateSequence(src, j)
			if !opens {
				j += max(n-1, 0)
				continue
			}
			end, ok := codeEnd(src, j+n)
			if !ok || src[end] != '}' {
				return 0, false
			}
			j = end
		}
	}
	return 0, false
}

// skipOpaque returns the index just past the comment, quoted string or heredoc
// that starts at i — text in which brackets do not count — or i when none
// starts there. A line comment or a heredoc ends before its final newline. ok
// is false when one starts but does not end.
func skipOpaque(src []byte, i int) (int, bool) {
	switch src[i] {
	case '#', '/':
		end, isComment, closed := commentEnd(src, i)
		return end, !isComment || closed
	case '"':
		return quotedEnd(src, i)
	case '<':
		if marker, body, ok := heredocStart(src, i); ok {
			return heredocEnd(src, body, marker)
		}
	}
	return i, true
}

// nextCode returns the index of the first byte of code at or after i, past
// comments, strings and heredocs, or len(src); ok is false when one of them
// does not end.
func nextCode(src []byte, i int) (int, bool) {
	for i < len(src) {
		j, ok := skipOpaque(src, i)
		if !ok {
			return 0, false
		}
		if j == i {
			return i, true
		}
		i = j
	}
	return i, true
}

// codeEnd scans code from i, skipping comments, strings and heredocs and
// following brackets, to the first closing bracket opened before i, and returns
// its index.
func codeEnd(src []byte, i int) (int, bool) {
	depth, ok := 0, true
	for ; ; i++ {
		if i, ok = nextCode(src, i); !ok || i == len(src) {
			return 0, false
		}
		switch src[i] {
		case '{', '[', '(':
			depth++
		case '}', ']', ')':
			if depth == 0 {
				return i, true
			}
			depth--
		}
	}
}

// blockEnd finds the end of the top-level block that begins at start: just past
// the newline that follows its closing brace. ok is false for text that is not
// a block ending cleanly.
func blockEnd(src []byte, start int) (int, bool) {
	i, ok := start, true
	for ; ; i++ {
		if i, ok = nextCode(src, i); !ok || i == len(src) {
			return 0, false
		}
		switch src[i] {
		case '{':
			end, ok := codeEnd(src, i+1)
			if !ok || src[end] != '}' {
				return 0, false
			}
			nl := bytes.IndexByte(src[end:], '\n')
			if nl < 0 {
				return len(src), true
			}
			return end + nl + 1, true
		case '\n', '}', ']', ')':
			return 0, false
		}
	}
}

// isIdentByte reports whether c may continue an ASCII identifier or heredoc marker.
func isIdentByte(c byte) bool {
	return c == '_' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}
