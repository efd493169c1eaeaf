package evaluator

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown/print"

	"github.com/baomi-dev/baomi/internal/textsafe"
)

// Policies is the compiled catalog: built-in and user controls, ready to evaluate.
type Policies struct {
	// Controls lists every control, ordered by article then id.
	Controls []*Control
	// Files lists the user policy files read (tests included), as shown to the user.
	Files []string
	// queue holds every control's prepared query in the order the workers
	// take them (evaluationQueue).
	queue []controlQuery
	// facts and partnerFacts are the prepared queries of the facts, without
	// and with the partner facts.
	facts, partnerFacts rego.PreparedEvalQuery
	// defaults are the library's default settings; choices the words allowed
	// for the settings that take words (the facts contract's settings).
	defaults map[string]any
	choices  map[string][]string
	// digest is the sha256 of the policy files read, tests included.
	digest string
	// modules are the policy files compiled, tests left out; builtinCount
	// of them, first, are built in.
	modules      []*Module
	builtinCount int
}

// Digest is the sha256 of every policy file read (built-in and user, tests
// included): of a manifest listing each file's sha256 and path, sorted by path,
// in the form sha256sum writes, so that two runs with the same policies agree.
func (p *Policies) Digest() string { return p.digest }

// PolicyFile is one policy file compiled: its name as shown to the user, its
// package, its bytes as read, and whether it is built in.
type PolicyFile struct {
	Name    string
	Package string
	Source  []byte
	Builtin bool
}

// PolicyFiles lists the policy files compiled (tests left out), built-in ones
// first, each in the order read.
func (p *Policies) PolicyFiles() []PolicyFile {
	out := make([]PolicyFile, len(p.modules))
	for i, m := range p.modules {
		out[i] = PolicyFile{Name: m.Name, Package: packageName(m.Module.Package.Path), Source: m.src, Builtin: i < p.builtinCount}
	}
	return out
}

// controlQuery is the prepared query of one control: it binds out to the
// control's [applicable, deny, warn].
type controlQuery struct {
	control *Control
	query   rego.PreparedEvalQuery
}

// Compile compiles modules with the sandbox capabilities. print() output goes to
// printOut when it is not nil, and is erased otherwise.
func Compile(mods []*Module, printOut io.Writer) (*ast.Compiler, error) {
	c := ast.NewCompiler().
		WithCapabilities(SandboxCapabilities()).
		WithEnablePrintStatements(printOut != nil)
	set := make(map[string]*ast.Module, len(mods))
	for _, m := range mods {
		set[m.Name] = m.Module
	}
	if c.Compile(set); c.Failed() {
		return nil, astErrors(c.Errors)
	}
	return c, nil
}

