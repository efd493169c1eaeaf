package evaluator

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/baomi-dev/baomi/internal/suggest"
)

// SettingKind is the kind of value a setting takes.
type SettingKind string

// The kinds of setting.
const (
	// DayCount is a whole number of days from 0 to MaxDays.
	DayCount SettingKind = "days"
	// MinuteCount is a whole number of minutes from 0 to MaxMinutes.
	MinuteCount SettingKind = "minutes"
	// Frequency is one of the library's backup frequencies (the facts contract's
	// choices for the setting).
	Frequency SettingKind = "frequency"
	// Text is a non-empty string, such as a tag's key.
	Text SettingKind = "text"
)

// Bounds of the numeric settings: a century of days (dates stay far inside the
// range the policies' date arithmetic can represent), a day of minutes.
const (
	// MaxDays is the largest day count a setting may take.
	MaxDays = 36500
	// MaxMinutes is the largest minute count a setting may take.
	MaxMinutes = 1440
)

// settingKinds declares the kind of every setting of the library's
// default_settings; Load refuses a library whose settings differ from this list.
var settingKinds = map[string]SettingKind{
	"management_review_max_age_days": DayCount,
	"catalog_review_max_age_days":    DayCount,
	"backup_min_frequency":           Frequency,
	"assessment_max_age_days":        DayCount,
	"monitoring_max_age_days":        DayCount,
	"nda_expiry_warning_days":        DayCount,
	"patch_max_age_days":             DayCount,
	"screen_lock_max_minutes":        MinuteCount,
	"training_window_days":           DayCount,
	"terraform_system_tag":           Text,
	"incident_max_open_days":         DayCount,
}

// checkSettingKinds reports a library default setting without a declared kind,
// or a declared setting the library does not define.
func checkSettingKinds(defs map[string]any) error {
	var missing []string
	for k := range defs {
		if _, ok := settingKinds[k]; !ok {
			missing = append(missing, k+" has no declared kind")
		}
	}
	for k := range settingKinds {
		if _, ok := defs[k]; !ok {
			missing = append(missing, k+" is declared but has no default")
		}
	}
	if len(missing) == 0 {
		return nil
	}
	sort.Strings(missing)
	return &EvalError{Message: "the library's default_settings and the evaluator's settingKinds differ: " + strings.Join(missing, "; ")}
}

// checkSettings checks user settings: known names, and values of their kind and
// in range.
func checkSettings(settings, defs map[string]any, choices map[string][]string) []Problem {
	var names []string
	for k := range defs {
		names = append(names, k)
	}
	sort.Strings(names)
	var keys []string
	for k := range settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var problems []Problem
	for _, k := range keys {
		v := settings[k]
		if _, known := defs[k]; !known {
			msg := fmt.Sprintf("settings: unknown setting %q", k)
			if s := suggest.Nearest(k, names); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			problems = append(problems, Problem{Message: msg + " (known: " + strings.Join(names, ", ") + ")"})
			continue
		}
		if msg := checkSetting(settingKinds[k], v, choices[k]); msg != "" {
			problems = append(problems, Problem{Message: fmt.Sprintf("settings: %s must be %s, got %s", k, msg, settingValue(v))})
		}
	}
	return problems
}

// checkSetting returns what a value of the kind must be when v is not one, or "";
// words are the values a Frequency setting allows.
func checkSetting(kind SettingKind, v any, words []string) string {
	switch kind {
	case DayCount:
		return wholeNumber(v, MaxDays, "days")
	case MinuteCount:
		return wholeNumber(v, MaxMinutes, "minutes")
	case Frequency:
		if s, ok := v.(string); ok && slices.Contains(words, s) {
			return ""
		}
		return "one of " + strings.Join(words, ", ")
	case Text:
		if s, ok := v.(string); ok && strings.TrimSpace(s) != "" {
			return ""
		}
		return "a non-empty string"
	}
	return "a value of kind " + string(kind)
}

// wholeNumber returns what v must be when it is not a whole number of units
// from 0 to max, or "".
func wholeNumber(v any, max int, units string) string {
	if n, ok := toFloat(v); ok && n >= 0 && n <= float64(max) && n == math.Trunc(n) {
		return ""
	}
	return fmt.Sprintf("a whole number of %s from 0 to %d", units, max)
}

// settingValue shows a setting's value in a message: text quoted, cut when long.
func settingValue(v any) string {
	s, ok := v.(string)
	if !ok {
		return fmt.Sprintf("%v", v)
	}
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case float64:
		return n, true
	case interface{ Float64() (float64, error) }:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}
