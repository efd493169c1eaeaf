package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	tfjson "github.com/hashicorp/terraform-json"
)

// readPlan reads a plan in Terraform's JSON format (terraform show -json). Each
// managed resource the plan keeps is read with its planned values; "known after
// apply" is unknown, except that an attribute whose configuration refers to
// exactly one resource is that resource's address, as in .tf files. A resource
// also read from .tf files takes the plan's values and keeps its .tf location.
func (r *reader) readPlan(path, prefix string) {
	src, shown, ok := r.readSource(path)
	if !ok {
		return
	}
	var plan tfjson.Plan
	plan.UseJSONNumber(true)
	if err := json.Unmarshal(src, &plan); err != nil {
		rng := hcl.Range{Filename: shown, Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 1}}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			rng.Start = offsetPos(src, int(se.Offset)-1)
			rng.End = rng.Start
		}
		r.errorf(rng, "Invalid plan", "%s is not a plan in Terraform's JSON format (terraform show -json PLANFILE): %v.", shown, err)
		return
	}
	if plan.ResourceChanges == nil && plan.PlannedValues == nil {
		r.errorf(hcl.Range{Filename: shown, Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 1}}, "Not a plan",
			"%s holds no planned_values nor resource_changes: it is not the JSON of a plan (terraform show -json PLANFILE); a state or another document would show no resources at all.", shown)
		return
	}
	places := addressPlaces(src)
	configs := map[string]*tfjson.ConfigResource{}
	if plan.Config != nil {
		indexConfig(plan.Config.RootModule, "", configs)
	}
	for _, rc := range plan.ResourceChanges {
		if rc.Mode != tfjson.ManagedResourceMode || rc.DeposedKey != "" || rc.Change == nil {
			continue
		}
		after, ok := rc.Change.After.(map[string]any)
		if !ok {
			continue // deleted
		}
		cfg := configs[stripKeys(rc.ModuleAddress)+"|"+rc.Type+"."+rc.Name]
		res := &Resource{Address: prefix + rc.Address, local: rc.Address, Type: rc.Type, Provider: providerName(rc.ProviderName),
			Source: "plan", Values: map[string]any{}}
		var blocks map[string]*tfjson.Expression
		if cfg != nil {
			blocks = cfg.Expressions
		}
		planObject(after, rc.Change.AfterUnknown, "", blocks, res.Values, &res.Unknown)
		if cfg != nil {
			resolveReferences(res, cfg, rc.ModuleAddress, prefix)
		}
		sort.Strings(res.Unknown)
		if tf := r.set.Resources[res.Address]; tf != nil && tf.Source == "tf" {
			res.def, res.locs = tf.def, tf.locs
		} else {
			pos, ok := places[rc.Address]
			if !ok {
				pos = hcl.Pos{Line: 1, Column: 1}
			}
			res.def = hcl.Range{Filename: shown, Start: pos}
			res.def.End = res.def.Start
		}
		res.planTags()
		r.set.Resources[res.Address] = res
	}
}

// indexConfig indexes the configuration's resources by module path (without
// instance keys) and TYPE.NAME.
func indexConfig(m *tfjson.ConfigModule, path string, out map[string]*tfjson.ConfigResource) {
	if m == nil {
		return
	}
	for _, res := range m.Resources {
		out[path+"|"+res.Type+"."+res.Name] = res
	}
	for name, call := range m.ModuleCalls {
		p := "module." + name
		if path != "" {
			p = path + "." + p
		}
		indexConfig(call.Module, p, out)
	}
}

