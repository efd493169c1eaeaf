// Package terraform reads deployed infrastructure, Terraform configurations and
// plans, into the input document's terraform collection (INFRASTRUCTURE.md), with
// a locator that places each resource and attribute on its .tf line.
//
// What the policies see, keyed by Terraform address:
//
//	"aws_db_instance.crm": {"type": "aws_db_instance", "provider": "aws",
//	  "system": "system.crm_db", "values": {...}, "unknown": ["kms_key_id"], "source": "tf"}
//
// Values hold the attributes as written (or planned). A reference to another
// resource (aws_s3_bucket.docs.id, .arn, .bucket, or any other attribute) is that
// resource's address as a string, "aws_s3_bucket.docs", with the module and root
// prefixes of the referring resource and the instance key when the reference has
// one ("aws_s3_bucket.logs[0]"), so that companion resources join by address; a
// literal stays the literal, so they also join by an equal bucket name. An
// attribute set to null is absent, as an unset one is.
//
// An unknown value is absent from values, and its path is listed, sorted, in
// unknown: "kms_key_id", "tags.owner" (one key of an object), a nested block's
// "server_side_encryption_rule.sse_algorithm". A list with one unknown element is
// unknown whole; a dynamic block is unknown by its type name. Unknown is what
// cannot be known statically: a function call, a conditional, an operator, a for
// expression, a data source, a module output, a variable without a default or a
// tfvars value, a local that is not static, a template with any such part; in a
// plan, what is "known after apply".
//
// Nested blocks: a block type written once is an object, {"versioning":
// {"enabled": true}}; written several times, a list of objects, which paths index:
// "rule[1].filter". A plan's nested blocks read the same way: a plan writes each
// as a list, and a list holding one object is read as that object.
//
// count and for_each: a static count gives instances "TYPE.NAME[0]", ...; a static
// for_each map gives "TYPE.NAME[\"key\"]". When either is not static, the resource
// is read once at its bare address, with "count" or "for_each" listed in unknown
// and count.index and each.* unknown inside it.
//
// Module-prefixed addresses are Terraform's: a resource of a local module is
// "module.kyc.alicloud_oss_bucket.this"; nested modules chain, and a module's
// static count or for_each adds its key ("module.kyc[0]."); one that is not static
// is read once, at its bare address, and its resources list "count" or "for_each"
// in unknown. Remote modules are not read: Set.Remote lists them.
//
// Multi-root prefixes: when more than one root module (or more than one plan) is
// read, every address is prefixed with its root's path and a colon,
// "envs/prod:aws_db_instance.main": the folder's path relative to the --terraform
// folder searched, or as given when the root folder itself was given; a plan's
// own path when it is one of several inputs.
//
// source is "tf" for a resource read from .tf files and "plan" for one read from a
// plan, also when the same resource came from .tf files too: then the plan's
// values win and the location stays the .tf line.
//
// tags_all: for a resource whose provider configuration has default_tags,
// values.tags_all holds the default tags overridden by the resource's own tags,
// as Terraform computes it; a plan holds it already.
//
// system is the linked system's address ("system.crm_db"), absent when the
// resource links to no system (see Link).
package terraform

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/baomi-dev/baomi/inventory"
)

// Set is every Terraform resource read from the --terraform inputs.
type Set struct {
	// Resources are keyed by address.
	Resources map[string]*Resource
	// Remote lists, by address, the remote modules called whose resources are
	// unknown: they are not read, and no plan gave them.
	Remote []RemoteModule
	// Unread lists the Terraform files of the modules read that were not read
	// themselves: configurations in JSON syntax (.tf.json).
	Unread []string
	// Files lists the files read, as shown to the user, sorted.
	Files []string
	// Sources holds each file's text, for diagnostics.
	Sources map[string][]byte

	// digests holds the sha256 of each file's bytes as read.
	digests map[string][sha256.Size]byte
}

