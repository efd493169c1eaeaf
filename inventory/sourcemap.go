package inventory

import (
	"strings"
	"sync"
	"sync/atomic"
	"unique"

	"github.com/hashicorp/hcl/v2"
)

// location is where one attribute or nested block of a resource is written:
// its path's number and its range. Ranges in an inventory never span lines,
// so a few int32s hold one; the resource's file name is its definition
// range's. A location holds no pointer, so the collector never reads the
// source map's millions of them.
type location struct {
	path                       pathID
	line, col, endLine, endCol int32
}

// pathID numbers an attribute path ("backup[1].site") in paths.
type pathID uint32

// paths numbers the attribute paths of every inventory decoded: a few hundred
// texts that every resource of a type repeats. names grows by appending, and a
// reader holds the slice it loaded, so names are read without the lock.
var paths struct {
	mu    sync.RWMutex
	ids   map[string]pathID
	names atomic.Pointer[[]string]
}

// idOf returns the number of path, numbering it if it has none.
func idOf(path string) pathID {
	if id, ok := lookupID(path); ok {
		return id
	}
	paths.mu.Lock()
	defer paths.mu.Unlock()
	if id, ok := paths.ids[path]; ok {
		return id
	}
	if paths.ids == nil {
		paths.ids = map[string]pathID{}
	}
	var names []string
	if p := paths.names.Load(); p != nil {
		names = *p
	}
	id := pathID(len(names))
	names = append(names, path)
	paths.ids[path] = id
	paths.names.Store(&names)
	return id
}

// lookupID returns the number of path, if it has one.
func lookupID(path string) (pathID, bool) {
	paths.mu.RLock()
	defer paths.mu.RUnlock()
	id, ok := paths.ids[path]
	return id, ok
}

// text is the path numbered id.
func (id pathID) text() string {
	return (*paths.names.Load())[id]
}

// pathIDs holds the path numbers a decoder has asked for, so that it takes the
// shared table's lock once per path. A nil pathIDs holds none.
type pathIDs map[string]pathID

// id returns the number of path.
func (c pathIDs) id(path string) pathID {
	if id, ok := c[path]; ok {
		return id
	}
	id := idOf(path)
	if c != nil {
		c[path] = id
	}
	return id
}

// setLoc records where the attribute or nested block at path is written,
// numbering the path through ids.
func (r *resource) setLoc(ids pathIDs, path string, rng hcl.Range) {
	r.addLoc(ids.id(path), rng)
}

// addLoc is setLoc for a path already numbered.
func (r *resource) addLoc(path pathID, rng hcl.Range) {
	r.locs = append(r.locs, location{path: path,
		line: int32(rng.Start.Line), col: int32(rng.Start.Column),
		endLine: int32(rng.End.Line), endCol: int32(rng.End.Column)})
}

// loc returns where path is written. An attribute of a repeatable nested
// block named without an index ("backup.encrypted") stands for the first block
// of the type that sets it: blocks are recorded in the order they are written.
func (r *resource) loc(path string) (hcl.Range, bool) {
	if id, ok := lookupID(path); ok {
		for i := range r.locs {
			if r.locs[i].path == id {
				return r.rangeOf(r.locs[i]), true
			}
		}
	}
	name, attr, ok := strings.Cut(path, ".")
	if !ok || r.typ == nil || !r.typ.repeats(name) {
		return hcl.Range{}, false
	}
	block := name + "["
	for _, l := range r.locs {
		if indexed, ok := strings.CutPrefix(l.path.text(), block); ok {
			if _, rest, ok := strings.Cut(indexed, "]."); ok && rest == attr {
				return r.rangeOf(l), true
			}
		}
	}
	return hcl.Range{}, false
}

// rangeOf is l's range in the resource's file.
func (r *resource) rangeOf(l location) hcl.Range {
	return hcl.Range{Filename: r.defRng.Filename,
		Start: hcl.Pos{Line: int(l.line), Column: int(l.col)},
		End:   hcl.Pos{Line: int(l.endLine), Column: int(l.endCol)}}
}

// setNestedLoc records a nested block at path ("backup[1]", "collection"); the
// first block of a type also answers to the type's name ("backup").
func (r *resource) setNestedLoc(ids pathIDs, nb nestedBlock, path string, rng hcl.Range) {
	r.setLoc(ids, path, rng)
	if path != nb.name {
		if _, seen := r.loc(nb.name); !seen {
			r.setLoc(ids, nb.name, rng)
		}
	}
}

// intern returns the one shared copy of s: attribute paths, enum values and
// references repeat across thousands of resources.
func intern(s string) string {
	return unique.Make(s).Value()
}

// texts holds one copy of each text a decoder meets, as a string and as a value
// of the document: paths, references, dates and enum values repeat across
// thousands of resources. A decoder's own map needs no lock and costs less than
// the table intern shares between decoders, which it asks only for paths, few
// and shared by every file. A nil texts keeps nothing.
type texts map[string]any

// value returns the decoder's copy of s, as a value of the document.
func (t texts) value(s string) any {
	if v, ok := t[s]; ok {
		return v
	}
	var v any = s
	if t != nil {
		t[s] = v
	}
	return v
}

// valueOf is value for the text b.
func (t texts) valueOf(b []byte) any {
	if v, ok := t[string(b)]; ok {
		return v
	}
	return t.value(string(b))
}

// join returns the copy of the text of parts, joined, that intern shares.
func (t texts) join(parts ...string) string {
	var buf [64]byte
	text := buf[:0]
	for _, p := range parts {
		text = append(text, p...)
	}
	if v, ok := t[string(text)]; ok {
		return v.(string)
	}
	return t.intern(string(text))
}

// intern is intern, asked once per text.
func (t texts) intern(s string) string {
	if v, ok := t[s]; ok {
		return v.(string)
	}
	s = intern(s)
	if t != nil {
		t[s] = s
	}
	return s
}

// compactLocs trims the source map's spare capacity once a resource is decoded.
func (r *resource) compactLocs() {
	if cap(r.locs) > len(r.locs) {
		r.locs = append(make([]location, 0, len(r.locs)), r.locs...)
	}
}
