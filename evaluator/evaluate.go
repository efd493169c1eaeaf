package evaluator

import (
	"context"
	"errors"
	"fmt"
	"github.com/baomi-dev/baomi/internal/suggest"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// Problem is an error in the inventory or the settings found while evaluating,
// such as a waiver naming an unknown control.
type Problem struct {
	// Address and Attribute place the problem in the inventory; both are empty
	// for a problem in the settings.
	Address   string
	Attribute string
	Message   string
}

// InputError lists the problems that stop an evaluation.
type InputError struct{ Problems []Problem }

// Error joins the problems' messages, one per line.
func (e *InputError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return strings.Join(msgs, "\n")
}

// EvalError is a failure while evaluating the policies, such as a timeout or a
// builtin error.
type EvalError struct {
	Message string
	Timeout bool
}

// Error returns the message.
func (e *EvalError) Error() string { return e.Message }

// InputDocument is the input the policies see: the inventory's document with
// as_of and the user's settings (an empty object without any) added.
func InputDocument(document map[string]any, opts Options) map[string]any {
	doc := make(map[string]any, len(document)+2)
	for k, v := range document {
		doc[k] = v
	}
	doc["as_of"] = opts.AsOf
	settings := opts.Settings
	if settings == nil {
		settings = map[string]any{}
	}
	doc["settings"] = settings
	return doc
}

// Evaluate runs every control over the input once and returns the results.
func (p *Policies) Evaluate(ctx context.Context, in Input, opts Options) (*Report, error) {
	controls, problems := p.selectControls(opts.Skip)
	waivers, wproblems := p.readWaivers(in.Document)
	problems = append(problems, wproblems...)
	problems = append(problems, checkSettings(opts.Settings, p.defaults, p.choices)...)
	if len(problems) > 0 {
		return nil, &InputError{Problems: problems}
	}
	resources := resourceInfos(in.Document, in.Locator)
	input := InputDocument(in.Document, opts)
	// The evaluation reads its own copy of the document: dropping this
	// reference lets a caller that gave up the document see it collected.
	in.Document = nil
	j := newJudging(controls, resources, in.Locator)
	var factsValue ast.Value
	var err error
	if opts.Engine != nil {
		var out map[string]*ast.Array
		if out, factsValue, err = opts.Engine.Eval(ctx, p, input, opts.Partners); err == nil {
			j.judgeAll(out)
		}
	} else {
		factsValue, err = p.evalLocal(ctx, input, opts, j)
	}
	if err != nil {
		return nil, err
	}
	facts, err := readFacts(factsValue, opts.Partners)
	if err != nil {
		return nil, err
	}
	results, err := j.results(facts.raisedBy)
	if err != nil {
		return nil, err
	}
	rep := &Report{AsOf: opts.AsOf, Settings: p.Settings(opts.Settings), PolicyDigest: p.digest, Facts: facts, Results: results}
	for _, c := range controls {
		rep.Controls = append(rep.Controls, &ControlOutcome{Control: c})
	}
	rep.Skipped = skippedIDs(p.Controls, controls)
	applyWaivers(rep, waivers, opts.AsOf)
	for _, w := range waivers {
		w.Location = locate(in.Locator, w.ID, "")
	}
	rep.Waivers = waivers
	summarize(rep)
	return rep, nil
}

// evalLocal evaluates the input with the prepared queries, judges each
// control's [applicable, deny, warn] on the worker that evaluated it, and
// returns the facts.
func (p *Policies) evalLocal(ctx context.Context, input map[string]any, opts Options, j *judging) (ast.Value, error) {
	value, err := inputValue(input)
	if err != nil {
		return nil, &EvalError{Message: "cannot convert the inventory for evaluation: " + err.Error()}
	}
	evalOpts := []rego.EvalOption{rego.EvalParsedInput(value), rego.EvalGenerateJSON(rawTerm)}
	if opts.Tracer != nil {
		evalOpts = append(evalOpts, rego.EvalQueryTracer(opts.Tracer))
	}
	factsQuery := p.facts
	if opts.Partners {
		factsQuery = p.partnerFacts
	}
	// The controls share the library's indexes, unless a tracer counts the
	// steps: which control computes a shared index first varies from run to
	// run.
	var shared *sync.Map
	if opts.Tracer == nil {
		shared = &sync.Map{}
	}
	var facts ast.Value
	// Position -1 of the queue is the facts.
	errs := make([]error, len(p.queue)+1)
	ends := &queueEnds{front: -1, back: len(p.queue) - 1}
	var wg sync.WaitGroup
	for w := range min(runtime.GOMAXPROCS(0), maxWorkers, len(p.queue)+1) {
		wg.Go(func() {
			for {
				k, ok := ends.take(w%2 == 1)
				if !ok {
					return
				}
				query := factsQuery
				if k >= 0 {
					if !j.selected(p.queue[k].control) {
						continue // skipped: neither evaluated nor judged
					}
					query = p.queue[k].query
				}
				taskOpts := evalOpts
				if shared != nil {
					taskOpts = append(slices.Clip(evalOpts), rego.EvalVirtualCache(newLibraryCache(shared)))
				}
				rs, err := query.Eval(ctx, taskOpts...)
				switch {
				case err != nil:
					errs[k+1] = evalFailure(ctx, err)
				case len(rs) == 0:
					errs[k+1] = &EvalError{Message: "policy evaluation gave no result: a control's applicable, deny or warn rule is undefined (they must be multi-value rules: applicable contains address if { ... })"}
				case k < 0:
					facts, _ = rs[0].Bindings["facts"].(ast.Value)
				default:
					parts, _ := rs[0].Bindings["out"].(*ast.Array)
					j.judgeOne(p.queue[k].control, parts)
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return facts, nil
}

// queueEnds hands out the positions of a queue, from front to back, each
// once: to a worker taking from the front the first one left, to a worker
// taking from the back the last one left.
type queueEnds struct {
	mu          sync.Mutex
	front, back int
}

// take returns the next position from the back or the front, and false once
// every position has been taken.
func (q *queueEnds) take(fromBack bool) (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.front > q.back {
		return 0, false
	}
	if fromBack {
		q.back--
		return q.back + 1, true
	}
	q.front++
	return q.front - 1, true
}

// forEach calls f(i) for every i below n, taken in order by as many
// goroutines as there are cores, and returns when every call has.
func forEach(n int, f func(i int)) {
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// CheckInput reports the problems of an inventory that only the catalog can
// find, such as a waiver naming an unknown control.
func (p *Policies) CheckInput(doc map[string]any) []Problem {
	_, problems := p.readWaivers(doc)
	return problems
}

func evalFailure(ctx context.Context, err error) error {
	if topdown.IsCancel(err) || errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &EvalError{Message: "policy evaluation did not finish within the timeout: a policy may be too slow (look for nested scans over whole collections)", Timeout: true}
	}
	var te *topdown.Error
	if errors.As(err, &te) && te.Location != nil && te.Location.File != "" {
		return &EvalError{Message: fmt.Sprintf("%s:%d:%d: policy evaluation failed: %s (%s)", te.Location.File, te.Location.Row, te.Location.Col, te.Message, te.Code)}
	}
	return &EvalError{Message: "policy evaluation failed: " + err.Error()}
}

// skippedIDs lists the ids of the controls of all that selected leaves out.
func skippedIDs(all, selected []*Control) []string {
	kept := make(map[*Control]bool, len(selected))
	for _, c := range selected {
		kept[c] = true
	}
	var ids []string
	for _, c := range all {
		if !kept[c] {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// selectControls drops the skipped controls; a skip naming no control is a problem.
func (p *Policies) selectControls(skip []string) ([]*Control, []Problem) {
	skipped := map[*Control]bool{}
	var problems []Problem
	for _, s := range skip {
		c := p.Find(s)
		if c == nil {
			problems = append(problems, Problem{Message: fmt.Sprintf("--skip %s: no control has this id or short code%s", s, p.suggest(s))})
			continue
		}
		skipped[c] = true
	}
	var kept []*Control
	for _, c := range p.Controls {
		if !skipped[c] {
			kept = append(kept, c)
		}
	}
	return kept, problems
}

// Find returns the control with this id or short code, or nil.
func (p *Policies) Find(name string) *Control {
	for _, c := range p.Controls {
		if c.ID == name || c.ShortCode == name {
			return c
		}
	}
	return nil
}

func (p *Policies) suggest(name string) string {
	var names []string
	for _, c := range p.Controls {
		names = append(names, c.ID, c.ShortCode)
	}
	if s := suggest.Nearest(name, names); s != "" {
		return fmt.Sprintf("; did you mean %s?", s)
	}
	return ""
}

// judging turns the controls' sets into results as each control's arrive,
// possibly on several goroutines at once: each control's results, or its
// contract error, go to the control's own slot.
type judging struct {
	controls  []*Control
	index     map[string]int
	resources map[string]resourceInfo
	loc       Locator
	judged    [][]*Result
	errs      []error
	done      []bool
}

func newJudging(controls []*Control, resources map[string]resourceInfo, loc Locator) *judging {
	j := &judging{controls: controls, index: make(map[string]int, len(controls)), resources: resources, loc: loc,
		judged: make([][]*Result, len(controls)), errs: make([]error, len(controls)), done: make([]bool, len(controls))}
	for i, c := range controls {
		j.index[c.ID] = i
	}
	return j
}

// judgeAll judges the controls whose [applicable, deny, warn] parts holds, by
// id; ids of controls not selected are ignored. Severities are raised later,
// by results, once the facts are read.
func (j *judging) judgeAll(parts map[string]*ast.Array) {
	ids := make([]string, 0, len(parts))
	for id := range parts {
		if _, ok := j.index[id]; ok {
			ids = append(ids, id)
		}
	}
	forEach(len(ids), func(k int) {
		j.judgeOne(j.controls[j.index[ids[k]]], parts[ids[k]])
	})
}

// selected reports whether c is one of the controls judged.
func (j *judging) selected(c *Control) bool {
	_, ok := j.index[c.ID]
	return ok
}

// judgeOne judges one control's [applicable, deny, warn] into its slot; a
// control not selected is ignored.
func (j *judging) judgeOne(c *Control, parts *ast.Array) {
	i, ok := j.index[c.ID]
	if !ok {
		return
	}
	j.done[i] = true
	if parts == nil || parts.Len() != 3 {
		j.errs[i] = noResult(c)
		return
	}
	sets, err := readSets(c, parts)
	if err != nil {
		j.errs[i] = err
		return
	}
	j.judged[i] = judge(c, sets, j.resources, j.loc)
}

// results returns every control's results in the controls' order, their
// severity raised where top_secret data is involved, or the first control's
// error in that order.
func (j *judging) results(topSecret map[string][]string) ([]*Result, error) {
	total := 0
	for i, c := range j.controls {
		switch {
		case !j.done[i]:
			return nil, noResult(c)
		case j.errs[i] != nil:
			return nil, j.errs[i]
		}
		total += len(j.judged[i])
	}
	out := make([]*Result, 0, total)
	for i, c := range j.controls {
		if raised := c.Severity.Raised(); raised != c.Severity {
			for _, r := range j.judged[i] {
				if assets := topSecret[r.Resource]; len(assets) > 0 {
					r.Severity, r.RaisedBy = raised, assets
				}
			}
		}
		out = append(out, j.judged[i]...)
		j.judged[i] = nil
	}
	return out, nil
}

func noResult(c *Control) error {
	return &EvalError{Message: fmt.Sprintf("control %s (%s): evaluation gave no result", c.ID, c.File)}
}

type finding struct {
	resource, message, messageZh, attribute string
}

// controlSets is one control's applicable, deny and warn sets read out of their
// Rego values: the addresses it applies to and its findings, each sorted.
type controlSets struct {
	applicable     []string
	denied, warned []finding
}

// readSets reads a control's [applicable, deny, warn] into Go values, checking
// the policy contract.
func readSets(c *Control, parts *ast.Array) (*controlSets, error) {
	applicable, ok := parts.Elem(0).Value.(ast.Set)
	if !ok {
		return nil, c.contractError("applicable", "applicable must be a set of resource addresses")
	}
	denied, err := findings(c, "deny", parts.Elem(1).Value)
	if err != nil {
		return nil, err
	}
	warned, err := findings(c, "warn", parts.Elem(2).Value)
	if err != nil {
		return nil, err
	}
	addrs := make([]string, 0, applicable.Len())
	var bad *ast.Term
	applicable.Foreach(func(a *ast.Term) {
		if s, ok := a.Value.(ast.String); ok {
			addrs = append(addrs, string(s))
		} else if bad == nil {
			bad = a
		}
	})
	if bad != nil {
		return nil, c.contractError("applicable", "applicable holds %v, which is not a resource address", bad)
	}
	sort.Strings(addrs)
	return &controlSets{applicable: addrs, denied: denied, warned: warned}, nil
}

// verdict is what a resource's findings say: a failure overrides warnings,
// which override a pass; the messages of the findings that decide it join in
// order, and the first attribute named is kept.
type verdict struct {
	status                        Status
	message, messageZh, attribute string
}

// judge turns one control's sets into results, one per resource it applies to
// or has a finding on, sorted by resource.
func judge(c *Control, sets *controlSets, infos map[string]resourceInfo, loc Locator) []*Result {
	verdicts := map[string]*verdict{}
	for _, group := range []struct {
		status Status
		items  []finding
	}{{Warn, sets.warned}, {Fail, sets.denied}} {
		for _, f := range group.items {
			v := verdicts[f.resource]
			if v == nil {
				v = &verdict{status: group.status}
				verdicts[f.resource] = v
			}
			if v.status != group.status {
				*v = verdict{status: group.status}
			}
			v.message = joinMessage(v.message, f.message)
			v.messageZh = joinMessage(v.messageZh, f.messageZh)
			if v.attribute == "" {
				v.attribute = f.attribute
			}
		}
	}
	found := make([]string, 0, len(verdicts))
	for r := range verdicts {
		found = append(found, r)
	}
	sort.Strings(found)
	resources := mergeSorted(sets.applicable, found)
	results := make([]Result, len(resources))
	out := make([]*Result, len(resources))
	for i, resource := range resources {
		r := &results[i]
		info, known := infos[resource]
		*r = Result{Control: c, Resource: resource, ResourceName: info.name, Status: Pass,
			Severity: c.Severity, BaseSeverity: c.Severity, Terraform: info.link, Location: info.loc}
		if v := verdicts[resource]; v != nil {
			r.Status, r.Message, r.MessageZh, r.Attribute = v.status, v.message, v.messageZh, v.attribute
		}
		if r.Attribute != "" || !known {
			r.Location = locate(loc, r.Resource, r.Attribute)
		}
		out[i] = r
	}
	return out
}

// mergeSorted is the union of two sorted lists without repeats, sorted.
func mergeSorted(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}

func joinMessage(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + "; " + b
}

// findings reads a deny or warn set, sorted so that messages join in a stable order.
func findings(c *Control, rule string, v ast.Value) ([]finding, error) {
	items, ok := v.(ast.Set)
	if !ok {
		return nil, c.contractError(rule, "%s must be a set of findings", rule)
	}
	out := make([]finding, 0, items.Len())
	var bad *ast.Term
	items.Foreach(func(it *ast.Term) {
		obj, _ := it.Value.(ast.Object)
		resource := objString(obj, "resource")
		if resource == "" {
			if bad == nil {
				bad = it
			}
			return
		}
		f := finding{resource: resource, message: objString(obj, "message"),
			messageZh: objString(obj, "message_zh"), attribute: objString(obj, "attribute")}
		if f.messageZh == "" {
			f.messageZh = f.message
		}
		out = append(out, f)
	})
	if bad != nil {
		return nil, c.contractError(rule, "each %s finding must be an object with a resource address, got %v", rule, bad)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].resource != out[j].resource {
			return out[i].resource < out[j].resource
		}
		if out[i].message != out[j].message {
			return out[i].message < out[j].message
		}
		return out[i].attribute < out[j].attribute
	})
	return out, nil
}

func locate(l Locator, address, attribute string) *Location {
	if l == nil {
		return nil
	}
	file, line, col, ok := l.Locate(address, attribute)
	if !ok {
		return nil
	}
	return &Location{File: file, Line: line, Column: col}
}

// rawTerm keeps evaluation results as Rego values: converting hundreds of
// thousands of them to Go values would cost time and memory for nothing.
func rawTerm(t *ast.Term, _ *rego.EvalContext) (any, error) {
	return t.Value, nil
}

// objString is the string under key in obj, or "".
func objString(obj ast.Object, key string) string {
	s, _ := objGet(obj, key).(ast.String)
	return string(s)
}

// objGet is the value under key in obj, or nil.
func objGet(obj ast.Object, key string) ast.Value {
	if obj == nil {
		return nil
	}
	if t := obj.Get(ast.StringTerm(key)); t != nil {
		return t.Value
	}
	return nil
}

// resourceInfo is what every result on one resource shares.
type resourceInfo struct {
	// name is the resource's name attribute, "" when it has none.
	name string
	// loc is where the resource's block is written, nil when the locator
	// does not know it.
	loc *Location
	// link is the system a resource of the terraform collection is linked to,
	// nil for the inventory's own resources.
	link *TerraformLink
}

// resourceInfos maps each resource of the document to what its results share:
// its name, shown beside the address; its block's location, which every result
// without an attribute points at; its Terraform link, so that reports can show
// deployed resources beside the systems they belong to.
func resourceInfos(doc map[string]any, loc Locator) map[string]resourceInfo {
	n := 0
	for _, coll := range doc {
		if resources, ok := coll.(map[string]any); ok {
			n += len(resources)
		}
	}
	out := make(map[string]resourceInfo, n)
	for collection, coll := range doc {
		resources, ok := coll.(map[string]any)
		if !ok {
			continue
		}
		for addr, r := range resources {
			attrs, _ := r.(map[string]any)
			info := resourceInfo{loc: locate(loc, addr, "")}
			info.name, _ = attrs["name"].(string)
			if collection == "terraform" {
				system, _ := attrs["system"].(string)
				info.link = &TerraformLink{System: system}
			}
			out[addr] = info
		}
	}
	return out
}
