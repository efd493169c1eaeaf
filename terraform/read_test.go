package terraform

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/baomi-dev/baomi/inventory"
)

func mustLoad(t *testing.T, paths ...string) *Set {
	t.Helper()
	s, diags := Load(paths, inventory.Options{})
	if diags.HasErrors() {
		t.Fatalf("Load(%v): %v", paths, diags)
	}
	return s
}

// get follows a path of keys and indexes into a resource's values.
func get(t *testing.T, s *Set, addr string, path ...any) any {
	t.Helper()
	r := s.Resources[addr]
	if r == nil {
		t.Fatalf("no resource %s; have %v", addr, addresses(s))
	}
	var v any = r.Values
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func addresses(s *Set) []string {
	var out []string
	for _, r := range s.sorted() {
		out = append(out, r.Address)
	}
	return out
}

func TestStaticValues(t *testing.T) {
	s := mustLoad(t, "testdata/static")
	for _, tc := range []struct {
		name string
		addr string
		path []any
		want any
	}{
		{"variable from terraform.tfvars", "aws_db_instance.crm", []any{"backup_retention_period"}, int64(14)},
		{"variable from a .auto.tfvars.json, after the .auto.tfvars", "aws_s3_bucket.maybe", []any{"tags", "nested"}, map[string]any{"a": []any{int64(1), 2.5}}},
		{"variable from its default", "aws_db_instance.crm", []any{"storage_encrypted"}, false},
		{"static local with a template of a variable", "aws_db_instance.crm", []any{"identifier"}, "crm-14"},
		{"static local object", "aws_db_instance.crm", []any{"tags", "team"}, "crm"},
		{"default_tags make tags_all", "aws_db_instance.crm", []any{"tags_all", "baomi-system"}, "crm_db"},
		{"tags override default tags in tags_all", "aws_s3_bucket.docs", []any{"tags_all", "baomi-system"}, "none"},
		{"reference to .id is the address", "aws_s3_bucket_acl.docs", []any{"bucket"}, "aws_s3_bucket.docs"},
		{"reference to .arn is the address", "aws_s3_bucket_lifecycle_configuration.docs", []any{"bucket"}, "aws_s3_bucket.docs"},
		{"a reference inside a template with text is not the address", "aws_s3_bucket_versioning.docs", []any{"bucket"}, nil},
		{"a nested block written once is an object", "aws_s3_bucket_versioning.docs", []any{"versioning_configuration", "status"}, "Enabled"},
		{"nested blocks written twice are a list", "aws_s3_bucket_lifecycle_configuration.docs", []any{"rule", 0, "id"}, "a"},
		{"static count index", "aws_ebs_volume.disk[1]", []any{"size"}, int64(1)},
		{"an operator is unknown", "aws_ebs_volume.disk[0]", []any{"encrypted"}, nil},
		{"static for_each value", `aws_s3_bucket.regional["eu"]`, []any{"bucket"}, "acme-eu"},
		{"literal", "aws_efs_file_system.share", []any{"encrypted"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := get(t, s, tc.addr, tc.path...); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s %v = %#v, want %#v", tc.addr, tc.path, got, tc.want)
			}
		})
	}
	for _, tc := range []struct {
		name, addr string
		want       []string
	}{
		{"variable without a value, conditional, function call, non-static local", "aws_db_instance.crm",
			[]string{"created", "engine", "kms_key_id", "publicly_accessible"}},
		{"template with a non-static part, in an object", "aws_s3_bucket.docs", []string{"tags.built", "tags_all.built"}},
		{"template holding a reference", "aws_s3_bucket_versioning.docs", []string{"bucket"}},
		{"variable in the second nested block, dynamic block", "aws_s3_bucket_lifecycle_configuration.docs",
			[]string{"rule[1].status", "transition"}},
		{"non-static count", "aws_s3_bucket.maybe", []string{"bucket", "count"}},
		{"data source; a list with an unknown element", "aws_efs_file_system.share", []string{"kms_key_id", "tags.extra", "tags_all.extra"}},
		{"operator", "aws_ebs_volume.disk[0]", []string{"encrypted"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := s.Resources[tc.addr].Unknown; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s unknown = %q, want %q", tc.addr, got, tc.want)
			}
		})
	}
	if n := len(s.Resources); n != 11 {
		t.Errorf("%d resources, want 11 (2 volumes, 2 regional buckets, data sources not counted): %v", n, addresses(s))
	}
	want := []string{"testdata/static/main.tf", "testdata/static/terraform.tfvars", "testdata/static/z.auto.tfvars", "testdata/static/z.auto.tfvars.json"}
	if !reflect.DeepEqual(s.Files, want) {
		t.Errorf("files = %v, want %v", s.Files, want)
	}
	if want := []string{"testdata/static/extra.tf.json"}; !reflect.DeepEqual(s.Unread, want) {
		t.Errorf("unread = %v, want %v: configuration in JSON syntax is named as not read", s.Unread, want)
	}
}

