// Package outfile writes the files a run produces without ever replacing
// anything that is not a regular file, and without leaving a temporary file
// behind on an error or an interrupt.
package outfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Stdout is the output path that names standard output.
const Stdout = "-"

// maxLinks bounds how many symbolic links are followed, as the kernel does.
const maxLinks = 40

// ErrAborted is returned by a write started after Abort.
var ErrAborted = errors.New("interrupted")

// temps holds the temporary files of writes in progress, so that Abort can
// remove them; mu also orders their creation and renaming against Abort.
var (
	mu      sync.Mutex
	temps   = map[string]bool{}
	aborted bool
)

// Write writes the file at path through write. A regular file, or a path that
// does not exist yet, is written atomically: into a temporary file in the same
// folder, synced, then renamed over it, keeping an existing file's mode (a new
// file gets 0666 less the umask). A symbolic link is followed and its target
// replaced the same way. A character device or a FIFO is written in place, as
// is a link into /proc (/dev/stdout). A folder, a socket or a block device is
// refused. Errors name path, never the temporary file.
func Write(path string, write func(io.Writer) error) error {
	target, info, direct, err := resolve(path)
	if err != nil {
		return fmt.Errorf("%s: %s", path, reason(err))
	}
	if direct {
		err = writeInPlace(path, write)
	} else {
		err = writeAtomic(target, info, write)
	}
	if err != nil {
		return fmt.Errorf("%s: %s", path, reason(err))
	}
	return nil
}

// Create writes a new file at path through write, with mode perm (less the
// umask) from its first byte on, and never replaces anything: when path exists,
// even as a broken link, it fails with an error that wraps fs.ErrExist. The file
// is written into a temporary file beside it, synced, then linked into place,
// so that it appears whole or not at all.
func Create(path string, perm fs.FileMode, write func(io.Writer) error) error {
	if err := create(path, perm, write); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: already exists; refusing to overwrite it: %w", path, fs.ErrExist)
		}
		return fmt.Errorf("%s: %s", path, reason(err))
	}
	return nil
}

