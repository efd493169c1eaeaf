package policies_test

import (
	"context"
	"io/fs"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/policies"
)

// TestRego runs every Rego test of the built-in policies, compiled with the same
// sandbox as baomi check, one Go subtest per Rego test.
func TestRego(t *testing.T) {
	mods, err := evaluator.ParseFS(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	comp, err := evaluator.Compile(mods, nil)
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]*ast.Module{}
	for _, m := range mods {
		set[m.Name] = m.Module
	}
	ch, err := tester.NewRunner().SetCompiler(comp).SetModules(set).RaiseBuiltinErrors(true).RunTests(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		name := strings.TrimPrefix(r.Package, "data.") + "." + r.Name
		t.Run(name, func(t *testing.T) {
			if r.Error != nil {
				t.Fatalf("%s: error: %v", r.Location, r.Error)
			}
			if r.Fail {
				t.Fatalf("%s: failed", r.Location)
			}
		})
	}
	if n == 0 {
		t.Fatal("no Rego tests found")
	}
}

// TestFormatted checks that every .rego file is as opa fmt would write it.
func TestFormatted(t *testing.T) {
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		want, err := format.SourceWithOpts(p, src, format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		if string(want) != string(src) {
			t.Errorf("policies/%s is not opa fmt-clean; the formatted text is:\n%s", p, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestControlsMetadata checks that every control file has complete METADATA, a
// unique id and short code, a package named after its short code and a test beside it.
func TestControlsMetadata(t *testing.T) {
	ps, err := evaluator.Load(context.Background(), policies.FS, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps.Controls) == 0 {
		t.Fatal("no controls loaded")
	}
	ids := map[string]bool{}
	for _, c := range ps.Controls {
		if ids[c.ID] {
			t.Errorf("duplicate id %s", c.ID)
		}
		ids[c.ID] = true
		if want := "baomi.controls." + strings.ReplaceAll(c.ShortCode, "-", "_"); c.Package != want {
			t.Errorf("%s: package %s, want %s", c.ID, c.Package, want)
		}
		if !strings.HasPrefix(c.ID, "BM-"+c.Article+"-") {
			t.Errorf("%s: id does not carry its article %s", c.ID, c.Article)
		}
		test := strings.TrimPrefix(strings.TrimSuffix(c.File, ".rego"), "policies/") + "_test.rego"
		if _, err := fs.Stat(policies.FS, test); err != nil {
			t.Errorf("%s: no test file %s", c.ID, test)
		}
	}
}
