package lsp

import (
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func TestPositionsAreUTF16(t *testing.T) {
	// Line 2 holds Chinese text, an emoji of four code points (two of them
	// outside the BMP, a surrogate pair each) and one with a variation selector.
	src := []byte("site \"a\" {\r\n  /* 上海 👩‍💻 🖥️ */ kind = \"office\"\n}\n")
	tx := newText(src)
	cases := []struct {
		lsp Position
		hcl hcl.Pos
	}{
		{Position{0, 0}, hcl.Pos{Line: 1, Column: 1, Byte: 0}},
		{Position{0, 10}, hcl.Pos{Line: 1, Column: 11, Byte: 10}}, // before \r\n
		{Position{1, 0}, hcl.Pos{Line: 2, Column: 1, Byte: 12}},   // after \r\n
		{Position{1, 5}, hcl.Pos{Line: 2, Column: 6, Byte: 17}},   // 上
		{Position{1, 6}, hcl.Pos{Line: 2, Column: 7, Byte: 20}},   // 海
		{Position{1, 7}, hcl.Pos{Line: 2, Column: 8, Byte: 23}},   // the space after 海
		{Position{1, 8}, hcl.Pos{Line: 2, Column: 9, Byte: 24}},   // 👩‍💻: 5 UTF-16 units, 11 bytes, 1 column
		{Position{1, 13}, hcl.Pos{Line: 2, Column: 10, Byte: 35}}, // the space after it
		{Position{1, 14}, hcl.Pos{Line: 2, Column: 11, Byte: 36}}, // 🖥️: 3 units, 7 bytes, 1 column
		{Position{1, 17}, hcl.Pos{Line: 2, Column: 12, Byte: 43}}, // the space after it
		{Position{1, 18}, hcl.Pos{Line: 2, Column: 13, Byte: 44}}, // */
		{Position{1, 21}, hcl.Pos{Line: 2, Column: 16, Byte: 47}}, // kind
		{Position{1, 36}, hcl.Pos{Line: 2, Column: 31, Byte: 62}}, // the line's end
		{Position{2, 0}, hcl.Pos{Line: 3, Column: 1, Byte: 63}},   // }
		{Position{2, 1}, hcl.Pos{Line: 3, Column: 2, Byte: 64}},
		{Position{3, 0}, hcl.Pos{Line: 4, Column: 1, Byte: len(src)}}, // the end of the text
	}
	for _, c := range cases {
		if got := tx.hclPos(c.lsp); got != c.hcl {
			t.Errorf("hclPos(%v) = %+v, want %+v", c.lsp, got, c.hcl)
		}
		if got := tx.position(c.hcl); got != c.lsp {
			t.Errorf("position(%+v) = %v, want %v", c.hcl, got, c.lsp)
		}
	}
	// hcl itself agrees on every column and offset: the kind attribute's name.
	f, diags := hclsyntax.ParseConfig(src, "a.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	rng := f.Body.(*hclsyntax.Body).Blocks[0].Body.Attributes["kind"].NameRange
	if got := tx.hclPos(Position{1, 21}); got != rng.Start {
		t.Errorf("kind starts at %+v for hcl, %+v here", rng.Start, got)
	}
	if got := tx.lspRange(rng); got != (Range{Position{1, 21}, Position{1, 25}}) {
		t.Errorf("kind's range is %v", got)
	}
}

func TestPositionsOutOfRange(t *testing.T) {
	tx := newText([]byte("a = \"👩\"\nb = 1\n"))
	cases := []struct {
		lsp  Position
		want hcl.Pos
	}{
		// Inside the surrogate pair: the character it encodes.
		{Position{0, 6}, hcl.Pos{Line: 1, Column: 6, Byte: 5}},
		// Past the line's end: the line's end, never the next line.
		{Position{0, 99}, hcl.Pos{Line: 1, Column: 8, Byte: 10}},
		// Past the last line: the last line.
		{Position{9, 0}, hcl.Pos{Line: 3, Column: 1, Byte: 17}},
		{Position{-1, -1}, hcl.Pos{Line: 1, Column: 1, Byte: 0}},
	}
	for _, c := range cases {
		if got := tx.hclPos(c.lsp); got != c.want {
			t.Errorf("hclPos(%v) = %+v, want %+v", c.lsp, got, c.want)
		}
	}
	if got := tx.position(hcl.Pos{Line: 1, Column: 99}); got != (Position{0, 8}) {
		t.Errorf("a column past the line's end is %v", got)
	}
}

func TestURIs(t *testing.T) {
	// As VS Code sends them: every character outside ASCII escaped.
	path, ok := uriPath("file:///tmp/%E5%AE%A2%E6%88%B7%20%E8%B5%84%E6%96%99/a.hcl")
	if !ok || path != filepath.FromSlash("/tmp/客户 资料/a.hcl") {
		t.Errorf("uriPath = %q, %v", path, ok)
	}
	if back, ok := uriPath(pathURI(path)); !ok || back != path {
		t.Errorf("%q is %q and back %q", path, pathURI(path), back)
	}
	for _, uri := range []string{"untitled:Untitled-1", "file://", "::"} {
		if p, ok := uriPath(uri); ok {
			t.Errorf("uriPath(%q) = %q", uri, p)
		}
	}
}
