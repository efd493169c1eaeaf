package inventory

import (
	"strings"
	"unique"

	"github.com/hashicorp/hcl/v2"
)

// location is where one attribute or nested block of a resource is written.
// Ranges in an inventory never span lines, so a few int32s hold one; the
// resource's file name is its definition range's.
type location struct {
	path                       string
	line, col, endLine, endCol int32
}

// setLoc records where the attribute or nested block at path is written,
// sharing the path through t.
func (r *resource) setLoc(t texts, path string, rng hcl.Range) {
	r.addLoc(t.intern(path), rng)
}

// addLoc is setLoc for a path already shared.
func (r *resource) addLoc(path string, rng hcl.Range) {
	r.locs = append(r.locs, location{path: path,
		line: int32(rng.Start.Line), col: int32(rng.Start.Column),
		endLine: int32(rng.End.Line), endCol: int32(rng.End.Column)})
}

// loc returns where path is written. An attribute of a repeatable nested
// block named without an index ("backup.encrypted") stands for the first block
// of the type that sets it: blocks are recorded in the order they are written.
func (r *resource) loc(path string) (hcl.Range, bool) {
	for i := range r.locs {
		if r.locs[i].path == path {
			return r.rangeOf(r.locs[i]), true
		}
	}
	name, attr, ok := strings.Cut(path, ".")
	if !ok || r.typ == nil || !r.typ.repeats(name) {
		return hcl.Range{}, false
	}
	block := name + "["
	for _, l := range r.locs {
		if indexed, ok := strings.CutPrefix(l.path, block); ok {
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
func (r *resource) setNestedLoc(t texts, nb nestedBlock, path string, rng hcl.Range) {
	r.setLoc(t, path, rng)
	if path != nb.name {
		if _, seen := r.loc(nb.name); !seen {
			r.setLoc(t, nb.name, rng)
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
