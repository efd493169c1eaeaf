package inventory

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSize counts the bytes of the .hcl files Load reads: a folder's files and
// its subfolders', a file named on its own once however often it is named, and
// nothing for hidden files, other extensions or paths that do not exist.
func TestSize(t *testing.T) {
	dir := t.TempDir()
	files := map[string]int{
		"a.hcl":            100,
		"sub/b.hcl":        250,
		".hidden/c.hcl":    1000,
		"sub/.d.hcl":       2000,
		"notes.txt":        4000,
		"sub/e.hcl.backup": 8000,
	}
	for name, size := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		paths []string
		want  int64
	}{
		{[]string{dir}, 350},
		{[]string{filepath.Join(dir, "sub")}, 250},
		{[]string{dir, filepath.Join(dir, "a.hcl"), filepath.Join(dir, "a.hcl")}, 350},
		{[]string{filepath.Join(dir, "a.hcl"), filepath.Join(dir, "missing.hcl")}, 100},
		{[]string{filepath.Join(dir, "missing")}, 0},
		{nil, 0},
	} {
		if got := Size(c.paths); got != c.want {
			t.Errorf("Size(%v) = %d, want %d", c.paths, got, c.want)
		}
	}
}
