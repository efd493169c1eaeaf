package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/attest"
	"github.com/baomi-dev/baomi/internal/regularfile"
	"github.com/baomi-dev/baomi/internal/textsafe"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/terraform"
)

// verifyOptions are the resolved choices of one baomi verify run.
type verifyOptions struct {
	// Report is the JSON report; Attestation its attestation.
	Report, Attestation string
	// Pub is the public key file.
	Pub string
	// Paths are the input files and folders to check, or none.
	Paths []string
}

func newVerifyCmd(stdout, _ io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "verify --pub KEY REPORT.json [PATH...]",
		Short: "Check a signed report offline: the signature, the report's digest and the input files'",
		Long: `Check the attestation of a JSON report (REPORT.json.intoto.json, written by
baomi attest or check --attest) with the public key KEY: that its signature
verifies, that the report is byte for byte the one signed, and, when PATHs
are given (the inventory's files and folders, and the Terraform inputs, as
given to check), that every input file the attestation records still has its
recorded sha256, that none is missing, and that no .hcl file below them was
left out. Without PATHs the input files are listed, not checked.

It prints what matched and what did not. Nothing is fetched: the key, the
report, its attestation and the input files are all it reads.

--pub and --attestation are read from the command line only.

Exit status: 0 when everything matched, 1 on any mismatch (a signature that
does not verify, an edited report or input file, a missing or added input
file), 2 for a usage error or unusable input (a missing file, a bad key).`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError("baomi: verify takes a JSON report, then optionally the inventory's paths")
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.String("pub", "", "public key to verify with, in PKIX PEM (baomi keygen writes one)")
	f.String("attestation", "", "the attestation (default: REPORT.json.intoto.json)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		opts := &verifyOptions{Report: args[0], Paths: args[1:]}
		opts.Pub, _ = cmd.Flags().GetString("pub")
		opts.Attestation, _ = cmd.Flags().GetString("attestation")
		if opts.Pub == "" {
			return usageError("baomi: verify: --pub is required: the public key of the key that signed the report")
		}
		if opts.Attestation == "" {
			opts.Attestation = attestationPath(opts.Report)
		}
		return commandError(runVerify(opts, stdout))
	}
	return cmd
}

// runVerify checks the attestation and prints one line per check. Every input
// is read before anything is judged, so that unusable input is status 2 and
// never mistaken for a mismatch.
func runVerify(opts *verifyOptions, stdout io.Writer) (int, error) {
	data, _, err := regularfile.Read(opts.Pub, maxKeyBytes)
	if err != nil {
		return exitError, usageError("baomi: --pub %s: %s", filepath.ToSlash(opts.Pub), pathErrorText(err))
	}
	pub, err := attest.ParsePublicKey(data)
	if err != nil {
		return exitError, usageError("baomi: --pub %s: %v", filepath.ToSlash(opts.Pub), err)
	}
	reportSum, err := attest.FileDigest(opts.Report)
	if err != nil {
		return exitError, usageError("baomi: %s: %s", filepath.ToSlash(opts.Report), pathErrorText(err))
	}
	envelope, _, err := regularfile.Read(opts.Attestation, maxReportBytes)
	if err != nil {
		return exitError, usageError("baomi: %s: %s (sign the report with baomi attest, or check --attest)",
			filepath.ToSlash(opts.Attestation), pathErrorText(err))
	}
	for _, p := range opts.Paths {
		if _, err := os.Stat(p); err != nil {
			return exitError, usageError("baomi: %s: %s", filepath.ToSlash(p), pathErrorText(err))
		}
	}

	v := &verification{w: stdout}
	st, err := attest.Open(envelope, pub)
	switch {
	case errors.Is(err, attest.ErrNotVerified):
		v.mismatch("signature", "FAILED", filepath.ToSlash(opts.Attestation), err.Error())
		return v.end()
	case err != nil:
		return exitError, usageError("baomi: %s: %v", filepath.ToSlash(opts.Attestation), err)
	}
	v.match("signature", "ok", filepath.ToSlash(opts.Attestation), "key "+attest.KeyID(pub))
	p := st.Predicate
	verdict := ""
	if p.Verdict != nil {
		verdict = fmt.Sprintf(", verdict %s (%d failing)", p.Verdict.Status, p.Verdict.Failing)
	}
	fmt.Fprintf(stdout, "attested: %s %s, as of %s, fail_on %s%s, policies sha256 %s\n",
		textsafe.Terminal(p.Tool.Name), textsafe.Terminal(p.Tool.Version), textsafe.Terminal(p.AsOf),
		textsafe.Terminal(p.FailOn.String()), verdict, policyDigest(p))

	rs := st.Report()
	if reportSum == rs.SHA256() {
		v.match(attest.KindReport, "ok", filepath.ToSlash(opts.Report), "sha256 "+reportSum)
	} else {
		v.mismatch(attest.KindReport, "CHANGED", filepath.ToSlash(opts.Report),
			fmt.Sprintf("sha256 %s, attested %s", reportSum, rs.SHA256()))
	}
	if len(opts.Paths) == 0 {
		for _, s := range st.Inputs() {
			v.match(s.Kind(), "-", s.Name, "not checked: give the inventory's paths to check it")
		}
		return v.end()
	}
	v.inputs(st, opts.Paths)
	return v.end()
}

