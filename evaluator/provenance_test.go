package evaluator_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
)

// TestReportRecordsSkipped checks that the report names the controls --skip
// left out, by id whatever the skip named, in catalog order.
func TestReportRecordsSkipped(t *testing.T) {
	ps := load(t)
	rep := evaluate(t, ps, doc(map[string]any{}), evaluator.Options{Skip: []string{"storage-encrypted", "BM-4.2.1-03"}})
	if want := []string{"BM-4.2.1-03", "BM-4.2.1-04"}; !slices.Equal(rep.Skipped, want) {
		t.Errorf("Skipped = %v, want %v", rep.Skipped, want)
	}
	if rep := evaluate(t, ps, doc(map[string]any{}), evaluator.Options{}); rep.Skipped != nil {
		t.Errorf("Skipped = %v without --skip", rep.Skipped)
	}
}

// TestPoliciesDigest checks that the policy digest is stable, and changes with
// a policy file's bytes and with the set of folders.
func TestPoliciesDigest(t *testing.T) {
	builtin := load(t).Digest()
	if len(builtin) != 64 || load(t).Digest() != builtin {
		t.Fatalf("digest %q is not a stable sha256", builtin)
	}
	if rep := evaluate(t, load(t), doc(map[string]any{}), evaluator.Options{}); rep.PolicyDigest != builtin {
		t.Errorf("the report records policy digest %q, want %q", rep.PolicyDigest, builtin)
	}
	dir := t.TempDir()
	src, err := os.ReadFile("testdata/user/system_named.rego")
	if err != nil {
		t.Fatal(err)
	}
	write := func(b []byte) {
		if err := os.WriteFile(filepath.Join(dir, "system_named.rego"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(src)
	withUser := load(t, dir).Digest()
	if withUser == builtin {
		t.Error("a user policy folder does not change the digest")
	}
	write(append(src, []byte("\n# edited\n")...))
	if load(t, dir).Digest() == withUser {
		t.Error("editing a policy file does not change the digest")
	}
}
