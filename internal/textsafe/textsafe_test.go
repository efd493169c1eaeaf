package textsafe

import (
	"strings"
	"testing"
)

func TestTerminal(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain text is unchanged", "system.crm_db (Customer CRM)", "system.crm_db (Customer CRM)"},
		{"CJK is kept", "客户关系管理系统 · 绝密", "客户关系管理系统 · 绝密"},
		{"newline and tab are kept", "a\n\tb", "a\n\tb"},
		{"ANSI colour", "\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"OSC title and hyperlink", "\x1b]0;pwned\x07\x1b]8;;http://x\x1b\\", `\x1b]0;pwned\x07\x1b]8;;http://x\x1b\`},
		{"carriage return overwrites", "ok\rFAIL", `ok\rFAIL`},
		{"backspace, NUL, DEL", "a\bb\x00c\x7f", `a\x08b\x00c\x7f`},
		{"C1 CSI as a rune", "a\u009b31mb", `a\x9b31mb`},
		{"bytes that are not UTF-8", "a\xff\xfeb", `a\xff\xfeb`},
		{"bidi override", "evil\u202Egnp.exe", `evil\u202egnp.exe`},
		{"bidi isolate and mark", "\u2066a\u2069\u200f", `\u2066a\u2069\u200f`},
		{"invisible separators", "a\u200bb\ufeffc\u2028d", `a\u200bb\ufeffc\u2028d`},
		{"emoji with joiner is kept", "👩\u200d💻", "👩\u200d💻"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Terminal(tc.in); got != tc.want {
				t.Errorf("Terminal(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain text is unchanged", "备份 at 2026-01-01", "备份 at 2026-01-01"},
		{"newline, CR and tab are escaped", "a\r\nb\tc", `a\r\nb\tc`},
		{"controls as in Terminal", "\x1b[2J", `\x1b[2J`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Line(tc.in); got != tc.want {
				t.Errorf("Line(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain text is unchanged", "Customer CRM 客户系统", "Customer CRM 客户系统"},
		{"an underscore inside a word is kept", "system.crm_db 客户_资料", "system.crm_db 客户_资料"},
		{"an underscore at a word's edge is escaped", "_x a_ b__c", `\_x a\_ b\_\_c`},
		{"HTML that closes a details element", "</details><img src=x onerror=alert(1)>",
			"&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;"},
		{"entity stays literal", "&lt;", "&amp;lt;"},
		{"pipe cannot split a table cell", "a | b", `a \| b`},
		{"backticks cannot open a code span", "`rm -rf`", "\\`rm -rf\\`"},
		{"newlines become spaces", "a\nb\r\nc\td", "a b c d"},
		{"emphasis, links and headings stay literal", "*x* _y_ [l](http://e) ~z~ #h \\", `\*x\* \_y\_ \[l\](http://e) \~z\~ \#h \\`},
		{"ANSI escape is shown, not sent", "\x1b[31mred", `\\x1b\[31mred`},
		{"bidi override is shown", "a\u202eb", `a\\u202eb`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Markdown(tc.in); got != tc.want {
				t.Errorf("Markdown(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestNothingUnsafeSurvives feeds every code point below U+3000 and a few
// hostile bytes through the sanitisers and checks what comes out.
func TestNothingUnsafeSurvives(t *testing.T) {
	var b strings.Builder
	for r := rune(0); r < 0x3000; r++ {
		b.WriteRune(r)
	}
	b.WriteString("\xc0\x80\xed\xa0\x80\xff")
	in := b.String()
	for name, f := range map[string]func(string) string{"Terminal": Terminal, "Line": Line, "Markdown": Markdown} {
		out := f(in)
		for i, r := range out {
			if r == '\uFFFD' {
				t.Errorf("%s: replacement character at %d: an invalid byte was not escaped", name, i)
			}
			if unsafe(r) && !(name == "Terminal" && (r == '\n' || r == '\t')) {
				t.Errorf("%s: %U survives", name, r)
			}
		}
		if f(out) != out && name != "Markdown" {
			t.Errorf("%s is not idempotent", name)
		}
	}
}

func TestRows(t *testing.T) {
	got := Rows([][]string{{"a|b", "x"}, {"\x1b[2J"}}, Markdown)
	if got[0][0] != `a\|b` || got[0][1] != "x" || got[1][0] != `\\x1b\[2J` {
		t.Errorf("Rows = %q", got)
	}
}
