// Package policies holds baomi's built-in controls and their shared library, written in Rego.
package policies

import "embed"

// FS holds every .rego file of the built-in controls, the library and their tests,
// one folder per chapter of the regulation and lib/ for the shared library.
//
//go:embed */*.rego
var FS embed.FS
