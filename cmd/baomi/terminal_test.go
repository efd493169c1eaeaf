package main

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/baomi-dev/baomi/report"
)

func TestTerminalWidth(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if got := terminalWidth(w); got != report.DefaultWidth {
		t.Errorf("a pipe: width %d, want %d", got, report.DefaultWidth)
	}
	if got := terminalWidth(&bytes.Buffer{}); got != report.DefaultWidth {
		t.Errorf("a buffer: width %d, want %d", got, report.DefaultWidth)
	}
	yes := func(int) bool { return true }
	no := func(int) bool { return false }
	size := func(width int, err error) func(int) (int, int, error) {
		return func(int) (int, int, error) { return width, 24, err }
	}
	for _, tc := range []struct {
		name       string
		isTerminal func(int) bool
		getSize    func(int) (int, int, error)
		want       int
	}{
		{"a terminal 132 wide", yes, size(132, nil), 132},
		{"a terminal 60 wide", yes, size(60, nil), 60},
		{"not a terminal", no, size(132, nil), report.DefaultWidth},
		{"a terminal without a size", yes, size(0, errors.New("no size")), report.DefaultWidth},
		{"a terminal of width 0", yes, size(0, nil), report.DefaultWidth},
	} {
		if got := widthOf(1, tc.isTerminal, tc.getSize); got != tc.want {
			t.Errorf("%s: width %d, want %d", tc.name, got, tc.want)
		}
	}
}
