package inventory

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

func TestBlockTypesDescribeEveryName(t *testing.T) {
	types := BlockTypes()
	if len(types) != len(Collections()) {
		t.Fatalf("%d block types, %d collections", len(types), len(Collections()))
	}
	described := func(what, doc string) {
		if !strings.HasSuffix(doc, ".") || strings.Contains(doc, "\n") {
			t.Errorf("%s: want a one-line sentence, got %q", what, doc)
		}
	}
	for _, b := range types {
		described(b.Name, b.Doc)
		for _, a := range b.Attributes {
			described(b.Name+"."+a.Name, a.Doc)
		}
		for _, nb := range b.Blocks {
			described(b.Name+"."+nb.Name, nb.Doc)
			for _, a := range nb.Attributes {
				described(b.Name+"."+nb.Name+"."+a.Name, a.Doc)
			}
		}
	}
}

func TestBlockTypesIsTheDecodersTable(t *testing.T) {
	byName := map[string]BlockTypeInfo{}
	for _, b := range BlockTypes() {
		byName[b.Name] = b
	}
	sys := byName["system"]
	if sys.Collection != "systems" || len(sys.Blocks) != 1 || sys.Blocks[0].Name != "backup" || !sys.Blocks[0].Many {
		t.Fatalf("system: %+v", sys)
	}
	attr := func(b BlockTypeInfo, name string) AttributeInfo {
		for _, a := range b.Attributes {
			if a.Name == name {
				return a
			}
		}
		t.Fatalf("%s has no attribute %s", b.Name, name)
		return AttributeInfo{}
	}
	if a := attr(sys, "encryption_at_rest"); a.Kind != KindEnum || strings.Join(a.Enum, "|") != "none|SM4|AES-128|AES-192|AES-256" {
		t.Errorf("encryption_at_rest: %+v", a)
	}
	if a := attr(byName["data_asset"], "stored_in"); a.Kind != KindRefList || strings.Join(a.Refs, "|") != "system|paper_archive" {
		t.Errorf("stored_in: %+v", a)
	}
	// A reference to any type lists every type, and may be a Terraform address.
	if a := attr(byName["waiver"], "resource"); a.Kind != KindRef || !a.Terraform || len(a.Refs) != len(blockTypes) {
		t.Errorf("resource: %+v", a)
	}
	if !byName["organization"].Single || len(byName["waiver"].Required) != 5 {
		t.Errorf("organization or waiver: %+v %+v", byName["organization"], byName["waiver"])
	}
	// The view is a copy: changing it leaves the decoder's table alone.
	sys.Attributes[0].Name = "changed"
	attr(sys, "encryption_at_rest").Enum[0] = "changed"
	if BlockTypes()[3].Attributes[0].Name != "name" || blockTypeByName("system").attrs[5].enum[0] != "none" {
		t.Error("BlockTypes shares the decoder's table")
	}
}

func TestOverlayStandsForTheFileOnDisk(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "sites.hcl")
	if err := os.WriteFile(name, []byte("organization \"o\" {}\nsite \"a\" {\n  kind = \"office\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The unsaved text has an error on line 3, after Chinese text.
	text := []byte("organization \"o\" {}\nsite \"a\" {\n  name = \"上海\" kind = \"office\"\n}\n")
	_, diags := LoadWith([]string{dir}, Options{Overlay: map[string][]byte{DisplayName(name): text}})
	if !diags.HasErrors() || diags[0].Subject == nil || diags[0].Subject.Start.Line != 3 {
		t.Fatalf("want an error on line 3 of the overlay, got %v", diags)
	}
	// And a clean overlay hides an error on disk.
	if err := os.WriteFile(name, []byte("site {"), 0o644); err != nil {
		t.Fatal(err)
	}
	inv, diags := LoadWith([]string{dir}, Options{Overlay: map[string][]byte{DisplayName(name): []byte("\xef\xbb\xbforganization \"o\" {}\n")}})
	if diags.HasErrors() || len(inv.Document["organization"].(map[string]any)) != 1 {
		t.Fatalf("want the overlay decoded, got %v", diags)
	}
	_, diags = LoadWith([]string{dir}, Options{MaxFileBytes: 4, Overlay: map[string][]byte{DisplayName(name): []byte("organization \"o\" {}\n")}})
	if len(diags) != 1 || !strings.Contains(Message(diags[0]), "file too large: The file holds 20 bytes; the limit is 4") {
		t.Fatalf("want the overlay's size limited, got %v", diags)
	}
}

func TestMessageIsWhatValidatePrints(t *testing.T) {
	d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown value", Detail: "bad\x1b[31m"}
	if got := Message(d); got != "Unknown value: bad\uFFFD[31m" {
		t.Errorf("Message = %q", got)
	}
}

func TestColumns(t *testing.T) {
	line := []byte("  name = \"上海 👩‍💻\" kind")
	for _, c := range []struct {
		off, col int
	}{{0, 1}, {9, 10}, {10, 11}, {13, 12}, {16, 13}, {17, 14}, {28, 15}, {29, 16}} {
		if got := Column(line, c.off); got != c.col {
			t.Errorf("Column(%d) = %d, want %d", c.off, got, c.col)
		}
		if got := ColumnOffset(line, c.col); got != c.off {
			t.Errorf("ColumnOffset(%d) = %d, want %d", c.col, got, c.off)
		}
	}
	if got := ColumnOffset(line, 99); got != len(line) {
		t.Errorf("ColumnOffset past the end = %d, want %d", got, len(line))
	}
}

// TestAttributeNamesAreUnique: no body of the schema names an attribute twice,
// which the fast path's check for unknown attributes counts on (fastAttrs).
func TestAttributeNamesAreUnique(t *testing.T) {
	check := func(where string, attrs []attribute) {
		seen := map[string]bool{}
		for _, a := range attrs {
			if seen[a.name] {
				t.Errorf("%s names %s twice", where, a.name)
			}
			seen[a.name] = true
		}
	}
	for _, bt := range blockTypes {
		check(bt.name, bt.attrs)
		for _, nb := range bt.blocks {
			check(bt.name+" "+nb.name, nb.attrs)
		}
	}
}
