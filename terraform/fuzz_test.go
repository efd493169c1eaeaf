package terraform

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/baomi-dev/baomi/inventory"
)

// FuzzLoad holds the reader to its promise on any text: diagnostics, never a
// panic or a hang, whether the text is a .tf file, a tfvars file or a plan.
func FuzzLoad(f *testing.F) {
	for _, name := range []string{"testdata/static/main.tf", "testdata/edge/main.tf", "testdata/modules/root/main.tf", "testdata/plan/plan.json"} {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src), "")
	}
	f.Add("resource \"a_b\" \"c\" {\n  count = 3\n  x = [for v in var.y : v]\n}\n", "y = [1, 2]\n")
	f.Fuzz(func(t *testing.T, tf, tfvars string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "terraform.tfvars"), []byte(tfvars), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "plan.json"), []byte(tf), 0o644); err != nil {
			t.Fatal(err)
		}
		s, _ := Load([]string{dir, filepath.Join(dir, "plan.json")}, inventory.Options{MaxFileBytes: 1 << 20})
		s.Link(map[string]any{"system.a": map[string]any{"terraform": []any{"a_b.c"}}}, DefaultSystemTag, diagnose)
		for addr := range s.Resources {
			s.Locate(addr, "x.y[0]")
		}
		s.Document()
	})
}