func TestModules(t *testing.T) {
	s := mustLoad(t, "testdata/modules")
	for _, tc := range []struct {
		addr string
		path []any
		want any
	}{
		{"module.kyc.alicloud_oss_bucket.this", []any{"bucket"}, "acme-kyc"},
		{"module.kyc.alicloud_oss_bucket.this", []any{"server_side_encryption_rule", "sse_algorithm"}, "AES256"},
		{"module.kyc.alicloud_oss_bucket_acl.this", []any{"bucket"}, "module.kyc.alicloud_oss_bucket.this"},
		{"module.twice[1].alicloud_oss_bucket.this", []any{"bucket"}, "acme-twice-1"},
		{"module.twice[0].alicloud_oss_bucket.this", []any{"server_side_encryption_rule", "sse_algorithm"}, "KMS"},
		{"module.twice[0].alicloud_oss_bucket_acl.this", []any{"bucket"}, "module.twice[0].alicloud_oss_bucket.this"},
	} {
		if got := get(t, s, tc.addr, tc.path...); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %v = %#v, want %#v", tc.addr, tc.path, got, tc.want)
		}
	}
	if got := s.Resources["module.kyc.alicloud_oss_bucket.this"].Provider; got != "alicloud" {
		t.Errorf("provider = %q, want alicloud", got)
	}
	want := []RemoteModule{{Address: "module.web", Source: "terraform-aws-modules/s3-bucket/aws", File: "testdata/modules/root/main.tf", Line: 8, Column: 3}}
	if !reflect.DeepEqual(s.Remote, want) {
		t.Errorf("remote modules = %+v, want %+v", s.Remote, want)
	}
	if _, found := s.Resources["module.web.aws_s3_bucket.this"]; found {
		t.Error("a remote module was read")
	}
	if got := s.Resources["module.maybe.alicloud_oss_bucket.this"].Unknown; !reflect.DeepEqual(got, []string{"bucket", "for_each"}) {
		t.Errorf("a resource in a module whose for_each is not static: unknown = %q, want bucket and for_each", got)
	}
	if len(s.Resources) != 8 {
		t.Errorf("resources = %v: the module folder called by the root must not be read as a root itself", addresses(s))
	}
}

func TestTwoRootsArePrefixed(t *testing.T) {
	s := mustLoad(t, "testdata/roots")
	got := addresses(s)
	want := []string{"envs/prod:module.db.aws_db_instance.main", "envs/staging:aws_s3_bucket.scratch", "envs/staging:module.db.aws_db_instance.main"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("addresses = %q, want %q", got, want)
	}
	systems := map[string]any{
		"system.db":      map[string]any{"terraform": []any{"module.db.aws_db_instance.main"}},
		"system.scratch": map[string]any{"terraform": []any{"envs/staging:aws_s3_bucket.scratch"}},
	}
	if diags := s.Link(systems, DefaultSystemTag, nil); diags.HasErrors() {
		t.Fatal(diags)
	}
	for addr, sys := range map[string]string{
		"envs/prod:module.db.aws_db_instance.main":    "system.db",
		"envs/staging:module.db.aws_db_instance.main": "system.db",
		"envs/staging:aws_s3_bucket.scratch":          "system.scratch",
	} {
		if s.Resources[addr].System != sys {
			t.Errorf("%s linked to %q, want %q (an unprefixed entry links in every root)", addr, s.Resources[addr].System, sys)
		}
	}
	one := mustLoad(t, "testdata/roots/envs/prod")
	if got := addresses(one); !reflect.DeepEqual(got, []string{"module.db.aws_db_instance.main"}) {
		t.Errorf("one root: addresses = %q, want no prefix", got)
	}
}

