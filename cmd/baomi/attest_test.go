package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/attest"
)

func TestKeygen(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, errOut := runBaomi(t, "keygen")
	if code != 0 {
		t.Fatalf("keygen: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "wrote baomi.key") || !strings.Contains(out, "baomi.pub") {
		t.Errorf("keygen said %q", out)
	}
	info, err := os.Stat("baomi.key")
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("baomi.key has mode %o, want 600", info.Mode().Perm())
	}
	privPEM, _ := os.ReadFile("baomi.key")
	pubPEM, _ := os.ReadFile("baomi.pub")
	priv, err := attest.ParsePrivateKey(privPEM)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := attest.ParsePublicKey(pubPEM)
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Equal(priv.Public()) {
		t.Error("baomi.pub is not baomi.key's public key")
	}
	if !strings.Contains(out, attest.KeyID(pub)) {
		t.Errorf("keygen did not print the key id %s: %q", attest.KeyID(pub), out)
	}

	if err := os.Mkdir("keys", 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runBaomi(t, "keygen", "--out", "keys/audit"); code != 0 {
		t.Fatalf("keygen --out keys/audit: exit %d: %s", code, errOut)
	}
	for _, f := range []string{"keys/audit.key", "keys/audit.pub"} {
		if _, err := os.Stat(f); err != nil {
			t.Error(err)
		}
	}
}

func TestKeygenNeverOverwrites(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, existing := range []string{"baomi.key", "baomi.pub"} {
		t.Run(existing, func(t *testing.T) {
			for _, f := range []string{"baomi.key", "baomi.pub"} {
				os.Remove(f)
			}
			if err := os.WriteFile(existing, []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, errOut := runBaomi(t, "keygen")
			if code != exitError || !strings.Contains(errOut, existing+" already exists") {
				t.Errorf("keygen over %s: exit %d, %q; want 2 naming it", existing, code, errOut)
			}
			if b, _ := os.ReadFile(existing); string(b) != "mine" {
				t.Errorf("%s was overwritten", existing)
			}
			entries, _ := os.ReadDir(".")
			if len(entries) != 1 {
				t.Errorf("keygen left %d files, want only %s", len(entries), existing)
			}
		})
	}
}

func TestKeygenUsageErrors(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, tc := range []struct {
		args    []string
		message string
	}{
		{[]string{"keygen", "extra"}, "keygen takes no arguments"},
		{[]string{"keygen", "--out", ""}, "empty prefix"},
		{[]string{"keygen", "--out", filepath.Join("missing", "k")}, "does not exist"},
	} {
		code, _, errOut := runBaomi(t, tc.args...)
		if code != exitError || !strings.Contains(errOut, tc.message) {
			t.Errorf("%v: exit %d, %q; want 2 saying %q", tc.args, code, errOut, tc.message)
		}
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("a refused keygen left %d files", len(entries))
	}
}
