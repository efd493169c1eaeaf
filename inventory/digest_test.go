package inventory

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// TestDigestIsTheFileAsRead checks that a file's digest covers its bytes as
// they are on disk, byte order mark included, so that sha256sum agrees.
func TestDigestIsTheFileAsRead(t *testing.T) {
	a := "\xef\xbb\xbfsystem \"db\" {\n  kind = \"server\"\n}\n"
	b := "system \"db2\" {\n  kind = \"server\"\n}\n"
	inv, _ := load(t, map[string]string{"a.hcl": a, "b.hcl": b})
	if len(inv.Files) != 2 {
		t.Fatalf("files = %v", inv.Files)
	}
	for i, want := range []string{a, b} {
		sum := sha256.Sum256([]byte(want))
		got, ok := inv.Digest(inv.Files[i])
		if !ok || got != hex.EncodeToString(sum[:]) {
			t.Errorf("Digest(%s) = %q, %v; want the sha256 of the bytes on disk", inv.Files[i], got, ok)
		}
	}
	if _, ok := inv.Digest(strings.TrimSuffix(inv.Files[0], ".hcl") + ".other"); ok {
		t.Error("a file that was not read has a digest")
	}
}
