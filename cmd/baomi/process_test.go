package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/baomi-dev/baomi/audit"
	"github.com/baomi-dev/baomi/internal/outfile"
)

// testRoleEnv makes the test binary, re-executed by a test, act as another
// program: "main" is baomi itself; the others are named by the roles map.
const testRoleEnv = "BAOMI_TEST_ROLE"

// roles are the programs the re-executed test binary can act as. The
// supervised ones run as baomi's main does: a parent supervising a child.
var roles = map[string]func(){
	"main":                      main,
	"blocked-writer":            blockedWriter,
	"supervised-blocked-writer": supervised(blockedWriter),
	"stack-overflow":            supervised(stackOverflow),
	"goroutine-panic":           supervised(goroutinePanic),
	"memory-limit":              supervised(printMemoryLimit),
	"gc-percent":                printGCPercent,
}

// supervised runs work the way main runs baomi: under superviseSelf, after
// setUpProcess.
func supervised(work func()) func() {
	return func() {
		if code, ok := superviseSelf(os.Args[1:]); ok {
			os.Exit(code)
		}
		work()
	}
}

// stackOverflow is a fatal runtime error, as deep input once caused.
func stackOverflow() {
	setUpProcess()
	fmt.Fprintln(os.Stderr, "baomi: working")
	debug.SetMaxStack(1 << 20)
	recurse(0)
}

func recurse(n int) int {
	var pad [128]byte
	pad[n%128] = byte(n)
	return recurse(n+1) + int(pad[0])
}

// goroutinePanic is a panic no recover sees.
func goroutinePanic() {
	setUpProcess()
	done := make(chan bool)
	go func() {
		var m map[string]int
		m["x"] = 1
		done <- true
	}()
	<-done
}

// printMemoryLimit prints the soft memory limit setUpProcess leaves.
func printMemoryLimit() {
	setUpProcess()
	fmt.Println(debug.SetMemoryLimit(-1))
}

// printGCPercent runs baomi with its arguments, its output discarded, and
// prints the collector's percent it leaves.
func printGCPercent() {
	run(os.Args[1:], io.Discard, io.Discard)
	fmt.Println(debug.SetGCPercent(100))
}

func TestMain(m *testing.M) {
	if role := roles[os.Getenv(testRoleEnv)]; role != nil {
		role()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// blockedWriter starts writing the file named by its argument the way baomi
// does, says so on standard output, and waits for a signal.
func blockedWriter() {
	setUpProcess()
	_ = outfile.Write(os.Args[len(os.Args)-1], func(w io.Writer) error {
		io.WriteString(w, "half a report")
		fmt.Println("writing")
		for {
			time.Sleep(time.Hour)
		}
	})
}

// selfCommand runs the test binary in role with args.
func selfCommand(t *testing.T, role string, args ...string) *exec.Cmd {
	t.Helper()
	// The command is killed when the test ends, and before the test binary's
	// deadline: a hung child must fail its test, not outlive it.
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if deadline, ok := t.Deadline(); ok {
		var stop context.CancelFunc
		ctx, stop = context.WithDeadline(ctx, deadline.Add(-selfCommandMargin))
		t.Cleanup(stop)
	}
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), testRoleEnv+"="+role)
	return cmd
}

// selfCommandMargin is how long before the test binary's deadline a command
// of selfCommand is killed, so that the test reports it.
const selfCommandMargin = 10 * time.Second

func exitStatus(t *testing.T, err error) int {
	t.Helper()
	var ee *exec.ExitError
	if err == nil {
		return 0
	}
	if !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return ee.ExitCode()
}

