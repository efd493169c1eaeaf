package report

import "testing"

func TestArticle(t *testing.T) {
	for _, tc := range []struct{ in, lang, want string }{
		{"4.2.3", "zh", "四(二)3"},
		{"2.1", "zh", "二(一)"},
		{"4.7", "zh", "四(七)"},
		{"5.1", "zh", "五(一)"},
		{"4", "zh", "四"},
		{"4.2.3", "en", "Art. 4.2.3"},
	} {
		if got := Article(tc.in, tc.lang); got != tc.want {
			t.Errorf("Article(%q, %q) = %q, want %q", tc.in, tc.lang, got, tc.want)
		}
	}
}
