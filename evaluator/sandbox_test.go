package evaluator_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/policies"
)

// mustRemove lists builtins that reach outside the input — network, runtime,
// clock, randomness, or the current time hidden in a verification — and that the
// sandbox must remove whatever OPA version baomi is built with. Should an upgrade
// rename one, the test says so rather than let a new spelling through.
var mustRemove = []string{
	"http.send",
	"net.lookup_ip_addr",
	"opa.runtime",
	"time.now_ns",
	"rand.intn",
	"uuid.rfc4122",
	"uuid.parse",
	"io.jwt.decode_verify",
	"io.jwt.encode_sign",
	"io.jwt.encode_sign_raw",
	"crypto.x509.parse_and_verify_certificates",
	"crypto.x509.parse_and_verify_certificates_with_options",
	"providers.aws.sign_req",
}

// outside lists name prefixes of builtins that must never be kept.
var outside = []string{"http.", "net.lookup", "opa.runtime", "time.now", "rand.", "uuid.", "providers."}

// removedBuiltins lists the builtins OPA offers that SandboxCapabilities drops.
func removedBuiltins(t *testing.T) []*ast.Builtin {
	t.Helper()
	kept := map[string]bool{}
	for _, b := range evaluator.SandboxCapabilities().Builtins {
		kept[b.Name] = true
	}
	var removed []*ast.Builtin
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		if !kept[b.Name] {
			removed = append(removed, b)
		}
	}
	sort.Slice(removed, func(i, j int) bool { return removed[i].Name < removed[j].Name })
	return removed
}

func TestSandboxRemovesWhatReachesOutside(t *testing.T) {
	removed := map[string]bool{}
	for _, b := range removedBuiltins(t) {
		removed[b.Name] = true
	}
	offered := map[string]bool{}
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		offered[b.Name] = true
	}
	for _, name := range mustRemove {
		switch {
		case !offered[name]:
			t.Errorf("OPA no longer offers %s: check whether it was renamed, and make sure the new name is removed too", name)
		case !removed[name]:
			t.Errorf("the sandbox lets %s through", name)
		}
		if !evaluator.ForbiddenBuiltin(name) {
			t.Errorf("ForbiddenBuiltin(%q) = false: a policy using it would get no clear refusal", name)
		}
	}
	for _, b := range evaluator.SandboxCapabilities().Builtins {
		if b.Nondeterministic {
			t.Errorf("the sandbox keeps the nondeterministic builtin %s", b.Name)
		}
		for _, p := range outside {
			if strings.HasPrefix(b.Name, p) {
				t.Errorf("the sandbox keeps %s", b.Name)
			}
		}
	}
	if len(removed) < len(mustRemove) {
		t.Errorf("only %d builtins removed, want at least %d", len(removed), len(mustRemove))
	}
}

// TestEveryRemovedBuiltinIsRefused writes, for each builtin the sandbox removes,
// a user control that calls it with as many arguments as it takes, and checks that
// loading the policies refuses it, naming the builtin and the place of the call.
func TestEveryRemovedBuiltinIsRefused(t *testing.T) {
	removed := removedBuiltins(t)
	if len(removed) == 0 {
		t.Fatal("the sandbox removes no builtin")
	}
	for _, b := range removed {
		t.Run(b.Name, func(t *testing.T) {
			if b.Infix != "" {
				t.Fatalf("%s is an operator (%s): give it its own test", b.Name, b.Infix)
			}
			args := make([]string, len(b.Decl.Args()))
			for i := range args {
				args[i] = `"x"`
			}
			if b.Decl.FuncArgs().Variadic != nil {
				args = append(args, `"x"`)
			}
			call := b.Name + "(" + strings.Join(args, ", ") + ")"
			dir := writePolicy(t, "deny contains {\"resource\": \"system.crm\", \"message\": sprintf(\"%v\", [x])} if {\n\tx := "+call+"\n}")
			_, err := evaluator.Load(context.Background(), policies.FS, []string{dir}, nil)
			if err == nil {
				t.Fatalf("a user policy calling %s was accepted", call)
			}
			msg := err.Error()
			want := b.Name + " is not allowed: policies run sandboxed"
			if !strings.Contains(msg, want) || !strings.Contains(msg, "x.rego:17:7") {
				t.Errorf("calling %s: want a refusal at x.rego:17:7 saying %q, got:\n%s", call, want, msg)
			}
		})
	}
}

