package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/baomi-dev/baomi/internal/outfile"
)

// testRoleEnv makes the test binary, re-executed by a test, act as another
// program: "main" is baomi itself; the others are named by the roles map.
const testRoleEnv = "BAOMI_TEST_ROLE"

// roles are the programs the re-executed test binary can act as.
var roles = map[string]func(){
	"main":           main,
	"blocked-writer": blockedWriter,
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
	exitOnSignals(os.Exit)
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
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$"}, args...)...)
	cmd.Env = append(os.Environ(), testRoleEnv+"="+role)
	return cmd
}

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
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd := selfCommand(t, "blocked-writer", filepath.Join(dir, "report.json"))
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
