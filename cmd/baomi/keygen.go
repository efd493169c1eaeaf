package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/attest"
	"github.com/baomi-dev/baomi/internal/outfile"
)

func newKeygenCmd(stdout, _ io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "keygen",
		Short: "Write an Ed25519 key pair to sign attestations with: PREFIX.key and PREFIX.pub",
		Long: `Write a new Ed25519 key pair: PREFIX.key, the private key in PKCS#8 PEM
(mode 0600: keep it secret, it signs attestations), and PREFIX.pub, the
public key in PKIX PEM (give it to whoever verifies them). PREFIX is "baomi"
unless --out says otherwise. An existing file is never overwritten.

--out is read from the command line only.

Exit status: 0 when both files were written, 2 when either exists already or
cannot be written.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 0 {
				return usageError("baomi: keygen takes no arguments (name the files with --out PREFIX); got %q", args[0])
			}
			return nil
		},
	}
	cmd.Flags().String("out", "baomi", "write PREFIX.key and PREFIX.pub")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		prefix, _ := cmd.Flags().GetString("out")
		return runKeygen(prefix, stdout)
	}
	return cmd
}

// runKeygen writes a new key pair to prefix.key and prefix.pub, refusing before
// anything is written when either exists.
func runKeygen(prefix string, stdout io.Writer) error {
	if prefix == "" {
		return usageError("baomi: --out: empty prefix; give one such as baomi or keys/audit")
	}
	keyPath, pubPath := prefix+".key", prefix+".pub"
	for _, p := range []string{keyPath, pubPath} {
		if _, err := os.Lstat(p); err == nil {
			return usageError("baomi: keygen: %s already exists; refusing to overwrite it (choose another --out PREFIX)", p)
		}
	}
	priv, pub, err := attest.GenerateKey(rand.Reader)
	if err != nil {
		return &exitCode{code: exitError, msg: "baomi: keygen: " + err.Error()}
	}
	if err := createFile(keyPath, 0o600, priv); err != nil {
		return err
	}
	if err := createFile(pubPath, 0o644, pub); err != nil {
		os.Remove(keyPath)
		return err
	}
	key, _ := attest.ParsePublicKey(pub)
	fmt.Fprintf(stdout, "wrote %s (the private key: keep it secret) and %s (the public key: give it to the auditor)\nkey id %s\n",
		keyPath, pubPath, attest.KeyID(key))
	return nil
}

// createFile writes data to a new file at path, never replacing one.
func createFile(path string, perm fs.FileMode, data []byte) error {
	err := outfile.Create(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	switch {
	case errors.Is(err, fs.ErrExist):
		return usageError("baomi: keygen: %s already exists; refusing to overwrite it (choose another --out PREFIX)", path)
	case err != nil:
		return usageError("baomi: keygen: %v", err)
	}
	return nil
}
