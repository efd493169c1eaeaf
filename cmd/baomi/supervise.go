package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"runtime/debug"
	"strconv"
	"syscall"
)

// A crash is not an input error. Go cannot recover from a fatal runtime error
// (out of memory, stack overflow, concurrent map writes) or a panic outside the
// main goroutine: the runtime prints a goroutine dump on file descriptor 2 and
// exits with status 2, the status baomi gives bad input, so that CI could not
// tell them apart. baomi therefore runs as two processes. The parent
// re-executes its own binary and waits for it. In the child, descriptor 2 is a
// pipe to the parent that only the runtime writes to: baomi's own messages go
// to the real standard error, handed over as descriptor 3 and installed as
// os.Stderr. When the child exits 2 after the runtime reported a crash on the
// pipe, the parent prints one line and exits exitCrash. Whatever else reaches
// the pipe (a runtime warning, a report written to /dev/stderr) is passed on as
// it comes; from a line that may start a crash report on, it is held until the
// child's status tells. (debug.SetCrashOutput alone cannot do this: the runtime
// still writes the dump to descriptor 2.) With GOTRACEBACK set, the parent
// prints the runtime's report after its line. A child killed by a signal gives
// 128 + the signal's number, with a line unless it was SIGINT, SIGTERM or
// SIGPIPE.

// childStderrEnv tells the child which descriptor is the real standard error.
const childStderrEnv = "BAOMI_CHILD_STDERR_FD"

// childStderrFD is the descriptor the parent hands the real standard error as.
const childStderrFD = 3

// maxCrashReport bounds how much of a crash report the parent keeps.
const maxCrashReport = 1 << 20

// crashStart is a line that begins the runtime's report of a crash.
var crashStart = regexp.MustCompile(`^(fatal error|panic|runtime|SIG[A-Z]+|unexpected signal|goroutine [0-9]+)\b`)

// crashLine finds the runtime's reason in a crash report.
var crashLine = regexp.MustCompile(`(?m)^(fatal error|panic|SIG[A-Z]+|runtime: out of memory)[^\n]*`)

// superviseSelf runs baomi in a child process and returns its exit status, with
// ok; it returns ok false, and does nothing, in the child itself or when no
// child can be started (baomi then runs in this process, without the crash
// status).
func superviseSelf(args []string) (code int, ok bool) {
	if os.Getenv(childStderrEnv) != "" {
		return 0, false
	}
	exe, err := os.Executable()
	if err != nil {
		return 0, false
	}
	r, w, err := os.Pipe()
	if err != nil {
		return 0, false
	}
	defer r.Close()
	child := exec.Command(exe, args...)
	child.Stdin, child.Stdout, child.Stderr = os.Stdin, os.Stdout, w
	child.ExtraFiles = []*os.File{os.Stderr}
	child.Env = append(os.Environ(), childStderrEnv+"="+strconv.Itoa(childStderrFD))
	// The child handles SIGINT and SIGTERM (it removes its temporary files);
	// the parent passes them on and waits for its status.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	if err := child.Start(); err != nil {
		w.Close()
		return 0, false
	}
	w.Close()
	go func() {
		for sig := range signals {
			_ = child.Process.Signal(sig)
		}
	}()
	out := &runtimeOutput{out: os.Stderr}
	out.consume(r)
	err = child.Wait()
	if child.ProcessState == nil {
		fmt.Fprintf(os.Stderr, "baomi: %v\n", err)
		return exitCrash, true
	}
	var sig syscall.Signal
	if ws, ok := child.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		sig = ws.Signal()
	}
	return childStatus(child.ProcessState.ExitCode(), sig, out.report, os.Stderr), true
}

// runtimeOutput passes what the child's runtime writes on to standard error as
// it comes, up to a line that starts a crash report; from there on it keeps
// the report (up to maxCrashReport bytes) for childStatus to judge.
type runtimeOutput struct {
	out    io.Writer
	report []byte
	held   bool
}

// consume reads r to its end.
func (o *runtimeOutput) consume(r io.Reader) {
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadBytes('\n')
		if !o.held && crashStart.Match(line) {
			o.held = true
		}
		switch {
		case !o.held:
			_, _ = o.out.Write(line)
		case len(o.report) < maxCrashReport:
			o.report = append(o.report, line...)
		}
		if err != nil {
			return
		}
	}
}

// childStatus turns the child's end (its exit code, or the signal that killed
// it) into baomi's exit status, printing the one-line crash message, or passing
// on the runtime report it held back when there was no crash after all.
func childStatus(code int, sig syscall.Signal, report []byte, stderr io.Writer) int {
	if sig != 0 {
		if sig != syscall.SIGINT && sig != syscall.SIGTERM && sig != syscall.SIGPIPE {
			fmt.Fprintf(stderr, "baomi: stopped by signal %d (%v); this is not a judgement of the input\n", int(sig), sig)
		}
		return 128 + int(sig)
	}
	reason := crashLine.Find(report)
	if code == exitError && reason != nil {
		fmt.Fprintf(stderr, "baomi: crashed (%s); this is a failure of baomi, not of the input: please report it\n", bytes.TrimSpace(reason))
		if os.Getenv("GOTRACEBACK") != "" {
			_, _ = stderr.Write(report)
		}
		return exitCrash
	}
	_, _ = stderr.Write(report)
	return code
}

// setUpProcess prepares the process that does the work: its standard error,
// its memory limit, and its handling of SIGINT and SIGTERM.
func setUpProcess() {
	if fd, err := strconv.Atoi(os.Getenv(childStderrEnv)); err == nil {
		if f := os.NewFile(uintptr(fd), "/dev/stderr"); f != nil {
			if _, err := f.Stat(); err == nil {
				os.Stderr = f
			}
		}
		os.Unsetenv(childStderrEnv)
	}
	limitMemory()
	exitOnSignals(os.Exit)
}

// limitMemory sets the runtime's soft memory limit below the address-space
// limit (ulimit -v) when one is set and GOMEMLIMIT is not, so that the
// collector works harder before the process runs out of address space.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	if limit := memoryLimitFor(addressSpaceLimit()); limit > 0 {
		debug.SetMemoryLimit(limit)
	}
}

// memoryLimitFor is the soft memory limit for an address-space limit: three
// quarters of it, leaving room for what the runtime maps besides the heap
// (code, stacks, arenas reserved ahead); 0 when there is no limit.
func memoryLimitFor(addressSpace uint64) int64 {
	if addressSpace == 0 || addressSpace == math.MaxUint64 || addressSpace > math.MaxInt64 {
		return 0
	}
	return int64(addressSpace / 4 * 3)
}
