package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/baomi-dev/baomi/inventory"
)

// module is one folder of .tf files, parsed once however often it is called.
type module struct {
	dir       string
	variables map[string]*hclsyntax.Block
	locals    map[string]*hclsyntax.Attribute
	resources []*hclsyntax.Block
	// declared holds the managed resources' TYPE.NAME.
	declared  map[string]hcl.Range
	calls     []*hclsyntax.Block
	providers []*hclsyntax.Block
}

// declares reports whether the module declares the managed resource TYPE.NAME.
func (m *module) declares(addr string) bool {
	_, ok := m.declared[addr]
	return ok
}

// tfFiles lists the .tf files directly in dir, sorted; hidden files are skipped.
func tfFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".tf") && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out, nil
}

// module parses the .tf files of dir, once.
func (r *reader) module(dir string) *module {
	dir = filepath.Clean(dir)
	if m, ok := r.modules[dir]; ok {
		return m
	}
	m := &module{dir: dir, variables: map[string]*hclsyntax.Block{}, locals: map[string]*hclsyntax.Attribute{}, declared: map[string]hcl.Range{}}
	r.modules[dir] = m
	files, err := tfFiles(dir)
	if err != nil {
		r.diags = append(r.diags, fileError(inventory.DisplayName(dir), "cannot read Terraform folder", err.Error()))
		return m
	}
	for _, name := range files {
		body := r.parse(name)
		if body == nil {
			continue
		}
		for _, blk := range body.Blocks {
			r.collect(m, blk)
		}
	}
	return m
}

// parse reads and parses one HCL file within the inventory's limits.
func (r *reader) parse(name string) *hclsyntax.Body {
	shown := inventory.DisplayName(name)
	src, d := r.readSource(shown)
	if d != nil {
		r.diags = append(r.diags, d)
		return nil
	}
	r.files = append(r.files, shown)
	f, diags := hclsyntax.ParseConfig(src, shown, hcl.Pos{Line: 1, Column: 1})
	r.diags = append(r.diags, diags...)
	if diags.HasErrors() || f == nil {
		return nil
	}
	body, _ := f.Body.(*hclsyntax.Body)
	return body
}

// collect files one top-level block of a module.
func (r *reader) collect(m *module, blk *hclsyntax.Block) {
	labels := map[string]int{"resource": 2, "data": 2, "module": 1, "variable": 1, "provider": 1, "locals": 0}
	want, known := labels[blk.Type]
	if !known {
		return // output, terraform, moved, import, check and the like hold no resources
	}
	if len(blk.Labels) != want {
		r.errorf(blk.DefRange(), "Wrong number of labels", "A %s block takes %d label%s; this one has %d.", blk.Type, want, plural(want), len(blk.Labels))
		return
	}
	switch blk.Type {
	case "resource":
		addr := blk.Labels[0] + "." + blk.Labels[1]
		if prev, dup := m.declared[addr]; dup {
			r.errorf(blk.DefRange(), "Duplicate resource", "%s is declared twice in this module: first at %s.", addr, rangeText(prev))
			return
		}
		m.declared[addr] = blk.DefRange()
		m.resources = append(m.resources, blk)
	case "module":
		m.calls = append(m.calls, blk)
	case "variable":
		m.variables[blk.Labels[0]] = blk
	case "provider":
		m.providers = append(m.providers, blk)
	case "locals":
		for name, a := range blk.Body.Attributes {
			m.locals[name] = a
		}
	}
}

// localSource reports whether a module source is a local path, which is read;
// anything else (a registry, Git or HTTP source) is a remote module.
func localSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../")
}

// callTargets lists the folders a module calls as local modules.
func (r *reader) callTargets(m *module) []string {
	var out []string
	for _, c := range m.calls {
		if src, ok := literalString(c.Body.Attributes["source"]); ok && localSource(src) {
			out = append(out, filepath.Clean(filepath.Join(m.dir, src)))
		}
	}
	return out
}

// literalString reads an attribute holding a plain string.
func literalString(a *hclsyntax.Attribute) (string, bool) {
	if a == nil {
		return "", false
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || v.IsNull() || !v.IsKnown() || v.Type().FriendlyName() != "string" {
		return "", false
	}
	return v.AsString(), true
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func rangeText(r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

func fileError(file, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: &hcl.Range{Filename: file}}
}
