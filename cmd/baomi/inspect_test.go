package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/inventory"
)

// TestInspectAcmeGolden pins the input document of the acme inventory with its
// Terraform: every collection, as_of and the settings given.
func TestInspectAcmeGolden(t *testing.T) {
	repoRoot(t)
	t.Setenv("BAOMI_SETTINGS_PATCH_MAX_AGE_DAYS", "31")
	args := []string{"inspect", "fixtures/acme", "--terraform", "fixtures/acme/infra", "--as-of", "2026-11-01"}
	code, out, errOut := runBaomi(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden(t, "inspect-acme.json", []byte(out))
	if _, again, _ := runBaomi(t, args...); again != out {
		t.Error("two runs printed different documents")
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["as_of"] != "2026-11-01" || !reflect.DeepEqual(doc["settings"], map[string]any{"patch_max_age_days": 31.0}) {
		t.Errorf("as_of %v, settings %v; want the --as-of day and the setting from the environment", doc["as_of"], doc["settings"])
	}
	if tf, _ := doc["terraform"].(map[string]any); len(tf) == 0 {
		t.Error("--terraform: no terraform collection")
	}
	for _, c := range inventory.Collections() {
		if _, ok := doc[c].(map[string]any); !ok {
			t.Errorf("collection %s missing", c)
		}
	}
}

// TestInspectIsTheDecodedDocument checks that inspect adds only as_of and
// settings to the decoder's document, and nothing when none are given but today.
func TestInspectIsTheDecodedDocument(t *testing.T) {
	repoRoot(t)
	code, out, errOut := runBaomi(t, "inspect", "fixtures/acme")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if s, _ := got["settings"].(map[string]any); s == nil || len(s) != 0 {
		t.Errorf("settings %v; want an empty object", got["settings"])
	}
	if d, _ := got["as_of"].(string); !datePattern.MatchString(d) {
		t.Errorf("as_of %v; want today", got["as_of"])
	}
	delete(got, "as_of")
	delete(got, "settings")
	inv, diags := inventory.Load([]string{"fixtures/acme"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	b, _ := json.Marshal(inv.Document)
	var want map[string]any
	_ = json.Unmarshal(b, &want)
	if !reflect.DeepEqual(got, want) {
		t.Error("inspect's document differs from the decoder's")
	}
}

func TestInspectInputError(t *testing.T) {
	dir := writeInventory(t, testOrganization+"system \"a\" {\n  kind = \"mainframe\"\n}\n")
	code, out, errOut := runBaomi(t, "inspect", dir)
	if code != exitError || out != "" || !strings.Contains(errOut, "inventory.hcl:20:10: error: Invalid value") {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, out, errOut)
	}
	if code, _, errOut := runBaomi(t, "inspect", dir, "--as-of", "2026-13-01"); code != exitError || !strings.Contains(errOut, "--as-of") {
		t.Fatalf("bad --as-of: exit %d, stderr %q", code, errOut)
	}
}
