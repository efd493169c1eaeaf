package report

import (
	"reflect"
	"strings"
	"testing"
)

func TestWrapText(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    string
		width int
		want  []string
	}{
		{"fits", "a short line", 20, []string{"a short line"}},
		{"between words", "one two three four", 9, []string{"one two", "three", "four"}},
		{"CJK between characters, by display width", "处理或负责客户资料", 8, []string{"处理或负", "责客户资", "料"}},
		{"closing punctuation stays on the line it closes", "未划分资料,类别", 10, []string{"未划分资", "料,类别"}},
		{"opening punctuation goes with what it opens", "资料类别(基本身份", 10, []string{"资料类别", "(基本身份"}},
		{"a path is cut after a slash", "fixtures/acme/infrastructure.hcl:124:3", 20, []string{"fixtures/acme/", "infrastructure.", "hcl:124:3"}},
		{"a word with no separator is cut at the width", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"a wide character in a one-column cell", "资料", 1, []string{"资", "料"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := wrapText(tc.in, tc.width)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("wrapText(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
			}
		})
	}
}

// TestWrapTextKeepsEverything: whatever the width, every line fits it (but for
// a lone character wider than the column) and the lines hold the whole text.
func TestWrapTextKeepsEverything(t *testing.T) {
	texts := []string{
		"data_asset.service_tickets 未划分资料类别(基本身份信息、业务信息、敏感信息或衍生信息)",
		"fixtures/acme/infrastructure.hcl:124:3 system.marketing_saas holds customer data",
		"👩‍💻 emoji, e\u0301 combining, ｆｕｌｌ width, \\x1b[31m escaped",
		"   leading and  double   spaces ",
		"",
	}
	for _, text := range texts {
		for width := 1; width <= 40; width++ {
			lines := wrapText(text, width)
			joined := ""
			for _, line := range lines {
				if w := displayWidth(line); w > width && len([]rune(line)) > 1 {
					t.Errorf("wrapText(%q, %d): line %q is %d wide", text, width, line, w)
				}
				joined += line
			}
			if strip(joined) != strip(text) {
				t.Errorf("wrapText(%q, %d) lost text: %q", text, width, lines)
			}
		}
	}
}

// strip removes spaces, which wrapping may turn into line breaks.
func strip(s string) string {
	return strings.Join(strings.Fields(s), "")
}