// Load parses the built-in policies in builtin and the user policy folders, reads
// every control's METADATA and compiles them once. Test files are left out, and
// user files may not declare or add to a built-in package.
// print() in policies writes to printOut (nil to drop it).
func Load(ctx context.Context, builtin fs.FS, userDirs []string, printOut io.Writer) (*Policies, error) {
	lib, user, err := parsePolicies(builtin, userDirs)
	if err != nil {
		return nil, err
	}
	builtinCount := len(lib)
	mods := append(lib, user...)
	var kept []*Module
	var controls []*Control
	var errs PolicyErrors
	byID, byCode := map[string]*Control{}, map[string]*Control{}
	for i, m := range mods {
		if m.Test {
			continue
		}
		kept = append(kept, m)
		c, cerrs := controlFromModule(m)
		errs = append(errs, cerrs...)
		if c == nil || len(cerrs) > 0 {
			continue
		}
		c.Builtin = i < builtinCount
		if prev := byID[c.ID]; prev != nil {
			errs = append(errs, &PolicyError{File: m.Name, Message: fmt.Sprintf("control id %s is already defined in %s", c.ID, prev.File)})
			continue
		}
		if prev := byCode[c.ShortCode]; prev != nil {
			errs = append(errs, &PolicyError{File: m.Name, Message: fmt.Sprintf("short code %s is already used by %s in %s", c.ShortCode, prev.ID, prev.File)})
			continue
		}
		byID[c.ID], byCode[c.ShortCode] = c, c
		controls = append(controls, c)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	comp, err := Compile(kept, printOut)
	if err != nil {
		return nil, err
	}
	sortControls(controls)
	ps := &Policies{Controls: controls, digest: digestModules(mods), modules: kept, builtinCount: len(lib)}
	for _, m := range mods[builtinCount:] {
		ps.Files = append(ps.Files, m.Name)
	}
	if err := ps.readDefaults(ctx, comp); err != nil {
		return nil, err
	}
	prepare := func(query string) (rego.PreparedEvalQuery, error) {
		opts := []func(*rego.Rego){rego.Compiler(comp), rego.Query(query), rego.StrictBuiltinErrors(true)}
		if printOut != nil {
			opts = append(opts, rego.EnablePrintStatements(true), rego.PrintHook(safePrintHook{printOut}))
		}
		pq, err := rego.New(opts...).PrepareForEval(ctx)
		if err != nil {
			return pq, astErrors(err)
		}
		return pq, nil
	}
	for _, c := range evaluationQueue(controls) {
		pq, err := prepare("out := " + controlParts(c, nil))
		if err != nil {
			return nil, err
		}
		ps.queue = append(ps.queue, controlQuery{control: c, query: pq})
	}
	if ps.facts, err = prepare("facts := " + factsQuery(false)); err != nil {
		return nil, err
	}
	if ps.partnerFacts, err = prepare("facts := " + factsQuery(true)); err != nil {
		return nil, err
	}
	return ps, nil
}

// readDefaults reads the settings of the facts contract, which depend on no
// input, so that settings are checked before any evaluation.
func (p *Policies) readDefaults(ctx context.Context, comp *ast.Compiler) error {
	rs, err := rego.New(rego.Compiler(comp), rego.Query("settings := "+factsPackage+".settings")).Eval(ctx)
	if err != nil || len(rs) == 0 {
		return &EvalError{Message: fmt.Sprintf("cannot read the library's default settings: %v", err)}
	}
	settings, _ := rs[0].Bindings["settings"].(map[string]any)
	p.defaults, _ = settings["defaults"].(map[string]any)
	choices, _ := settings["choices"].(map[string]any)
	p.choices = map[string][]string{}
	for name, v := range choices {
		words, _ := v.([]any)
		for _, w := range words {
			if s, ok := w.(string); ok {
				p.choices[name] = append(p.choices[name], s)
			}
		}
	}
	return checkSettingKinds(p.defaults)
}

// Settings returns the settings in force: the library's defaults overridden by
// the given settings.
func (p *Policies) Settings(overrides map[string]any) map[string]any {
	out := make(map[string]any, len(p.defaults))
	for k, v := range p.defaults {
		out[k] = v
	}
	for k, v := range overrides {
		out[k] = v
	}
	return out
}

// safePrintHook writes each print() of a policy on its own line, with every
// character a terminal would act on written as a visible escape: a user
// policy's output must not move the cursor or recolour the terminal.
type safePrintHook struct{ w io.Writer }

// Print writes one print() message.
func (h safePrintHook) Print(_ print.Context, msg string) error {
	_, err := fmt.Fprintln(h.w, textsafe.Terminal(msg))
	return err
}

// maxWorkers bounds how many controls evaluate at once: two workers that
// need a library rule neither has computed yet both compute it.
const maxWorkers = 4

// factsCost is the key of the facts' cost in builtinCosts: they are evaluated
// first, before the first group's controls (evaluationQueue).
const factsCost = "facts"

// splitControls divides the controls into at most n groups of about the same
// cost, by builtinCosts (a user control is taken to cost what the median
// built-in control does): the costliest first, each to the group with the least
// so far, the first group starting with the facts. Each group keeps the
// controls' article order.
func splitControls(controls []*Control, n int) [][]*Control {
	n = max(1, min(n, len(controls)))
	cost := func(c *Control) int {
		if v, ok := builtinCosts[c.ID]; ok && c.Builtin {
			return v
		}
		return medianCost
	}
	order := make([]int, len(controls))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return cost(controls[order[a]]) > cost(controls[order[b]]) })
	load := make([]int, n)
	load[0] = builtinCosts[factsCost]
	member := make([]int, len(controls))
	for _, i := range order {
		least := 0
		for g := range load {
			if load[g] < load[least] {
				least = g
			}
		}
		member[i] = least
		load[least] += cost(controls[i])
	}
	groups := make([][]*Control, n)
	for i, c := range controls {
		groups[member[i]] = append(groups[member[i]], c)
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// evaluationQueue is the order in which the workers take the controls: the
// catalog split in two groups of about the same cost (splitControls), the
// first group's controls in article order, then the second's. Even workers
// take from the front (the facts first), odd workers from the back, so the
// first two start at opposite ends of the catalog and come to the library
// rules their controls share at different times, one reading what the other
// has computed; where they meet depends on how fast each goes, not on the
// cost table.
func evaluationQueue(controls []*Control) []*Control {
	queue := make([]*Control, 0, len(controls))
	for _, group := range splitControls(controls, 2) {
		queue = append(queue, group...)
	}
	return queue
}

// medianCost is the median of the built-in controls' costs.
var medianCost = func() int {
	var costs []int
	for id, v := range builtinCosts {
		if id != factsCost {
			costs = append(costs, v)
		}
	}
	if len(costs) == 0 {
		return 1
	}
	sort.Ints(costs)
	return costs[len(costs)/2]
}()

// controlsObject is the object of every control's [applicable, deny, warn], by
// id: the bundle's entry module. wrap, when not nil, wraps each of the three.
func controlsObject(controls []*Control, wrap func(string) string) string {
	var b strings.Builder
	b.WriteString("{")
	for i, c := range controls {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q: %s", c.ID, controlParts(c, wrap))
	}
	b.WriteString("}")
	return b.String()
}

// controlParts is the array of a control's applicable, deny and warn rules,
// an empty set for a rule the control does not define; wrap, when not nil,
// wraps each of the three.
func controlParts(c *Control, wrap func(string) string) string {
	if wrap == nil {
		wrap = func(s string) string { return s }
	}
	pkg := "data." + c.Package
	return fmt.Sprintf("[%s, %s, %s]", wrap(pkg+".applicable"), wrap(ruleOrEmpty(pkg, "deny", c.defines("deny"))), wrap(ruleOrEmpty(pkg, "warn", c.defines("warn"))))
}

func ruleOrEmpty(pkg, rule string, defined bool) string {
	if defined {
		return pkg + "." + rule
	}
	return "set()"
}
