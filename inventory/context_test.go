package inventory

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sites is an inventory file of n site blocks, which the fast path reads.
func sites(n int) []byte {
	var b strings.Builder
	b.WriteString("organization \"acme\" {\n  name = \"Acme\"\n}\n")
	for i := range n {
		fmt.Fprintf(&b, "site \"s%d\" {\n  name = \"Site %d\"\n}\n", i, i)
	}
	return []byte(b.String())
}

// TestLoadStopsWhenTheContextIsDone: a done context stops the decoder within a
// file and before the next file, and LoadContext returns its error.
func TestLoadStopsWhenTheContextIsDone(t *testing.T) {
	src := sites(10 * ctxCheckBlocks)
	done, cancel := context.WithCancel(context.Background())
	cancel()
	if rs, _ := decodeSource(done, src, "big.hcl", false); len(rs) >= ctxCheckBlocks {
		t.Errorf("a done context: %d blocks decoded, want fewer than %d", len(rs), ctxCheckBlocks)
	}
	if rs, diags := decodeSource(context.Background(), src, "big.hcl", false); len(rs) != 10*ctxCheckBlocks+1 || diags.HasErrors() {
		t.Errorf("no deadline: %d blocks decoded (%v), want all %d", len(rs), diags, 10*ctxCheckBlocks+1)
	}

	dir := t.TempDir()
	for i := range 3 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%d.hcl", i)), fmt.Appendf(nil, "site \"f%d\" {}\n", i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "org.hcl"), []byte("organization \"acme\" {\n  name = \"Acme\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inv, _, err := LoadContext(done, []string{dir}, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("LoadContext with a done context: %v, want context.Canceled", err)
	}
	if len(inv.sources) != 0 {
		t.Errorf("files read after the context was done: %d", len(inv.sources))
	}
	inv, diags, err := LoadContext(context.Background(), []string{dir}, Options{})
	if err != nil || diags.HasErrors() || len(inv.Document["sites"].(map[string]any)) != 3 {
		t.Errorf("LoadContext without a deadline: %v %v %v", err, diags, inv.Document["sites"])
	}
}
