package main

import (
	"crypto/ed25519"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/attest"
	"github.com/baomi-dev/baomi/internal/outfile"
	"github.com/baomi-dev/baomi/internal/regularfile"
	"github.com/baomi-dev/baomi/inventory"
)

// Bounds on the files attest and verify read whole: a key, and a report or
// its attestation.
const (
	maxKeyBytes    = 64 << 10
	maxReportBytes = 4 << 30
)

func newAttestCmd(stdout, _ io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "attest --key KEY REPORT.json",
		Short: "Sign a JSON report: write REPORT.json.intoto.json, which baomi verify checks",
		Long: `Sign a report written by baomi check --format json with the private key KEY
(baomi keygen writes one) and write REPORT.json.intoto.json beside it: an
in-toto Statement v1 in a DSSE envelope, signed with Ed25519. Its subjects are
the report and every input file the report records (inventory and Terraform),
each with its sha256; its predicate (` + attest.PredicateType + `)
carries the tool version, the policy set's digest, the settings, the controls
skipped, the as-of date, the summary and the verdict.

baomi check --attest KEY --output REPORT.json --format json does the same in
one run. Whoever holds the public key checks it offline with baomi verify.

--key is read from the command line only.

Exit status: 0 when the attestation was written, 2 for a usage error, an
unusable key or a file that is not a complete baomi JSON report.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("baomi: attest takes one JSON report; got %d argument%s", len(args), plural(len(args)))
			}
			return nil
		},
	}
	cmd.Flags().String("key", "", "private key to sign with, in PKCS#8 PEM (baomi keygen writes one)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		keyPath, _ := cmd.Flags().GetString("key")
		if keyPath == "" {
			return usageError("baomi: attest: --key is required: the private key to sign with (baomi keygen writes one)")
		}
		key, err := signingKey("--key", keyPath)
		if err != nil {
			return err
		}
		out := attestationPath(args[0])
		if err := checkOutputs([]runFile{{"the attestation", out}}, []runFile{{"the --key file", keyPath}}); err != nil {
			return err
		}
		if err := writeAttestation(args[0], key); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s, signed by key %s\n", filepath.ToSlash(out), attest.KeyID(key.Public().(ed25519.PublicKey)))
		return nil
	}
	return cmd
}

// attestationPath is where the attestation of the report at path goes: beside
// it, its name and .intoto.json.
func attestationPath(path string) string {
	return path + ".intoto.json"
}

// signingKey reads the private key at path, given with flag; an unusable key is
// a usage error.
func signingKey(flag, path string) (ed25519.PrivateKey, error) {
	data, _, err := regularfile.Read(path, maxKeyBytes)
	if err != nil {
		return nil, usageError("baomi: %s %s: %s", flag, filepath.ToSlash(path), pathErrorText(err))
	}
	key, err := attest.ParsePrivateKey(data)
	if err != nil {
		return nil, usageError("baomi: %s %s: %v", flag, filepath.ToSlash(path), err)
	}
	return key, nil
}

// writeAttestation signs the JSON report at path, as it is on disk, and writes
// its attestation beside it.
func writeAttestation(path string, key ed25519.PrivateKey) error {
	name := filepath.ToSlash(path)
	data, _, err := regularfile.Read(path, maxReportBytes)
	if err != nil {
		return usageError("baomi: %s: %s", name, pathErrorText(err))
	}
	st, err := attest.NewStatement(inventory.DisplayName(path), data)
	if err != nil {
		return usageError("baomi: %s: %v", name, err)
	}
	env, err := attest.Sign(st, key)
	if err != nil {
		return &exitCode{code: exitError, msg: fmt.Sprintf("baomi: signing %s: %v", name, err)}
	}
	err = outfile.Write(attestationPath(path), func(w io.Writer) error {
		_, err := w.Write(env)
		return err
	})
	if err != nil {
		return &exitCode{code: exitError, msg: "baomi: writing the attestation: " + err.Error()}
	}
	return nil
}

// attestationOf is the attestation a check run writes, or "" without --attest.
func attestationOf(opts *checkOptions) string {
	if opts.Attest == "" {
		return ""
	}
	return attestationPath(opts.Output)
}

// checkAttestable refuses --attest unless the run writes a JSON report to a
// regular file (or a path not yet created), which the attestation can name.
func checkAttestable(opts *checkOptions) error {
	if opts.Attest == "" {
		return nil
	}
	if opts.Format != "json" || toStdout(opts.Output) {
		return usageError("baomi: --attest signs the JSON report written to a file: give --output FILE and --format json")
	}
	if info, err := os.Stat(opts.Output); err == nil && !info.Mode().IsRegular() {
		return usageError("baomi: --attest signs the JSON report written to a file: --output %s is not a regular file", opts.Output)
	}
	return nil
}
