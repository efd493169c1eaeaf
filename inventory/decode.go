package inventory

import (
	"fmt"
	"github.com/baomi-dev/baomi/internal/suggest"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// maxSafeInteger is the largest integer JSON consumers hold exactly (2^53 - 1).
const maxSafeInteger = 1<<53 - 1

var idPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// resource is one decoded top-level block, before references are checked.
type resource struct {
	typ     *blockType
	address string
	value   map[string]any
	defRng  hcl.Range
	// locs places each attribute path ("site", "backup[0].encrypted") and
	// nested block ("backup[0]", "backup").
	locs []location
	refs []pendingRef
}

// pendingRef is a reference to check once every file is read.
type pendingRef struct {
	target string
	attr   string
	rng    hcl.Range
}

// fileDecoder decodes the blocks of one file.
type fileDecoder struct {
	diags hcl.Diagnostics
}

func (d *fileDecoder) errorf(rng hcl.Range, summary, detail string, args ...any) {
	r := rng
	d.diags = append(d.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: fmt.Sprintf(detail, args...), Subject: &r})
}

var topSchema = func() *hcl.BodySchema {
	s := &hcl.BodySchema{}
	for _, b := range blockTypes {
		s.Blocks = append(s.Blocks, hcl.BlockHeaderSchema{Type: b.name, LabelNames: []string{"id"}})
	}
	return s
}()

func bodySchema(attrs []attribute, blocks []nestedBlock) *hcl.BodySchema {
	s := &hcl.BodySchema{}
	for _, a := range attrs {
		s.Attributes = append(s.Attributes, hcl.AttributeSchema{Name: a.name})
	}
	for _, b := range blocks {
		s.Blocks = append(s.Blocks, hcl.BlockHeaderSchema{Type: b.name})
	}
	return s
}

// decodeFile decodes every top-level block of a parsed file.
func decodeFile(f *hcl.File) ([]*resource, hcl.Diagnostics) {
	d := &fileDecoder{}
	content, diags := f.Body.Content(topSchema)
	d.diags = append(d.diags, withSuggestions(diags, nil, nil)...)
	if content == nil {
		return nil, d.diags
	}
	var out []*resource
	for _, blk := range content.Blocks {
		if r := d.decodeBlock(blk); r != nil {
			out = append(out, r)
		}
	}
	return out, d.diags
}

