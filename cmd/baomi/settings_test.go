package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSettingsOutOfRange: a setting beyond its range stops check with exit
// status 2 and a message naming it, before the policies' date arithmetic could
// fail on it; the largest values allowed evaluate the example cleanly.
func TestSettingsOutOfRange(t *testing.T) {
	repoRoot(t)
	t.Run("too large", func(t *testing.T) {
		t.Setenv("BAOMI_SETTINGS_MANAGEMENT_REVIEW_MAX_AGE_DAYS", "200000")
		code, out, errOut := runBaomi(t, "check", "fixtures/acme", "--as-of", "2026-11-26")
		want := "baomi: settings: management_review_max_age_days must be a whole number of days from 0 to 36500, got 200000\n"
		if code != 2 || errOut != want || out != "" {
			t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and:\n%s", code, errOut, want)
		}
	})
	config := filepath.Join(t.TempDir(), "baomi.yaml")
	var yaml strings.Builder
	yaml.WriteString("settings:\n")
	for _, name := range []string{"management_review_max_age_days", "catalog_review_max_age_days", "assessment_max_age_days",
		"monitoring_max_age_days", "nda_expiry_warning_days", "patch_max_age_days", "training_window_days"} {
		yaml.WriteString("  " + name + ": 36500\n")
	}
	yaml.WriteString("  screen_lock_max_minutes: 1440\n")
	if err := os.WriteFile(config, []byte(yaml.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, asOf := range []string{"1970-01-01", "2026-11-26", "2100-12-31"} {
		if code, _, errOut := runBaomi(t, "check", "fixtures/acme", "--config", config, "--as-of", asOf); code == 2 {
			t.Errorf("the largest settings as of %s: exit 2\n%s", asOf, errOut)
		}
	}
}
