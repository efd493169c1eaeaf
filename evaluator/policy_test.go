package evaluator_test

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/baomi-dev/baomi/evaluator"
)

// lockedFS is a folder of policies whose sub-folder "locked" cannot be listed.
type lockedFS struct{ fstest.MapFS }

func (f lockedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == "locked" {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadDir(name)
}

// TestUnreadablePolicySubfolderNamed: a sub-folder that cannot be listed is an
// error naming it, not the folder given.
func TestUnreadablePolicySubfolderNamed(t *testing.T) {
	fsys := lockedFS{fstest.MapFS{
		"a.rego":          {Data: []byte("package a\n")},
		"locked/b.rego":   {Data: []byte("package b\n")},
		"other/c.rego":    {Data: []byte("package c\n")},
		"locked/.keep":    {Data: nil},
		"other/notes.txt": {Data: nil},
	}}
	_, err := evaluator.ParseFS(fsys, "mine")
	if want := "mine/locked: permission denied"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}
