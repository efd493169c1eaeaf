package attest

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/secure-systems-lab/go-securesystemslib/dsse"
)

// ErrNotVerified marks every reason an attestation does not vouch for a
// report: a signature that does not verify with the key, a payload that is not
// baomi's in-toto statement. Errors that wrap it are findings, not bad input.
var ErrNotVerified = errors.New("the attestation does not verify")

// Sign signs a statement with an Ed25519 private key and returns the DSSE
// envelope, as indented JSON ending in a newline. Ed25519 signatures are
// deterministic, so one statement and one key always give the same bytes.
func Sign(st *Statement, key ed25519.PrivateKey) ([]byte, error) {
	if err := st.check(); err != nil {
		return nil, err
	}
	payload, err := marshal(st)
	if err != nil {
		return nil, err
	}
	signer, err := dsse.NewEnvelopeSigner(edKey{priv: key, pub: key.Public().(ed25519.PublicKey)})
	if err != nil {
		return nil, err
	}
	env, err := signer.SignPayload(context.Background(), PayloadType, payload)
	if err != nil {
		return nil, err
	}
	return marshal(env)
}

// Open verifies a DSSE envelope with an Ed25519 public key and returns the
// statement it signs. Any reason it does not vouch for a report wraps
// ErrNotVerified.
func Open(envelope []byte, pub ed25519.PublicKey) (*Statement, error) {
	var env dsse.Envelope
	dec := json.NewDecoder(bytes.NewReader(envelope))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&env); err != nil {
		return nil, fmt.Errorf("%w: not a DSSE envelope: %v", ErrNotVerified, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: more than one JSON value", ErrNotVerified)
	}
	verifier, err := dsse.NewEnvelopeVerifier(edKey{pub: pub})
	if err != nil {
		return nil, err
	}
	_, payload, err := verifier.VerifyAndDecode(context.Background(), &env)
	if err != nil {
		var named []string
		for _, sig := range env.Signatures {
			if sig.KeyID != "" && sig.KeyID != KeyID(pub) {
				named = append(named, sig.KeyID)
			}
		}
		if len(named) > 0 {
			return nil, fmt.Errorf("%w: the signature does not verify with key %s; the envelope names key %s", ErrNotVerified, KeyID(pub), strings.Join(named, ", "))
		}
		return nil, fmt.Errorf("%w: the signature does not verify with key %s (%v)", ErrNotVerified, KeyID(pub), err)
	}
	if env.PayloadType != PayloadType {
		return nil, fmt.Errorf("%w: payload type %q, not an in-toto statement (%s)", ErrNotVerified, env.PayloadType, PayloadType)
	}
	var st Statement
	dec = json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	if err := dec.Decode(&st); err != nil {
		return nil, fmt.Errorf("%w: the payload is not an in-toto statement: %v", ErrNotVerified, err)
	}
	if err := st.check(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotVerified, err)
	}
	return &st, nil
}

// marshal writes v as JSON indented by two spaces, HTML characters unescaped,
// ending in a newline.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// edKey signs and verifies DSSE envelopes with Ed25519; priv is nil for
// verification alone.
type edKey struct {
	priv ed25519.PrivateKey
	pub  ed25519.PublicKey
}

// Sign signs the DSSE pre-authentication encoding of an envelope.
func (k edKey) Sign(_ context.Context, data []byte) ([]byte, error) {
	if k.priv == nil {
		return nil, errors.New("no private key")
	}
	return ed25519.Sign(k.priv, data), nil
}

// Verify checks a signature over the pre-authentication encoding.
func (k edKey) Verify(_ context.Context, data, sig []byte) error {
	if !ed25519.Verify(k.pub, data, sig) {
		return errors.New("bad signature")
	}
	return nil
}

// KeyID names the key in the envelope's signatures.
func (k edKey) KeyID() (string, error) {
	return KeyID(k.pub), nil
}

// Public is the public key.
func (k edKey) Public() crypto.PublicKey {
	return k.pub
}
