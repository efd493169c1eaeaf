package evaluator

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
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
