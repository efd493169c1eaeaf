package main

import (
	"strings"
	"testing"
)

func TestAsOfRange(t *testing.T) {
	c, err := configFor(t, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, ok := range []string{"1900-01-01", "2200-12-31", "2024-02-29", "2026-11-26"} {
		if got, err := asOfDate(c, ok); err != nil || got != ok {
			t.Errorf("asOfDate(%s) = %q, %v", ok, got, err)
		}
	}
	for bad, want := range map[string]string{
		"1899-12-31": "want a year from 1900 to 2200",
		"2201-01-01": "want a year from 1900 to 2200",
		"2026-02-30": "the day does not exist (February 2026 has 28 days)",
		"2026-00-10": "there is no month 0",
		"2026-01-00": "the day does not exist (January 2026 has 31 days)",
		"2026-1-1":   "want a date written YYYY-MM-DD",
		"٢٠٢٦-01-01": "want a date written YYYY-MM-DD",
	} {
		_, err := asOfDate(c, bad)
		if err == nil || err.Error() != "baomi: --as-of "+bad+": "+want {
			t.Errorf("asOfDate(%s) = %v, want %q", bad, err, want)
		}
	}
}

// TestAsOfAtTheEdgesEvaluates: the first and last days accepted are judged
// without an error from the policies.
func TestAsOfAtTheEdgesEvaluates(t *testing.T) {
	dir := writeInventory(t, failingInventory)
	for _, day := range []string{"1900-01-01", "2200-12-31"} {
		code, _, stderr := runBaomi(t, "check", dir, "--as-of", day)
		if code != 1 || strings.TrimSpace(stderr) != "" {
			t.Errorf("--as-of %s: exit %d, stderr:\n%s", day, code, stderr)
		}
	}
}
