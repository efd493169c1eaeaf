package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/policies"
)

// readBundle reads a bundle file back with OPA's own bundle reader.
func readBundle(t *testing.T, name string) bundle.Bundle {
	t.Helper()
	raw, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bundle.NewReader(bytes.NewReader(raw)).Read()
	if err != nil {
		t.Fatalf("OPA cannot read the bundle: %v", err)
	}
	return b
}

func TestBundleBuild(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "baomi.tar.gz")
	code, stdout, errOut := runBaomi(t, "bundle", "build", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	ps, err := evaluator.Load(context.Background(), policies.FS, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, ps.Digest()) {
		t.Errorf("the summary does not name the revision: %q", stdout)
	}
	b := readBundle(t, out)

	if b.Manifest.Revision != ps.Digest() {
		t.Errorf("revision %q, want the policy set's digest %q", b.Manifest.Revision, ps.Digest())
	}
	if b.Manifest.Roots == nil || !slices.Equal(*b.Manifest.Roots, []string{"baomi"}) {
		t.Errorf("roots %v, want [baomi]", b.Manifest.Roots)
	}

	all, err := evaluator.ParseFS(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, m := range all {
		if !m.Test {
			src, err := os.ReadFile(filepath.Join("../..", m.Name))
			if err != nil {
				t.Fatal(err)
			}
			want["/"+m.Name] = src
		}
	}
	got := map[string][]byte{}
	for _, m := range b.Modules {
		got[m.Path] = m.Raw
	}
	if got["/"+evaluator.EntryFile] == nil {
		t.Errorf("the bundle lacks the entry module %s", evaluator.EntryFile)
	}
	delete(got, "/"+evaluator.EntryFile)
	if len(got) != len(want) {
		t.Errorf("%d modules in the bundle, want the %d built-in policy files", len(got), len(want))
	}
	for name, src := range want {
		if !bytes.Equal(got[name], src) {
			t.Errorf("%s: missing from the bundle or not byte for byte the policy file", name)
		}
	}
	for name := range got {
		if strings.HasSuffix(name, "_test.rego") {
			t.Errorf("test file %s is in the bundle", name)
		}
	}

	meta, _ := b.Data["baomi"].(map[string]any)["meta"].(map[string]any)
	catalog, _ := meta["catalog"].([]any)
	if len(catalog) != len(ps.Controls) {
		t.Fatalf("data.baomi.meta.catalog holds %d controls, want %d", len(catalog), len(ps.Controls))
	}
	first, _ := catalog[0].(map[string]any)
	c := ps.Controls[0]
	for k, v := range map[string]string{"id": c.ID, "short_code": c.ShortCode, "article": c.Article, "severity": c.Severity.String(), "title": c.Title, "package": c.Package} {
		if first[k] != v {
			t.Errorf("catalog[0].%s = %v, want %q", k, first[k], v)
		}
	}
	settings, _ := meta["settings"].(map[string]any)
	if len(settings) == 0 || len(settings) != len(ps.Settings(nil)) {
		t.Errorf("data.baomi.meta.settings = %v, want the %d default settings", settings, len(ps.Settings(nil)))
	}

	// An unmodified OPA loads the bundle and evaluates a control over an input.
	r := rego.New(rego.ParsedBundle("baomi", &b), rego.Query("data.baomi.controls.asset_labeled.deny"),
		rego.Input(map[string]any{"data_assets": map[string]any{
			"data_asset.marked":   map[string]any{"labeled": true},
			"data_asset.unmarked": map[string]any{},
		}}))
	rs, err := r.Eval(context.Background())
	if err != nil {
		t.Fatalf("OPA cannot evaluate the bundle: %v", err)
	}
	if len(rs) != 1 {
		t.Fatalf("no result: %v", rs)
	}
	denies, _ := rs[0].Expressions[0].Value.([]any)
	if len(denies) != 1 || denies[0].(map[string]any)["resource"] != "data_asset.unmarked" {
		t.Errorf("deny = %v, want one finding on data_asset.unmarked", denies)
	}
	rs, err = rego.New(rego.ParsedBundle("baomi", &b), rego.Query("count(data.baomi.meta.catalog)")).Eval(context.Background())
	if err != nil || len(rs) != 1 || fmt.Sprint(rs[0].Expressions[0].Value) != strconv.Itoa(len(ps.Controls)) {
		t.Errorf("data.baomi.meta.catalog read through OPA: %v, %v", rs, err)
	}

	// Two builds give the same bytes.
	again := filepath.Join(dir, "again.tar.gz")
	if code, _, errOut := runBaomi(t, "bundle", "build", "-o", again); code != 0 {
		t.Fatalf("second build: exit %d: %s", code, errOut)
	}
	b1, _ := os.ReadFile(out)
	b2, _ := os.ReadFile(again)
	if !bytes.Equal(b1, b2) {
		t.Error("two builds of the same policies differ")
	}
}

func TestBundleBuildWithUserPolicies(t *testing.T) {
	repoRoot(t)
	out := filepath.Join(t.TempDir(), "baomi.tar.gz")
	code, _, errOut := runBaomi(t, "bundle", "build", "-o", out, "--policy", "evaluator/testdata/user")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	ps, err := evaluator.Load(context.Background(), policies.FS, []string{"evaluator/testdata/user"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := readBundle(t, out)
	if b.Manifest.Revision != ps.Digest() {
		t.Errorf("revision %q, want the policy set's digest %q", b.Manifest.Revision, ps.Digest())
	}
	if b.Manifest.Roots == nil || !slices.Equal(*b.Manifest.Roots, []string{"acme", "baomi"}) {
		t.Errorf("roots %v, want [acme baomi]", b.Manifest.Roots)
	}
	var user []string
	for _, m := range b.Modules {
		if !strings.HasPrefix(m.Path, "/policies/") && m.Path != "/"+evaluator.EntryFile {
			user = append(user, m.Path)
		}
	}
	if !slices.Equal(user, []string{"/user/evaluator/testdata/user/system_named.rego"}) {
		t.Errorf("user files in the bundle: %v, want the one control, its test left out", user)
	}
	rs, err := rego.New(rego.ParsedBundle("baomi", &b), rego.Query("data.acme.system_named.deny"),
		rego.Input(map[string]any{"systems": map[string]any{}})).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Errorf("OPA cannot evaluate the user control from the bundle: %v, %v", rs, err)
	}
}

func TestBundleBuildRefusals(t *testing.T) {
	for _, args := range [][]string{{"bundle"}, {"bundle", "biuld"}} {
		if code, _, errOut := runBaomi(t, args...); code != exitError || !strings.Contains(errOut, "bundle build") {
			t.Errorf("%v: exit %d, %q; want exit 2 naming bundle build", args, code, errOut)
		}
	}
	if code, _, errOut := runBaomi(t, "bundle", "build"); code != exitError || !strings.Contains(errOut, "-o baomi.tar.gz") {
		t.Errorf("without -o: exit %d, %q; want exit 2 asking for the file", code, errOut)
	}
	dir := t.TempDir()
	pol := filepath.Join(dir, "pol")
	if err := os.Mkdir(pol, 0o755); err != nil {
		t.Fatal(err)
	}
	// The catalog's data, and the entry module of check --opa-url.
	for _, pkg := range []string{"baomi.meta.catalog", evaluator.EntryPackage} {
		src := "package " + pkg + "\n\nshadow := true\n"
		if err := os.WriteFile(filepath.Join(pol, "shadow.rego"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "b.tar.gz")
		code, _, errOut := runBaomi(t, "bundle", "build", "-o", out, "--policy", pol)
		if code != exitError || !strings.Contains(errOut, "baomi.meta is the bundle's data") {
			t.Errorf("a user package %s: exit %d, %q; want exit 2 naming the clash", pkg, code, errOut)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("a refused build (package %s) wrote the bundle", pkg)
		}
	}
}

func TestBundleBuildIgnoresTheReportOutput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	report := filepath.Join(dir, "report.json")
	if err := os.WriteFile("baomi.yaml", []byte("output: "+report+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("BAOMI_OUTPUT", report)
	if code, _, errOut := runBaomi(t, "bundle", "build"); code != exitError || !strings.Contains(errOut, "-o baomi.tar.gz") {
		t.Errorf("with only check's output configured: exit %d, %q; want exit 2 asking for the file", code, errOut)
	}
	if _, err := os.Stat(report); err == nil {
		t.Error("bundle build wrote the bundle where the config file sends check's report")
	}
}

// TestBundleBuildNeverOverwritesAPolicyFile: -o naming one of the user policy
// files it reads is refused before anything is written.
func TestBundleBuildNeverOverwritesAPolicyFile(t *testing.T) {
	dir := t.TempDir()
	policy := filepath.Join(dir, "mine.rego")
	src := []byte("package acme.helpers\n\nx := 1\n")
	if err := os.WriteFile(policy, src, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runBaomi(t, "bundle", "build", "--policy", dir, "-o", policy)
	if code != exitError || !strings.Contains(errOut, "a policy file") {
		t.Errorf("exit %d, want 2 naming the policy file:\n%s", code, errOut)
	}
	if b, _ := os.ReadFile(policy); string(b) != string(src) {
		t.Error("the policy file was overwritten")
	}
}