func TestSignalDuringAWriteLeavesNoTemporaryFile(t *testing.T) {
	for _, c := range []struct {
		role string
		sig  syscall.Signal
		code int
	}{
		{"blocked-writer", syscall.SIGINT, 130},
		{"blocked-writer", syscall.SIGTERM, 143},
		{"supervised-blocked-writer", syscall.SIGINT, 130},
		{"supervised-blocked-writer", syscall.SIGTERM, 143},
	} {
		t.Run(c.role+" "+c.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd := selfCommand(t, c.role, filepath.Join(dir, "report.json"))
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, err := bufio.NewReader(out).ReadString('\n')
			if err != nil || line != "writing\n" {
				cmd.Process.Kill()
				t.Fatalf("child said %q, %v", line, err)
			}
			if got := entries(t, dir); len(got) != 1 {
				t.Fatalf("while writing the folder holds %v, want one temporary file", got)
			}
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			if code := exitStatus(t, cmd.Wait()); code != c.code {
				t.Errorf("exit %d after %v, want %d", code, c.sig, c.code)
			}
			if got := entries(t, dir); len(got) != 0 {
				t.Errorf("after %v the folder holds %v", c.sig, got)
			}
		})
	}
}

// entries lists a folder's names.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range des {
		names = append(names, d.Name())
	}
	return names
}

func TestCrashIsStatus3WithOneLine(t *testing.T) {
	for role, reason := range map[string]string{
		"stack-overflow":  "fatal error: stack overflow",
		"goroutine-panic": "panic: assignment to entry in nil map",
	} {
		t.Run(role, func(t *testing.T) {
			cmd := selfCommand(t, role)
			cmd.Env = append(cmd.Env, "GOTRACEBACK=")
			var stderr strings.Builder
			cmd.Stderr = &stderr
			code := exitStatus(t, cmd.Run())
			lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
			if code != exitCrash {
				t.Errorf("exit %d, want %d", code, exitCrash)
			}
			want := "baomi: crashed (" + reason + "); this is a failure of baomi, not of the input: please report it"
			if role == "stack-overflow" {
				// baomi's own message before the crash still reaches standard error.
				want = "baomi: working\n" + want
			}
			if strings.Join(lines, "\n") != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
			}
		})
	}
}

func TestSupervisedRunKeepsStatusAndStreams(t *testing.T) {
	dir := writeInventory(t, failingInventory)
	for _, c := range []struct {
		args       []string
		code       int
		wantStdout string
		wantStderr string
	}{
		{[]string{"check", dir, "--as-of", "2026-11-26"}, 1, "results:", ""},
		{[]string{"check", filepath.Join(dir, "missing.hcl")}, 2, "", "baomi: the inventory has 1 error; nothing was evaluated\n"},
		{[]string{"check", dir, "--as-of", "2026-02-30"}, 2, "", "baomi: --as-of 2026-02-30: the day does not exist (February 2026 has 28 days)\n"},
	} {
		cmd := selfCommand(t, "main", c.args...)
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		code := exitStatus(t, cmd.Run())
		if code != c.code || !strings.Contains(stdout.String(), c.wantStdout) || !strings.HasSuffix(stderr.String(), c.wantStderr) || strings.Contains(stderr.String(), "crashed") {
			t.Errorf("baomi %s: exit %d, stdout %q, stderr %q", strings.Join(c.args, " "), code, stdout.String(), stderr.String())
		}
	}
}

func TestMemoryLimitFollowsTheAddressSpaceLimit(t *testing.T) {
	if got := memoryLimitFor(^uint64(0)); got != 0 {
		t.Errorf("no address-space limit gave a memory limit of %d", got)
	}
	if got := memoryLimitFor(4 << 30); got != 3<<30 {
		t.Errorf("a 4 GiB address space gave %d, want 3 GiB", got)
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to set ulimit -v")
	}
	cmd := exec.Command(sh, "-c", `ulimit -v 4194304 && exec "$0"`, os.Args[0])
	cmd.Env = append(os.Environ(), testRoleEnv+"=memory-limit", "GOMEMLIMIT=")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got, _ := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64); got != 3<<30 {
		t.Errorf("under ulimit -v 4 GiB the memory limit is %s, want %d", out, int64(3<<30))
	}
}