// TestRemovedBuiltinRefusedInHelpersAndTests: a call hidden in a helper function
// of a library package, or in a _test.rego, is refused as well.
func TestRemovedBuiltinRefusedInHelpersAndTests(t *testing.T) {
	dir := t.TempDir()
	lib := "package user.leaky\n\nnow := time.now_ns()\n\nfetch(u) := http.send({\"method\": \"get\", \"url\": u})\n"
	if err := os.WriteFile(filepath.Join(dir, "leaky.rego"), []byte(lib), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := evaluator.Load(context.Background(), policies.FS, []string{dir}, nil)
	if err == nil || !strings.Contains(err.Error(), "time.now_ns is not allowed") || !strings.Contains(err.Error(), "http.send is not allowed") {
		t.Errorf("a library calling time.now_ns and http.send: %v", err)
	}
}

// TestLocalTimeZoneIsUTC: the time builtins that could read the machine's time
// zone, through the zone name "Local" or a zone abbreviation to parse, answer
// the same under three time zones, and as in UTC.
func TestLocalTimeZoneIsUTC(t *testing.T) {
	dir := writePolicy(t, `deny contains {"resource": "system.crm", "message": sprintf("%v", [answers])} if {
	summer := time.parse_rfc3339_ns("2026-07-01T23:30:00Z")
	answers := [
		time.clock([0, "Local"]),
		time.date([summer, "Local"]),
		time.weekday([summer, "Local"]),
		time.format([summer, "Local", "2006-01-02 15:04 MST"]),
		time.diff([0, "Local"], [summer, "Local"]),
		time.add_date(summer, 0, 0, 1),
		time.parse_ns("2006-01-02 15:04 MST", "2026-01-15 12:00 CET"),
		time.parse_ns("RFC1123", "Thu, 15 Jan 2026 12:00:00 EST"),
		time.parse_ns("2006-01-02 15:04 MST", "2026-01-15 12:00 UTC"),
	]
}`)
	ps := load(t, dir)
	answer := func(zone *time.Location) string {
		saved := time.Local
		time.Local = zone
		defer func() { time.Local = saved }()
		rep := evaluate(t, ps, doc(map[string]any{}), evaluator.Options{})
		for _, r := range rep.Results {
			if r.Control.ID == "X-1.1-01" {
				return r.Message
			}
		}
		t.Fatal("the control gave no result")
		return ""
	}
	want := `[[0, 0, 0], [2026, 7, 1], "Wednesday", "2026-07-01 23:30 UTC", [56, 6, 0, 23, 30, 0], 1783035000000000000, 1768478400000000000, 1768478400000000000, 1768478400000000000]`
	if got := answer(time.UTC); got != want {
		t.Fatalf("under UTC:\n got %s\nwant %s", got, want)
	}
	for _, name := range []string{"Europe/Berlin", "America/New_York", "Asia/Shanghai"} {
		zone, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := answer(zone); got != want {
			t.Errorf("under %s:\n got %s\nwant %s (as under UTC)", name, got, want)
		}
	}
}

// TestParseNanosNamedLayouts: time.parse_ns still accepts each of OPA's layout
// names, inside the sandbox's replacement that reads zones as from UTC.
func TestParseNanosNamedLayouts(t *testing.T) {
	instant := time.Date(2026, 7, 1, 23, 30, 0, 0, time.UTC)
	for name, layout := range map[string]string{
		"ANSIC": time.ANSIC, "UnixDate": time.UnixDate, "RubyDate": time.RubyDate,
		"RFC822": time.RFC822, "RFC822Z": time.RFC822Z, "RFC850": time.RFC850,
		"RFC1123": time.RFC1123, "RFC1123Z": time.RFC1123Z,
		"RFC3339": time.RFC3339, "RFC3339Nano": time.RFC3339Nano,
	} {
		query := fmt.Sprintf("x := time.parse_ns(%q, %q)", name, instant.Format(layout))
		rs, err := rego.New(rego.Query(query), rego.Capabilities(evaluator.SandboxCapabilities()), rego.StrictBuiltinErrors(true)).Eval(context.Background())
		if err != nil || len(rs) != 1 {
			t.Errorf("%s: %v", query, err)
			continue
		}
		if got := fmt.Sprint(rs[0].Bindings["x"]); got != fmt.Sprint(instant.UnixNano()) {
			t.Errorf("%s = %s, want %d", query, got, instant.UnixNano())
		}
	}
}
