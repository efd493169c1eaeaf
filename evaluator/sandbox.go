package evaluator

import (
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// forbiddenPrefixes names builtins that reach outside the input: network, runtime,
// environment, clock and randomness. Every nondeterministic builtin is refused too.
var forbiddenPrefixes = []string{
	"http.", "net.", "opa.runtime", "time.now_ns", "rand.", "uuid.",
	"crypto.x509.parse_and_verify_certificates", "providers.aws.sign_req",
}

// forbidden tells whether policies may not call the builtin of that name.
func forbidden(b *ast.Builtin) bool {
	if b.Nondeterministic {
		return true
	}
	for _, p := range forbiddenPrefixes {
		if b.Name == p || strings.HasPrefix(b.Name, p) {
			return true
		}
	}
	return false
}

// SandboxCapabilities returns OPA's capabilities less every builtin that could read
// the network, the environment, the clock or randomness.
func SandboxCapabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if !forbidden(b) {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	return caps
}

// ForbiddenBuiltin reports whether name is a builtin that the sandbox removed.
func ForbiddenBuiltin(name string) bool {
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		if b.Name == name {
			return forbidden(b)
		}
	}
	return false
}

// The time builtins read the machine's time zone where a policy names the zone
// "Local" (time.clock([ns, "Local"]), time.date, time.format, …) and where
// time.parse_ns meets a zone abbreviation such as "CET": the same policy would
// judge differently under another TZ. Inside the sandbox "Local" means UTC.
func init() {
	for _, b := range []*ast.Builtin{ast.Format, ast.Date, ast.Clock, ast.Weekday, ast.AddDate, ast.Diff} {
		topdown.RegisterBuiltinFunc(b.Name, localAsUTC(topdown.GetBuiltin(b.Name)))
	}
	topdown.RegisterBuiltinFunc(ast.ParseNanos.Name, parseNanosInUTC(topdown.GetBuiltin(ast.ParseNanos.Name)))
}

// localAsUTC calls the time builtin f with every [ns, "Local", …] operand
// rewritten to [ns, "UTC", …].
func localAsUTC(f topdown.BuiltinFunc) topdown.BuiltinFunc {
	return func(bctx topdown.BuiltinContext, operands []*ast.Term, iter func(*ast.Term) error) error {
		var args []*ast.Term
		for i, op := range operands {
			arr, ok := op.Value.(*ast.Array)
			if !ok || arr.Len() < 2 {
				continue
			}
			if tz, ok := arr.Elem(1).Value.(ast.String); !ok || tz != "Local" {
				continue
			}
			if args == nil {
				args = append([]*ast.Term(nil), operands...)
			}
			elems := make([]*ast.Term, arr.Len())
			for j := range elems {
				elems[j] = arr.Elem(j)
			}
			elems[1] = ast.StringTerm("UTC")
			args[i] = ast.ArrayTerm(elems...)
		}
		if args == nil {
			args = operands
		}
		return f(bctx, args, iter)
	}
}

// namedLayouts are the layout names time.parse_ns accepts for Go's layouts, as
// OPA's acceptedTimeFormats lists them.
var namedLayouts = map[string]string{
	"ANSIC": time.ANSIC, "UnixDate": time.UnixDate, "RubyDate": time.RubyDate,
	"RFC822": time.RFC822, "RFC822Z": time.RFC822Z, "RFC850": time.RFC850,
	"RFC1123": time.RFC1123, "RFC1123Z": time.RFC1123Z,
	"RFC3339": time.RFC3339, "RFC3339Nano": time.RFC3339Nano,
}

// parseNanosInUTC is time.parse_ns with zone abbreviations read as from UTC
// (those other than UTC get a zero offset) rather than from the machine's zone.
// It parses, then hands the instant to f written in RFC 3339, whose numeric
// offset leaves nothing to interpret, so that f's range check and errors apply.
func parseNanosInUTC(f topdown.BuiltinFunc) topdown.BuiltinFunc {
	return func(bctx topdown.BuiltinContext, operands []*ast.Term, iter func(*ast.Term) error) error {
		layout, ok1 := operands[0].Value.(ast.String)
		value, ok2 := operands[1].Value.(ast.String)
		if !ok1 || !ok2 {
			return f(bctx, operands, iter)
		}
		l := string(layout)
		if named, ok := namedLayouts[l]; ok {
			l = named
		}
		t, err := time.ParseInLocation(l, string(value), time.UTC)
		if err != nil {
			return err
		}
		return f(bctx, []*ast.Term{ast.StringTerm(time.RFC3339Nano), ast.StringTerm(t.Format(time.RFC3339Nano))}, iter)
	}
}
