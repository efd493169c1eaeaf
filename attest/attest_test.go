package attest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"github.com/baomi-dev/baomi/evaluator"
	"math/big"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/secure-systems-lab/go-securesystemslib/dsse"
)

// TestPAESpecVector checks the pre-authentication encoding against the test
// vector of the DSSE specification (protocol.md, "Test Vectors"): the encoding
// itself, and the specification's ECDSA P-256 signature over it, which only
// verifies over exactly those bytes.
func TestPAESpecVector(t *testing.T) {
	got := dsse.PAE("http://example.com/HelloWorld", []byte("hello world"))
	if want := "DSSEv1 29 http://example.com/HelloWorld 11 hello world"; string(got) != want {
		t.Fatalf("PAE = %q, want %q", got, want)
	}
	x, _ := new(big.Int).SetString("46950820868899156662930047687818585632848591499744589407958293238635476079160", 10)
	y, _ := new(big.Int).SetString("5640078356564379163099075877009565129882514886557779369047442380624545832820", 10)
	point := append([]byte{4}, append(x.FillBytes(make([]byte, 32)), y.FillBytes(make([]byte, 32))...)...)
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), point)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := base64.StdEncoding.DecodeString("A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==")
	if err != nil {
		t.Fatal(err)
	}
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
	sum := sha256.Sum256(got)
	if !ecdsa.Verify(pub, sum[:], r, s) {
		t.Error("the specification's signature does not verify over our PAE")
	}
	other := sha256.Sum256(dsse.PAE("http://example.com/HelloWorld", []byte("hello world!")))
	if ecdsa.Verify(pub, other[:], r, s) {
		t.Error("the specification's signature verifies over another payload")
	}
}

// testKey returns a key pair made once from a fixed seed.
func testKey(t *testing.T, seed byte) (ed25519.PrivateKey, ed25519.PublicKey) {
	t.Helper()
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
	return priv, priv.Public().(ed25519.PublicKey)
}

func readReport(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/report.json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestKeysRoundTrip(t *testing.T) {
	privPEM, pubPEM, err := GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(privPEM, []byte("-----BEGIN PRIVATE KEY-----\n")) || !bytes.HasPrefix(pubPEM, []byte("-----BEGIN PUBLIC KEY-----\n")) {
		t.Fatalf("PEM blocks:\n%s%s", privPEM, pubPEM)
	}
	priv, err := ParsePrivateKey(privPEM)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ParsePublicKey(pubPEM)
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Equal(priv.Public()) {
		t.Error("the public key is not the private key's")
	}
	if !strings.HasPrefix(KeyID(pub), "sha256:") || len(KeyID(pub)) != len("sha256:")+64 {
		t.Errorf("KeyID = %q", KeyID(pub))
	}
	_, otherPub, _ := GenerateKey(rand.Reader)
	if bytes.Equal(otherPub, pubPEM) {
		t.Error("two key pairs are equal")
	}
}

func TestParseKeyRefusals(t *testing.T) {
	privPEM, pubPEM, err := GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	rsaKey, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	rsaDER, _ := x509.MarshalPKCS8PrivateKey(rsaKey)
	rsaPubDER, _ := x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	rsaPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: rsaDER})
	rsaPubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: rsaPubDER})
	for _, tc := range []struct {
		name    string
		public  bool
		data    []byte
		message string
	}{
		{"private key given as public", true, privPEM, `a PEM "PRIVATE KEY" block`},
		{"public key given as private", false, pubPEM, `a PEM "PUBLIC KEY" block`},
		{"not PEM", true, []byte("hello"), "not a PEM file"},
		{"empty", false, nil, "not a PEM file"},
		{"RSA private key", false, rsaPEM, "a RSA private key, not an Ed25519 one"},
		{"RSA public key", true, rsaPubPEM, "a RSA public key, not an Ed25519 one"},
		{"two blocks", true, append(append([]byte{}, pubPEM...), pubPEM...), "more than one PEM block"},
		{"garbage inside", true, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte("xx")}), "not a PKIX public key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.public {
				_, err = ParsePublicKey(tc.data)
			} else {
				_, err = ParsePrivateKey(tc.data)
			}
			if err == nil || !strings.Contains(err.Error(), tc.message) {
				t.Errorf("error %v, want one saying %q", err, tc.message)
			}
		})
	}
}

