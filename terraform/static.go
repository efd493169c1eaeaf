package terraform

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// unknownValue stands, inside a value being evaluated, for a part that is not
// statically known. It never reaches the document: the part is dropped from
// values and its path listed in unknown.
type unknownValue struct{}

// unknown is the one unknown value.
var unknown any = unknownValue{}

// addressValue is a reference to another resource, resolved to its address. It
// is a string in the document; inside a template it is unknown, since the
// address is not the text Terraform would put there.
type addressValue string

// maxSafeInteger is the largest integer JSON consumers hold exactly (2^53 - 1).
const maxSafeInteger = 1<<53 - 1

// scope is what static evaluation may read in one module instance.
type scope struct {
	mod *module
	// prefix is the instance's address prefix: the root prefix ("envs/prod:")
	// then the module path ("module.kyc.").
	prefix string
	vars   map[string]any
	locals map[string]any
	// evaluating marks locals being evaluated, so that a cycle is unknown.
	evaluating map[string]bool
	// count and each are set inside a resource instance of count or for_each.
	count      any
	eachKey    any
	eachValue  any
	hasCount   bool
	hasForEach bool
	// inherited names an enclosing module call's count or for_each that is
	// not static.
	inherited []string
}

// eval evaluates an expression statically: literals, var.NAME, local.NAME,
// references to resources (their address), count.index and each.key/value of a
// static instance, lists, objects and templates of known parts. Anything else
// (a function call, a conditional, an operator, a for expression, a splat, a data
// source, a module output) is unknown.
func (sc *scope) eval(expr hcl.Expression) any {
	switch e := expr.(type) {
	case *hclsyntax.LiteralValueExpr:
		return fromCty(e.Val)
	case *hclsyntax.TemplateWrapExpr:
		return sc.eval(e.Wrapped)
	case *hclsyntax.ParenthesesExpr:
		return sc.eval(e.Expression)
	case *hclsyntax.TemplateExpr:
		return sc.template(e)
	case *hclsyntax.TupleConsExpr:
		out := make([]any, 0, len(e.Exprs))
		for _, x := range e.Exprs {
			v := sc.eval(x)
			if v == unknown || hasUnknown(v) {
				// A list is judged whole: one unknown element makes it unknown.
				return unknown
			}
			out = append(out, v)
		}
		return out
	case *hclsyntax.ObjectConsExpr:
		out := make(map[string]any, len(e.Items))
		for _, item := range e.Items {
			key, ok := sc.objectKey(item.KeyExpr)
			if !ok {
				return unknown
			}
			out[key] = sc.eval(item.ValueExpr)
		}
		return out
	case *hclsyntax.ScopeTraversalExpr:
		return sc.traversal(e.Traversal)
	}
	return unknown
}

// objectKey reads an object's key: a bare name, or an expression that is a
// known string or number.
func (sc *scope) objectKey(expr hcl.Expression) (string, bool) {
	if k, ok := expr.(*hclsyntax.ObjectConsKeyExpr); ok {
		if !k.ForceNonLiteral {
			if name := hcl.ExprAsKeyword(k.Wrapped); name != "" {
				return name, true
			}
		}
		expr = k.Wrapped
	}
	switch v := sc.eval(expr).(type) {
	case string:
		return v, true
	case int64, float64:
		return scalarText(v), true
	}
	return "", false
}

// template joins a template's parts when each is a known string, number or bool.
func (sc *scope) template(e *hclsyntax.TemplateExpr) any {
	var b strings.Builder
	for _, part := range e.Parts {
		switch v := sc.eval(part).(type) {
		case string:
			b.WriteString(v)
		case int64, float64, bool:
			b.WriteString(scalarText(v))
		default:
			return unknown
		}
	}
	return b.String()
}

