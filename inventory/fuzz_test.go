package inventory

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// FuzzDecode feeds arbitrary bytes to the decoder as an inventory file. Whatever
// the input, decoding must not panic; every diagnostic must name the file and,
// unless it is about the file as a whole, a place inside it; rendering the
// diagnostics must not panic and must give the same text twice; and a clean
// inventory must be a document JSON can hold. The seed corpus is in
// testdata/fuzz/FuzzDecode; a short run is one of the documented checks:
//
//	go test ./inventory -run '^$' -fuzz FuzzDecode -fuzztime 5m
func FuzzDecode(f *testing.F) {
	f.Add([]byte("site \"hq\" {\n  kind = \"office\"\n}\n"))
	f.Add([]byte("system \"db\" {\n  kind = \"server\"\n  site = site.hq\n  backup {\n    frequency = \"daily\"\n  }\n}\nsite \"hq\" {}\n"))
	f.Add([]byte("\xef\xbb\xbfdepartment \"d\" {\r\n  staff = 1e400\r\n  head  = \"\xff\"\r\n}\r\n"))
	f.Add([]byte("data_asset \"d\" {\n  stored_in = [system.a.b, \"system.c\", upper(\"x\")]\n  name = \"${x}\"\n}\n"))
	f.Add([]byte("site \"a\" {\n  name = <<EOT\nx ${[[[1]]]}\nEOT\n}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		name := filepath.Join(dir, "a.hcl")
		if err := os.WriteFile(name, src, 0o644); err != nil {
			t.Fatal(err)
		}
		first := decodeForFuzz(t, dir, bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")))
		if again := decodeForFuzz(t, dir, nil); again != first {
			t.Errorf("two decodings of the same file disagree:\n%s\n---\n%s", first, again)
		}
	})
}

// decodeForFuzz loads dir, checks its diagnostics against src (when given) and
// returns them rendered.
func decodeForFuzz(t *testing.T, dir string, src []byte) string {
	t.Helper()
	inv, diags := LoadWith([]string{dir}, Options{})
	if inv == nil {
		t.Fatal("LoadWith returned no Inventory")
	}
	if src != nil {
		for _, d := range diags {
			if err := fuzzCheckPlace(d, src); err != nil {
				t.Errorf("diagnostic %q (%s): %v", d.Summary, d.Detail, err)
			}
		}
		if !diags.HasErrors() {
			if _, err := json.Marshal(inv.Document); err != nil {
				t.Errorf("a clean inventory gave a document JSON cannot hold: %v", err)
			}
		}
	}
	SortDiagnostics(diags)
	var buf bytes.Buffer
	if err := inv.WriteDiagnostics(&buf, diags); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// fuzzCheckPlace checks that a diagnostic names the file and, unless it is about
// the file as a whole, a line, column and byte offset inside src that agree.
func fuzzCheckPlace(d *hcl.Diagnostic, src []byte) error {
	s := d.Subject
	switch {
	case s == nil || s.Filename == "":
		return fmt.Errorf("names no file")
	case s.Start.Line == 0 && s.Start.Column == 0 && s.Start.Byte == 0:
		switch d.Summary {
		case "cannot read file", "not a regular file", "file too large", "UTF-16 file":
			return nil
		}
		return fmt.Errorf("has no line and column")
	}
	lines := bytes.Count(src, []byte("\n")) + 1
	switch p := s.Start; {
	case p.Line < 1 || p.Line > lines:
		return fmt.Errorf("line %d is outside the file's %d lines", p.Line, lines)
	case p.Column < 1:
		return fmt.Errorf("column %d", p.Column)
	case p.Byte < 0 || p.Byte > len(src):
		return fmt.Errorf("byte offset %d is outside the file's %d bytes", p.Byte, len(src))
	case bytes.Count(src[:p.Byte], []byte("\n"))+1 != p.Line:
		return fmt.Errorf("byte offset %d lies on line %d, not on line %d", p.Byte, bytes.Count(src[:p.Byte], []byte("\n"))+1, p.Line)
	case s.End.Byte < p.Byte || s.End.Byte > len(src):
		return fmt.Errorf("range ends at byte %d, outside %d..%d", s.End.Byte, p.Byte, len(src))
	}
	return nil
}
