package suggest

import (
	"strings"
	"testing"
	"time"
)

func TestNearest(t *testing.T) {
	names := []string{"encryption_at_rest", "access_control", "designated", "site"}
	for _, tc := range []struct{ in, want string }{
		{"designatd", "designated"},
		{"sit", "site"},
		{"encrypton", "encryption_at_rest"},
		{"acces_control", "access_control"},
		{"Access-Control", "access_control"},
		{"zzzzzzzz", ""},
	} {
		if got := Nearest(tc.in, names); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestNearestIgnoresCaseAndPunctuation: an algorithm written without its dash
// or in other letter case finds the enum value.
func TestNearestIgnoresCaseAndPunctuation(t *testing.T) {
	algorithms := []string{"none", "SM4", "AES-128", "AES-192", "AES-256"}
	for _, tc := range []struct{ in, want string }{
		{"AES256", "AES-256"},
		{"aes_256", "AES-256"},
		{"aes 128", "AES-128"},
		{"sm4", "SM4"},
		{"Sm-4", "SM4"},
		{"NONE", "none"},
		{"AES-265", "AES-256"},
	} {
		if got := Nearest(tc.in, algorithms); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestNearestBounded: names longer than MaxRunes are not compared, so that a
// hostile 50,000-character id costs nothing.
func TestNearestBounded(t *testing.T) {
	long := strings.Repeat("x", 50000)
	candidates := make([]string, 2000)
	for i := range candidates {
		candidates[i] = long[:50000-i]
	}
	start := time.Now()
	if got := Nearest(long+"y", candidates); got != "" {
		t.Errorf("Nearest of a 50,000-character name = %.20q…, want no suggestion", got)
	}
	if got := Nearest("xxxx", candidates); got != "" {
		t.Errorf("Nearest compared a candidate longer than MaxRunes: %.20q…", got)
	}
	if got := Nearest("shop_db", append(candidates, "shop_dbs")); got != "shop_dbs" {
		t.Errorf("Nearest(shop_db) = %.20q, want shop_dbs among long candidates", got)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Nearest took %s over long names", d)
	}
}

func TestEditDistanceStopsAtLimit(t *testing.T) {
	a, b := []rune("abcdefgh"), []rune("zyxwvuts")
	if got := editDistance(a, b, 100); got != 8 {
		t.Errorf("editDistance = %d, want 8", got)
	}
	if got := editDistance(a, b, 3); got != 3 {
		t.Errorf("editDistance with limit 3 = %d, want 3", got)
	}
}
