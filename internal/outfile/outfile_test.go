package outfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func writeText(text string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	}
}

// entries lists a folder's names, so that a test sees any temporary file left.
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

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteNewFileHonoursUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	if err := Write(path, writeText("new")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("mode %o under umask 077, want 600", got)
	}
	if got := readText(t, path); got != "new" {
		t.Errorf("content %q", got)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("folder holds %v, want only report.json", got)
	}
}

func TestWriteKeepsAnExistingFilesMode(t *testing.T) {
	for _, mode := range []fs.FileMode{0o600, 0o640, 0o664} {
		path := filepath.Join(t.TempDir(), "report.json")
		if err := os.WriteFile(path, []byte("old, longer than the new text"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		if err := Write(path, writeText("new")); err != nil {
			t.Fatal(err)
		}
		info, _ := os.Stat(path)
		if got := info.Mode().Perm(); got != mode {
			t.Errorf("mode %o after rewriting a %o file", got, mode)
		}
		if got := readText(t, path); got != "new" {
			t.Errorf("content %q", got)
		}
	}
}

func TestWriteFollowsASymlinkAndReplacesItsTarget(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "real", "report.json")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("real/report.json", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, writeText("new")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(link)
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", info, err)
	}
	if got := readText(t, target); got != "new" {
		t.Errorf("target holds %q", got)
	}
	tinfo, _ := os.Stat(target)
	if tinfo.Mode().Perm() != 0o600 {
		t.Errorf("target mode %o, want 600", tinfo.Mode().Perm())
	}
	if got := entries(t, filepath.Join(dir, "real")); len(got) != 1 {
		t.Errorf("target folder holds %v", got)
	}
}

func TestWriteThroughADanglingSymlinkCreatesItsTarget(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("made.json", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, writeText("new")); err != nil {
		t.Fatal(err)
	}
	if got := readText(t, filepath.Join(dir, "made.json")); got != "new" {
		t.Errorf("target holds %q", got)
	}
	if info, _ := os.Lstat(link); info.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
}

func TestWriteADeviceInPlace(t *testing.T) {
	if err := Write(os.DevNull, writeText("gone")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(os.DevNull)
	if err != nil || info.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a character device: %v %v", os.DevNull, info, err)
	}
}

func TestWriteAFIFOInPlace(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	got := make(chan string)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	if err := Write(fifo, writeText("through the pipe")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("reader got %q", s)
	}
	info, err := os.Lstat(fifo)
	if err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", info, err)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("folder holds %v", got)
	}
}

func TestWriteRefusesAFolder(t *testing.T) {
	dir := t.TempDir()
	err := Write(dir, writeText("x"))
	if err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Fatalf("err = %v, want a refusal", err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(".", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, writeText("x")); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Fatalf("through a link: err = %v, want a refusal", err)
	}
}

func TestWriteErrorsNameThePathNotTheTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing", "dir", "x.json")
	err := Write(missing, writeText("x"))
	if err == nil || !strings.HasPrefix(err.Error(), missing+": ") || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("err = %v, want it to name %s only", err, missing)
	}
	path := filepath.Join(dir, "report.json")
	failing := func(w io.Writer) error {
		io.WriteString(w, "half")
		return &fs.PathError{Op: "write", Path: w.(*writeback).f.Name(), Err: syscall.ENOSPC}
	}
	err = Write(path, failing)
	if err == nil || err.Error() != path+": no space left on device" {
		t.Errorf("err = %v", err)
	}
	if got := entries(t, dir); len(got) != 0 {
		t.Errorf("a failed write left %v", got)
	}
}

func TestWriteFailureKeepsTheOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, func(io.Writer) error { return errors.New("boom") }); err == nil {
		t.Fatal("no error")
	}
	if got := readText(t, path); got != "old" {
		t.Errorf("file holds %q after a failed write", got)
	}
}

