package report

import (
	"reflect"
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
