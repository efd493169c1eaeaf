package outfile

import "os"

// writebackStep is how much of a temporary file is written between two
// requests that the system start putting it on disk: the sync before the file
// takes its name then waits for the last step, not for the whole file, which
// the system would otherwise hold in memory until that sync.
const writebackStep = 32 << 20

// startWriteback asks the system to start writing the n bytes of f at off to
// disk, without waiting for it; where the system has no such request, nothing.
var startWriteback = startWritebackOS

// writeback passes writes on to a temporary file and, every writebackStep
// bytes, starts writing what came before to disk.
type writeback struct {
	f                *os.File
	written, started int64
}

// Write writes p to the file.
func (w *writeback) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.written += int64(n)
	if w.written-w.started >= writebackStep {
		startWriteback(w.f, w.started, w.written-w.started)
		w.started = w.written
	}
	return n, err
}
