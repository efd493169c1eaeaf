package benchdata

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/baomi-dev/baomi/internal/generate"
)

// TestInventoryIsTheGeneratorsOutput: the cached inventory is what the
// generator writes now, and a folder left by another generator is not reused.
func TestInventoryIsTheGeneratorsOutput(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	n := generate.MinResources
	// An older generator's folder, complete, where the cache once lived: its
	// name lacks the current fingerprint, so Inventory must not reuse it.
	stale := filepath.Join(os.TempDir(), "baomi-bench-100-seed1")
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{".complete": "", "inventory-1.hcl": "# an older generator's output\n"} {
		if err := os.WriteFile(filepath.Join(stale, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := Inventory(t, n)
	if again := Inventory(t, n); again != dir {
		t.Fatalf("second call gave %s, want the cached %s", again, dir)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.hcl"))
	if err != nil || len(files) != 1 {
		t.Fatalf("want one .hcl file in %s, got %v (%v)", dir, files, err)
	}
	got, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	fresh := t.TempDir()
	if err := generate.Write(fresh, generate.Options{Resources: n, Files: 1, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(fresh, filepath.Base(files[0])))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the cached inventory is not the generator's output (%d bytes, want %d)", len(got), len(want))
	}
}
