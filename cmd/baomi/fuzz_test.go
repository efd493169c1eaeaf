package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/report"
)

// FuzzCheck runs baomi check end to end — decode, evaluate, report — on arbitrary
// inventory bytes, in the report format that pick selects. Whatever the input,
// the exit status is 0, 1 or 2, never a crash; a failure says why on standard
// error; and a second run over the same input gives the same bytes. The seed
// corpus is in testdata/fuzz/FuzzCheck; a short run is one of the documented
// checks:
//
//	go test ./cmd/baomi -run '^$' -fuzz FuzzCheck -fuzztime 5m
func FuzzCheck(f *testing.F) {
	formats := report.Formats()
	seeds := []string{
		"site \"hq\" {\n  kind = \"office\"\n}\n",
		"system \"db\" {\n  kind = \"server\"\n}\ndata_asset \"d\" {\n  category = \"identity\"\n  classification = \"top_secret\"\n  stored_in = [system.db]\n}\n",
		"system \"db\" {\n  kind = \"serverr\"\n}\n",
		"waiver \"w\" {\n  control = \"storage-encrypted\"\n  resource = system.db\n  reason = \"r\"\n  approved_by = \"a\"\n  expires = \"2026-01-01\"\n}\nsystem \"db\" {}\n",
	}
	for i, s := range seeds {
		for j := range formats {
			if (i+j)%2 == 0 {
				f.Add([]byte(s), uint8(j))
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, pick uint8) {
		format := formats[int(pick)%len(formats)]
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "inventory.hcl"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"check", dir, "--as-of", "2026-11-26", "--format", format, "--lang", "en"}
		code, out, errOut := runBaomi(t, args...)
		switch {
		case code < 0 || code > 2:
			t.Fatalf("exit status %d", code)
		case strings.Contains(errOut, "internal error") || strings.Contains(errOut, "goroutine ") || strings.Contains(errOut, "panic:"):
			t.Fatalf("crash on stderr:\n%s", errOut)
		case code == 2 && strings.TrimSpace(errOut) == "":
			t.Fatalf("exit status 2 without a word on standard error")
		case code != 2 && out == "":
			t.Fatalf("exit status %d without a %s report", code, format)
		}
		code2, out2, errOut2 := runBaomi(t, args...)
		if code2 != code || out2 != out || errOut2 != errOut {
			t.Fatalf("a second run over the same input differs: exit %d then %d; stdout same: %v; stderr same: %v",
				code, code2, out2 == out, errOut2 == errOut)
		}
	})
}
