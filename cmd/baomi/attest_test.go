package main

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"github.com/baomi-dev/baomi/evaluator"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secure-systems-lab/go-securesystemslib/dsse"

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

// signedReport lays out, in a new working directory, a copy of the acme
// inventory under inventory/, a key pair baomi.key and baomi.pub, and the
// report check writes of it, report.json, signed with --attest.
func signedReport(t *testing.T) {
	t.Helper()
	src, err := filepath.Abs("../../fixtures/acme")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	if err := os.Mkdir("inventory", 0o755); err != nil {
		t.Fatal(err)
	}
	hcl, _ := filepath.Glob(filepath.Join(src, "*.hcl"))
	if len(hcl) == 0 {
		t.Fatal("no .hcl files in fixtures/acme")
	}
	for _, f := range hcl {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("inventory", filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, errOut := runBaomi(t, "keygen"); code != 0 {
		t.Fatalf("keygen: exit %d: %s", code, errOut)
	}
	code, _, errOut := runBaomi(t, "check", "inventory", "--as-of", "2026-11-26", "--format", "json", "--output", "report.json", "--attest", "baomi.key")
	if code != exitFindings {
		t.Fatalf("check --attest: exit %d, want 1 (acme fails): %s", code, errOut)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheckAttestVerifies(t *testing.T) {
	signedReport(t)
	env := readFile(t, "report.json.intoto.json")
	pub, err := attest.ParsePublicKey(readFile(t, "baomi.pub"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := attest.Open(env, pub)
	if err != nil {
		t.Fatal(err)
	}
	hcl, _ := filepath.Glob("inventory/*.hcl")
	var names []string
	for _, s := range st.Subject {
		names = append(names, s.Name+" "+s.Kind())
	}
	want := []string{"report.json report"}
	for _, f := range hcl {
		want = append(want, f+" inventory")
	}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Errorf("subjects:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	if st.Report().SHA256() != attest.Digest(readFile(t, "report.json")) {
		t.Error("the report's subject does not carry its sha256")
	}
	if st.Predicate.AsOf != "2026-11-26" || st.Predicate.Verdict == nil || st.Predicate.Verdict.Status != evaluator.Fail {
		t.Errorf("predicate %+v", st.Predicate)
	}

	code, out, errOut := runBaomi(t, "verify", "--pub", "baomi.pub", "report.json", "inventory")
	if code != 0 {
		t.Fatalf("verify: exit %d\n%s%s", code, out, errOut)
	}
	for _, line := range append([]string{"signature  ok", "report     ok       report.json", "verified:"}, hcl...) {
		if !strings.Contains(out, line) {
			t.Errorf("verify does not say %q:\n%s", line, out)
		}
	}
	if strings.Count(out, "inventory  ok ") != len(hcl) {
		t.Errorf("verify does not pass each of the %d inventory files:\n%s", len(hcl), out)
	}

	code, out, errOut = runBaomi(t, "verify", "--pub", "baomi.pub", "report.json")
	if code != 0 || strings.Count(out, "not checked") != len(hcl) {
		t.Errorf("verify without paths: exit %d, want 0 listing %d files not checked\n%s%s", code, len(hcl), out, errOut)
	}
}

// TestAttestIsDeterministic signs the report check wrote again, twice, with
// baomi attest: the same bytes each time, and those check --attest wrote.
func TestAttestIsDeterministic(t *testing.T) {
	signedReport(t)
	first := readFile(t, "report.json.intoto.json")
	for i := range 2 {
		code, out, errOut := runBaomi(t, "attest", "--key", "baomi.key", "report.json")
		if code != 0 || !strings.Contains(out, "wrote report.json.intoto.json") {
			t.Fatalf("attest: exit %d: %s%s", code, out, errOut)
		}
		if again := readFile(t, "report.json.intoto.json"); string(again) != string(first) {
			t.Errorf("attestation %d differs from the one check --attest wrote:\n%s\n%s", i+1, again, first)
		}
	}
}

// editPayload rewrites the attestation's envelope through edit.
func editPayload(t *testing.T, edit func(e *dsse.Envelope, payload []byte) []byte) {
	t.Helper()
	var e dsse.Envelope
	if err := json.Unmarshal(readFile(t, "report.json.intoto.json"), &e); err != nil {
		t.Fatal(err)
	}
	payload, err := base64.StdEncoding.DecodeString(e.Payload)
	if err != nil {
		t.Fatal(err)
	}
	edited := edit(&e, append([]byte(nil), payload...))
	e.Payload = base64.StdEncoding.EncodeToString(edited)
	out, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, "report.json.intoto.json", out)
}

// flipByte changes one byte of a file.
func flipByte(t *testing.T, path string, at int) {
	t.Helper()
	data := readFile(t, path)
	data[at] ^= 0x01
	writeFile(t, path, data)
}

func TestVerifyDetectsTampering(t *testing.T) {
	signedReport(t)
	saved := map[string][]byte{}
	for _, f := range []string{"report.json", "report.json.intoto.json", "inventory/legal.hcl"} {
		saved[f] = readFile(t, f)
	}
	st, err := attest.Open(saved["report.json.intoto.json"], mustPublicKey(t, "baomi.pub"))
	if err != nil {
		t.Fatal(err)
	}
	legalSum := ""
	for _, s := range st.Inputs() {
		if s.Name == "inventory/legal.hcl" {
			legalSum = s.SHA256()
		}
	}
	if legalSum == "" {
		t.Fatal("inventory/legal.hcl is not a subject")
	}
	if code, _, errOut := runBaomi(t, "keygen", "--out", "other"); code != 0 {
		t.Fatal(errOut)
	}
	for _, tc := range []struct {
		name   string
		tamper func(t *testing.T)
		pub    string
		want   string
	}{
		{"one byte of the payload", func(t *testing.T) {
			editPayload(t, func(_ *dsse.Envelope, p []byte) []byte {
				i := strings.Index(string(p), `"failing": `) + len(`"failing": `)
				p[i]++
				return p
			})
		}, "baomi.pub", "signature  FAILED"},
		{"the payload type", func(t *testing.T) {
			editPayload(t, func(e *dsse.Envelope, p []byte) []byte {
				e.PayloadType = "application/vnd.in-toto+jsoo"
				return p
			})
		}, "baomi.pub", "signature  FAILED"},
		{"a subject", func(t *testing.T) {
			editPayload(t, func(_ *dsse.Envelope, p []byte) []byte {
				current := attest.Digest(append(readFile(t, "inventory/legal.hcl"), '\n'))
				return []byte(strings.Replace(string(p), legalSum, current, 1))
			})
			writeFile(t, "inventory/legal.hcl", append(readFile(t, "inventory/legal.hcl"), '\n'))
		}, "baomi.pub", "signature  FAILED"},
		{"the report", func(t *testing.T) { flipByte(t, "report.json", 200) }, "baomi.pub", "report     CHANGED  report.json"},
		{"an inventory file", func(t *testing.T) { flipByte(t, "inventory/legal.hcl", 10) }, "baomi.pub", "inventory  CHANGED  inventory/legal.hcl"},
		{"an inventory file removed", func(t *testing.T) { os.Remove("inventory/legal.hcl") }, "baomi.pub", "inventory  MISSING  inventory/legal.hcl"},
		{"an inventory file added", func(t *testing.T) { writeFile(t, "inventory/zz.hcl", nil) }, "baomi.pub", "inventory  ADDED    inventory/zz.hcl"},
		{"the wrong key", func(t *testing.T) {}, "other.pub", "signature  FAILED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				for f, data := range saved {
					writeFile(t, f, data)
				}
				os.Remove("inventory/zz.hcl")
			}()
			tc.tamper(t)
			code, out, errOut := runBaomi(t, "verify", "--pub", tc.pub, "report.json", "inventory")
			if code != exitFindings || !strings.Contains(out, tc.want) || !strings.Contains(errOut, "mismatch") {
				t.Errorf("exit %d, want 1 saying %q\n%s%s", code, tc.want, out, errOut)
			}
			if strings.Contains(out, "verified:") {
				t.Errorf("verify says verified:\n%s", out)
			}
		})
	}
	// The restored files verify again: each case failed for its own tamper.
	if code, out, errOut := runBaomi(t, "verify", "--pub", "baomi.pub", "report.json", "inventory"); code != 0 {
		t.Errorf("restored: exit %d\n%s%s", code, out, errOut)
	}
}

func mustPublicKey(t *testing.T, path string) ed25519.PublicKey {
	t.Helper()
	pub, err := attest.ParsePublicKey(readFile(t, path))
	if err != nil {
		t.Fatal(err)
	}
	return pub
}

func TestVerifyUnusableInput(t *testing.T) {
	signedReport(t)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"missing report", []string{"--pub", "baomi.pub", "gone.json"}, "gone.json: no such file"},
		{"missing attestation", []string{"--pub", "baomi.pub", "--attestation", "gone.intoto.json", "report.json"}, "gone.intoto.json: no such file"},
		{"missing key", []string{"--pub", "gone.pub", "report.json"}, "--pub gone.pub: no such file"},
		{"private key for public", []string{"--pub", "baomi.key", "report.json"}, "want an Ed25519 public key"},
		{"no key", []string{"report.json"}, "--pub is required"},
		{"missing inventory path", []string{"--pub", "baomi.pub", "report.json", "gone"}, "gone: no such file"},
		{"no report", []string{"--pub", "baomi.pub"}, "verify takes a JSON report"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runBaomi(t, append([]string{"verify"}, tc.args...)...)
			if code != exitError || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, want 2 saying %q\n%s%s", code, tc.want, out, errOut)
			}
		})
	}
}

