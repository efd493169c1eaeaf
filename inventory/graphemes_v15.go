//go:build !go1.27

package inventory

import "github.com/apparentlymart/go-textseg/v15/textseg"

// scanGraphemeClusters splits off the first grapheme cluster of data by the
// Unicode version hcl counts columns with under this Go version: go-textseg v15
// before Go 1.27, as hcl's internal/unicodeutil does, so that the fast path and
// the diagnostics count the columns hclsyntax counts.
func scanGraphemeClusters(data []byte, atEOF bool) (int, []byte, error) {
	return textseg.ScanGraphemeClusters(data, atEOF)
}
