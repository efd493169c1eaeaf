package outfile

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteStartsWritebackAsItGoes checks that Write and Create ask for the
// temporary file to be put on disk a step at a time, each step the bytes
// written since the last, and that the file holds every byte written.
func TestWriteStartsWritebackAsItGoes(t *testing.T) {
	type span struct{ off, n int64 }
	var spans []span
	startWriteback = func(_ *os.File, off, n int64) { spans = append(spans, span{off, n}) }
	defer func() { startWriteback = startWritebackOS }()
	chunk := bytes.Repeat([]byte("x"), 5<<20)
	const chunks = 15 // 75 MiB: two full steps of 32 MiB (35 MiB each, in 5 MiB writes), then 5 MiB
	write := func(w io.Writer) error {
		for range chunks {
			if _, err := w.Write(chunk); err != nil {
				return err
			}
		}
		return nil
	}
	dir := t.TempDir()
	for i, run := range []func(string) error{
		func(p string) error { return Write(p, write) },
		func(p string) error { return Create(p, 0o644, write) },
	} {
		spans = nil
		path := filepath.Join(dir, fmt.Sprint("report", i))
		if err := run(path); err != nil {
			t.Fatal(err)
		}
		want := []span{{0, 35 << 20}, {35 << 20, 35 << 20}}
		if len(spans) != len(want) || spans[0] != want[0] || spans[1] != want[1] {
			t.Errorf("writeback started for %v, want %v", spans, want)
		}
		if info, err := os.Stat(path); err != nil || info.Size() != chunks*int64(len(chunk)) {
			t.Errorf("the file holds %v bytes (%v), want %d", info.Size(), err, chunks*len(chunk))
		}
	}
}

// TestStartWritebackOSKeepsTheBytes runs the system's request on a real file:
// it must neither fail the write nor change what the file holds.
func TestStartWritebackOSKeepsTheBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := &writeback{f: f}
	data := bytes.Repeat([]byte("0123456789abcdef"), (writebackStep+4096)/16)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if w.started != int64(len(data)) {
		t.Errorf("writeback started up to byte %d, want %d", w.started, len(data))
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("the file differs from what was written (%v)", err)
	}
}