// Digest returns the sha256, in hex, of the bytes read from file, one of Files.
func (s *Set) Digest(file string) (string, bool) {
	sum, ok := s.digests[file]
	if !ok {
		return "", false
	}
	return hex.EncodeToString(sum[:]), true
}

// Resource is one Terraform resource instance.
type Resource struct {
	// Address is the resource's Terraform address, with its root prefix when
	// several roots are read.
	Address string
	// Type is the resource type, e.g. aws_s3_bucket.
	Type string
	// Provider is the provider's local name, e.g. aws.
	Provider string
	// Source is "tf" or "plan".
	Source string
	// System is the linked system's address, or "".
	System string
	// Values are the attributes known statically (or planned).
	Values map[string]any
	// Unknown lists, sorted, the paths of attributes present but not known.
	Unknown []string

	// local is the address without the root prefix.
	local string
	def   hcl.Range
	locs  map[string]hcl.Range
	// tags are the resource's tags over its provider's default tags, and
	// tagLocs where each is written.
	tags    map[string]any
	tagLocs map[string]hcl.Range
	// none is set when the system tag says the resource holds no customer data.
	none bool
}

// RemoteModule is a module call whose source is not a local folder: it is not
// read, so its resources are only known from a plan.
type RemoteModule struct {
	// Address is the module call's address, e.g. module.access_logs.
	Address string
	// Source is the module's source, as written.
	Source string
	// File, Line and Column place the source attribute.
	File   string
	Line   int
	Column int
}

// maxModuleDepth bounds how deep local modules may call each other.
const maxModuleDepth = 32

// maxInstances bounds a static count or for_each; a larger one is unknown.
const maxInstances = 10000

type reader struct {
	opts    inventory.Options
	modules map[string]*module
	set     *Set
	files   []string
	diags   hcl.Diagnostics
}

// readSource reads one file within the inventory's limits, keeps its text and
// its digest and lists it among the files read, and returns its text and its
// name as shown; ok is false, with the diagnostic recorded, when it cannot be read.
func (r *reader) readSource(path string) (src []byte, shown string, ok bool) {
	shown = inventory.DisplayName(path)
	src, sum, d := inventory.ReadSource(shown, r.opts)
	if src != nil {
		// A file read but refused (nested too deep) shows its line too.
		r.set.Sources[shown] = src
	}
	if d != nil {
		r.diags = append(r.diags, d)
		return nil, shown, false
	}
	r.set.digests[shown] = sum
	r.files = append(r.files, shown)
	return src, shown, true
}

func (r *reader) errorf(rng hcl.Range, summary, format string, args ...any) {
	d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: fmt.Sprintf(format, args...), Subject: &rng}
	r.diags = append(r.diags, d)
}

// root is a root module to read, and its label for address prefixes.
type root struct{ dir, label string }