func TestAbortRemovesTheTemporaryFileOfAWriteInProgress(t *testing.T) {
	defer func() { mu.Lock(); aborted = false; mu.Unlock() }()
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	writing, release := make(chan bool), make(chan bool)
	done := make(chan error)
	go func() {
		done <- Write(path, func(w io.Writer) error {
			io.WriteString(w, "partial")
			writing <- true
			<-release
			return nil
		})
	}()
	<-writing
	if got := entries(t, dir); len(got) != 1 || !strings.HasSuffix(got[0], ".tmp") {
		t.Fatalf("during the write the folder holds %v, want one temporary file", got)
	}
	Abort()
	if got := entries(t, dir); len(got) != 0 {
		t.Errorf("after Abort the folder holds %v", got)
	}
	close(release)
	if err := <-done; err == nil || !strings.Contains(err.Error(), ErrAborted.Error()) {
		t.Errorf("the aborted write returned %v", err)
	}
	if got := entries(t, dir); len(got) != 0 {
		t.Errorf("the aborted write left %v", got)
	}
	if err := Write(path, writeText("x")); err == nil {
		t.Error("a write after Abort succeeded")
	}
}

func TestCheckRefusesWhatWriteRefuses(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{dir, filepath.Join(dir, "missing", "x.json"), filepath.Join(file, "x.json")} {
		if err := Check(path); err == nil || !strings.HasPrefix(err.Error(), path+": ") {
			t.Errorf("Check(%s) = %v, want a refusal naming it", path, err)
		}
		if err := Write(path, writeText("x")); err == nil {
			t.Errorf("Write(%s) succeeded", path)
		}
	}
	for _, path := range []string{file, filepath.Join(dir, "new.json"), os.DevNull} {
		if err := Check(path); err != nil {
			t.Errorf("Check(%s) = %v", path, err)
		}
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("Check wrote: %v", got)
	}
}

func TestWriteKeepsAnExistingFilesOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file away")
	}
	path := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 1234, 5678); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, writeText("new")); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if st := info.Sys().(*syscall.Stat_t); st.Uid != 1234 || st.Gid != 5678 {
		t.Errorf("owner %d:%d after rewriting a 1234:5678 file", st.Uid, st.Gid)
	}
}

func TestWriteADescriptorsLinkInPlace(t *testing.T) {
	if _, err := os.Stat("/dev/fd"); err != nil {
		t.Skip("no /dev/fd here")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		got <- string(b)
	}()
	// What bash's >(command) hands a program: /dev/fd/N on a pipe.
	path := "/dev/fd/" + strconv.Itoa(int(w.Fd()))
	if err := Write(path, writeText("through the descriptor")); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if s := <-got; s != "through the descriptor" {
		t.Errorf("reader got %q", s)
	}
}

func TestCreateWritesNewFileWithMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "baomi.key")
	if err := Create(path, 0o600, writeText("secret")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("mode %o, want 600", got)
	}
	if got := readText(t, path); got != "secret" {
		t.Errorf("contents %q, want %q", got, "secret")
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("folder holds %v, want the file alone", got)
	}
}

func TestCreateNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "baomi.key")
	if err := os.WriteFile(file, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken.pub")
	if err := os.Symlink(filepath.Join(dir, "nowhere"), broken); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{file, broken} {
		err := Create(path, 0o600, writeText("new"))
		if !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), path) {
			t.Errorf("Create(%s) = %v, want an error naming it that wraps fs.ErrExist", path, err)
		}
	}
	if got := readText(t, file); got != "old" {
		t.Errorf("existing file now holds %q", got)
	}
	if _, err := os.Lstat(filepath.Join(dir, "nowhere")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the broken link's target was created: %v", err)
	}
	if got := entries(t, dir); len(got) != 2 {
		t.Errorf("folder holds %v, want the two files alone", got)
	}
}

func TestCreateLeavesNothingOnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "baomi.key")
	err := Create(path, 0o600, func(io.Writer) error { return errors.New("boom") })
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("Create = %v, want the write's error", err)
	}
	if got := entries(t, dir); len(got) != 0 {
		t.Errorf("folder holds %v after a failed write", got)
	}
}