func create(path string, perm fs.FileMode, write func(io.Writer) error) error {
	if _, err := os.Lstat(path); err == nil {
		return fs.ErrExist
	}
	tmp, err := createTemp(path, perm)
	if err != nil {
		return err
	}
	defer func() {
		tmp.Close()
		forget(tmp.Name())
	}()
	if err := write(&writeback{f: tmp}); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := link(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// Check tells, without writing, whether Write would refuse path: a folder, a
// socket, a block device, a link loop or a missing folder.
func Check(path string) error {
	target, _, direct, err := resolve(path)
	if err == nil && !direct {
		err = checkFolder(filepath.Dir(target))
	}
	if err != nil {
		return fmt.Errorf("%s: %s", path, reason(err))
	}
	return nil
}

// Abort removes the temporary files of writes in progress and makes every later
// write fail; a signal handler calls it before the process exits.
func Abort() {
	mu.Lock()
	defer mu.Unlock()
	aborted = true
	for name := range temps {
		os.Remove(name)
		delete(temps, name)
	}
}

// resolve follows symbolic links from path to the file a write replaces. It
// returns that file's path and its information (nil when it does not exist), or
// direct when the file is written in place.
func resolve(path string) (string, fs.FileInfo, bool, error) {
	p := path
	for range maxLinks {
		info, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return p, nil, false, nil
		}
		if err != nil {
			return "", nil, false, err
		}
		mode := info.Mode()
		switch {
		case mode.IsRegular():
			return p, info, false, nil
		case mode&fs.ModeSymlink != 0:
			if dir, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil && inProc(dir) {
				return p, nil, true, nil // /dev/fd/N, a descriptor's link
			}
			link, err := os.Readlink(p)
			if err != nil {
				return "", nil, false, err
			}
			if !filepath.IsAbs(link) {
				link = filepath.Join(filepath.Dir(p), link)
			}
			if inProc(link) {
				return p, nil, true, nil
			}
			p = link
		case mode.IsDir():
			return "", nil, false, errors.New("is a folder, not a file")
		case mode&fs.ModeCharDevice != 0, mode&fs.ModeNamedPipe != 0:
			return p, info, true, nil
		case mode&fs.ModeSocket != 0:
			return "", nil, false, errors.New("is a socket, not a file")
		case mode&fs.ModeDevice != 0:
			return "", nil, false, errors.New("is a block device, not a file")
		default:
			return "", nil, false, errors.New("is not a regular file")
		}
	}
	return "", nil, false, errors.New("too many levels of symbolic links")
}

// inProc tells a path in /proc, where a link's target (an open descriptor, a
// pipe) can only be written through the link itself.
func inProc(link string) bool {
	return strings.HasPrefix(filepath.Clean(link)+"/", "/proc/")
}

// writeInPlace writes a device, a FIFO or a descriptor's file through path,
// truncating it only when it turns out to be a regular file.
func writeInPlace(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		if err := f.Truncate(0); err != nil {
			f.Close()
			return err
		}
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeAtomic writes target through a temporary file beside it. old is the
// file being replaced, or nil.
func writeAtomic(target string, old fs.FileInfo, write func(io.Writer) error) (err error) {
	perm := fs.FileMode(0o666)
	if old != nil {
		perm = old.Mode().Perm()
	}
	tmp, err := createTemp(target, perm)
	if err != nil {
		return err
	}
	renamed := false
	defer func() {
		if !renamed {
			tmp.Close()
			forget(tmp.Name())
		}
	}()
	if err := write(&writeback{f: tmp}); err != nil {
		return err
	}
	if old != nil {
		// The umask may have narrowed the creation mode; chmod is not subject to it.
		if err := tmp.Chmod(perm); err != nil {
			return err
		}
		keepOwner(tmp, old)
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := rename(tmp.Name(), target); err != nil {
		return err
	}
	renamed = true
	syncDir(filepath.Dir(target))
	return nil
}

// createTemp creates a new temporary file beside target with mode perm (less
// the umask) and records it for Abort.
func createTemp(target string, perm fs.FileMode) (*os.File, error) {
	dir, base := filepath.Dir(target), filepath.Base(target)
	if err := checkFolder(dir); err != nil {
		return nil, err
	}
	mu.Lock()
	defer mu.Unlock()
	if aborted {
		return nil, ErrAborted
	}
	for range 100 {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		temps[name] = true
		return f, nil
	}
	return nil, errors.New("could not create a temporary file beside it")
}

// checkFolder says why dir cannot hold a new file, if it cannot.
func checkFolder(dir string) error {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("the folder %s does not exist", filepath.ToSlash(dir))
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s is not a folder", filepath.ToSlash(dir))
	}
	return nil
}

// rename moves a temporary file over its target unless Abort came first.
func rename(tmp, target string) error {
	mu.Lock()
	defer mu.Unlock()
	if aborted {
		return ErrAborted
	}
	if err := os.Rename(tmp, target); err != nil {
		return err
	}
	delete(temps, tmp)
	return nil
}

// link gives a temporary file its final name unless Abort came first; unlike a
// rename it fails when the name is taken.
func link(tmp, target string) error {
	mu.Lock()
	defer mu.Unlock()
	if aborted {
		return ErrAborted
	}
	return os.Link(tmp, target)
}

// forget removes a temporary file that will not be renamed.
func forget(name string) {
	mu.Lock()
	defer mu.Unlock()
	os.Remove(name)
	delete(temps, name)
}

// syncDir makes a rename in dir durable; a folder that cannot be synced (some
// file systems refuse) leaves the rename done but not yet on disk.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// reason is an error's text without the path an os error carries, which may be
// the temporary file's: the caller names the path the user gave.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}