// policyDigest is the attested policy set's digest, or "(none)".
func policyDigest(p attest.Predicate) string {
	if p.Policies == nil {
		return "(none)"
	}
	return textsafe.Terminal(p.Policies.SHA256)
}

// verification prints the checks of one verify run and counts the mismatches.
type verification struct {
	w          io.Writer
	mismatches int
}

func (v *verification) match(kind, status, name, detail string) {
	fmt.Fprintf(v.w, "%-10s %-8s %s  %s\n", kind, status, textsafe.Terminal(name), textsafe.Terminal(detail))
}

func (v *verification) mismatch(kind, status, name, detail string) {
	v.mismatches++
	v.match(kind, status, name, detail)
}

// end prints the outcome and returns the exit status.
func (v *verification) end() (int, error) {
	if v.mismatches > 0 {
		return exitFindings, &exitCode{code: exitFindings,
			msg: fmt.Sprintf("baomi: verify: %d mismatch%s with the attestation", v.mismatches, pluralES(v.mismatches))}
	}
	fmt.Fprintln(v.w, "verified: everything checked matches the attestation")
	return exitOK, nil
}

func pluralES(n int) string {
	if n == 1 {
		return ""
	}
	return "es"
}

// inputs checks the attested input files against the files at paths: each
// attested file must be one check would read at the paths (or lie below one)
// and still have its digest, and every file check would read there must be
// attested.
func (v *verification) inputs(st *attest.Statement, paths []string) {
	given := make([]string, len(paths))
	for i, p := range paths {
		given[i] = inventory.DisplayName(p)
	}
	found := readable(st, paths)
	attested := map[string]bool{}
	for _, s := range st.Inputs() {
		attested[s.Name] = true
		if found[s.Name] == "" && !covered(s.Name, given) {
			v.mismatch(s.Kind(), "MISSING", s.Name, "not under the paths given")
			continue
		}
		sum, err := attest.FileDigest(filepath.FromSlash(s.Name))
		switch {
		case errors.Is(err, os.ErrNotExist):
			v.mismatch(s.Kind(), "MISSING", s.Name, "no such file")
		case err != nil:
			v.mismatch(s.Kind(), "MISSING", s.Name, pathErrorText(err))
		case sum != s.SHA256():
			v.mismatch(s.Kind(), "CHANGED", s.Name, fmt.Sprintf("sha256 %s, attested %s", sum, s.SHA256()))
		default:
			v.match(s.Kind(), "ok", s.Name, "sha256 "+sum)
		}
	}
	names := make([]string, 0, len(found))
	for f := range found {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		if !attested[f] {
			v.mismatch(found[f], "ADDED", f, "check would read it; not in the attestation")
		}
	}
}

// readable maps the files check would read at paths to their kind: the
// inventory's, and, when the attestation has Terraform inputs, the Terraform
// reader's. The readers' own problems (an inventory folder holds no .tf file, a
// Terraform one no .hcl file) do not matter here: every attested file is
// checked on its own.
func readable(st *attest.Statement, paths []string) map[string]string {
	found := map[string]string{}
	files, _ := inventory.FindFiles(paths)
	for _, f := range files {
		found[f] = "inventory"
	}
	for _, s := range st.Inputs() {
		if s.Kind() == "terraform" {
			set, _ := terraform.Load(paths, inventory.Options{})
			for _, f := range set.Files {
				if found[f] == "" {
					found[f] = "terraform"
				}
			}
			break
		}
	}
	return found
}

// covered tells whether the file name lies at or below one of the paths given.
func covered(name string, given []string) bool {
	for _, g := range given {
		if name == g || g == "." && !strings.HasPrefix(name, "../") && !filepath.IsAbs(name) ||
			strings.HasPrefix(name, strings.TrimSuffix(g, "/")+"/") {
			return true
		}
	}
	return false
}