// scalarText writes a number or bool as Terraform's templates do.
func scalarText(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

// traversal resolves a reference.
func (sc *scope) traversal(tr hcl.Traversal) any {
	root := tr.RootName()
	rest := tr[1:]
	switch root {
	case "var":
		name, rest, ok := attrStep(rest)
		if !ok {
			return unknown
		}
		v, declared := sc.vars[name]
		if !declared {
			return unknown
		}
		return walk(v, rest)
	case "local":
		name, rest, ok := attrStep(rest)
		if !ok {
			return unknown
		}
		return walk(sc.local(name), rest)
	case "count":
		if name, _, ok := attrStep(rest); ok && name == "index" && sc.hasCount {
			return sc.count
		}
		return unknown
	case "each":
		name, rest, ok := attrStep(rest)
		switch {
		case !ok || !sc.hasForEach:
			return unknown
		case name == "key":
			return walk(sc.eachKey, rest)
		case name == "value":
			return walk(sc.eachValue, rest)
		}
		return unknown
	case "data", "module", "path", "terraform", "self":
		return unknown
	}
	name, rest, ok := attrStep(rest)
	if !ok || !sc.mod.declares(root+"."+name) {
		return unknown
	}
	addr := sc.prefix + root + "." + name
	if len(rest) > 0 {
		if ix, isIndex := rest[0].(hcl.TraverseIndex); isIndex {
			key, ok := instanceKey(fromCty(ix.Key))
			if !ok {
				return unknown
			}
			addr += key
		}
	}
	return addressValue(addr)
}

// local evaluates a local value once; a local that refers to itself is unknown.
func (sc *scope) local(name string) any {
	if v, done := sc.locals[name]; done {
		return v
	}
	attr := sc.mod.locals[name]
	if attr == nil || sc.evaluating[name] {
		return unknown
	}
	sc.evaluating[name] = true
	base := *sc
	base.hasCount, base.hasForEach = false, false
	v := base.eval(attr.Expr)
	if tooLarge(v) {
		v = unknown
	}
	delete(sc.evaluating, name)
	sc.locals[name] = v
	return v
}

// attrStep splits off the first step of a traversal when it is an attribute name.
func attrStep(tr hcl.Traversal) (string, hcl.Traversal, bool) {
	if len(tr) == 0 {
		return "", nil, false
	}
	a, ok := tr[0].(hcl.TraverseAttr)
	if !ok {
		return "", nil, false
	}
	return a.Name, tr[1:], true
}

// walk follows attribute and index steps into a value; a step that finds
// nothing is unknown.
func walk(v any, tr hcl.Traversal) any {
	for _, step := range tr {
		if v == unknown {
			return unknown
		}
		switch s := step.(type) {
		case hcl.TraverseAttr:
			m, ok := v.(map[string]any)
			if !ok {
				return unknown
			}
			if v, ok = m[s.Name]; !ok {
				return unknown
			}
		case hcl.TraverseIndex:
			switch c := v.(type) {
			case map[string]any:
				k, ok := fromCty(s.Key).(string)
				if !ok {
					return unknown
				}
				if v, ok = c[k]; !ok {
					return unknown
				}
			case []any:
				i, ok := fromCty(s.Key).(int64)
				if !ok || i < 0 || i >= int64(len(c)) {
					return unknown
				}
				v = c[i]
			default:
				return unknown
			}
		default:
			return unknown
		}
	}
	return v
}

// instanceKey writes an instance key as Terraform does: [0] or ["eu"].
func instanceKey(v any) (string, bool) {
	switch k := v.(type) {
	case int64:
		return "[" + strconv.FormatInt(k, 10) + "]", true
	case string:
		return "[" + strconv.Quote(k) + "]", true
	}
	return "", false
}

// fromCty converts a known cty value to the document's values; unknown and
// out-of-range numbers become unknown.
func fromCty(v cty.Value) any {
	if !v.IsWhollyKnown() {
		return unknown
	}
	if v.IsNull() {
		return nil
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString()
	case t == cty.Bool:
		return v.True()
	case t == cty.Number:
		return number(v.AsBigFloat())
	case t.IsTupleType() || t.IsListType() || t.IsSetType():
		out := make([]any, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			out = append(out, fromCty(ev))
		}
		return out
	case t.IsObjectType() || t.IsMapType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			out[k.AsString()] = fromCty(ev)
		}
		return out
	}
	return unknown
}

// number is an integer when it is one JSON holds exactly, else a finite float.
func number(f *big.Float) any {
	if f.IsInf() {
		return unknown
	}
	if f.IsInt() {
		if i, acc := f.Int64(); acc == big.Exact && i <= maxSafeInteger && i >= -maxSafeInteger {
			return i
		}
	}
	x, _ := f.Float64()
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return unknown
	}
	return x
}

// maxValueNodes bounds the size of a value: locals that repeat each other can
// describe a value exponentially larger than the text that writes it.
const maxValueNodes = 100000

// tooLarge reports whether v holds more than maxValueNodes parts, without
// walking further than that.
func tooLarge(v any) bool {
	n := 0
	var count func(v any) bool
	count = func(v any) bool {
		n++
		if n > maxValueNodes {
			return false
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				if !count(e) {
					return false
				}
			}
		case map[string]any:
			for _, e := range x {
				if !count(e) {
					return false
				}
			}
		}
		return true
	}
	return !count(v)
}

// hasUnknown reports whether v holds an unknown part.
func hasUnknown(v any) bool {
	switch x := v.(type) {
	case unknownValue:
		return true
	case []any:
		for _, e := range x {
			if hasUnknown(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range x {
			if hasUnknown(e) {
				return true
			}
		}
	}
	return false
}

// settle turns an evaluated value into the document's form: addresses become
// strings, unknown parts are dropped and their paths (below path) reported.
func settle(v any, path string, unknowns *[]string) (any, bool) {
	switch x := v.(type) {
	case unknownValue:
		*unknowns = append(*unknowns, path)
		return nil, false
	case addressValue:
		return string(x), true
	case []any:
		out := make([]any, 0, len(x))
		for i, e := range x {
			if s, ok := settle(e, path+"["+strconv.Itoa(i)+"]", unknowns); ok {
				out = append(out, s)
			}
		}
		return out, true
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			if s, ok := settle(e, path+"."+k, unknowns); ok {
				out[k] = s
			}
		}
		return out, true
	}
	return v, true
}