func TestNewStatement(t *testing.T) {
	data := readReport(t)
	st, err := NewStatement("out/report.json", data)
	if err != nil {
		t.Fatal(err)
	}
	var names, kinds, sums []string
	for _, s := range st.Subject {
		names, kinds, sums = append(names, s.Name), append(kinds, s.Kind()), append(sums, s.SHA256())
	}
	if want := []string{"out/report.json", "inventory/legal.hcl", "infra/main.tf"}; !reflect.DeepEqual(names, want) {
		t.Errorf("subjects %v, want %v", names, want)
	}
	if want := []string{"report", "inventory", "terraform"}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("kinds %v, want %v", kinds, want)
	}
	if sums[0] != Digest(data) || sums[1] != "49c57c0e917f590d55fe72f830417bf7b2ae50cb8a79c6e20d2404ebb90ab9f4" {
		t.Errorf("digests %v", sums)
	}
	p := st.Predicate
	if p.Tool.Version != "0.1.0" || p.AsOf != "2026-11-26" || p.FailOn != evaluator.Low || p.Policies.SHA256 == "" ||
		p.Verdict == nil || p.Verdict.Failing != 1 || p.Summary.Controls != 2 || !reflect.DeepEqual(p.Skipped, []string{"BM-4.1.3-01"}) ||
		p.Settings["backup_min_frequency"] != "weekly" {
		t.Errorf("predicate %+v", p)
	}
}

func TestNewStatementRefusals(t *testing.T) {
	data := readReport(t)
	for _, tc := range []struct {
		name     string
		old, new string
		message  string
	}{
		{"edited verdict", `"failing": 1`, `"failing": 0`, "the report was edited"},
		{"input without digest", `"sha256": "49c57c0e917f590d55fe72f830417bf7b2ae50cb8a79c6e20d2404ebb90ab9f4"`, `"sha256": ""`, "input 1 has no path, no kind or no sha256"},
		{"not a report", `"name": "baomi"`, `"name": "other"`, "not a baomi JSON report"},
		{"two inputs of one name", `"path": "infra/main.tf"`, `"path": "inventory/legal.hcl"`, "named twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !bytes.Contains(data, []byte(tc.old)) {
				t.Fatalf("the report holds no %s", tc.old)
			}
			_, err := NewStatement("report.json", bytes.Replace(data, []byte(tc.old), []byte(tc.new), 1))
			if err == nil || !strings.Contains(err.Error(), tc.message) {
				t.Errorf("error %v, want one saying %q", err, tc.message)
			}
		})
	}
}

func signed(t *testing.T, priv ed25519.PrivateKey) (*Statement, []byte) {
	t.Helper()
	st, err := NewStatement("report.json", readReport(t))
	if err != nil {
		t.Fatal(err)
	}
	env, err := Sign(st, priv)
	if err != nil {
		t.Fatal(err)
	}
	return st, env
}

func TestSignOpenRoundTrip(t *testing.T) {
	priv, pub := testKey(t, 1)
	st, env := signed(t, priv)
	var e dsse.Envelope
	if err := json.Unmarshal(env, &e); err != nil {
		t.Fatal(err)
	}
	if e.PayloadType != PayloadType || len(e.Signatures) != 1 || e.Signatures[0].KeyID != KeyID(pub) {
		t.Errorf("envelope %+v", e)
	}
	var raw map[string]any
	payload, _ := base64.StdEncoding.DecodeString(e.Payload)
	if err := json.Unmarshal(payload, &raw); err != nil {
		t.Fatal(err)
	}
	if raw["_type"] != "https://in-toto.io/Statement/v1" || raw["predicateType"] != PredicateType {
		t.Errorf("statement types %v, %v", raw["_type"], raw["predicateType"])
	}
	got, err := Open(env, pub)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, st) {
		t.Errorf("opened\n%+v\nwant\n%+v", got, st)
	}
}

func TestSignIsDeterministic(t *testing.T) {
	priv, _ := testKey(t, 1)
	_, a := signed(t, priv)
	_, b := signed(t, priv)
	if !bytes.Equal(a, b) {
		t.Errorf("two attestations of one report differ:\n%s\n%s", a, b)
	}
}

