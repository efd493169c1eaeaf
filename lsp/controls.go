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

// libraryPackage is the package of the shared library the controls import.
const libraryPackage = "baomi.lib"

// usage is what a control's module, or a rule of the library, reads: the
// input's collections it refers to (input.systems), the strings it names,
// and the library's rules it uses.
type usage struct {
	collections, names, rules map[string]bool
}

// usageOf collects what node reads.
func usageOf(node any) usage {
	u := usage{collections: map[string]bool{}, names: map[string]bool{}, rules: map[string]bool{}}
	lib := ast.MustParseRef("data." + libraryPackage)
	ast.WalkTerms(node, func(t *ast.Term) bool {
		switch v := t.Value.(type) {
		case ast.String:
			u.names[string(v)] = true
		case ast.Var:
			// A rule of the library named inside the library itself.
			u.rules[string(v)] = true
		case ast.Ref:
			switch {
			case len(v) > 1 && v[0].Equal(ast.InputRootDocument):
				if s, ok := v[1].Value.(ast.String); ok {
					u.collections[string(s)] = true
				}
			case len(v) > 1 && v[0].Value.Compare(ast.Var("lib")) == 0:
				if s, ok := v[1].Value.(ast.String); ok {
					u.rules[string(s)] = true
				}
			case len(v) > len(lib) && v.HasPrefix(lib):
				if s, ok := v[len(lib)].Value.(ast.String); ok {
					u.rules[string(s)] = true
				}
			}
		}
		return false
	})
	return u
}

// readers finds, in the policies' own source, the controls that read each
// attribute of the language. A control reads an attribute when its module,
// or a rule of the shared library it uses (directly or through other rules),
// refers to the attribute's collection (input.systems) and names the
// attribute (and, for an attribute of a nested block, the nested block) as a
// string: a key of a reference (backup.encrypted), an argument (object.get)
// or a value. It is a reading of the source, not of the evaluation: a name
// built at run time is not seen, and a name that only happens to match is
// counted.
func readers(ps *evaluator.Policies, types []inventory.BlockTypeInfo) judges {
	byPackage := map[string]*evaluator.Control{}
	for _, c := range ps.Controls {
		byPackage[c.Package] = c
	}
	libRules := map[string][]usage{}
	var controls []*evaluator.Control
	var uses []usage
	for _, f := range ps.PolicyFiles() {
		c := byPackage[f.Package]
		if c == nil && f.Package != libraryPackage {
			continue
		}
		m, err := ast.ParseModuleWithOpts(f.Name, string(f.Source), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			continue
		}
		if c == nil {
			for _, r := range m.Rules {
				name := r.Head.Name.String()
				if len(r.Head.Reference) > 0 {
					name = r.Head.Reference[0].String()
				}
				libRules[name] = append(libRules[name], usageOf(r))
			}
			continue
		}
		controls = append(controls, c)
		uses = append(uses, usageOf(m))
	}
	out := judges{}
	for i, c := range controls {
		u := withLibrary(uses[i], libRules)
		for _, b := range types {
			if !u.collections[b.Collection] {
				continue
			}
			for _, a := range b.Attributes {
				if u.names[a.Name] {
					out[b.Name+"."+a.Name] = append(out[b.Name+"."+a.Name], c)
				}
			}
			for _, nb := range b.Blocks {
				if !u.names[nb.Name] {
					continue
				}
				for _, a := range nb.Attributes {
					if u.names[a.Name] {
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

// withLibrary adds to u what the library's rules it uses read, and the rules
// those use in turn.
func withLibrary(u usage, libRules map[string][]usage) usage {
	done := map[string]bool{}
	queue := make([]string, 0, len(u.rules))
	for r := range u.rules {
		queue = append(queue, r)
	}
	for len(queue) > 0 {
		r := queue[0]
		queue = queue[1:]
		if done[r] {
			continue
		}
		done[r] = true
		for _, ru := range libRules[r] {
			for k := range ru.collections {
				u.collections[k] = true
			}
			for k := range ru.names {
				u.names[k] = true
			}
			for k := range ru.rules {
				queue = append(queue, k)
			}
		}
	}
	return u
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