// Load reads the Terraform inputs at paths: folders of .tf files (root modules,
// or folders searched for them) and plans in JSON. Files are read within the
// inventory's limits; every problem found is returned.
func Load(paths []string, opts inventory.Options) (*Set, hcl.Diagnostics) {
	r := &reader{opts: opts, modules: map[string]*module{},
		set: &Set{Resources: map[string]*Resource{}, Sources: map[string][]byte{}, digests: map[string][sha256.Size]byte{}}}
	var roots []root
	var plans []string
	seen := map[string]bool{}
	for _, p := range paths {
		info, err := os.Stat(p)
		switch {
		case err != nil:
			r.diags = append(r.diags, fileError(inventory.DisplayName(p), "cannot read Terraform path", pathErrorText(err)))
			continue
		case !info.IsDir() && strings.HasSuffix(p, ".json"):
			plans = append(plans, p)
			continue
		case !info.IsDir():
			r.diags = append(r.diags, fileError(inventory.DisplayName(p), "not a Terraform input",
				"--terraform takes a folder of .tf files, or a plan in JSON (terraform show -json PLANFILE > plan.json)."))
			continue
		}
		found := r.findRoots(p)
		if len(found) == 0 {
			r.diags = append(r.diags, fileError(inventory.DisplayName(p), "no Terraform files", "This folder and its subfolders hold no .tf files."))
		}
		for _, rt := range found {
			if key := filepath.Clean(rt.dir); !seen[key] {
				seen[key] = true
				roots = append(roots, rt)
			}
		}
	}
	labels := map[string]int{}
	for _, rt := range roots {
		labels[rt.label]++
	}
	for i, rt := range roots {
		if labels[rt.label] > 1 {
			// Two searched folders hold roots at the same relative path.
			roots[i].label = inventory.DisplayName(rt.dir)
		}
	}
	prefixed := len(roots) > 1 || len(plans) > 1
	for _, rt := range roots {
		prefix := ""
		if prefixed {
			prefix = rt.label + ":"
		}
		r.readRoot(rt.dir, prefix)
	}
	for _, p := range plans {
		prefix := ""
		if prefixed {
			prefix = inventory.DisplayName(p) + ":"
		}
		r.readPlan(p, prefix)
	}
	r.set.Remote = r.set.unplanned()
	sort.Slice(r.set.Remote, func(i, j int) bool { return r.set.Remote[i].Address < r.set.Remote[j].Address })
	sort.Strings(r.set.Unread)
	files := map[string]bool{}
	for _, f := range r.files {
		files[f] = true
	}
	for f := range files {
		r.set.Files = append(r.set.Files, f)
	}
	sort.Strings(r.set.Files)
	return r.set, r.diags
}

// unplanned keeps the remote modules whose resources no plan gave.
func (s *Set) unplanned() []RemoteModule {
	var out []RemoteModule
	for _, m := range s.Remote {
		planned := false
		for addr, res := range s.Resources {
			if res.Source == "plan" && (strings.HasPrefix(addr, m.Address+".") || strings.HasPrefix(addr, m.Address+"[")) {
				planned = true
				break
			}
		}
		if !planned {
			out = append(out, m)
		}
	}
	return out
}

// findRoots returns dir when it holds .tf files itself; otherwise every folder
// below it holding .tf files that no other such folder calls as a local module.
// Hidden folders and .terraform are skipped.
func (r *reader) findRoots(dir string) []root {
	if files, _ := tfFiles(dir); len(files) > 0 {
		return []root{{dir: dir, label: inventory.DisplayName(dir)}}
	}
	var found []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			r.diags = append(r.diags, fileError(inventory.DisplayName(p), "cannot read Terraform path", pathErrorText(err)))
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && (strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if files, _ := tfFiles(p); len(files) > 0 {
			found = append(found, filepath.Clean(p))
		}
		return nil
	})
	called := map[string]bool{}
	for _, f := range found {
		for _, t := range r.callTargets(r.module(f)) {
			called[t] = true
		}
	}
	var out []root
	for _, f := range found {
		if called[f] {
			continue
		}
		label, err := filepath.Rel(dir, f)
		if err != nil {
			label = f
		}
		out = append(out, root{dir: f, label: filepath.ToSlash(label)})
	}
	return out
}

func pathErrorText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// readRoot reads a root module: its variables come from terraform.tfvars and
// *.auto.tfvars beside it, else their defaults.
func (r *reader) readRoot(dir, prefix string) {
	m := r.module(dir)
	values := r.tfvars(dir)
	vars := map[string]any{}
	for name, blk := range m.variables {
		if v, ok := values[name]; ok {
			vars[name] = typed(blk, v)
			continue
		}
		vars[name] = variableDefault(blk)
	}
	r.instantiate(m, prefix, "", vars, nil, []string{m.dir}, nil)
}

