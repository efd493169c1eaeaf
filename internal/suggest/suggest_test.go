package suggest

import "testing"

func TestNearest(t *testing.T) {
	names := []string{"encryption_at_rest", "access_control", "designated", "site"}
	for _, tc := range []struct{ in, want string }{
		{"designatd", "designated"},
		{"sit", "site"},
		{"encrypton", "encryption_at_rest"},
		{"acces_control", "access_control"},
		{"zzzzzzzz", ""},
	} {
		if got := Nearest(tc.in, names); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