func TestPlan(t *testing.T) {
	s := mustLoad(t, "testdata/plan/plan.json")
	for _, tc := range []struct {
		addr string
		path []any
		want any
	}{
		{"aws_s3_bucket.docs", []any{"bucket"}, "acme-docs"},
		{"aws_s3_bucket.docs", []any{"versioning", "enabled"}, true},
		{"aws_s3_bucket.docs", []any{"tags_all", "owner"}, "ops"},
		{"aws_s3_bucket.docs", []any{"logging", "target_bucket"}, "acme-logs"},
		{"aws_s3_bucket.docs", []any{"object_lock_enabled"}, nil},
		{"aws_s3_bucket_acl.docs", []any{"bucket"}, "aws_s3_bucket.docs"},
		{"module.remote.aws_db_instance.this[0]", []any{"backup_retention_period"}, int64(7)},
		{"module.remote.aws_db_instance.this[0]", []any{"allocated_storage"}, 2.5},
	} {
		if got := get(t, s, tc.addr, tc.path...); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %v = %#v, want %#v", tc.addr, tc.path, got, tc.want)
		}
	}
	for addr, want := range map[string][]string{
		"aws_s3_bucket.docs":                    {"arn", "id", "logging.target_prefix", "server_side_encryption_configuration"},
		"aws_s3_bucket_acl.docs":                {"access_control_policy", "id"},
		"module.remote.aws_db_instance.this[0]": {"id", "kms_key_id"},
	} {
		if got := s.Resources[addr].Unknown; !reflect.DeepEqual(got, want) {
			t.Errorf("%s unknown = %q, want %q (known after apply)", addr, got, want)
		}
	}
	if _, ok := s.Resources["aws_s3_bucket.old"]; ok {
		t.Error("a deleted resource was read")
	}
	if len(s.Resources) != 3 {
		t.Errorf("resources = %v, want the three managed resources that remain", addresses(s))
	}
	if r := s.Resources["aws_s3_bucket.docs"]; r.Source != "plan" || r.Provider != "aws" {
		t.Errorf("source %q provider %q, want plan and aws", r.Source, r.Provider)
	}
	file, line, col, ok := s.Locate("aws_s3_bucket_acl.docs", "acl")
	if !ok || file != "testdata/plan/plan.json" || line != 36 || col != 7 {
		t.Errorf("plan-only resource at %s:%d:%d, want the plan's line naming it (36:7)", file, line, col)
	}
}

func TestPlanBesideTfKeepsTfLocation(t *testing.T) {
	s := mustLoad(t, "testdata/planroot", "testdata/plan/plan.json")
	r := s.Resources["aws_s3_bucket_acl.docs"]
	if r.Source != "plan" || r.Values["acl"] != "public-read" {
		t.Fatalf("merged resource: %+v", r)
	}
	file, line, _, _ := s.Locate("aws_s3_bucket_acl.docs", "acl")
	if file != "testdata/planroot/main.tf" || line != 11 {
		t.Errorf("acl at %s:%d, want the .tf line testdata/planroot/main.tf:11", file, line)
	}
	if got := s.Resources["module.remote.aws_db_instance.this[0]"].Values["storage_encrypted"]; got != true {
		t.Errorf("a plan resolves remote modules: storage_encrypted = %v", got)
	}
	if len(s.Remote) != 0 {
		t.Errorf("remote = %+v: the plan gave the remote module's resources", s.Remote)
	}
}

func TestLocate(t *testing.T) {
	s := mustLoad(t, "testdata/static")
	for _, tc := range []struct {
		addr, attr string
		line, col  int
	}{
		{"aws_db_instance.crm", "", 30, 1},
		{"aws_db_instance.crm", "storage_encrypted", 32, 3},
		{"aws_db_instance.crm", "not_written", 30, 1},
		{"aws_s3_bucket.docs", "tags.baomi-system", 44, 5},
		{"aws_s3_bucket_versioning.docs", "versioning_configuration.status", 57, 5},
		{"aws_s3_bucket_versioning.docs", "versioning_configuration.nope", 56, 3},
		{"aws_s3_bucket_lifecycle_configuration.docs", "rule[1].status", 69, 5},
		{"aws_ebs_volume.disk[1]", "encrypted", 79, 3},
	} {
		file, line, col, ok := s.Locate(tc.addr, tc.attr)
		if !ok || file != "testdata/static/main.tf" || line != tc.line || col != tc.col {
			t.Errorf("Locate(%s, %q) = %s:%d:%d %v, want line %d col %d", tc.addr, tc.attr, file, line, col, ok, tc.line, tc.col)
		}
	}
	if _, _, _, ok := s.Locate("aws_db_instance.nope", ""); ok {
		t.Error("located a resource that does not exist")
	}
}

func TestInputErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		paths []string
		want  string
	}{
		{"syntax error", []string{"testdata/syntax"}, "testdata/syntax/main.tf:6:12: Invalid expression"},
		{"plan that is not JSON", []string{"testdata/plan/broken.json"}, "testdata/plan/broken.json:3:17: Invalid plan"},
		{"missing path", []string{"testdata/nope"}, "testdata/nope:0:0: cannot read Terraform path"},
		{"a state, not a plan", []string{"testdata/plan/state.json"}, "testdata/plan/state.json:1:1: Not a plan"},
		{"a .tf file instead of its folder", []string{"testdata/syntax/main.tf"}, "testdata/syntax/main.tf:0:0: not a Terraform input"},
		{"a folder without .tf files", []string{"testdata/plan"}, "testdata/plan:0:0: no Terraform files"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := Load(tc.paths, inventory.Options{})
			got := render(diags)
			if !strings.Contains(got, tc.want) {
				t.Errorf("diagnostics:\n%s\nwant %q", got, tc.want)
			}
		})
	}
	_, diags := Load([]string{"testdata/static"}, inventory.Options{MaxFileBytes: 100})
	if got := render(diags); !strings.Contains(got, "testdata/static/main.tf:0:0: file too large") {
		t.Errorf("the inventory's size limit applies: %s", got)
	}
	dir := t.TempDir()
	deep := "resource \"aws_s3_bucket\" \"a\" {\n  tags = " + strings.Repeat("[", 300000) + strings.Repeat("]", 300000) + "\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(deep), 0o644); err != nil {
		t.Fatal(err)
	}
	set, diags := Load([]string{dir}, inventory.Options{})
	if len(diags) != 1 || diags[0].Summary != "Nesting too deep" || diags[0].Subject.Start.Line != 2 {
		t.Errorf("a .tf file nested 300,000 deep: %s", render(diags))
	}
	for name, text := range map[string]string{
		"junk":   strings.Repeat("@\n", 300),
		"binary": strings.Repeat("\x00", 200),
		// 70 KB of resources, then 1 MB of junk, which is not read to its end.
		"junk after blocks": strings.Repeat("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n", 2000) + strings.Repeat("@", 1<<20),
	} {
		junk := t.TempDir()
		if err := os.WriteFile(filepath.Join(junk, "main.tf"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, diags := Load([]string{junk}, inventory.Options{})
		switch last := diags[len(diags)-1]; {
		case name == "junk" && (len(diags) != 101 || last.Summary != "more problems not shown" || inventory.ErrorCount(diags) != 301):
			t.Errorf("a .tf file of junk: %d diagnostics, %d errors, the last %q", len(diags), inventory.ErrorCount(diags), last.Summary)
		case name == "junk after blocks" && (len(diags) != 101 || diags[0].Subject.Start.Line != 6001 || !strings.Contains(last.Detail, "were not read")):
			t.Errorf("a .tf file of blocks then junk: %d diagnostics, the first at %v, the last %q", len(diags), diags[0].Subject.Start, last.Detail)
		case name == "binary" && (len(diags) != 1 || last.Summary != "binary file"):
			t.Errorf("a binary .tf file: %s", render(diags))
		}
	}
	// The file refused keeps its text, so that the error shows its line.
	if src := set.Sources[diags[0].Subject.Filename]; !bytes.Equal(src, []byte(deep)) {
		t.Errorf("the source of the file nested too deep is not kept (%d bytes)", len(src))
	}
}

func render(diags hcl.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		if d.Subject != nil {
			fmt.Fprintf(&b, "%s:%d:%d: ", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
		}
		fmt.Fprintf(&b, "%s: %s\n", d.Summary, d.Detail)
	}
	return b.String()
}

func TestEdges(t *testing.T) {
	s := mustLoad(t, "testdata/edge")
	db := s.Resources["aws_db_instance.db"]
	if db == nil {
		t.Fatalf("resources: %v", addresses(s))
	}
	if got := db.Values["backup_retention_period"]; got != int64(0) {
		t.Errorf(`a number variable given "0" in tfvars = %#v, want the number 0 (never a string that sorts above 0)`, got)
	}
	if got := db.Values["identifier"]; got != "42" {
		t.Errorf("a string variable defaulting to 42 = %#v, want \"42\"", got)
	}
	if _, ok := db.Values["storage_encrypted"]; ok {
		t.Errorf("the override file sets storage_encrypted to a bool variable given \"yes\": want unknown, got %#v", db.Values["storage_encrypted"])
	}
	want := []string{"huge", "loop", "storage_encrypted"}
	if !reflect.DeepEqual(db.Unknown, want) {
		t.Errorf("unknown = %q, want %q (a value of 100,000 parts and a cycle of locals are unknown)", db.Unknown, want)
	}
	if file, line, _, _ := s.Locate("aws_db_instance.db", "storage_encrypted"); file != "testdata/edge/db_override.tf" || line != 2 {
		t.Errorf("storage_encrypted at %s:%d, want the override file's line", file, line)
	}
	if c := s.Resources["aws_s3_bucket.count"]; c == nil || !reflect.DeepEqual(c.Unknown, []string{"count"}) {
		t.Errorf("a count of 100,000,000 is read once with count unknown: %+v", c)
	}
}

func TestModuleCycle(t *testing.T) {
	_, diags := Load([]string{"testdata/cycle"}, inventory.Options{})
	if got := render(diags); !strings.Contains(got, "testdata/cycle/modules/a/main.tf:2:12: Module calls itself") {
		t.Errorf("diagnostics:\n%s", got)
	}
}

func TestModuleProviders(t *testing.T) {
	s := mustLoad(t, "testdata/providers")
	if got := get(t, s, "module.store.aws_s3_bucket.b", "tags_all", "baomi-system"); got != "billing_db" {
		t.Errorf("a module given providers = { aws = aws.billing } takes its default tags: tags_all.baomi-system = %#v", got)
	}
	if got := get(t, s, "module.plain.aws_s3_bucket.b", "tags_all", "team"); got != "web" {
		t.Errorf("a module without providers takes the caller's default provider: tags_all.team = %#v", got)
	}
	systems := map[string]any{"system.billing_db": map[string]any{}}
	if diags := s.Link(systems, DefaultSystemTag, diagnose); diags.HasErrors() || s.Resources["module.store.aws_s3_bucket.b"].System != "system.billing_db" {
		t.Errorf("the passed provider's default tags link: %s", render(diags))
	}
}

func TestRootsWithTheSameRelativePath(t *testing.T) {
	s := mustLoad(t, "testdata/roots", "testdata/other", "testdata/roots/envs/prod")
	got := addresses(s)
	want := []string{
		"envs/staging:aws_s3_bucket.scratch",
		"envs/staging:module.db.aws_db_instance.main",
		"testdata/other/envs/prod:aws_s3_bucket.other",
		"testdata/roots/envs/prod:module.db.aws_db_instance.main",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("addresses = %q, want %q: a root reached twice is read once, and labels that would collide take the folder's path", got, want)
	}
}

// TestDigest: each file read has the sha256 of its bytes as read, a byte order
// mark included; a file not read has none.
func TestDigest(t *testing.T) {
	dir := t.TempDir()
	src := []byte("\xef\xbb\xbfresource \"aws_s3_bucket\" \"docs\" {\n  bucket = \"acme-docs\"\n}\n")
	name := filepath.Join(dir, "main.tf")
	if err := os.WriteFile(name, src, 0o644); err != nil {
		t.Fatal(err)
	}
	s := mustLoad(t, dir)
	shown := inventory.DisplayName(name)
	if !slices.Equal(s.Files, []string{shown}) {
		t.Fatalf("files read %v, want %s", s.Files, shown)
	}
	want := sha256.Sum256(src)
	if got, ok := s.Digest(shown); !ok || got != hex.EncodeToString(want[:]) {
		t.Errorf("Digest(%s) = %q, %v; want the sha256 of the bytes read", shown, got, ok)
	}
	if _, ok := s.Digest(filepath.Join(dir, "other.tf")); ok {
		t.Error("a file not read has a digest")
	}
}