// tfvars reads terraform.tfvars and terraform.tfvars.json, then *.auto.tfvars and
// *.auto.tfvars.json in name order, later files winning, as Terraform does.
// Values are literals.
func (r *reader) tfvars(dir string) map[string]any {
	names := []string{filepath.Join(dir, "terraform.tfvars"), filepath.Join(dir, "terraform.tfvars.json")}
	auto, _ := filepath.Glob(filepath.Join(dir, "*.auto.tfvars"))
	autoJSON, _ := filepath.Glob(filepath.Join(dir, "*.auto.tfvars.json"))
	auto = append(auto, autoJSON...)
	sort.Strings(auto)
	names = append(names, auto...)
	out := map[string]any{}
	empty := newScope(&module{}, "", nil)
	for _, name := range names {
		if _, err := os.Stat(name); err != nil {
			continue
		}
		if strings.HasSuffix(name, ".json") {
			for k, v := range r.jsonVars(name) {
				out[k] = v
			}
			continue
		}
		body := r.parse(name)
		if body == nil {
			continue
		}
		for _, blk := range body.Blocks {
			r.errorf(blk.DefRange(), "Unexpected block", "A .tfvars file holds only variable values, NAME = value.")
		}
		for name, a := range body.Attributes {
			out[name] = empty.eval(a.Expr)
		}
	}
	return out
}

// jsonVars reads a .tfvars.json file: one JSON object, variable name to value.
func (r *reader) jsonVars(name string) map[string]any {
	src, shown, ok := r.readSource(name)
	if !ok {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var vars map[string]any
	if err := dec.Decode(&vars); err != nil {
		pos := hcl.Pos{Line: 1, Column: 1}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			pos = offsetPos(src, int(se.Offset)-1)
		}
		r.errorf(hcl.Range{Filename: shown, Start: pos, End: pos}, "Invalid tfvars", "%s must hold one JSON object, variable name to value: %v.", shown, err)
		return nil
	}
	out := make(map[string]any, len(vars))
	for k, v := range vars {
		out[k] = jsonValue(v)
	}
	return out
}

// jsonValue turns a decoded JSON value into the document's values: a number is
// an integer when it is one JSON holds exactly, else a float.
func jsonValue(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, _, err := big.ParseFloat(string(x), 10, 512, big.ToNearestEven)
		if err != nil {
			return unknown
		}
		return number(f)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e)
		}
		return out
	}
	return v
}

// variableDefault is a variable's static default, or unknown without one.
func variableDefault(blk *hclsyntax.Block) any {
	a := blk.Body.Attributes["default"]
	if a == nil {
		return unknown
	}
	return typed(blk, newScope(&module{}, "", nil).eval(a.Expr))
}

// typed converts a variable's value to its declared primitive type, as
// Terraform does: "7" given to a number is 7, "false" given to a bool is false.
// A value that does not convert is unknown (Terraform would refuse it).
func typed(blk *hclsyntax.Block, v any) any {
	a := blk.Body.Attributes["type"]
	if a == nil || v == nil || v == unknown {
		return v
	}
	switch hcl.ExprAsKeyword(a.Expr) {
	case "number":
		switch x := v.(type) {
		case int64, float64:
			return v
		case string:
			f, _, err := big.ParseFloat(strings.TrimSpace(x), 10, 512, big.ToNearestEven)
			if err != nil {
				return unknown
			}
			return number(f)
		}
		return unknown
	case "bool":
		switch x := v.(type) {
		case bool:
			return v
		case string:
			if b, err := strconv.ParseBool(x); err == nil && (x == "true" || x == "false") {
				return b
			}
		}
		return unknown
	case "string":
		switch v.(type) {
		case string, addressValue:
			return v
		case int64, float64, bool:
			return scalarText(v)
		}
		return unknown
	}
	return v
}

func newScope(m *module, prefix string, vars map[string]any) *scope {
	return &scope{mod: m, prefix: prefix, vars: vars, locals: map[string]any{}, evaluating: map[string]bool{}}
}

// defaultTags are a provider configuration's default_tags, and where each is written.
type defaultTags struct {
	values map[string]any
	locs   map[string]hcl.Range
}

