package main

import (
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"
)

// configFor reads the configuration check would see with args, in a fresh
// working directory holding yaml as baomi.yaml (none when empty).
func configFor(t *testing.T, yaml string, args ...string) (*config, error) {
	t.Helper()
	t.Chdir(t.TempDir())
	if yaml != "" {
		if err := os.WriteFile("baomi.yaml", []byte(yaml), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd, _, err := newRootCmd(io.Discard, io.Discard).Find([]string{"check"})
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.ParseFlags(args); err != nil {
		t.Fatal(err)
	}
	return newConfig(cmd)
}

func TestLanguagePrecedence(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		yaml string
		args []string
		want string
	}{
		{"nothing set", nil, "", nil, "en"},
		{"LANG zh", map[string]string{"LANG": "zh_CN.UTF-8"}, "", nil, "zh"},
		{"LC_MESSAGES over LANG", map[string]string{"LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "", nil, "en"},
		{"LC_ALL over LC_MESSAGES", map[string]string{"LC_ALL": "zh_TW.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "", nil, "zh"},
		{"LC_ALL C over LANG zh", map[string]string{"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "", nil, "en"},
		{"empty LC_ALL does not decide", map[string]string{"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "", nil, "zh"},
		{"config over locale", map[string]string{"LC_ALL": "zh_CN.UTF-8"}, "lang: en\n", nil, "en"},
		{"BAOMI_LANG over config", map[string]string{"BAOMI_LANG": "zh"}, "lang: en\n", nil, "zh"},
		{"flag over BAOMI_LANG", map[string]string{"BAOMI_LANG": "zh"}, "lang: zh\n", []string{"--lang", "en"}, "en"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "BAOMI_LANG"} {
				t.Setenv(name, tc.env[name])
			}
			c, err := configFor(t, tc.yaml, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			got, err := language(c)
			if err != nil || got != tc.want {
				t.Errorf("language = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestConfigBareDateIsTheAsOfDate(t *testing.T) {
	inv := writeInventory(t, failingInventory)
	t.Chdir(t.TempDir())
	if err := os.WriteFile("baomi.yaml", []byte("as-of: 2025-03-04\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runBaomi(t, "check", inv, "--format", "json")
	if code != 1 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	var rep struct {
		AsOf string `json:"as_of"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.AsOf != "2025-03-04" {
		t.Errorf("as_of = %q (%v), want the config file's 2025-03-04", rep.AsOf, err)
	}
}

func TestConfigValuesReachTheRun(t *testing.T) {
	c, err := configFor(t, "max-file-size: 1000\nmax-nesting: 7\ntimeout: 90s\nsettings:\n  nda_expiry_warning_days: 10\n")
	if err != nil {
		t.Fatal(err)
	}
	limits, err := limitsFrom(c)
	if err != nil || limits.MaxFileBytes != 1000 || limits.MaxNesting != 7 {
		t.Errorf("limits %+v, %v", limits, err)
	}
	if d, err := c.duration("timeout"); err != nil || d.String() != "1m30s" {
		t.Errorf("timeout %v, %v", d, err)
	}
	settings, err := settingsFrom(c)
	if err != nil || settings["nda_expiry_warning_days"] != 10 {
		t.Errorf("settings %v, %v", settings, err)
	}
	t.Setenv("BAOMI_MAX_NESTING", "9")
	t.Setenv("BAOMI_TIMEOUT", "2m")
	if limits, err := limitsFrom(c); err != nil || limits.MaxNesting != 9 {
		t.Errorf("BAOMI_MAX_NESTING=9 gave %+v, %v", limits, err)
	}
	if d, err := c.duration("timeout"); err != nil || d.String() != "2m0s" {
		t.Errorf("BAOMI_TIMEOUT=2m gave %v, %v", d, err)
	}
}

// TestEmptyListValueIsAUsageError gives each repeatable flag an empty value, as
// --policy "$DIR" does with DIR unset: every command refuses it with exit 2
// instead of running without the folder, the skipped control or the input.
func TestEmptyListValueIsAUsageError(t *testing.T) {
	inv := writeInventory(t, failingInventory)
	for _, tc := range []struct {
		env  map[string]string
		yaml string
		args []string
		want string
	}{
		{nil, "", []string{"check", inv, "--policy", ""}, "baomi: --policy: empty path; give a folder of .rego files\n"},
		{nil, "", []string{"check", inv, "--policy", " , "}, "baomi: --policy: empty path; give a folder of .rego files\n"},
		{nil, "", []string{"validate", inv, "--policy", ""}, "baomi: --policy: empty path; give a folder of .rego files\n"},
		{nil, "", []string{"controls", "--policy", ""}, "baomi: --policy: empty path; give a folder of .rego files\n"},
		{nil, "", []string{"partners", inv, "--policy", ""}, "baomi: --policy: empty path; give a folder of .rego files\n"},
		{nil, "", []string{"check", inv, "--skip", "storage_encrypted", "--skip", ""}, "baomi: --skip: empty value; give a control id or short code\n"},
		{nil, "", []string{"validate", inv, "--terraform", ""}, "baomi: --terraform: empty path; give a folder of .tf files or a plan in JSON\n"},
		{map[string]string{"BAOMI_SKIP": ","}, "", []string{"check", inv}, "baomi: BAOMI_SKIP=,: empty value; give a control id or short code\n"},
		{nil, "policy:\n  - \"\"\n", []string{"check", inv}, "baomi: baomi.yaml:1:1: policy: \"\": empty path; give a folder of .rego files\n"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			for name, val := range tc.env {
				t.Setenv(name, val)
			}
			t.Chdir(t.TempDir())
			if tc.yaml != "" {
				if err := os.WriteFile("baomi.yaml", []byte(tc.yaml), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, _, stderr := runBaomi(t, tc.args...)
			if code != exitError || stderr != tc.want {
				t.Errorf("exit %d, stderr %q; want exit 2, %q", code, stderr, tc.want)
			}
		})
	}
}