func TestAttestUsageErrors(t *testing.T) {
	signedReport(t)
	writeFile(t, "notes.json", []byte(`{"hello": 1}`))
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"check without --output", []string{"check", "inventory", "--format", "json", "--attest", "baomi.key"}, "give --output FILE and --format json"},
		{"check to standard output", []string{"check", "inventory", "--format", "json", "--output", "-", "--attest", "baomi.key"}, "give --output FILE and --format json"},
		{"check in another format", []string{"check", "inventory", "--format", "sarif", "--output", "r.sarif", "--attest", "baomi.key"}, "give --output FILE and --format json"},
		{"check to a device", []string{"check", "inventory", "--format", "json", "--output", os.DevNull, "--attest", "baomi.key"}, "is not a regular file"},
		{"check with a public key", []string{"check", "inventory", "--format", "json", "--output", "r.json", "--attest", "baomi.pub"}, "--attest baomi.pub: a PEM \"PUBLIC KEY\" block"},
		{"check with a missing key", []string{"check", "inventory", "--format", "json", "--output", "r.json", "--attest", "gone.key"}, "--attest gone.key: no such file"},
		{"attest without a key", []string{"attest", "report.json"}, "--key is required"},
		{"attest a file that is no report", []string{"attest", "--key", "baomi.key", "notes.json"}, "not a baomi JSON report"},
		{"attest a missing report", []string{"attest", "--key", "baomi.key", "gone.json"}, "gone.json: no such file"},
		{"attest two reports", []string{"attest", "--key", "baomi.key", "report.json", "notes.json"}, "attest takes one JSON report"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runBaomi(t, tc.args...)
			if code != exitError || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, want 2 saying %q\n%s%s", code, tc.want, out, errOut)
			}
		})
	}
	for _, f := range []string{"r.json", "r.sarif", "r.json.intoto.json", "notes.json.intoto.json", "gone.json.intoto.json"} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("a refused run wrote %s", f)
		}
	}
}