// instantiate reads one instance of a module: its resources, then the modules
// it calls. providers are the root module's provider configurations' default
// tags, by provider name or name.alias. inherited names the count or for_each
// of an enclosing module call that is not static: every resource inside lists
// it in unknown, since whether (and how often) it is deployed is not known.
func (r *reader) instantiate(m *module, rootPrefix, modPath string, vars map[string]any, providers map[string]*defaultTags, stack, inherited []string) {
	sc := newScope(m, rootPrefix+modPath, vars)
	sc.inherited = inherited
	if providers == nil {
		providers = r.providerTags(sc)
	}
	for _, blk := range m.resources {
		r.resourceInstances(sc, blk, rootPrefix, modPath, providers)
	}
	for _, call := range m.calls {
		r.call(sc, call, rootPrefix, modPath, providers, stack)
	}
}

// providerTags reads the default_tags of the root module's provider blocks.
func (r *reader) providerTags(sc *scope) map[string]*defaultTags {
	out := map[string]*defaultTags{}
	for _, p := range sc.mod.providers {
		key := p.Labels[0]
		if alias, ok := literalString(p.Body.Attributes["alias"]); ok {
			key += "." + alias
		}
		for _, b := range p.Body.Blocks {
			if b.Type != "default_tags" || b.Body.Attributes["tags"] == nil {
				continue
			}
			a := b.Body.Attributes["tags"]
			dt := &defaultTags{values: map[string]any{}, locs: map[string]hcl.Range{}}
			if obj, ok := sc.eval(a.Expr).(map[string]any); ok {
				dt.values = obj
			}
			for k, rng := range objectKeyRanges(sc, a.Expr) {
				dt.locs[k] = rng
			}
			out[key] = dt
		}
	}
	return out
}

// objectKeyRanges places each static key of an object expression.
func objectKeyRanges(sc *scope, expr hcl.Expression) map[string]hcl.Range {
	obj, ok := expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return nil
	}
	out := map[string]hcl.Range{}
	for _, item := range obj.Items {
		if k, ok := sc.objectKey(item.KeyExpr); ok {
			out[k] = item.KeyExpr.Range()
		}
	}
	return out
}

// instance is one instance of a resource or module: its key and the scope
// where count.index or each.* are known.
type instance struct {
	key     string
	sc      *scope
	unknown string
}

// instances expands a block's count or for_each. When neither is static the
// block is read once, with the meta-argument named in unknown.
func instances(sc *scope, body *hclsyntax.Body) []instance {
	if a := body.Attributes["count"]; a != nil {
		n, ok := sc.eval(a.Expr).(int64)
		if !ok || n < 0 || n > maxInstances {
			return []instance{{sc: sc, unknown: "count"}}
		}
		out := make([]instance, 0, n)
		for i := int64(0); i < n; i++ {
			c := *sc
			c.count, c.hasCount = i, true
			key, _ := instanceKey(i)
			out = append(out, instance{key: key, sc: &c})
		}
		return out
	}
	if a := body.Attributes["for_each"]; a != nil {
		each := map[string]any{}
		switch v := sc.eval(a.Expr).(type) {
		case map[string]any:
			each = v
		case []any:
			for _, e := range v {
				s, ok := e.(string)
				if !ok {
					return []instance{{sc: sc, unknown: "for_each"}}
				}
				each[s] = s
			}
		default:
			return []instance{{sc: sc, unknown: "for_each"}}
		}
		if len(each) > maxInstances {
			return []instance{{sc: sc, unknown: "for_each"}}
		}
		keys := make([]string, 0, len(each))
		for k := range each {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := make([]instance, 0, len(keys))
		for _, k := range keys {
			c := *sc
			c.eachKey, c.eachValue, c.hasForEach = k, each[k], true
			key, _ := instanceKey(k)
			out = append(out, instance{key: key, sc: &c})
		}
		return out
	}
	return []instance{{sc: sc}}
}

// resourceMeta are a resource's meta-arguments, which are not values.
var resourceMeta = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}

// resourceMetaBlocks are a resource's meta-blocks, which are not values.
var resourceMetaBlocks = map[string]bool{"lifecycle": true, "provisioner": true, "connection": true}

