package lsp

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/policies"
)

func TestReadersFromThePoliciesSource(t *testing.T) {
	dir := t.TempDir()
	src := `# METADATA
# title: Sites name their city
# description: d
# custom:
#   id: X-1.1-01
#   short_code: site-city
#   article: "1.1"
#   severity: low
#   title_zh: t
#   remediation: r
#   remediation_zh: r
package user.site_city

applicable contains addr if some addr, _ in input.sites

deny contains {"resource": addr, "message": "no city"} if {
	some addr, s in input.sites
	not s.city
}
`
	if err := os.WriteFile(filepath.Join(dir, "city.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	ps, err := evaluator.Load(context.Background(), policies.FS, []string{dir}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	j := readers(ps, inventory.BlockTypes())
	ids := func(key string) []string {
		var out []string
		for _, c := range j[key] {
			out = append(out, c.ID)
		}
		return out
	}
	cases := []struct {
		attr        string
		want, never []string
	}{
		// Read by the control's own module.
		{"system.encryption_at_rest", []string{"BM-4.2.1-04"}, []string{"BM-4.7-01"}},
		{"device.mdm", []string{"BM-4.7-01"}, []string{"BM-4.2.1-04"}},
		// Read in a nested block.
		{"system.backup.encrypted", []string{"BM-4.2.3-02"}, nil},
		// Read through the library's rules: the collections come from there.
		{"device.antivirus", []string{"BM-4.6.1-01"}, nil},
		{"partner.security_assessment.result", []string{"BM-4.5.2-01"}, nil},
		// A user's control.
		{"site.city", []string{"X-1.1-01"}, nil},
		// Read by none.
		{"site.name", nil, []string{"X-1.1-01"}},
	}
	for _, c := range cases {
		got := ids(c.attr)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: %s is not among its readers %v", c.attr, w, got)
			}
		}
		for _, n := range c.never {
			if slices.Contains(got, n) {
				t.Errorf("%s: %s reads it, says %v", c.attr, n, got)
			}
		}
		if c.want == nil && len(got) > 0 {
			t.Errorf("%s: read by %v", c.attr, got)
		}
	}
	want := "Judged by:\n- `BM-4.2.3-03` Backups are kept off-site (article 4.2.3, high)\n- `X-1.1-01` Sites name their city (article 1.1, low)"
	if got := j.describe("site", "", "city"); got != want {
		t.Errorf("describe: %q", got)
	}
	if got := j.describe("site", "", "name"); got != "" {
		t.Errorf("describe for no control: %q", got)
	}
}
