package lsp

import (
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/baomi-dev/baomi/inventory"
)

func TestLanguageParsesOnlyWhatChanged(t *testing.T) {
	l := newLanguage("/w", inventory.BlockTypes(), extras{})
	sites := []byte("site \"上海\" {\n  city = \"上海\"\n}\n")
	l.load(map[string][]byte{"/w/a.hcl": []byte("system \"s\" {\n  site = site.上海\n}\n"), "/w/b.hcl": sites})
	b := l.parsed["/w/b.hcl"]
	// The first file changes: the second keeps its tree, and references
	// between them still resolve, both ways.
	a := []byte("system \"s\" {\n  name = \"系统\"\n  site = site.上海\n}\n")
	l.load(map[string][]byte{"/w/a.hcl": a, "/w/b.hcl": append([]byte(nil), sites...)})
	if l.parsed["/w/b.hcl"] != b {
		t.Error("an unchanged file was parsed again")
	}
	pos := newText(a).hclPos(Position{Line: 2, Character: 12})
	if defs := l.definitions("/w/a.hcl", pos); len(defs) != 1 || defs[0].Filename != "/w/b.hcl" || defs[0].Start != (hcl.Pos{Line: 1, Column: 1, Byte: 0}) {
		t.Errorf("definitions after a change: %v", defs)
	}
	if refs := l.references("/w/b.hcl", hcl.Pos{Line: 1, Column: 2, Byte: 1}, false); len(refs) != 1 || refs[0].Start.Line != 3 {
		t.Errorf("references after a change: %v", refs)
	}
	// A file gone is forgotten.
	l.load(map[string][]byte{"/w/a.hcl": a})
	if len(l.parsed) != 1 || len(l.pathCtx.Files) != 1 {
		t.Errorf("files after one is gone: %d parsed, %d known", len(l.parsed), len(l.pathCtx.Files))
	}
	if defs := l.definitions("/w/a.hcl", pos); len(defs) != 0 {
		t.Errorf("a definition in a file gone: %v", defs)
	}
}