func (r *reader) resourceInstances(sc *scope, blk *hclsyntax.Block, rootPrefix, modPath string, providers map[string]*defaultTags) {
	typ, name := blk.Labels[0], blk.Labels[1]
	provider, _, _ := strings.Cut(typ, "_")
	provKey := provider
	if a := blk.Body.Attributes["provider"]; a != nil {
		if key, ok := providerKey(a.Expr); ok {
			provKey = key
			provider, _, _ = strings.Cut(key, ".")
		}
	}
	for _, inst := range instances(sc, blk.Body) {
		local := modPath + typ + "." + name + inst.key
		res := &Resource{Address: rootPrefix + local, local: local, Type: typ, Provider: provider, Source: "tf",
			Values: map[string]any{}, def: blk.DefRange(), locs: map[string]hcl.Range{}}
		for _, u := range append([]string{inst.unknown}, sc.inherited...) {
			if u != "" && !contains(res.Unknown, u) {
				res.Unknown = append(res.Unknown, u)
			}
		}
		decodeBody(inst.sc, blk.Body, "", res.Values, &res.Unknown, res.locs, true)
		res.mergeTags(inst.sc, blk.Body, providers[provKey])
		sort.Strings(res.Unknown)
		r.set.Resources[res.Address] = res
	}
}

