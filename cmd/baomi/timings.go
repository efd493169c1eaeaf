package main

import (
	"fmt"
	"io"
	"time"
)

// stageClock prints, for --timings, the wall time of each stage of a run on
// its own line of standard error. A nil clock prints nothing.
type stageClock struct {
	w           io.Writer
	start, last time.Time
}

// newStageClock starts a clock printing to w when on, else returns nil.
func newStageClock(on bool, w io.Writer) *stageClock {
	if !on {
		return nil
	}
	now := time.Now()
	return &stageClock{w: w, start: now, last: now}
}

// lap prints the time since the previous lap (or the start) as stage's.
func (c *stageClock) lap(stage string) {
	if c == nil {
		return
	}
	now := time.Now()
	c.print(stage, now.Sub(c.last))
	c.last = now
}

// total prints the time since the start.
func (c *stageClock) total() {
	if c == nil {
		return
	}
	c.print("total", time.Since(c.start))
}

// print writes one line: the stage and its wall time.
func (c *stageClock) print(stage string, d time.Duration) {
	fmt.Fprintf(c.w, "baomi: timings: %-45s %8.3f s\n", stage, d.Seconds())
}