// TestAuditsSetTheHeapFloor checks that check and partners raise the
// collector's percent while little is live, that a command that evaluates
// nothing leaves it, and that GOGC set by the user stands.
func TestAuditsSetTheHeapFloor(t *testing.T) {
	acme, err := filepath.Abs("../../fixtures/acme")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args  []string
		env   string
		above bool
	}{
		{[]string{"check", acme, "--format", "json"}, "GOGC=", true},
		{[]string{"partners", acme, "--format", "json"}, "GOGC=", true},
		{[]string{"check", acme, "--format", "json"}, "GOGC=100", false},
		{[]string{"controls"}, "GOGC=", false},
	} {
		cmd := selfCommand(t, "gc-percent", c.args...)
		cmd.Env = append(cmd.Env, c.env, "GOMEMLIMIT=")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%v: %v: %s", c.args, err, out)
		}
		got, err := strconv.Atoi(strings.TrimSpace(string(out)))
		if err != nil {
			t.Fatalf("%v: printed %q", c.args, out)
		}
		if (got > 100) != c.above || got < 100 {
			t.Errorf("%s baomi %v left the collector's percent at %d, want above 100: %v", c.env, c.args, got, c.above)
		}
	}
}

// TestHeapFloorGrowsWithTheInventory checks that a check of a large
// inventory sets a floor above heapFloor: heapPerInventoryByte times its size.
// The file is sparse (it takes no disk) and not HCL: the floor is set before
// the inventory is read, and the run stops at the file's error.
func TestHeapFloorGrowsWithTheInventory(t *testing.T) {
	const size = 60 << 20
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "large.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	cmd := selfCommand(t, "gc-percent", "check", dir, "--format", "json")
	cmd.Env = append(cmd.Env, "GOGC=", "GOMEMLIMIT=")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	got, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("printed %q", out)
	}
	// Before its first cycle the runtime starts one at 4 MiB times percent/100.
	small, large := heapFloor/(4<<20/100), heapPerInventoryByte*size/(4<<20/100)
	if got <= small || got > large {
		t.Errorf("check of a %d-byte inventory left the collector's percent at %d, want above %d (the floor of small inventories) and at most %d", size, got, small, large)
	}
}

func TestHeapFloorFor(t *testing.T) {
	for _, c := range []struct {
		size int64
		want uint64
	}{
		{-1, heapFloor},
		{0, heapFloor},
		{40 << 20, heapFloor},
		{heapFloor / heapPerInventoryByte, heapFloor},
		{heapFloor/heapPerInventoryByte + 1, heapFloor + heapPerInventoryByte - heapFloor%heapPerInventoryByte},
		{400 << 20, 4800 << 20},
	} {
		if got := heapFloorFor(c.size); got != c.want {
			t.Errorf("heapFloorFor(%d) = %d, want %d", c.size, got, c.want)
		}
	}
}

func TestStreamsReport(t *testing.T) {
	for _, c := range []struct {
		format, output string
		want           bool
	}{
		{"json", "", true},
		{"json", "-", true},
		{"json", "report.json", false}, // the table is drawn on standard output beside it
		{"table", "", false},
		{"sarif", "", false},
		{"html", "report.html", false},
	} {
		if got := streamsReport(c.format, c.output); got != c.want {
			t.Errorf("streamsReport(%q, %q) = %v, want %v", c.format, c.output, got, c.want)
		}
	}
}

