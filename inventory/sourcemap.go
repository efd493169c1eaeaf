package inventory

import (
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

// setLoc records where the attribute or nested block at path is written.
func (r *resource) setLoc(path string, rng hcl.Range) {
	r.locs = append(r.locs, location{path: intern(path),
		line: int32(rng.Start.Line), col: int32(rng.Start.Column),
		endLine: int32(rng.End.Line), endCol: int32(rng.End.Column)})
}

// loc returns where path is written.
func (r *resource) loc(path string) (hcl.Range, bool) {
	for _, l := range r.locs {
		if l.path == path {
			return hcl.Range{Filename: r.defRng.Filename,
				Start: hcl.Pos{Line: int(l.line), Column: int(l.col)},
				End:   hcl.Pos{Line: int(l.endLine), Column: int(l.endCol)}}, true
		}
	}
	return hcl.Range{}, false
}

// setNestedLoc records a nested block at path ("backup[1]", "collection"); the
// first block of a type also answers to the type's name ("backup").
func (r *resource) setNestedLoc(nb nestedBlock, path string, rng hcl.Range) {
	r.setLoc(path, rng)
	if path != nb.name {
		if _, seen := r.loc(nb.name); !seen {
			r.setLoc(nb.name, rng)
		}
	}
}

// aliasNestedAttrs lets "backup.encrypted" stand for the first backup block that
// sets encrypted, once the block at path is decoded.
func (r *resource) aliasNestedAttrs(nb nestedBlock, path string) {
	if !nb.many {
		return
	}
	for _, a := range nb.attrs {
		if rng, ok := r.loc(path + "." + a.name); ok {
			if _, seen := r.loc(nb.name + "." + a.name); !seen {
				r.setLoc(nb.name+"."+a.name, rng)
			}
		}
	}
}

// intern returns the one shared copy of s: attribute paths, enum values and
// references repeat across thousands of resources.
func intern(s string) string {
	return unique.Make(s).Value()
}

// compactLocs trims the source map's spare capacity once a resource is decoded.
func (r *resource) compactLocs() {
	if cap(r.locs) > len(r.locs) {
		r.locs = append(make([]location, 0, len(r.locs)), r.locs...)
	}
}
