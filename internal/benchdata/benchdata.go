// Package benchdata provides the generated inventories that benchmarks share.
package benchdata

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/baomi-dev/baomi/internal/generate"
)

// Sizes are the inventory sizes, in resources, that the benchmarks run at.
var Sizes = []int{1000, 10000, 100000}

var mu sync.Mutex

// Inventory returns a folder holding the generated inventory of n resources
// (seed 1), one file per 100,000 resources, each within the decoder's file
// size limit. It is written once into the temporary folder and reused by later
// runs: the generator writes the same bytes every time. The folder's name
// carries a fingerprint of the generator's output, so that a changed generator
// writes a new folder instead of reusing an old one.
func Inventory(tb testing.TB, n int) string {
	tb.Helper()
	mu.Lock()
	defer mu.Unlock()
	fp, err := fingerprint()
	if err != nil {
		tb.Fatal(err)
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("baomi-bench-%d-seed1-%s", n, fp))
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err == nil {
		return dir
	}
	if err := os.RemoveAll(dir); err != nil {
		tb.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := generate.Write(dir, generate.Options{Resources: n, Files: max(1, (n+99_999)/100_000), Seed: 1}); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".complete"), nil, 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// Name labels a sub-benchmark by size, e.g. "10k".
func Name(n int) string {
	return fmt.Sprintf("%dk", n/1000)
}

// fingerprint is a short hash of a small generated inventory: it changes when
// the generator's output does.
func fingerprint() (string, error) {
	h := sha256.New()
	if err := generate.WriteTo(h, generate.Options{Resources: 2 * generate.MinResources, Seed: 1}); err != nil {
		return "", err
	}
	return fmt.Sprintf("%x", h.Sum(nil)[:6]), nil
}
