package evaluator

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/baomi-dev/baomi/internal/textsafe"
)

// TestResult is the outcome of one Rego test of a user policy.
type TestResult struct {
	// Name is the test's package and rule, e.g. "acme.system_named_test.test_unnamed_fails".
	Name     string
	File     string
	Line     int
	Passed   bool
	Error    string
	Duration time.Duration
}

// RunTests runs the _test.rego files in the user policy folders, compiled with
// the built-in library and the same sandbox as an evaluation. print() output goes
// to printOut. Results are sorted by name.
func RunTests(ctx context.Context, builtin fs.FS, dirs []string, printOut io.Writer) ([]TestResult, error) {
	lib, user, err := parsePolicies(builtin, dirs)
	if err != nil {
		return nil, err
	}
	mods := append(lib, user...)
	comp, err := Compile(mods, printOut)
	if err != nil {
		return nil, err
	}
	set := make(map[string]*ast.Module, len(mods))
	for _, m := range mods {
		set[m.Name] = m.Module
	}
	runner := tester.NewRunner().SetCompiler(comp).SetModules(set).RaiseBuiltinErrors(true)
	if printOut != nil {
		runner = runner.CapturePrintOutput(true)
	}
	ch, err := runner.RunTests(ctx, nil)
	if err != nil {
		return nil, err
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{
			Name:     strings.TrimPrefix(r.Package, "data.") + "." + r.Name,
			Passed:   !r.Fail && r.Error == nil,
			Duration: r.Duration,
		}
		if r.Location != nil {
			tr.File, tr.Line = r.Location.File, r.Location.Row
		}
		if r.Error != nil {
			tr.Error = r.Error.Error()
		}
		if printOut != nil && len(r.Output) > 0 {
			fmt.Fprintf(printOut, "%s:\n%s", textsafe.Line(tr.Name), textsafe.Terminal(string(r.Output)))
		}
		out = append(out, tr)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
