package main

import (
	"io"

	"golang.org/x/term"

	"github.com/baomi-dev/baomi/report"
)

// fdWriter is a writer backed by a file descriptor, such as *os.File.
type fdWriter interface {
	Fd() uintptr
}

// terminalWidth is the width a table written to w must fit: the terminal's
// when w is one, else report.DefaultWidth, so that redirected output does not
// depend on the window it was run from.
func terminalWidth(w io.Writer) int {
	f, ok := w.(fdWriter)
	if !ok {
		return report.DefaultWidth
	}
	return widthOf(int(f.Fd()), term.IsTerminal, term.GetSize)
}

// widthOf is the width of the terminal fd, found through isTerminal and
// getSize, or report.DefaultWidth when fd is no terminal or has no size.
func widthOf(fd int, isTerminal func(int) bool, getSize func(int) (int, int, error)) int {
	if !isTerminal(fd) {
		return report.DefaultWidth
	}
	if width, _, err := getSize(fd); err == nil && width > 0 {
		return width
	}
	return report.DefaultWidth
}