// stripKeys drops instance keys from a module address: module.a[0].module.b → module.a.module.b.
func stripKeys(addr string) string {
	var b strings.Builder
	depth := 0
	inString := false
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"' && depth > 0:
			inString = !inString
		case inString:
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// providerName is a provider's local name: "registry.terraform.io/hashicorp/aws" → "aws".
func providerName(full string) string {
	if i := strings.LastIndex(full, "/"); i >= 0 {
		return full[i+1:]
	}
	return full
}

// planObject reads planned values into into, dropping what is unknown (marked in
// marks, the plan's after_unknown) and nulls. A list holding one object is that
// object: a plan writes every nested block as a list, and a block written once is
// an object in .tf files (the configuration's nested blocks guide the reading of
// their own attributes).
func planObject(values map[string]any, marks any, prefix string, config map[string]*tfjson.Expression, into map[string]any, unknowns *[]string) {
	markMap, _ := marks.(map[string]any)
	keys := map[string]bool{}
	for k := range values {
		keys[k] = true
	}
	for k, m := range markMap {
		if m == true {
			keys[k] = true
		}
	}
	for k := range keys {
		path := prefix + k
		if markMap[k] == true {
			*unknowns = append(*unknowns, path)
			continue
		}
		v := values[k]
		if v == nil {
			continue
		}
		var nested []map[string]*tfjson.Expression
		if e := config[k]; e != nil && e.ExpressionData != nil {
			nested = e.NestedBlocks
		}
		if list, ok := v.([]any); ok && len(list) == 1 {
			if obj, ok := list[0].(map[string]any); ok {
				inner := map[string]any{}
				var cfg map[string]*tfjson.Expression
				if len(nested) > 0 {
					cfg = nested[0]
				}
				planObject(obj, index(markMap[k], 0), path+".", cfg, inner, unknowns)
				into[k] = inner
				continue
			}
		}
		var cfg map[string]*tfjson.Expression
		if len(nested) > 0 {
			cfg = nested[0]
		}
		if s, ok := planValue(v, markMap[k], path, cfg, unknowns); ok {
			into[k] = s
		}
	}
}

// planValue reads one planned value; a list with an unknown element is unknown whole.
func planValue(v any, marks any, path string, config map[string]*tfjson.Expression, unknowns *[]string) (any, bool) {
	if marks == true {
		*unknowns = append(*unknowns, path)
		return nil, false
	}
	switch x := v.(type) {
	case json.Number:
		n := jsonValue(x)
		if n == unknown {
			*unknowns = append(*unknowns, path)
			return nil, false
		}
		return n, true
	case map[string]any:
		out := map[string]any{}
		planObject(x, marks, path+".", config, out, unknowns)
		return out, true
	case []any:
		var inner []string
		out := make([]any, 0, len(x))
		for i, e := range x {
			if e == nil {
				out = append(out, nil)
				continue
			}
			s, ok := planValue(e, index(marks, i), path+"["+strconv.Itoa(i)+"]", config, &inner)
			if ok {
				out = append(out, s)
			}
		}
		if len(inner) > 0 && !isObjectList(x) {
			*unknowns = append(*unknowns, path)
			return nil, false
		}
		*unknowns = append(*unknowns, inner...)
		return out, true
	}
	return v, true
}

// isObjectList reports whether a list holds objects (nested blocks), whose
// unknown parts are reported one by one.
func isObjectList(list []any) bool {
	for _, e := range list {
		if _, ok := e.(map[string]any); !ok {
			return false
		}
	}
	return len(list) > 0
}

// index is element i of an after_unknown list, or nil.
func index(marks any, i int) any {
	list, ok := marks.([]any)
	if !ok || i >= len(list) {
		return nil
	}
	return list[i]
}

// resolveReferences sets each top-level attribute the plan leaves unknown or
// unset, and whose configuration refers to exactly one resource, to that
// resource's address, within the referring resource's module.
func resolveReferences(res *Resource, cfg *tfjson.ConfigResource, moduleAddr, prefix string) {
	modPrefix := ""
	if moduleAddr != "" {
		modPrefix = moduleAddr + "."
	}
	for k, e := range cfg.Expressions {
		if e == nil || e.ExpressionData == nil || len(e.References) == 0 {
			continue
		}
		if _, known := res.Values[k]; known {
			continue
		}
		target := ""
		for _, ref := range e.References {
			addr, ok := resourceReference(ref)
			if !ok || target != "" && stripKeys(addr) != stripKeys(target) {
				target = ""
				break
			}
			if len(addr) > len(target) {
				target = addr
			}
		}
		if target == "" {
			continue
		}
		res.Values[k] = prefix + modPrefix + target
		res.Unknown = remove(res.Unknown, k)
	}
}

// resourceReference reads a plan configuration reference to a managed resource,
// "aws_s3_bucket.docs.id" or "aws_s3_bucket.docs[0]", as the resource's address;
// references to variables, locals, data sources, modules and the like are not.
func resourceReference(ref string) (string, bool) {
	root, rest, ok := strings.Cut(ref, ".")
	if !ok {
		return "", false
	}
	switch root {
	case "var", "local", "data", "module", "count", "each", "path", "terraform", "self":
		return "", false
	}
	name := rest
	if i := strings.IndexAny(rest, ".["); i >= 0 {
		name = rest[:i]
		if rest[i] == '[' {
			if j := strings.IndexByte(rest[i:], ']'); j >= 0 {
				name = rest[:i+j+1]
			}
		}
	}
	return root + "." + name, true
}

func remove(list []string, s string) []string {
	out := list[:0]
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// planTags reads the tags a plan resource links by: tags_all (which holds the
// provider's default tags), over tags.
func (res *Resource) planTags() {
	res.tags, res.tagLocs = map[string]any{}, map[string]hcl.Range{}
	for _, attr := range []string{"tags_all", "tags"} {
		m, _ := res.Values[attr].(map[string]any)
		for k, v := range m {
			res.tags[k] = v
			rng, ok := res.locs["tags."+k]
			if !ok {
				rng = res.def
			}
			res.tagLocs[k] = rng
		}
	}
}

// addressPlaces finds, in one pass over a plan, where it first names each
// address ("address": "aws_s3_bucket.docs").
func addressPlaces(src []byte) map[string]hcl.Pos {
	out := map[string]hcl.Pos{}
	key := []byte(`"address"`)
	line, lineStart, from := 1, 0, 0
	for {
		i := bytes.Index(src[from:], key)
		if i < 0 {
			return out
		}
		at := from + i
		line += bytes.Count(src[from:at], []byte("\n"))
		if nl := bytes.LastIndexByte(src[from:at], '\n'); nl >= 0 {
			lineStart = from + nl + 1
		}
		from = at + len(key)
		j := from
		for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r' || src[j] == ':') {
			j++
		}
		if j >= len(src) || src[j] != '"' {
			continue
		}
		var addr string
		dec := json.NewDecoder(bytes.NewReader(src[j:]))
		if dec.Decode(&addr) != nil {
			continue
		}
		if _, seen := out[addr]; !seen {
			out[addr] = hcl.Pos{Line: line, Column: at - lineStart + 1, Byte: at}
		}
	}
}

// offsetPos turns a byte offset into a line and column (in bytes).
func offsetPos(src []byte, off int) hcl.Pos {
	off = max(0, min(off, len(src)))
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return hcl.Pos{Line: line, Column: off - start + 1, Byte: off}
}
