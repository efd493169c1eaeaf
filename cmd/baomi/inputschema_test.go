package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/policies"
)

// inputSchemaPath is the committed JSON Schema of the input document.
const inputSchemaPath = "docs/input.schema.json"

// TestInputSchemaUpToDate checks that the committed schema is the one the
// block table generates (go test ./cmd/baomi -run InputSchema -update rewrites it).
func TestInputSchemaUpToDate(t *testing.T) {
	repoRoot(t)
	want, err := inventory.JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(inputSchemaPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(inputSchemaPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not the generated schema (go test ./cmd/baomi -run InputSchema -update rewrites it)", inputSchemaPath)
	}
}

// inputSchema compiles the committed schema, with formats asserted.
func inputSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(inputSchemaPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s is not JSON: %v", inputSchemaPath, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(inputSchemaPath, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(inputSchemaPath)
	if err != nil {
		t.Fatalf("compiling %s: %v", inputSchemaPath, err)
	}
	return sch
}

// validateJSON validates a JSON text against sch.
func validateJSON(sch *jsonschema.Schema, text []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// TestInputSchemaValidatesFixtures validates inspect's output for acme with its
// Terraform (the golden of TestInspectAcmeGolden) and the input document of
// every fixture inventory that decodes without error.
func TestInputSchemaValidatesFixtures(t *testing.T) {
	repoRoot(t)
	sch := inputSchema(t)
	out, err := os.ReadFile("cmd/baomi/testdata/inspect-acme.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := validateJSON(sch, out); err != nil {
		t.Errorf("inspect-acme.json: %v", err)
	}
	dirs, _ := filepath.Glob("fixtures/chapter*/*")
	dirs = append(dirs, "fixtures/acme")
	valid := 0
	for _, dir := range dirs {
		if files, _ := filepath.Glob(filepath.Join(dir, "*.hcl")); len(files) == 0 {
			continue
		}
		inv, diags := inventory.Load([]string{dir})
		if diags.HasErrors() {
			continue
		}
		valid++
		doc := evaluator.InputDocument(inv.Document, evaluator.Options{AsOf: "2026-11-01", Settings: map[string]any{"patch_max_age_days": 31}})
		text, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		if err := validateJSON(sch, text); err != nil {
			t.Errorf("%s: %v", dir, err)
		}
	}
	if valid < 50 {
		t.Fatalf("only %d fixture inventories decode; the walk is broken", valid)
	}
}

// TestInputSchemaRefuses checks that the schema is not vacuous: wrong values
// of each kind fail validation.
func TestInputSchemaRefuses(t *testing.T) {
	repoRoot(t)
	sch := inputSchema(t)
	base, err := os.ReadFile("cmd/baomi/testdata/inspect-acme.json")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]func(doc map[string]any){
		"enum":              func(d map[string]any) { system(d)["kind"] = "mainframe" },
		"boolean":           func(d map[string]any) { system(d)["designated"] = "yes" },
		"date":              func(d map[string]any) { d["as_of"] = "1 Nov 2026" },
		"unknown attribute": func(d map[string]any) { system(d)["colour"] = "red" },
		"reference type":    func(d map[string]any) { system(d)["site"] = "department.legal" },
		"address key":       func(d map[string]any) { d["systems"].(map[string]any)["site.x"] = map[string]any{} },
		"nested block":      func(d map[string]any) { system(d)["backup"] = map[string]any{"encrypted": true} },
		"missing waiver field": func(d map[string]any) {
			for _, w := range d["waivers"].(map[string]any) {
				delete(w.(map[string]any), "expires")
			}
		},
		"unknown collection": func(d map[string]any) { d["servers"] = map[string]any{} },
	}
	for name, mutate := range cases {
		var doc map[string]any
		if err := json.Unmarshal(base, &doc); err != nil {
			t.Fatal(err)
		}
		mutate(doc)
		text, _ := json.Marshal(doc)
		if validateJSON(sch, text) == nil {
			t.Errorf("%s: a wrong document validates", name)
		}
	}
}

// system is one system of an input document, the first by address.
func system(doc map[string]any) map[string]any {
	systems := doc["systems"].(map[string]any)
	first := ""
	for k := range systems {
		if first == "" || k < first {
			first = k
		}
	}
	return systems[first].(map[string]any)
}

// typeCheck compiles modules with the input schema, as opa check --schema does,
// and returns the compiler's errors.
func typeCheck(t *testing.T, modules map[string]*ast.Module) ast.Errors {
	t.Helper()
	raw, err := os.ReadFile(inputSchemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var schema any
	if err := util.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	ss := ast.NewSchemaSet()
	ss.Put(ast.SchemaRootRef, schema)
	c := ast.NewCompiler().WithSchemas(ss)
	c.Compile(modules)
	return c.Errors
}

// TestInputSchemaTypeChecksControls gives the schema to OPA's type checker over
// the built-in controls, which must type-check against it, and over a rule
// reading a misspelt collection, which must not.
func TestInputSchemaTypeChecksControls(t *testing.T) {
	repoRoot(t)
	mods, err := evaluator.ParseFS(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	modules := map[string]*ast.Module{}
	for _, m := range mods {
		if !m.Test {
			modules[m.Name] = m.Module
		}
	}
	if len(modules) < 10 {
		t.Fatalf("only %d modules parsed", len(modules))
	}
	if errs := typeCheck(t, modules); len(errs) > 0 {
		t.Fatalf("the controls do not type-check against %s: %v", inputSchemaPath, errs)
	}
	bad := ast.MustParseModuleWithOpts("package mine\n\nfailing contains a if {\n\tsome a, _ in input.sytems\n}\n",
		ast.ParserOptions{RegoVersion: ast.RegoV1})
	errs := typeCheck(t, map[string]*ast.Module{"mine.rego": bad})
	if len(errs) != 1 || errs[0].Code != ast.TypeErr || !strings.Contains(errs[0].Message, "sytems") {
		t.Errorf("a rule reading input.sytems: errors %v; want the type error of an undefined ref", errs)
	}
}
