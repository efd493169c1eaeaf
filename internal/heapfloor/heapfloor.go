// Package heapfloor lets the heap of a batch run grow to a fixed size before
// the garbage collector starts a cycle, and collects as GOGC=100 does once the
// live heap is larger than half of it.
//
// A check keeps a heap of a few hundred megabytes at most (the inventory's Rego
// values and the results) and allocates several times as much in passing (the
// decoder's values and Rego's intermediate sets). With GOGC=100 the collector
// starts a cycle each time the heap doubles what the last cycle found live, so
// it marks the same kept values over and over while the kept heap is small.
// Here, after every cycle, the collector's percent is set so that the next
// cycle starts when the heap reaches the floor, or twice the live heap if that
// is more: fewer cycles while the kept heap is small, the same pacing as
// GOGC=100 beyond, and a heap goal never above the larger of the two (the heap
// itself overshoots a goal by what is allocated while a cycle marks, as it does
// under GOGC).
package heapfloor

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// minimumHeap is the heap size at which the runtime starts its first cycle
// under GOGC=100, before any cycle has measured the live heap.
const minimumHeap = 4 << 20

// cgroupLimitFiles are where cgroup v2 and v1 give the memory limit of the
// process's control group.
var cgroupLimitFiles = []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}

var (
	once sync.Once
	// floor is the heap size in bytes below which no cycle starts; 0 stops
	// the adjustment after the next cycle.
	floor atomic.Uint64
	// adjusted, when set, is called with each percent set (for tests).
	adjusted atomic.Pointer[func(percent int)]
)

// Install keeps the heap goal at floor bytes or twice the live heap, the
// larger, from now on; floor is lowered to a quarter of the control group's
// memory limit when there is one. It does nothing when GOGC or GOMEMLIMIT is
// set (the user's choice stands), when floor is 0, or after the first call.
func Install(bytes uint64) {
	once.Do(func() {
		if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" || bytes == 0 {
			return
		}
		if limit := cgroupLimit(); limit > 0 {
			bytes = min(bytes, limit/4)
		}
		floor.Store(bytes)
		debug.SetGCPercent(percent(0, bytes))
		watch()
	})
}

// watch calls adjust after the next collection cycle, and again after each
// cycle after that, until the floor is 0: the finalizer of an object nothing
// refers to runs once a cycle has found it unreachable.
func watch() {
	s := &sentinel{}
	runtime.SetFinalizer(s, func(*sentinel) {
		if adjust() {
			watch()
		}
	})
}

// sentinel is the object whose finalizer marks the end of a cycle; it holds a
// pointer so that the runtime does not combine it with other small objects.
type sentinel struct{ _ *byte }

// liveHeap names the runtime metric of the heap the last cycle marked live.
const liveHeap = "/gc/heap/live:bytes"

// adjust sets the percent for the live heap the last cycle found, and reports
// whether the floor is still in force.
func adjust() bool {
	f := floor.Load()
	if f == 0 {
		return false
	}
	sample := []metrics.Sample{{Name: liveHeap}}
	metrics.Read(sample)
	var live uint64
	if sample[0].Value.Kind() == metrics.KindUint64 {
		live = sample[0].Value.Uint64()
	}
	p := percent(live, f)
	debug.SetGCPercent(p)
	if report := adjusted.Load(); report != nil {
		(*report)(p)
	}
	return true
}

// percent is the collector's percent that puts the next cycle's start at
// floor bytes when live bytes are kept, or 100 when twice live is above floor.
// Before any cycle (live 0) it sets the runtime's first cycle at floor.
func percent(live, floor uint64) int {
	if live == 0 {
		return int(max(100, floor/(minimumHeap/100)))
	}
	if 2*live >= floor {
		return 100
	}
	return int(floor*100/live) - 100
}

// cgroupLimit is the memory limit of the process's control group in bytes, or
// 0 when there is none or it cannot be read.
func cgroupLimit() uint64 {
	for _, name := range cgroupLimitFiles {
		b, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		s := strings.TrimSpace(string(b))
		if s == "max" {
			return 0
		}
		n, err := strconv.ParseUint(s, 10, 64)
		// cgroup v1 writes a page-rounded maximum int64 for "no limit".
		if err != nil || n >= 1<<62 {
			return 0
		}
		return n
	}
	return 0
}