// editEnvelope decodes an envelope, lets edit change it, and encodes it again.
func editEnvelope(t *testing.T, env []byte, edit func(e *dsse.Envelope, payload []byte) []byte) []byte {
	t.Helper()
	var e dsse.Envelope
	if err := json.Unmarshal(env, &e); err != nil {
		t.Fatal(err)
	}
	payload, err := base64.StdEncoding.DecodeString(e.Payload)
	if err != nil {
		t.Fatal(err)
	}
	e.Payload = base64.StdEncoding.EncodeToString(edit(&e, payload))
	out, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestOpenDetectsTampering(t *testing.T) {
	priv, pub := testKey(t, 1)
	_, otherPub := testKey(t, 2)
	st, env := signed(t, priv)
	inventorySum := st.Inputs()[0].SHA256()
	for _, tc := range []struct {
		name    string
		env     []byte
		key     ed25519.PublicKey
		message string
	}{
		{"one byte of the payload", editEnvelope(t, env, func(_ *dsse.Envelope, p []byte) []byte {
			i := bytes.Index(p, []byte(`"as_of": "2026-11-26"`)) + len(`"as_of": "2026-11-2`)
			p[i] = '7'
			return p
		}), pub, "the signature does not verify"},
		{"the payload type", editEnvelope(t, env, func(e *dsse.Envelope, p []byte) []byte {
			e.PayloadType = "application/vnd.in-toto+jsoN"
			return p
		}), pub, "the signature does not verify"},
		{"a subject's digest", editEnvelope(t, env, func(_ *dsse.Envelope, p []byte) []byte {
			return bytes.Replace(p, []byte(inventorySum), []byte(strings.Repeat("0", 64)), 1)
		}), pub, "the signature does not verify"},
		{"a subject's name", editEnvelope(t, env, func(_ *dsse.Envelope, p []byte) []byte {
			return bytes.Replace(p, []byte(`"inventory/legal.hcl"`), []byte(`"inventory/legal.hcm"`), 1)
		}), pub, "the signature does not verify"},
		{"the signature", editEnvelope(t, bytes.Replace(env, []byte(`"sig": "`), []byte(`"sig": "A`), 1), func(_ *dsse.Envelope, p []byte) []byte {
			return p
		}), pub, "the signature does not verify"},
		{"the key", env, otherPub, "the signature does not verify with key " + KeyID(otherPub)},
		{"not JSON", []byte("{"), pub, "not a DSSE envelope"},
		{"two values", append(append([]byte{}, env...), env...), pub, "more than one JSON value"},
		{"no signature", editEnvelope(t, env, func(e *dsse.Envelope, p []byte) []byte {
			e.Signatures = nil
			return p
		}), pub, "the signature does not verify"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(tc.env, tc.key)
			if !errors.Is(err, ErrNotVerified) || !strings.Contains(err.Error(), tc.message) {
				t.Errorf("Open = %v, want ErrNotVerified saying %q", err, tc.message)
			}
		})
	}
}

// TestOpenChecksWhatWasSigned signs, with the right key, envelopes that baomi
// never writes: the signature verifies, and the payload is refused still.
func TestOpenChecksWhatWasSigned(t *testing.T) {
	priv, pub := testKey(t, 1)
	st, _ := signed(t, priv)
	signer, err := dsse.NewEnvelopeSigner(edKey{priv: priv, pub: pub})
	if err != nil {
		t.Fatal(err)
	}
	payload, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	otherPredicate := bytes.Replace(payload, []byte(PredicateType), []byte("https://example.com/other/v1"), 1)
	noReport := bytes.Replace(payload, []byte(`"kind":"report"`), []byte(`"kind":"inventory"`), 1)
	for _, tc := range []struct {
		name, payloadType string
		payload           []byte
		message           string
	}{
		{"another payload type", "application/json", payload, `payload type "application/json"`},
		{"another predicate", PayloadType, otherPredicate, `predicateType is "https://example.com/other/v1"`},
		{"no report subject", PayloadType, noReport, "the first subject is not the report"},
		{"not a statement", PayloadType, []byte(`[1]`), "not an in-toto statement"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := signer.SignPayload(t.Context(), tc.payloadType, tc.payload)
			if err != nil {
				t.Fatal(err)
			}
			env, _ := json.Marshal(e)
			_, err = Open(env, pub)
			if !errors.Is(err, ErrNotVerified) || !strings.Contains(err.Error(), tc.message) {
				t.Errorf("Open = %v, want ErrNotVerified saying %q", err, tc.message)
			}
		})
	}
}

// TestParseOpenSSLKeys reads a key pair openssl wrote (openssl genpkey
// -algorithm ed25519; openssl pkey -pubout), so that a key made without baomi
// works too.
func TestParseOpenSSLKeys(t *testing.T) {
	privPEM, err := os.ReadFile("testdata/openssl.key")
	if err != nil {
		t.Fatal(err)
	}
	pubPEM, err := os.ReadFile("testdata/openssl.pub")
	if err != nil {
		t.Fatal(err)
	}
	priv, err := ParsePrivateKey(privPEM)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ParsePublicKey(pubPEM)
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Equal(priv.Public()) {
		t.Error("openssl.pub is not openssl.key's public key")
	}
}
