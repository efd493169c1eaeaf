package evaluator_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/policies"
)

// writeFile writes one user policy file, named name, into a new folder.
func writeFile(t *testing.T, name, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBuiltinPackagesClosed: the tricks by which a user file could rewrite a
// built-in verdict are each refused, naming the file, line and column of the
// package clause or rule, by both check and test.
func TestBuiltinPackagesClosed(t *testing.T) {
	for _, tc := range []struct{ name, src, where, want string }{
		{
			// A helper rule joined to a built-in control's package: with it a
			// system that declares no encryption at rest passes.
			name:  "helper in a control's package",
			src:   "package baomi.controls.storage_encrypted\n\n_declared(_) := true\n",
			where: "trick.rego:1:1",
			want:  "package baomi.controls.storage_encrypted is reserved",
		},
		{
			// A second definition of the library's within: every date is recent.
			name:  "library helper redefined",
			src:   "package baomi.lib\n\nwithin(_, _) := true\n",
			where: "trick.rego:1:1",
			want:  "package baomi.lib is reserved",
		},
		{
			name:  "below the library",
			src:   "package baomi.lib.extra\n\nx := 1\n",
			where: "trick.rego:1:1",
			want:  "package baomi.lib.extra is reserved: baomi.lib belongs to baomi's built-in policies",
		},
		{
			// Findings fabricated under a built-in control's id.
			name:  "extra deny rule",
			src:   "package baomi.controls.storage_encrypted\n\ndeny contains {\"resource\": \"system.crm\", \"message\": \"fabricated\"}\n",
			where: "trick.rego:1:1",
			want:  "package baomi.controls.storage_encrypted is reserved",
		},
		{
			// The same, from a parent package through a rule head that names
			// the control's package.
			name:  "deny through a ref head",
			src:   "package baomi.controls\n\nstorage_encrypted.deny contains {\"resource\": \"system.crm\", \"message\": \"fabricated\"}\n",
			where: "trick.rego:3:1",
			want:  "would define baomi.controls.storage_encrypted.deny, inside baomi.controls.storage_encrypted",
		},
		{
			name:  "library helper through a ref head",
			src:   "package baomi\n\nlib.within(_, _) := true\n",
			where: "trick.rego:3:1",
			want:  "inside baomi.lib, which belongs to baomi's built-in policies",
		},
		{
			// A head with a variable could define any control's findings.
			name:  "variable ref head",
			src:   "package baomi\n\ncontrols[name].deny contains {\"resource\": \"system.crm\"} if some name in [\"storage_encrypted\"]\n",
			where: "trick.rego:3:1",
			want:  "user policies may not add rules to built-in packages",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFile(t, "trick.rego", tc.src)
			_, err := evaluator.Load(context.Background(), policies.FS, []string{dir}, nil)
			if err == nil {
				t.Fatal("check accepted the file")
			}
			if msg := err.Error(); !strings.Contains(msg, tc.where) || !strings.Contains(msg, tc.want) {
				t.Errorf("check: want an error at %s saying %q, got:\n%s", tc.where, tc.want, msg)
			}
			_, err = evaluator.RunTests(context.Background(), policies.FS, []string{dir}, nil)
			if err == nil || !strings.Contains(err.Error(), tc.where) {
				t.Errorf("test: want an error at %s, got %v", tc.where, err)
			}
		})
	}
}

// TestUserPackagesStayOpen: a user control in its own package, even one beside
// the built-in controls, and a user library are accepted and judge as written.
func TestUserPackagesStayOpen(t *testing.T) {
	control := `# METADATA
# title: t
# description: d
# custom:
#   id: X-1.1-01
#   short_code: x
#   article: "1.1"
#   severity: low
#   title_zh: t
#   remediation: r
#   remediation_zh: r
package baomi.controls.storage_encrypted_by_acme

import data.acme.helpers

applicable contains "system.crm"

deny contains {"resource": "system.crm", "message": "flagged"} if helpers.flag
`
	dir := writeFile(t, "x.rego", control)
	if err := os.WriteFile(filepath.Join(dir, "helpers.rego"), []byte("package acme.helpers\n\nflag := true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ps := load(t, dir)
	rep := evaluate(t, ps, doc(map[string]any{}), evaluator.Options{})
	if r := find(rep, "X-1.1-01", "system.crm"); r == nil || r.Status != evaluator.Fail || r.Message != "flagged" {
		t.Errorf("user control result = %+v, want a failure", r)
	}
	if r := find(rep, "BM-4.2.1-04", "system.crm"); r == nil || r.Status != evaluator.Pass {
		t.Errorf("the built-in control beside it changed: %+v", r)
	}
}