// decodeBody reads a block body's attributes and nested blocks into into.
func decodeBody(sc *scope, body *hclsyntax.Body, prefix string, into map[string]any, unknowns *[]string, locs map[string]hcl.Range, top bool) {
	names := make([]string, 0, len(body.Attributes))
	for n := range body.Attributes {
		if !top || !resourceMeta[n] {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		a := body.Attributes[n]
		path := prefix + n
		locs[path] = a.NameRange
		for k, rng := range objectKeyRanges(sc, a.Expr) {
			locs[path+"."+k] = rng
		}
		v := sc.eval(a.Expr)
		if tooLarge(v) {
			v = unknown
		}
		if v == nil {
			continue
		}
		if s, ok := settle(v, path, unknowns); ok {
			into[n] = s
		}
	}
	var order []string
	byType := map[string][]*hclsyntax.Block{}
	for _, b := range body.Blocks {
		switch {
		case top && resourceMetaBlocks[b.Type]:
			continue
		case b.Type == "dynamic" && len(b.Labels) == 1:
			*unknowns = append(*unknowns, prefix+b.Labels[0])
			locs[prefix+b.Labels[0]] = b.DefRange()
			continue
		}
		if byType[b.Type] == nil {
			order = append(order, b.Type)
		}
		byType[b.Type] = append(byType[b.Type], b)
	}
	for _, t := range order {
		bs := byType[t]
		if len(bs) == 1 {
			obj := map[string]any{}
			locs[prefix+t] = bs[0].DefRange()
			decodeBody(sc, bs[0].Body, prefix+t+".", obj, unknowns, locs, false)
			into[t] = obj
			continue
		}
		list := make([]any, 0, len(bs))
		for i, b := range bs {
			path := prefix + t + "[" + strconv.Itoa(i) + "]"
			locs[path] = b.DefRange()
			if i == 0 {
				locs[prefix+t] = b.DefRange()
			}
			obj := map[string]any{}
			decodeBody(sc, b.Body, path+".", obj, unknowns, locs, false)
			list = append(list, obj)
		}
		into[t] = list
	}
}

// mergeTags gathers the resource's tags over its provider's default tags, with
// where each is written, and adds tags_all as Terraform computes it.
func (res *Resource) mergeTags(sc *scope, body *hclsyntax.Body, defaults *defaultTags) {
	res.tags, res.tagLocs = map[string]any{}, map[string]hcl.Range{}
	if defaults != nil {
		for k, v := range defaults.values {
			res.tags[k] = v
			res.tagLocs[k] = defaults.locs[k]
		}
	}
	if a := body.Attributes["tags"]; a != nil {
		if own, ok := sc.eval(a.Expr).(map[string]any); ok {
			for k, v := range own {
				res.tags[k] = v
				res.tagLocs[k] = res.locs["tags."+k]
			}
		}
	}
	if defaults == nil || len(defaults.values) == 0 {
		return
	}
	if _, written := res.Values["tags_all"]; written {
		return
	}
	if contains(res.Unknown, "tags") {
		res.Unknown = append(res.Unknown, "tags_all")
		return
	}
	if v, ok := settle(res.tags, "tags_all", &res.Unknown); ok {
		res.Values["tags_all"] = v
	}
}

// call reads a module call: a local module is followed with its static
// arguments; a remote one is listed as not read.
func (r *reader) call(sc *scope, call *hclsyntax.Block, rootPrefix, modPath string, providers map[string]*defaultTags, stack []string) {
	name := call.Labels[0]
	srcAttr := call.Body.Attributes["source"]
	src, ok := literalString(srcAttr)
	if !ok {
		r.errorf(call.DefRange(), "Module source missing", "A module block needs source = \"./path\" or a registry or Git address, as a literal string.")
		return
	}
	addr := rootPrefix + modPath + "module." + name
	if !localSource(src) {
		rng := srcAttr.SrcRange
		r.set.Remote = append(r.set.Remote, RemoteModule{Address: addr, Source: src, File: rng.Filename, Line: rng.Start.Line, Column: rng.Start.Column})
		return
	}
	dir := filepath.Clean(filepath.Join(sc.mod.dir, src))
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		r.errorf(srcAttr.Expr.Range(), "Module not found", "The local module %s is not a folder here (looked for %s).", src, inventory.DisplayName(dir))
		return
	}
	if contains(stack, dir) || len(stack) > maxModuleDepth {
		r.errorf(srcAttr.Expr.Range(), "Module calls itself", "The local module %s is already being read through %s; modules must not call each other in a circle, nor nest more than %d deep.", src, strings.Join(displayNames(stack), " → "), maxModuleDepth)
		return
	}
	child := r.module(dir)
	providers = passedProviders(call, providers)
	for _, inst := range instances(sc, call.Body) {
		args := map[string]any{}
		for n, a := range call.Body.Attributes {
			switch n {
			case "source", "version", "count", "for_each", "providers", "depends_on":
				continue
			}
			args[n] = inst.sc.eval(a.Expr)
		}
		vars := map[string]any{}
		for n, blk := range child.variables {
			if v, ok := args[n]; ok && v != nil {
				vars[n] = typed(blk, v)
				continue
			}
			vars[n] = variableDefault(blk)
		}
		inherited := sc.inherited
		if inst.unknown != "" && !contains(inherited, inst.unknown) {
			inherited = append(inherited[:len(inherited):len(inherited)], inst.unknown)
		}
		r.instantiate(child, rootPrefix, modPath+"module."+name+inst.key+".", vars, providers, append(stack[:len(stack):len(stack)], dir), inherited)
	}
}

// passedProviders are the provider configurations a module call passes: its
// providers map (providers = { aws = aws.billing }) when it has one, which is
// then all the module gets, else the caller's own.
func passedProviders(call *hclsyntax.Block, providers map[string]*defaultTags) map[string]*defaultTags {
	a := call.Body.Attributes["providers"]
	if a == nil {
		return providers
	}
	obj, ok := a.Expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return providers
	}
	out := map[string]*defaultTags{}
	for _, item := range obj.Items {
		key, okKey := providerKey(item.KeyExpr)
		val, okVal := providerKey(item.ValueExpr)
		if okKey && okVal && providers[val] != nil {
			out[key] = providers[val]
		}
	}
	return out
}

// providerKey reads a provider reference, aws or aws.billing.
func providerKey(expr hcl.Expression) (string, bool) {
	tr, diags := hcl.AbsTraversalForExpr(expr)
	if diags.HasErrors() {
		return "", false
	}
	key := tr.RootName()
	if alias, _, ok := attrStep(tr[1:]); ok {
		key += "." + alias
	}
	return key, true
}

func displayNames(dirs []string) []string {
	out := make([]string, len(dirs))
	for i, d := range dirs {
		out[i] = inventory.DisplayName(d)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
