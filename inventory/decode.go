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
	"unicode"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// maxSafeInteger is the largest integer JSON consumers hold exactly (2^53 - 1).
const maxSafeInteger = 1<<53 - 1

// validID reports whether id is an HCL identifier: a letter (of any script)
// or _, then letters, digits, _ and -.
func validID(id string) bool {
	if id == "" || !(isLetter(id[0]) || id[0] == '_') {
		return id != "" && id[0] >= 0x80 && hclsyntax.ValidIdentifier(id)
	}
	for i := 1; i < len(id); i++ {
		switch c := id[i]; {
		case c >= 0x80:
			return hclsyntax.ValidIdentifier(id)
		case !isLetter(c) && !isDigit(c) && c != '_' && c != '-':
			return false
		}
	}
	return true
}

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
	if !validID(id) {
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
			r.setNestedLoc(nil, nb, path, inner.DefRange)
			obj := map[string]any{}
			ic, idiags := inner.Body.Content(bodySchema(nb.attrs, nil))
			d.diags = append(d.diags, withSuggestions(idiags, nb.attrs, nil)...)
			if ic != nil {
				d.decodeAttrs(r, path+".", nb.attrs, ic.Attributes, obj)
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
		r.setLoc(nil, prefix+spec.name, a.NameRange)
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
		return v.AsString(), d.checkText(rng, spec, v.AsString())
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
			if why := impossibleDate(s); why != "" {
				d.errorf(rng, "Impossible date", "%s is written as \"YYYY-MM-DD\" but %s.", spec.name, why)
				return nil, false
			}
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
		if !d.checkText(rng, spec, s) {
			return nil, false
		}
		hint := ""
		if n := nearestEnum(s, spec.enum); n != "" {
			hint = fmt.Sprintf(" Did you mean %q?", n)
		} else if spec.name == "encryption_at_rest" {
			hint = " Name the cipher that protects the data (for TDE, BitLocker or LUKS, the one they are set to use), or \"none\"."
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
			if !d.checkText(rng, spec, ev.AsString()) {
				return nil, false
			}
			out = append(out, ev.AsString())
		}
		return out, true
	}
	return nil, false
}

var dateShape = regexp.MustCompile(`^([0-9]{4})-([0-9]{2})-([0-9]{2})$`)

