package inventory

import (
	"strings"
	"testing"
)

// TestBlockEnd splits blocks as hclsyntax reads strings, comments, heredocs and
// template sequences: a brace inside any of them does not count.
func TestBlockEnd(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"site \"a\" {\n  city = \"x\"\n}\nsite \"b\" {}\n", "site \"a\" {\n  city = \"x\"\n}\n"},
		{"site \"a\" {\n  name = \"$${\"\n}\nsite \"b\" {}\n", "site \"a\" {\n  name = \"$${\"\n}\n"},
		{"site \"a\" {\n  name = \"%%{ }\"\n}\nsite \"b\" {}\n", "site \"a\" {\n  name = \"%%{ }\"\n}\n"},
		{"site \"a\" {\n  name = \"${ \"}\" }\"\n}\nsite \"b\" {}\n", "site \"a\" {\n  name = \"${ \"}\" }\"\n}\n"},
		{"site \"a\" {\n  name = \"${ {b = \"{\"} }\"\n}\nsite \"b\" {}\n", "site \"a\" {\n  name = \"${ {b = \"{\"} }\"\n}\n"},
		{"site \"a\" {\n  name = \"$$${x}\"\n}\nsite \"b\" {}\n", "site \"a\" {\n  name = \"$$${x}\"\n}\n"},
		{"site \"a\" {\n  name = <<EOT\n}\n  EOT\n}\nsite \"b\" {}\n", "site \"a\" {\n  name = <<EOT\n}\n  EOT\n}\n"},
		{"site \"a\" {\r\n  name = <<-EOT\r\n}\r\nEOT\r\n}\r\nsite \"b\" {}\r\n", "site \"a\" {\r\n  name = <<-EOT\r\n}\r\nEOT\r\n}\r\n"},
		{"site \"a\" { # }\n  /* } */ city = \"x\" // }\n}\nsite \"b\" {}\n", "site \"a\" { # }\n  /* } */ city = \"x\" // }\n}\n"},
		{"site \"a\" {\n} site \"b\" {}\nsite \"c\" {}\n", "site \"a\" {\n} site \"b\" {}\n"},
		{"site \"a\" {\n}", "site \"a\" {\n}"},
		{"site \"a\" {\n  city = \"x\n}\n", ""},
		{"site \"a\" {\n  /* }\n", ""},
		{"site \"a\" {\n  name = <<EOT\n}\n", ""},
		{"site \"a\"\n{\n}\n", ""},
		{"site \"a\" {\n  name = \"${\"\n}\n", ""},
	} {
		end, ok := blockEnd([]byte(tc.src), 0)
		switch {
		case tc.want == "" && ok:
			t.Errorf("%q: ends at %d, want no end", tc.src, end)
		case tc.want != "" && (!ok || tc.src[:end] != tc.want):
			t.Errorf("%q: ends at %d (%v), want after %q", tc.src, end, ok, tc.want)
		}
	}
}

// TestTemplateSequence reads $ and % as hclsyntax's scanner does: $${ and %%{
// are literal, and $$${ is a literal $ before an escaped interpolation.
func TestTemplateSequence(t *testing.T) {
	for _, tc := range []struct {
		src   string
		n     int
		opens bool
	}{
		{"${x}", 2, true}, {"%{if", 2, true}, {"$${x}", 3, false}, {"%%{x}", 3, false},
		{"$x", 0, false}, {"$", 0, false}, {"$%{", 0, false}, {"%${", 0, false}, {"x{", 0, false},
	} {
		if n, opens := templateSequence([]byte(tc.src), 0); n != tc.n || opens != tc.opens {
			t.Errorf("%q: %d %v, want %d %v", tc.src, n, opens, tc.n, tc.opens)
		}
	}
}

// TestNestingReadsEscapesAsHCL: an escaped interpolation after a literal $
// opens nothing, and a heredoc introducer must end its line, so neither makes
// the nesting pre-scan count levels that are not there.
func TestNestingReadsEscapesAsHCL(t *testing.T) {
	deep := "system \"s\" {\n  backup {\n    frequency = \"daily\"\n  }\n}\n"
	for _, src := range []string{
		"site \"a\" {\n  name = \"$$${x\"\n}\n" + deep,
		"site \"a\" {\n  name = \"%%%{x\"\n}\n" + deep,
		"site \"a\" {\n  name = 1 <<EOT x\n}\n" + deep,
	} {
		if d := checkNesting([]byte(src), "a.hcl", 2); d != nil {
			t.Errorf("%q: %v", src, d)
		}
	}
	if d := checkNesting([]byte("site \"a\" {\n  name = \"$${x\" + \"${[1]}\"\n}\n"), "a.hcl", 2); d == nil {
		t.Error("an interpolation after an escaped one does not count")
	}
	if d := checkNesting([]byte(strings.Repeat("/* a\nb */", 3)+"site \"a\" {\n  x = [[1]]\n}\n"), "a.hcl", 2); d == nil || d.Subject.Start.Line != 5 || d.Subject.Start.Column != 8 {
		t.Errorf("after block comments over lines, want an error at 5:8, got %v", d)
	}
}
