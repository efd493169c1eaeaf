package evaluator_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
)

// TestSettingsRanges: each setting is checked against its kind's range before any
// evaluation, with a message naming it; the bounds themselves evaluate cleanly.
func TestSettingsRanges(t *testing.T) {
	ps := load(t)
	for _, tc := range []struct {
		name  string
		value any
		want  string
	}{
		{"management_review_max_age_days", 200000, "settings: management_review_max_age_days must be a whole number of days from 0 to 36500, got 200000"},
		{"patch_max_age_days", -1, "settings: patch_max_age_days must be a whole number of days from 0 to 36500, got -1"},
		{"incident_max_open_days", -5, "settings: incident_max_open_days must be a whole number of days from 0 to 36500, got -5"},
		{"training_window_days", 1.5, "settings: training_window_days must be a whole number of days from 0 to 36500, got 1.5"},
		{"nda_expiry_warning_days", "soon", `settings: nda_expiry_warning_days must be a whole number of days from 0 to 36500, got "soon"`},
		{"screen_lock_max_minutes", 1441, "settings: screen_lock_max_minutes must be a whole number of minutes from 0 to 1440, got 1441"},
		{"backup_min_frequency", "hourly", `settings: backup_min_frequency must be one of daily, monthly, none, quarterly, weekly, got "hourly"`},
		{"backup_min_frequency", 3, "settings: backup_min_frequency must be one of daily, monthly, none, quarterly, weekly, got 3"},
	} {
		_, err := ps.Evaluate(context.Background(), evaluator.Input{Document: doc(nil)},
			evaluator.Options{AsOf: "2026-11-26", Settings: map[string]any{tc.name: tc.value}})
		var ie *evaluator.InputError
		if !errors.As(err, &ie) || len(ie.Problems) != 1 || ie.Problems[0].Message != tc.want {
			t.Errorf("%s = %v: got %v, want an input error saying %q", tc.name, tc.value, err, tc.want)
		}
	}
	for _, bound := range []float64{0, evaluator.MaxDays} {
		settings := map[string]any{}
		for name, v := range ps.Settings(nil) {
			switch v.(type) {
			case string:
				settings[name] = "daily"
			default:
				settings[name] = bound
				if strings.HasSuffix(name, "_minutes") {
					settings[name] = min(bound, evaluator.MaxMinutes)
				}
			}
		}
		if _, err := ps.Evaluate(context.Background(), evaluator.Input{Document: doc(nil)}, evaluator.Options{AsOf: "2026-11-26", Settings: settings}); err != nil {
			t.Errorf("settings at %v: %v", bound, err)
		}
	}
}
