package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/baomi-dev/baomi/inventory"
)

// diagnose stands in for the inventory's Diagnostic: it names the place.
func diagnose(address, attribute, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail,
		Subject: &hcl.Range{Filename: fmt.Sprintf("inventory(%s.%s)", address, attribute)}}
}

func TestLinkByTagAndList(t *testing.T) {
	s := mustLoad(t, "testdata/static")
	systems := map[string]any{
		"system.crm_db": map[string]any{},
		"system.files":  map[string]any{"terraform": []any{"aws_ebs_volume.disk", "aws_s3_bucket.gone"}},
	}
	// The default tags link everything to crm_db but the volumes, which a list names.
	s.Resources["aws_ebs_volume.disk[0]"].tags["baomi-system"] = "files"
	s.Resources["aws_ebs_volume.disk[1]"].tags["baomi-system"] = "files"
	if diags := s.Link(systems, DefaultSystemTag, diagnose); diags.HasErrors() {
		t.Fatal(render(diags))
	}
	for addr, want := range map[string]string{
		"aws_db_instance.crm":          "system.crm_db", // by the provider's default_tags
		"aws_s3_bucket.docs":           "",              // its own tag says none
		"aws_ebs_volume.disk[0]":       "system.files",  // tag and list agree; the entry names every instance
		"aws_ebs_volume.disk[1]":       "system.files",
		`aws_s3_bucket.regional["eu"]`: "system.crm_db",
	} {
		if got := s.Resources[addr].System; got != want {
			t.Errorf("%s linked to %q, want %q", addr, got, want)
		}
	}
	doc := s.Document()
	docs := doc["aws_s3_bucket.docs"].(map[string]any)
	if _, linked := docs["system"]; linked {
		t.Error("a resource tagged none has a system in the document")
	}
	crm := doc["aws_db_instance.crm"].(map[string]any)
	want := map[string]any{"type": "aws_db_instance", "provider": "aws", "system": "system.crm_db", "source": "tf",
		"unknown": []any{"created", "engine", "kms_key_id", "publicly_accessible"}}
	for k, v := range want {
		if !reflect.DeepEqual(crm[k], v) {
			t.Errorf("document %s = %#v, want %#v", k, crm[k], v)
		}
	}
	if crm["values"].(map[string]any)["storage_encrypted"] != false {
		t.Errorf("values = %v", crm["values"])
	}
}

func TestLinkErrors(t *testing.T) {
	for _, tc := range []struct {
		name    string
		systems map[string]any
		tagKey  string
		want    []string
	}{
		{"a tag naming an unknown system, at the tag", map[string]any{"system.crm": map[string]any{}}, DefaultSystemTag,
			[]string{`testdata/static/main.tf:24:7: Unknown system in tag: The tag baomi-system of aws_db_instance.crm names "crm_db", which is not a system of the inventory`, `Did you mean "crm"?`}},
		{"a list naming a resource tagged none", map[string]any{"system.crm_db": map[string]any{}, "system.x": map[string]any{"terraform": []any{"aws_s3_bucket.docs"}}}, DefaultSystemTag,
			[]string{`testdata/static/main.tf:44:5: Conflicting link: system.x lists aws_s3_bucket.docs in terraform, but the resource's tag baomi-system says "none"`}},
		{"a list naming a resource its tag links elsewhere", map[string]any{"system.crm_db": map[string]any{}, "system.x": map[string]any{"terraform": []any{"aws_db_instance.crm"}}}, DefaultSystemTag,
			[]string{`inventory(system.x.terraform):0:0: Conflicting link: system.x lists aws_db_instance.crm in terraform, but its tag baomi-system links it to system.crm_db already`}},
		{"two lists naming one resource", map[string]any{"system.a": map[string]any{"terraform": []any{"aws_db_instance.crm"}}, "system.b": map[string]any{"terraform": []any{"aws_db_instance.crm"}}}, "owner-system",
			[]string{`inventory(system.b.terraform):0:0: Conflicting link: system.b lists aws_db_instance.crm in terraform, but system.a's terraform list links it to system.a already`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustLoad(t, "testdata/static")
			got := render(s.Link(tc.systems, tc.tagKey, diagnose))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("diagnostics:\n%s\nwant %q", got, w)
				}
			}
		})
	}
}

func TestLinkTagSetting(t *testing.T) {
	s := mustLoad(t, "testdata/static")
	if diags := s.Link(map[string]any{"system.x": map[string]any{}}, "owner-system", diagnose); diags.HasErrors() {
		t.Fatalf("with another tag key, baomi-system tags are ordinary tags: %s", render(diags))
	}
	for _, r := range s.Resources {
		if r.System != "" {
			t.Errorf("%s linked to %s by a tag that is not the setting's", r.Address, r.System)
		}
	}
}

// TestLoadInto: the inputs are read and linked into the inventory's document,
// and their diagnostics render with the inventory's, source line included;
// without inputs, or without linking, the terraform collection stays empty.
func TestLoadInto(t *testing.T) {
	load := func(system string, paths []string, link bool) (*inventory.Inventory, *Set, hcl.Diagnostics) {
		t.Helper()
		dir := t.TempDir()
		src := "organization \"acme\" {}\nsystem \"" + system + "\" {\n  kind = \"server\"\n}\n"
		if err := os.WriteFile(filepath.Join(dir, "inventory.hcl"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		inv, diags := inventory.Load([]string{dir})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		set, diags := LoadInto(inv, paths, inventory.Options{}, DefaultSystemTag, link)
		return inv, set, diags
	}
	collection := func(inv *inventory.Inventory) map[string]any {
		tf, _ := inv.Document[inventory.TerraformCollection].(map[string]any)
		return tf
	}
	if inv, set, diags := load("crm_db", nil, true); set != nil || diags != nil || collection(inv) == nil || len(collection(inv)) != 0 {
		t.Errorf("without inputs: set %v, diagnostics %v, collection %v", set, diags, collection(inv))
	}
	if inv, set, diags := load("crm_db", []string{"testdata/static"}, false); set == nil || diags.HasErrors() || len(collection(inv)) != 0 {
		t.Errorf("without linking: set %v, diagnostics %v, collection %v", set, diags, collection(inv))
	}
	inv, _, diags := load("crm_db", []string{"testdata/static"}, true)
	if diags.HasErrors() {
		t.Fatal(render(diags))
	}
	if crm, _ := collection(inv)["aws_db_instance.crm"].(map[string]any); crm["system"] != "system.crm_db" {
		t.Errorf("aws_db_instance.crm in the document: %v, want it linked to system.crm_db by its default tags", crm)
	}
	inv, _, diags = load("crm", []string{"testdata/static"}, true)
	var b strings.Builder
	if err := inv.WriteDiagnostics(&b, diags); err != nil {
		t.Fatal(err)
	}
	if want := `"baomi-system" = "crm_db"`; !diags.HasErrors() || !strings.Contains(b.String(), want) {
		t.Errorf("a tag naming no system: diagnostics\n%s\nwant an error showing the line %s", b.String(), want)
	}
}

func TestSystemTag(t *testing.T) {
	for _, tc := range []struct {
		settings map[string]any
		want     string
	}{
		{nil, DefaultSystemTag},
		{map[string]any{SystemTagSetting: ""}, DefaultSystemTag},
		{map[string]any{SystemTagSetting: "data-owner"}, "data-owner"},
	} {
		if got := SystemTag(tc.settings); got != tc.want {
			t.Errorf("SystemTag(%v) = %q, want %q", tc.settings, got, tc.want)
		}
	}
}
