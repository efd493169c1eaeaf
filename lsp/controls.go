package lsp

import (
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/inventory"
)

// judges maps an attribute ("system.encryption_at_rest",
// "system.backup.encrypted") to the controls that read it.
type judges map[string][]*evaluator.Control

// readers finds, in the policies' own source, the controls that read each
// attribute of the language. A control reads an attribute when its module
// refers to the attribute's collection (input.systems) and names the
// attribute (and, for an attribute of a nested block, the nested block) as a
// string: a key of a reference (backup.encrypted), an argument (object.get)
// or a value. What a control reads only through the shared library's rules is
// not seen.
func readers(ps *evaluator.Policies, types []inventory.BlockTypeInfo) judges {
	byPackage := map[string]*evaluator.Control{}
	for _, c := range ps.Controls {
		byPackage[c.Package] = c
	}
	out := judges{}
	for _, f := range ps.PolicyFiles() {
		c := byPackage[f.Package]
		if c == nil {
			continue
		}
		m, err := ast.ParseModuleWithOpts(f.Name, string(f.Source), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			continue
		}
		collections, names := map[string]bool{}, map[string]bool{}
		ast.WalkTerms(m, func(t *ast.Term) bool {
			switch v := t.Value.(type) {
			case ast.String:
				names[string(v)] = true
			case ast.Ref:
				if len(v) > 1 && v[0].Equal(ast.InputRootDocument) {
					if s, ok := v[1].Value.(ast.String); ok {
						collections[string(s)] = true
					}
				}
			}
			return false
		})
		for _, b := range types {
			if !collections[b.Collection] {
				continue
			}
			for _, a := range b.Attributes {
				if names[a.Name] {
					out[b.Name+"."+a.Name] = append(out[b.Name+"."+a.Name], c)
				}
			}
			for _, nb := range b.Blocks {
				if !names[nb.Name] {
					continue
				}
				for _, a := range nb.Attributes {
					if names[a.Name] {
						key := b.Name + "." + nb.Name + "." + a.Name
						out[key] = append(out[key], c)
					}
				}
			}
		}
	}
	for _, cs := range out {
		sort.Slice(cs, func(i, j int) bool { return cs[i].ID < cs[j].ID })
	}
	return out
}

// describe is the Markdown hover adds to an attribute: the controls that read it.
func (j judges) describe(block, nested, attr string) string {
	key := block + "." + attr
	if nested != "" {
		key = block + "." + nested + "." + attr
	}
	cs := j[key]
	if len(cs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("Judged by:")
	for _, c := range cs {
		fmt.Fprintf(&b, "\n- `%s` %s (article %s, %s)", c.ID, c.Title, c.Article, c.Severity)
	}
	return b.String()
}