func TestRuntimeOutputHoldsOnlyACrashReport(t *testing.T) {
	var stderr strings.Builder
	o := &runtimeOutput{out: &stderr}
	o.consume(strings.NewReader("a report sent to /dev/stderr\nsecond line\nfatal error: out of memory\n\ngoroutine 1 [running]:\nmain.main()\n"))
	if got := stderr.String(); got != "a report sent to /dev/stderr\nsecond line\n" {
		t.Errorf("passed on %q", got)
	}
	if got := string(o.report); got != "fatal error: out of memory\n\ngoroutine 1 [running]:\nmain.main()\n" {
		t.Errorf("held %q", got)
	}
	for _, c := range []struct {
		code int
		sig  syscall.Signal
		want int
		msg  string
	}{
		{2, 0, exitCrash, "baomi: crashed (fatal error: out of memory); this is a failure of baomi, not of the input: please report it\n"},
		{0, 0, 0, string(o.report)},
		{1, 0, 1, string(o.report)},
		{-1, syscall.SIGKILL, 137, "baomi: stopped by signal 9 (killed); this is not a judgement of the input\n"},
		{-1, syscall.SIGTERM, 143, ""},
		{-1, syscall.SIGPIPE, 141, ""},
	} {
		var out strings.Builder
		t.Setenv("GOTRACEBACK", "")
		if got := childStatus(c.code, c.sig, o.report, &out); got != c.want || out.String() != c.msg {
			t.Errorf("childStatus(%d, %v) = %d, %q; want %d, %q", c.code, c.sig, got, out.String(), c.want, c.msg)
		}
	}
	var out strings.Builder
	o2 := &runtimeOutput{out: &out}
	o2.consume(strings.NewReader("no newline at the end"))
	if out.String() != "no newline at the end" || childStatus(2, 0, o2.report, &out) != exitError {
		t.Errorf("an input error's output %q was not passed on whole", out.String())
	}
}

func TestTimeoutFor(t *testing.T) {
	for _, c := range []struct {
		size int64
		want time.Duration
	}{
		{-1, defaultTimeout},
		{0, defaultTimeout},
		{100_000_000, defaultTimeout},
		{100_001_000, defaultTimeout + 3*time.Millisecond},
		{401_000_000, 20*time.Minute + 3*time.Second},
	} {
		if got := timeoutFor(c.size); got != c.want {
			t.Errorf("timeoutFor(%d) = %s, want %s", c.size, got, c.want)
		}
	}
}

// TestTimeoutGrowsWithTheInventory checks that a run given no timeout gets
// the one for its inventory's size, and that one given a timeout keeps it: a
// run whose deadline has passed says which timeout it stopped at.
func TestTimeoutGrowsWithTheInventory(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "large.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(150_000_000); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	for given, want := range map[time.Duration]string{0: "(7m30s)", 90 * time.Second: "(1m30s)"} {
		_, err := evaluateInventory(ctx, audit.Input{Paths: []string{dir}, Timeout: given}, nil, nil, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "did not finish within the timeout "+want) {
			t.Errorf("given the timeout %s: %v, want the timeout %s", given, err, want)
		}
	}
}

// TestTimeoutChosen checks that --timeout, BAOMI_TIMEOUT and the config file's
// timeout each choose the run's timeout, and that without them none is chosen
// (0: the run's size decides).
func TestTimeoutChosen(t *testing.T) {
	for _, c := range []struct {
		yaml string
		args []string
		env  string
		want time.Duration
	}{
		{"", nil, "", 0},
		{"lang: en\n", nil, "", 0},
		{"", []string{"--timeout", "90s"}, "", 90 * time.Second},
		{"", nil, "45s", 45 * time.Second},
		{"timeout: 2m\n", nil, "", 2 * time.Minute},
	} {
		t.Setenv("BAOMI_TIMEOUT", c.env)
		v, err := configFor(t, c.yaml, c.args...)
		if err != nil {
			t.Fatal(err)
		}
		opts, err := resolveAuditOptions(v, nil, "json")
		if err != nil || opts.Timeout != c.want {
			t.Errorf("config %q, %v, BAOMI_TIMEOUT=%q: timeout %s (%v), want %s", c.yaml, c.args, c.env, opts.Timeout, err, c.want)
		}
	}
}