// copyTree copies the regular files below src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAttestCoversTerraform signs a check of the inventory and its Terraform:
// the report records every Terraform file read, with the sha256 of its bytes on
// disk (a byte order mark included), the attestation carries them, and verify
// checks them.
func TestAttestCoversTerraform(t *testing.T) {
	infra, err := filepath.Abs("../../fixtures/acme/infra")
	if err != nil {
		t.Fatal(err)
	}
	signedReport(t)
	copyTree(t, infra, "infra")
	withBOM := append([]byte("\xef\xbb\xbf"), readFile(t, "infra/variables.tf")...)
	writeFile(t, "infra/variables.tf", withBOM)
	code, _, errOut := runBaomi(t, "check", "inventory", "--terraform", "infra", "--as-of", "2026-11-26",
		"--format", "json", "--output", "tf.json", "--attest", "baomi.key")
	if code != exitFindings {
		t.Fatalf("check --terraform --attest: exit %d: %s", code, errOut)
	}
	st, err := attest.Open(readFile(t, "tf.json.intoto.json"), mustPublicKey(t, "baomi.pub"))
	if err != nil {
		t.Fatal(err)
	}
	tf := map[string]string{}
	for _, s := range st.Inputs() {
		if s.Kind() == "terraform" {
			tf[s.Name] = s.SHA256()
		}
	}
	var onDisk []string
	filepath.WalkDir("infra", func(p string, d os.DirEntry, _ error) error {
		if !d.IsDir() && (strings.HasSuffix(p, ".tf") || strings.HasSuffix(p, ".tfvars")) {
			onDisk = append(onDisk, filepath.ToSlash(p))
		}
		return nil
	})
	if len(tf) != len(onDisk) {
		t.Errorf("terraform subjects %v, want the %d files %v", tf, len(onDisk), onDisk)
	}
	for _, f := range onDisk {
		if sum, want := tf[f], attest.Digest(readFile(t, f)); sum != want {
			t.Errorf("%s attested with sha256 %q, want %s, that of its bytes", f, sum, want)
		}
	}

	code, out, errOut := runBaomi(t, "verify", "--pub", "baomi.pub", "tf.json", "inventory", "infra")
	if code != 0 || strings.Count(out, "terraform  ok ") != len(onDisk) {
		t.Errorf("verify: exit %d, want 0 passing the %d Terraform files\n%s%s", code, len(onDisk), out, errOut)
	}
	writeFile(t, "infra/extra.tf", []byte("# read by check, never attested\n"))
	code, out, _ = runBaomi(t, "verify", "--pub", "baomi.pub", "tf.json", "inventory", "infra")
	if code != exitFindings || !strings.Contains(out, "terraform  ADDED    infra/extra.tf") {
		t.Errorf("verify after a Terraform file was added: exit %d, want 1 saying infra/extra.tf was added\n%s", code, out)
	}
	os.Remove("infra/extra.tf")
	flipByte(t, "infra/aws.tf", 5)
	code, out, _ = runBaomi(t, "verify", "--pub", "baomi.pub", "tf.json", "inventory", "infra")
	if code != exitFindings || !strings.Contains(out, "terraform  CHANGED  infra/aws.tf") {
		t.Errorf("verify after a Terraform file changed: exit %d, want 1 saying infra/aws.tf changed\n%s", code, out)
	}
	code, out, _ = runBaomi(t, "verify", "--pub", "baomi.pub", "tf.json", "inventory")
	if code != exitFindings || !strings.Contains(out, "terraform  MISSING  infra/aws.tf") {
		t.Errorf("verify without the Terraform folder: exit %d, want 1 saying its files are missing\n%s", code, out)
	}
}
