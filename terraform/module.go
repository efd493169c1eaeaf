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
	// index places each resource (by TYPE.NAME) and module call (by
	// module.NAME) in resources or calls, for override files.
	index map[string]int
}

// declares reports whether the module declares the managed resource TYPE.NAME.
func (m *module) declares(addr string) bool {
	_, ok := m.declared[addr]
	return ok
}

// tfFiles lists the .tf files directly in dir, hidden files skipped: the primary
// files in name order, then the override files (override.tf, *_override.tf) in
// name order, which is how Terraform reads them.
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
	sort.SliceStable(out, func(i, j int) bool {
		oi, oj := isOverride(out[i]), isOverride(out[j])
		if oi != oj {
			return oj
		}
		return out[i] < out[j]
	})
	return out, nil
}

// isOverride reports whether a .tf file is an override file.
func isOverride(name string) bool {
	base := filepath.Base(name)
	return base == "override.tf" || strings.HasSuffix(base, "_override.tf")
}

// module parses the .tf files of dir, once.
func (r *reader) module(dir string) *module {
	dir = filepath.Clean(dir)
	if m, ok := r.modules[dir]; ok {
		return m
	}
	m := &module{dir: dir, variables: map[string]*hclsyntax.Block{}, locals: map[string]*hclsyntax.Attribute{},
		declared: map[string]hcl.Range{}, index: map[string]int{}}
	r.modules[dir] = m
	files, err := tfFiles(dir)
	if err != nil {
		r.diags = append(r.diags, fileError(inventory.DisplayName(dir), "cannot read Terraform folder", err.Error()))
		return m
	}
	jsonFiles, _ := filepath.Glob(filepath.Join(dir, "*.tf.json"))
	sort.Strings(jsonFiles)
	for _, f := range jsonFiles {
		r.set.Unread = append(r.set.Unread, inventory.DisplayName(f))
	}
	for _, name := range files {
		body := r.parse(name)
		if body == nil {
			continue
		}
		for _, blk := range body.Blocks {
			r.collect(m, blk, isOverride(name))
		}
	}
	return m
}

// parse reads and parses one HCL file within the inventory's limits.
func (r *reader) parse(name string) *hclsyntax.Body {
	src, shown, ok := r.readSource(name)
	if !ok {
		return nil
	}
	f, diags := inventory.ParseText(src, shown)
	r.diags = append(r.diags, diags...)
	if diags.HasErrors() || f == nil {
		return nil
	}
	body, _ := f.Body.(*hclsyntax.Body)
	return body
}

// collect files one top-level block of a module. A block of an override file
// merges into the block it overrides, as Terraform merges it.
func (r *reader) collect(m *module, blk *hclsyntax.Block, override bool) {
	labels := map[string]int{"resource": 2, "data": 2, "module": 1, "variable": 1, "provider": 1, "locals": 0}
	want, known := labels[blk.Type]
	if !known {
		return // output, terraform, moved, import, check and the like hold no resources
	}
	if len(blk.Labels) != want {
		r.errorf(blk.DefRange(), "Wrong number of labels", "A %s block takes %d label%s; this one has %d.", blk.Type, want, plural(want), len(blk.Labels))
		return
	}
	if override {
		r.override(m, blk)
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
		m.index[addr] = len(m.resources)
		m.resources = append(m.resources, blk)
	case "module":
		m.index["module."+blk.Labels[0]] = len(m.calls)
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

// override merges a block of an override file into the block it overrides:
// resources, module calls and variables by name; locals replace each other;
// other blocks are ignored.
func (r *reader) override(m *module, blk *hclsyntax.Block) {
	switch blk.Type {
	case "resource", "module":
		key := blk.Labels[0]
		if blk.Type == "resource" {
			key += "." + blk.Labels[1]
		} else {
			key = "module." + key
		}
		i, ok := m.index[key]
		if !ok {
			r.errorf(blk.DefRange(), "Override without a base", "This override file overrides %s, which no other file of the module declares.", key)
			return
		}
		if blk.Type == "resource" {
			m.resources[i] = mergeBlock(m.resources[i], blk)
		} else {
			m.calls[i] = mergeBlock(m.calls[i], blk)
		}
	case "variable":
		if base := m.variables[blk.Labels[0]]; base != nil {
			m.variables[blk.Labels[0]] = mergeBlock(base, blk)
		}
	case "locals":
		for name, a := range blk.Body.Attributes {
			m.locals[name] = a
		}
	}
}

// mergeBlock overrides base with over: over's attributes replace base's, and a
// nested block type that over writes replaces all of base's blocks of that type.
// The block keeps base's place.
func mergeBlock(base, over *hclsyntax.Block) *hclsyntax.Block {
	body := *base.Body
	body.Attributes = hclsyntax.Attributes{}
	for k, v := range base.Body.Attributes {
		body.Attributes[k] = v
	}
	for k, v := range over.Body.Attributes {
		body.Attributes[k] = v
	}
	replaced := map[string]bool{}
	for _, b := range over.Body.Blocks {
		replaced[b.Type] = true
	}
	body.Blocks = nil
	for _, b := range base.Body.Blocks {
		if !replaced[b.Type] {
			body.Blocks = append(body.Blocks, b)
		}
	}
	body.Blocks = append(body.Blocks, over.Body.Blocks...)
	merged := *base
	merged.Body = &body
	return &merged
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