// impossibleDate says why s, written in the shape YYYY-MM-DD, names no day of
// the calendar ("there is no month 13", "2026-02-30 does not exist: February
// 2026 has 28 days"), or "" when s is not in that shape.
func impossibleDate(s string) string {
	m := dateShape.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	year, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	switch {
	case month < 1 || month > 12:
		return fmt.Sprintf("there is no month %s: months run from 01 to 12", m[2])
	case day < 1:
		return fmt.Sprintf("there is no day %s: days start at 01", m[3])
	}
	days := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if day < 1 || day > days {
		return fmt.Sprintf("that day does not exist: %s %d has %d days, so %s is not a date", time.Month(month), year, days, s)
	}
	return ""
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
// is expected: an inventory is data, never evaluated. It walks the expression with
// its own stack, not by recursion, and stops at the first thing it rejects, so
// that no expression, however deep, exhausts the goroutine's stack.
func (d *fileDecoder) literalOnly(expr hcl.Expression, spec attribute) bool {
	node, ok := expr.(hclsyntax.Node)
	if !ok {
		return true
	}
	todo := []hclsyntax.Node{node}
	for len(todo) > 0 {
		n := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		switch e := n.(type) {
		case *hclsyntax.LiteralValueExpr, *hclsyntax.AnonSymbolExpr:
		case *hclsyntax.TupleConsExpr:
			for i := len(e.Exprs) - 1; i >= 0; i-- {
				todo = append(todo, e.Exprs[i])
			}
		case *hclsyntax.ObjectConsExpr:
			for i := len(e.Items) - 1; i >= 0; i-- {
				todo = append(todo, e.Items[i].ValueExpr, e.Items[i].KeyExpr)
			}
		case *hclsyntax.ObjectConsKeyExpr:
			todo = append(todo, e.Wrapped)
		case *hclsyntax.ParenthesesExpr:
			todo = append(todo, e.Expression)
		case *hclsyntax.UnaryOpExpr:
			todo = append(todo, e.Val)
		case *hclsyntax.TemplateJoinExpr:
			todo = append(todo, e.Tuple)
		case *hclsyntax.FunctionCallExpr:
			d.errorf(e.Range(), "Function calls are not allowed", "An inventory is plain data and is never evaluated: write the value of %s itself instead of calling %s().", spec.name, e.Name)
			return false
		case *hclsyntax.TemplateExpr:
			if !e.IsStringLiteral() {
				d.errorf(e.Range(), "Templates are not allowed", "An inventory is plain data and is never evaluated: write %s without ${...} or %%{...}.", spec.name)
				return false
			}
		case *hclsyntax.TemplateWrapExpr:
			d.errorf(e.Range(), "Templates are not allowed", "An inventory is plain data and is never evaluated: write %s without ${...}.", spec.name)
			return false
		case *hclsyntax.ScopeTraversalExpr:
			if spec.kind != kindRef && spec.kind != kindRefList {
				d.errorf(e.Range(), "References are not allowed here", "%s takes a literal value, not a reference or variable; did you forget the quotes?", spec.name)
				return false
			}
		default:
			// Conditionals, operators, for expressions, splats, indexes and
			// anything else that computes a value.
			d.errorf(n.Range(), "Expressions are not allowed", "An inventory is plain data and is never evaluated: write the value of %s itself.", spec.name)
			return false
		}
	}
	return true
}

// reference reads a bare reference TYPE.ID. It catches quoted references and
// references with extra parts.
func (d *fileDecoder) reference(expr hcl.Expression, spec attribute) (string, bool) {
	example := "site.sh_dc1"
	if len(spec.refs) > 0 {
		example = spec.refs[0] + ".example"
	}
	if hcl.ExprAsKeyword(expr) == "null" {
		if spec.name == "resource" {
			d.errorf(expr.Range(), "Null reference", "A waiver needs a resource: resource = null waives nothing. Name the resource the waiver covers, like %s.", example)
		} else {
			d.errorf(expr.Range(), "Null reference", "%s = null names nothing: write a reference like %s, or leave %s out.", spec.name, example, spec.name)
		}
		return "", false
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
	if len(tr) == 1 {
		// A bare id: once every file is read, resolveBareIDs suggests the address.
		d.errorf(tr.SourceRange(), "Expected a reference", "%s takes a reference written TYPE.ID, like %s; %s is only an id.", spec.name, example, shorten(tr.RootName()))
		d.diags[len(d.diags)-1].Extra = bareID{id: tr.RootName(), types: spec.refs}
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
		d.errorf(tr.SourceRange(), "Unknown block type in reference", "%s is not a block type of the inventory.%s", shorten(root), hint)
		return "", false
	}
	if len(spec.refs) > 0 && !contains(spec.refs, root) {
		d.errorf(tr.SourceRange(), "Wrong reference type", "%s must refer to %s, not to a %s.", spec.name, joinOr(spec.refs), root)
		return "", false
	}
	return intern(root + "." + attr.Name), true
}

// negatives are the words people write for "none": an enum that offers "none"
// suggests it for them rather than a value that reads as the opposite.
var negatives = map[string]bool{"no": true, "false": true, "off": true, "disabled": true, "unencrypted": true,
	"plaintext": true, "n": true, "0": true, "null": true, "nil": true, "na": true, "n/a": true}

// nearestEnum suggests the enum value a bad value most likely meant, or "".
func nearestEnum(s string, enum []string) string {
	if contains(enum, "none") && negatives[strings.ToLower(strings.TrimSpace(s))] {
		return "none"
	}
	return suggest.Nearest(s, enum)
}

// bareID marks the diagnostic of an id written where a reference is expected.
type bareID struct {
	id string
	// types are the block types the reference may name; nil for any type.
	types []string
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
// required attribute set to null, "" or only blank and zero-width characters is
// missing.
func filled(value map[string]any, name string) bool {
	v, ok := value[name]
	if s, isString := v.(string); isString {
		return visible(s)
	}
	return ok
}

// visible reports whether s holds a character that shows: not a space, a
// zero-width or other format character, a lone combining mark or a filler.
func visible(s string) bool {
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), unicode.In(r, unicode.Cf, unicode.Cc, unicode.Mn, unicode.Me):
		case r == 0x115f || r == 0x1160 || r == 0x2800 || r == 0x3164 || r == 0xffa0:
			// Hangul and braille fillers: letters that print as blanks.
		default:
			return true
		}
	}
	return false
}

// hiddenControl returns the first C0 control character of s other than tab,
// newline and the CR of a CRLF line end (a heredoc saved on Windows): such a
// character in a value can only hide or disguise text.
func hiddenControl(s string) (rune, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' && !(c == '\r' && i+1 < len(s) && s[i+1] == '\n') {
			return rune(c), true
		}
	}
	return 0, false
}

// controlNames names the C0 control characters people meet.
var controlNames = map[rune]string{0: "NUL", 7: "BEL", 8: "BS", '\r': "CR", 0x1b: "ESC"}

// checkText reports a string value holding a hidden control character.
func (d *fileDecoder) checkText(rng hcl.Range, spec attribute, s string) bool {
	r, bad := hiddenControl(s)
	if !bad {
		return true
	}
	name := fmt.Sprintf("U+%04X", r)
	if n, ok := controlNames[r]; ok {
		name += " (" + n + ")"
	}
	d.errorf(rng, "Control character in text", "%s holds the control character %s, which can only hide or disguise text; remove it.", spec.name, name)
	return false
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
		d.Detail = strings.Replace(d.Detail, name, shorten(name), 1)
		if n := suggest.Nearest(name, names); n != "" {
			d.Detail += fmt.Sprintf(" Did you mean %q?", n)
		} else if len(names) > 0 {
			d.Detail += " Allowed here: " + strings.Join(names, ", ") + "."
		}
	}
	return diags
}
