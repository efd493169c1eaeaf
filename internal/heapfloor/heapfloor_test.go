package heapfloor

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestPercent(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live, floor uint64
		want        int
	}{
		{0, 512 * mib, 12800},       // the first cycle at 4 MiB x 128 = 512 MiB
		{0, 2 * mib, 100},           // a floor below the runtime's own minimum
		{128 * mib, 512 * mib, 300}, // 128 MiB live, the next cycle at 4 x 128
		{39 * mib, 512 * mib, 1212},
		{255 * mib, 512 * mib, 100}, // 100.8 rounds down to GOGC=100's own pacing
		{256 * mib, 512 * mib, 100}, // twice the live heap is the floor
		{300 * mib, 512 * mib, 100},
		{4 << 30, 512 * mib, 100},
	} {
		if got := percent(c.live, c.floor); got != c.want {
			t.Errorf("percent(%d MiB live, %d MiB floor) = %d, want %d", c.live/mib, c.floor/mib, got, c.want)
		}
	}
}

// TestAdjustsAfterEachCycle checks that the percent follows the live heap
// cycle after cycle: high while little is live, 100 while more than half the
// floor is, high again once that is collected, and that it stops when the
// floor is 0.
func TestAdjustsAfterEachCycle(t *testing.T) {
	reports := make(chan int, 16)
	report := func(p int) { reports <- p }
	adjusted.Store(&report)
	defer func() {
		floor.Store(0)
		adjusted.Store(nil)
		debug.SetGCPercent(100)
	}()
	floor.Store(64 << 20)
	watch()
	cycle := func() int {
		t.Helper()
		runtime.GC()
		p := <-reports
		if current := debug.SetGCPercent(p); current != p {
			t.Fatalf("the collector's percent is %d, the adjustment reported %d", current, p)
		}
		return p
	}
	if p := cycle(); p <= 100 {
		t.Fatalf("percent %d with almost nothing live, want above 100", p)
	}
	kept := make([][]byte, 48)
	for i := range kept {
		kept[i] = make([]byte, 1<<20)
	}
	if p := cycle(); p != 100 {
		t.Errorf("percent %d with 48 MiB live and a 64 MiB floor, want 100", p)
	}
	runtime.KeepAlive(kept)
	kept = nil
	if p := cycle(); p <= 100 {
		t.Errorf("percent %d once the 48 MiB are collected, want above 100 again", p)
	}
	floor.Store(0)
	runtime.GC()
	runtime.GC()
	select {
	case p := <-reports:
		t.Errorf("the percent was set to %d after the floor was removed", p)
	default:
	}
}

func TestCgroupLimit(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	saved := cgroupLimitFiles
	defer func() { cgroupLimitFiles = saved }()
	for _, c := range []struct {
		files []string
		want  uint64
	}{
		{[]string{write("v2", "1073741824\n")}, 1 << 30},
		{[]string{write("v2max", "max\n")}, 0},
		{[]string{filepath.Join(dir, "absent"), write("v1", "536870912\n")}, 512 << 20},
		{[]string{write("v1none", "9223372036854771712\n")}, 0},
		{[]string{write("odd", "lots\n")}, 0},
		{[]string{filepath.Join(dir, "absent")}, 0},
	} {
		cgroupLimitFiles = c.files
		if got := cgroupLimit(); got != c.want {
			t.Errorf("cgroupLimit() from %v = %d, want %d", c.files, got, c.want)
		}
	}
}
