package attest

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
)

// PEM block types of the key files: PKCS#8 for the private key, PKIX for the
// public one, as openssl writes them.
const (
	privatePEMType = "PRIVATE KEY"
	publicPEMType  = "PUBLIC KEY"
)

// GenerateKey makes an Ed25519 key pair from random and returns the private key
// in PKCS#8 PEM and the public key in PKIX PEM.
func GenerateKey(random io.Reader) (private, public []byte, err error) {
	pub, priv, err := ed25519.GenerateKey(random)
	if err != nil {
		return nil, nil, err
	}
	privDER, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, nil, err
	}
	pubDER, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: privatePEMType, Bytes: privDER}),
		pem.EncodeToMemory(&pem.Block{Type: publicPEMType, Bytes: pubDER}), nil
}

// ParsePrivateKey reads an Ed25519 private key written in PKCS#8 PEM.
func ParsePrivateKey(data []byte) (ed25519.PrivateKey, error) {
	der, err := pemBlock(data, privatePEMType, "an Ed25519 private key in PKCS#8 PEM (baomi keygen writes one)")
	if err != nil {
		return nil, err
	}
	key, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, fmt.Errorf("not a PKCS#8 private key: %v", err)
	}
	priv, ok := key.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("a %s private key, not an Ed25519 one", keyKind(key))
	}
	return priv, nil
}

// ParsePublicKey reads an Ed25519 public key written in PKIX PEM.
func ParsePublicKey(data []byte) (ed25519.PublicKey, error) {
	der, err := pemBlock(data, publicPEMType, "an Ed25519 public key in PKIX PEM (baomi keygen writes one)")
	if err != nil {
		return nil, err
	}
	key, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, fmt.Errorf("not a PKIX public key: %v", err)
	}
	pub, ok := key.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("a %s public key, not an Ed25519 one", keyKind(key))
	}
	return pub, nil
}

// pemBlock returns the DER bytes of the one PEM block of type typ in data.
func pemBlock(data []byte, typ, want string) ([]byte, error) {
	block, rest := pem.Decode(data)
	switch {
	case block == nil:
		return nil, errors.New("not a PEM file: want " + want)
	case block.Type != typ:
		return nil, fmt.Errorf("a PEM %q block: want %s", block.Type, want)
	case len(bytes.TrimSpace(rest)) > 0:
		return nil, errors.New("more than one PEM block: want " + want + " alone")
	}
	return block.Bytes, nil
}

// keyKind names a key's algorithm for a message.
func keyKind(key any) string {
	switch key.(type) {
	case *rsa.PrivateKey, *rsa.PublicKey:
		return "RSA"
	case *ecdsa.PrivateKey, *ecdsa.PublicKey:
		return "ECDSA"
	case *ecdh.PrivateKey, *ecdh.PublicKey:
		return "ECDH"
	}
	return fmt.Sprintf("%T", key)
}

// KeyID names a public key: "sha256:" and the hex SHA-256 of its PKIX DER
// bytes, which `openssl pkey -pubin -in KEY.pub -outform DER | sha256sum` gives.
func KeyID(pub ed25519.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(der)
	return "sha256:" + hex.EncodeToString(sum[:])
}