func (d *fileDecoder) decodeBlock(blk *hcl.Block) *resource {
	bt := blockTypeByName(blk.Type)
	if len(blk.Labels) != 1 {
		return nil // hcl has reported the missing or extra label
	}
	id := blk.Labels[0]
	if !idPattern.MatchString(id) {
		d.errorf(blk.LabelRanges[0], "Invalid id", "%s is not a valid id: an id is made of letters, digits, _ and -, and does not start with a digit or -.", quoteShort(id))
		return nil
	}
	r := &resource{typ: bt, address: bt.name + "." + id, value: map[string]any{}, defRng: blk.DefRange}
	content, diags := blk.Body.Content(bodySchema(bt.attrs, bt.blocks))
	d.diags = append(d.diags, withSuggestions(diags, bt.attrs, bt.blocks)...)
	if content == nil {
		return r
	}
	d.decodeAttrs(r, "", bt.attrs, content.Attributes, r.value)
	for _, nb := range bt.blocks {
		var items []any
		for _, inner := range content.Blocks {
			if inner.Type != nb.name {
				continue
			}
			if !nb.many && len(items) == 1 {
				d.errorf(inner.DefRange, "Duplicate block", "A %s may hold only one %s block; the first is at line %d.", bt.name, nb.name, firstLine(r, nb.name))
				continue
			}
			path := nestedPath(nb, len(items))
			r.setNestedLoc(nb, path, inner.DefRange)
			obj := map[string]any{}
			ic, idiags := inner.Body.Content(bodySchema(nb.attrs, nil))
			d.diags = append(d.diags, withSuggestions(idiags, nb.attrs, nil)...)
			if ic != nil {
				d.decodeAttrs(r, path+".", nb.attrs, ic.Attributes, obj)
				r.aliasNestedAttrs(nb, path)
			}
			items = append(items, obj)
		}
		r.setNested(nb, items)
	}
	var missing []string
	for _, name := range bt.required {
		if a, ok := content.Attributes[name]; !ok || !filled(r.value, name) && !d.failed(a) {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		d.errorf(blk.DefRange, "Incomplete waiver", "A waiver must set all of control, resource, reason, approved_by and expires, none of them blank, so that it never waives by accident; missing: %s.", strings.Join(missing, ", "))
	}
	r.compactLocs()
	return r
}

func (d *fileDecoder) decodeAttrs(r *resource, prefix string, specs []attribute, attrs hcl.Attributes, into map[string]any) {
	for _, spec := range specs {
		a, ok := attrs[spec.name]
		if !ok {
			continue
		}
		r.setLoc(prefix+spec.name, a.NameRange)
		if v, ok := d.decodeValue(r, prefix+spec.name, spec, a.Expr); ok && v != nil {
			into[spec.name] = v
		}
	}
}

// decodeValue checks and converts one attribute's expression. It returns nil, true
// for an explicit null, which counts as absent.
func (d *fileDecoder) decodeValue(r *resource, path string, spec attribute, expr hcl.Expression) (any, bool) {
	if !d.literalOnly(expr, spec) {
		return nil, false
	}
	switch spec.kind {
	case kindRef:
		if addr, ok := terraformAddress(expr, spec); ok {
			return addr, true
		}
		target, ok := d.reference(expr, spec)
		if ok {
			r.refs = append(r.refs, pendingRef{target: target, attr: intern(path), rng: expr.Range()})
			return target, true
		}
		return nil, false
	case kindRefList:
		elems, diags := hcl.ExprList(expr)
		if diags.HasErrors() {
			d.errorf(expr.Range(), "Expected a list of references", "%s takes a list of references, like [%s.example].", spec.name, spec.refs[0])
			return nil, false
		}
		out := make([]any, 0, len(elems))
		good := true
		for _, e := range elems {
			target, ok := d.reference(e, spec)
			if !ok {
				good = false
				continue
			}
			r.refs = append(r.refs, pendingRef{target: target, attr: intern(path), rng: e.Range()})
			out = append(out, target)
		}
		return out, good
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() {
		d.diags = append(d.diags, diags...)
		return nil, false
	}
	if v.IsNull() {
		return nil, true
	}
	rng := expr.Range()
	switch spec.kind {
	case kindString:
		if v.Type() != cty.String {
			d.wrongType(rng, spec, "a string, in quotes", v)
			return nil, false
		}
		return v.AsString(), true
	case kindBool:
		if v.Type() != cty.Bool {
			d.wrongType(rng, spec, "true or false, without quotes", v)
			return nil, false
		}
		return v.True(), true
	case kindNumber:
		if v.Type() != cty.Number {
			d.wrongType(rng, spec, "a number, without quotes", v)
			return nil, false
		}
		return d.number(rng, spec, v.AsBigFloat())
	case kindDate:
		if v.Type() != cty.String {
			d.wrongType(rng, spec, `a date written as "YYYY-MM-DD"`, v)
			return nil, false
		}
		s := v.AsString()
		if _, err := time.Parse("2006-01-02", s); err != nil || len(s) != 10 {
			d.errorf(rng, "Invalid date", "%s must be a real date written as \"YYYY-MM-DD\", like \"2026-01-31\"; %s is not.", spec.name, quoteShort(s))
			return nil, false
		}
		return s, true
	case kindEnum:
		if v.Type() != cty.String {
			d.wrongType(rng, spec, "one of "+quoteAll(spec.enum), v)
			return nil, false
		}
		s := v.AsString()
		for _, e := range spec.enum {
			if e == s {
				return e, true
			}
		}
		hint := ""
		if n := suggest.Nearest(s, spec.enum); n != "" {
			hint = fmt.Sprintf(" Did you mean %q?", n)
		}
		d.errorf(rng, "Invalid value", "%s must be one of %s; %s is not.%s", spec.name, quoteAll(spec.enum), quoteShort(s), hint)
		return nil, false
	case kindStringList:
		if !v.Type().IsTupleType() && !v.Type().IsListType() {
			d.wrongType(rng, spec, `a list of strings, like ["a", "b"]`, v)
			return nil, false
		}
		out := make([]any, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			if ev.IsNull() || ev.Type() != cty.String {
				d.wrongType(rng, spec, `a list of strings, like ["a", "b"]`, v)
				return nil, false
			}
			out = append(out, ev.AsString())
		}
		return out, true
	}
	return nil, false
}

// number accepts a finite, non-negative number that JSON holds exactly.
func (d *fileDecoder) number(rng hcl.Range, spec attribute, f *big.Float) (any, bool) {
	switch {
	case f.IsInf():
		d.errorf(rng, "Invalid number", "%s must be a finite number.", spec.name)
		return nil, false
	case f.Sign() < 0:
		d.errorf(rng, "Invalid number", "%s is a count of days, minutes or people and must not be negative.", spec.name)
		return nil, false
	case f.Cmp(big.NewFloat(maxSafeInteger)) > 0:
		d.errorf(rng, "Invalid number", "%s is too large: the largest number an inventory may hold is %d.", spec.name, int64(maxSafeInteger))
		return nil, false
	}
	if f.IsInt() {
		i, _ := f.Int64()
		return i, true
	}
	x, _ := f.Float64()
	if math.IsInf(x, 0) || math.IsNaN(x) {
		d.errorf(rng, "Invalid number", "%s must be a finite number.", spec.name)
		return nil, false
	}
	return x, true
}

func (d *fileDecoder) wrongType(rng hcl.Range, spec attribute, want string, got cty.Value) {
	d.errorf(rng, "Wrong type", "%s must be %s; this is %s.", spec.name, want, describeType(got))
}

func describeType(v cty.Value) string {
	switch t := v.Type(); {
	case t == cty.String:
		return "a string"
	case t == cty.Number:
		return "a number"
	case t == cty.Bool:
		return "a bool"
	case t.IsTupleType() || t.IsListType():
		return "a list"
	case t.IsObjectType() || t.IsMapType():
		return "an object"
	}
	return "a value of another type"
}

// literalOnly rejects function calls, templates and variables where a literal value
// is expected: an inventory is data, never evaluated.
func (d *fileDecoder) literalOnly(expr hcl.Expression, spec attribute) bool {
	node, ok := expr.(hclsyntax.Node)
	if !ok {
		return true
	}
	good := true
	hclsyntax.VisitAll(node, func(n hclsyntax.Node) hcl.Diagnostics {
		if !good {
			return nil
		}
		switch e := n.(type) {
		case *hclsyntax.FunctionCallExpr:
			d.errorf(e.Range(), "Function calls are not allowed", "An inventory is plain data and is never evaluated: write the value of %s itself instead of calling %s().", spec.name, e.Name)
			good = false
		case *hclsyntax.TemplateExpr:
			if !e.IsStringLiteral() {
				d.errorf(e.Range(), "Templates are not allowed", "An inventory is plain data and is never evaluated: write %s without ${...} or %%{...}.", spec.name)
				good = false
			}
		case *hclsyntax.TemplateWrapExpr:
			d.errorf(e.Range(), "Templates are not allowed", "An inventory is plain data and is never evaluated: write %s without ${...}.", spec.name)
			good = false
		case *hclsyntax.ScopeTraversalExpr:
			if spec.kind != kindRef && spec.kind != kindRefList {
				d.errorf(e.Range(), "References are not allowed here", "%s takes a literal value, not a reference or variable; did you forget the quotes?", spec.name)
				good = false
			}
		case *hclsyntax.ConditionalExpr, *hclsyntax.BinaryOpExpr, *hclsyntax.ForExpr, *hclsyntax.SplatExpr, *hclsyntax.IndexExpr, *hclsyntax.RelativeTraversalExpr:
			d.errorf(n.Range(), "Expressions are not allowed", "An inventory is plain data and is never evaluated: write the value of %s itself.", spec.name)
			good = false
		}
		return nil
	})
	return good
}

// reference reads a bare reference TYPE.ID. It catches quoted references and
// references with extra parts.
func (d *fileDecoder) reference(expr hcl.Expression, spec attribute) (string, bool) {
	example := "site.sh_dc1"
	if len(spec.refs) > 0 {
		example = spec.refs[0] + ".example"
	}
	if t, ok := expr.(*hclsyntax.TemplateExpr); ok && t.IsStringLiteral() {
		v, _ := t.Value(nil)
		hint := ""
		if typ, _, _ := strings.Cut(v.AsString(), "."); spec.terraform && blockTypeByName(typ) == nil {
			hint = ` A Terraform resource is named by its address in quotes, like "aws_s3_bucket.web_assets".`
		}
		d.errorf(expr.Range(), "Quoted reference", "A reference is written bare, without quotes: %s = %s, not %s.%s", spec.name, shorten(v.AsString()), quoteShort(v.AsString()), hint)
		return "", false
	}
	tr, diags := hcl.AbsTraversalForExpr(expr)
	if diags.HasErrors() {
		d.errorf(expr.Range(), "Expected a reference", "%s takes a reference to another block, written TYPE.ID like %s.", spec.name, example)
		return "", false
	}
	attr, ok := tr[len(tr)-1].(hcl.TraverseAttr)
	if len(tr) != 2 || !ok {
		d.errorf(tr.SourceRange(), "Invalid reference", "A reference is exactly TYPE.ID, like %s, with nothing after the id.", example)
		return "", false
	}
	root := tr.RootName()
	if blockTypeByName(root) == nil {
		hint := ""
		if n := suggest.Nearest(root, blockTypeNames()); n != "" {
			hint = fmt.Sprintf(" Did you mean %s?", n)
		}
		d.errorf(tr.SourceRange(), "Unknown block type in reference", "%s is not a block type of the inventory.%s", root, hint)
		return "", false
	}
	if len(spec.refs) > 0 && !contains(spec.refs, root) {
		d.errorf(tr.SourceRange(), "Wrong reference type", "%s must refer to %s, not to a %s.", spec.name, joinOr(spec.refs), root)
		return "", false
	}
	return intern(root + "." + attr.Name), true
}

// terraformAddressPattern matches a Terraform resource address, with an optional
// root prefix and module path: "envs/prod:module.kyc.alicloud_oss_bucket.this[0]".
var terraformAddressPattern = regexp.MustCompile(`^(?:[^:\s]+:)?((?:module\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]+\])?\.)*)([A-Za-z_][A-Za-z0-9_-]*)\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]+\])?$`)

// terraformAddress reads a string holding a Terraform resource address where the
// attribute accepts one. A quoted inventory address ("system.crm_db") is not one:
// it stays a quoted reference, reported as such.
func terraformAddress(expr hcl.Expression, spec attribute) (string, bool) {
	t, ok := expr.(*hclsyntax.TemplateExpr)
	if !spec.terraform || !ok || !t.IsStringLiteral() {
		return "", false
	}
	v, diags := t.Value(nil)
	if diags.HasErrors() || v.Type() != cty.String {
		return "", false
	}
	s := v.AsString()
	m := terraformAddressPattern.FindStringSubmatch(s)
	if m == nil || m[1] == "" && blockTypeByName(m[2]) != nil {
		return "", false
	}
	return s, true
}

// failed reports whether an attribute's value was reported as bad, rather than
// left null: a bad value is not also reported as missing.
func (d *fileDecoder) failed(a *hcl.Attribute) bool {
	for _, diag := range d.diags {
		if diag.Subject != nil && a.Expr.Range().Overlaps(*diag.Subject) {
			return true
		}
	}
	return false
}

// filled reports whether value holds name, and not as a blank string: a
// required attribute set to null or "" is missing.
func filled(value map[string]any, name string) bool {
	v, ok := value[name]
	if s, isString := v.(string); isString {
		return strings.TrimSpace(s) != ""
	}
	return ok
}

// nestedPath names the i-th nested block of a type: "backup[0]", or
// "collection" for a type a resource holds at most once.
func nestedPath(nb nestedBlock, i int) string {
	if !nb.many {
		return nb.name
	}
	return nb.name + "[" + strconv.Itoa(i) + "]"
}

// setNested stores a resource's decoded nested blocks of one type: a list for a
// repeatable type (empty when none), the block itself for a single one.
func (r *resource) setNested(nb nestedBlock, items []any) {
	switch {
	case nb.many:
		if items == nil {
			items = []any{}
		}
		r.value[nb.name] = items
	case len(items) == 1:
		r.value[nb.name] = items[0]
	}
}

// firstLine is the line where path is written, or 0.
func firstLine(r *resource, path string) int {
	rng, _ := r.loc(path)
	return rng.Start.Line
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func joinOr(types []string) string {
	out := make([]string, len(types))
	for i, t := range types {
		out[i] = "a " + t
	}
	return strings.Join(out, " or ")
}

// maxQuoted is how much of a bad value a diagnostic repeats.
const maxQuoted = 60

// shorten cuts s to maxQuoted characters, marking the cut.
func shorten(s string) string {
	if r := []rune(s); len(r) > maxQuoted {
		return string(r[:maxQuoted]) + "…"
	}
	return s
}

// quoteShort quotes a value for a diagnostic, cut to a readable length.
func quoteShort(s string) string {
	return strconv.Quote(shorten(s))
}

func quoteAll(vals []string) string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(out, ", ")
}

var hclSuggestion = regexp.MustCompile(` Did you mean "[^"]*"\?`)

var unsupportedName = regexp.MustCompile(`(?:argument|type) named "([^"]+)"|Blocks of type "([^"]+)"`)

// withSuggestions puts our did-you-mean (closest by edit distance, or sharing a
// long prefix) on hcl's unknown-attribute and unknown-block diagnostics.
func withSuggestions(diags hcl.Diagnostics, attrs []attribute, blocks []nestedBlock) hcl.Diagnostics {
	for _, d := range diags {
		if !strings.HasPrefix(d.Summary, "Unsupported") {
			continue
		}
		d.Detail = hclSuggestion.ReplaceAllString(d.Detail, "")
		m := unsupportedName.FindStringSubmatch(d.Detail)
		if m == nil {
			continue
		}
		var names []string
		switch {
		case d.Summary == "Unsupported argument":
			for _, a := range attrs {
				names = append(names, a.name)
			}
		case attrs == nil && blocks == nil:
			names = blockTypeNames()
		default:
			for _, b := range blocks {
				names = append(names, b.name)
			}
		}
		name := m[1] + m[2]
		if n := suggest.Nearest(name, names); n != "" {
			d.Detail += fmt.Sprintf(" Did you mean %q?", n)
		} else if len(names) > 0 {
			d.Detail += " Allowed here: " + strings.Join(names, ", ") + "."
		}
	}
	return diags
}
