package main

import (
	"fmt"
	"io"
	"path"
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/outfile"
	"github.com/baomi-dev/baomi/policies"
)

// bundleRoot is the root baomi owns in a bundle: its library, its controls and
// bundleMeta, where data.json puts the catalog and the default settings and
// the entry module of check --opa-url lives.
const bundleRoot = "baomi"

// bundleMeta is the package path of the bundle's data and of its entry module
// (evaluator.EntryPackage), clear of baomi.lib and baomi.controls.
var bundleMeta = ast.MustParseRef("data.baomi.meta")

// bundleControl is one control of the catalog in a bundle's data.json.
type bundleControl struct {
	ID              string             `json:"id"`
	ShortCode       string             `json:"short_code"`
	Article         string             `json:"article"`
	RelatedArticles []string           `json:"related_articles,omitempty"`
	Severity        evaluator.Severity `json:"severity"`
	Title           string             `json:"title"`
	TitleZh         string             `json:"title_zh"`
	Package         string             `json:"package"`
}

func newBundleCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bundle",
		Short: "Package the controls as an OPA bundle",
		Args:  cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError("baomi: bundle: unknown command %q; the command is bundle build", args[0])
			}
			return usageError("baomi: bundle: name the command: bundle build -o baomi.tar.gz")
		},
	}
	build := &cobra.Command{
		Use:   "build",
		Short: "Write the controls as an OPA bundle (gzipped tar) an unmodified OPA can load",
		Long: `Write the library and the controls, with --policy folders' controls, as a
standard OPA bundle: .manifest with the policy set's digest as revision and the
bundle's roots, every .rego file (tests left out) byte for byte, and data.json
with the catalog at data.baomi.meta.catalog and the default settings at
data.baomi.meta.settings. The same policies give the same bytes.`,
		Args: cobra.NoArgs,
	}
	f := build.Flags()
	f.StringP("output", "o", "", "write the bundle to this file (atomically)")
	f.StringArray("policy", nil, "folder of extra Rego controls to include (repeatable)")
	f.String("config", "", "config file (default: baomi.yaml in the working directory when present)")
	build.RunE = func(cmd *cobra.Command, _ []string) error {
		v, err := newConfig(cmd)
		if err != nil {
			return err
		}
		// Only the command line names the bundle: a config file's or BAOMI_OUTPUT's
		// output is check's report, not a place to write a bundle over.
		out, _ := cmd.Flags().GetString("output")
		if out == "" || out == outfile.Stdout {
			return usageError("baomi: bundle build: --output: name the bundle file to write, e.g. -o baomi.tar.gz")
		}
		paths, err := stringList(v, "policy")
		if err != nil {
			return err
		}
		ps, err := evaluator.Load(cmd.Context(), policies.FS, paths, stderr)
		if err != nil {
			return &exitCode{code: exitError, msg: policyFailure(err)}
		}
		inputs := []runFile{{"the config file", v.ConfigFileUsed()}}
		for _, f := range ps.Files {
			inputs = append(inputs, runFile{"a policy file", f})
		}
		if err := checkOutputs([]runFile{{role: "--output", path: out}}, inputs); err != nil {
			return err
		}
		b, err := policyBundle(ps)
		if err != nil {
			return err
		}
		err = outfile.Write(out, func(w io.Writer) error {
			return bundle.NewWriter(w).DisableFormat(true).Write(b)
		})
		if err != nil {
			return &exitCode{code: exitError, msg: "baomi: writing the bundle: " + err.Error()}
		}
		fmt.Fprintf(stdout, "baomi: wrote %s: %d policy files and the entry module of check --opa-url, revision %s\n", out, len(b.Modules)-1, b.Manifest.Revision)
		return nil
	}
	cmd.AddCommand(build)
	return cmd
}

// policyBundle is the OPA bundle of a policy set. Built-in files keep their
// names (policies/…); user files go under user/, their path made relative; the
// entry module of check --opa-url is evaluator.EntryFile, under data.baomi.meta.
// Every root is a package's first name: baomi, and each user package's own.
func policyBundle(ps *evaluator.Policies) (bundle.Bundle, error) {
	roots := map[string]bool{bundleRoot: true}
	paths := map[string]string{}
	var mods []bundle.ModuleFile
	for _, pf := range ps.PolicyFiles() {
		ref, err := ast.ParseRef("data." + pf.Package)
		if err != nil || len(ref) < 2 {
			return bundle.Bundle{}, usageError("baomi: %s: package %s cannot be placed in a bundle", pf.Name, pf.Package)
		}
		if ref.HasPrefix(bundleMeta) {
			return bundle.Bundle{}, usageError("baomi: %s: package %s: %s is the bundle's data (catalog and settings) and the entry module of check --opa-url; choose another package", pf.Name, pf.Package, packageText(bundleMeta))
		}
		name := pf.Name
		if !pf.Builtin {
			name = "user" + path.Clean("/"+name)
		}
		if prev, ok := paths[name]; ok {
			return bundle.Bundle{}, usageError("baomi: %s and %s would both be %s in the bundle; give the folders under distinct names", prev, pf.Name, name)
		}
		paths[name] = pf.Name
		if s, ok := ref[1].Value.(ast.String); ok {
			roots[string(s)] = true
		}
		mods = append(mods, bundle.ModuleFile{URL: name, Path: name, Raw: pf.Source})
	}
	entry, err := ps.EntryModule()
	if err != nil {
		return bundle.Bundle{}, &exitCode{code: exitError, msg: "baomi: writing the bundle's entry module: " + err.Error()}
	}
	mods = append(mods, bundle.ModuleFile{URL: evaluator.EntryFile, Path: evaluator.EntryFile, Raw: entry})
	rootList := make([]string, 0, len(roots))
	for r := range roots {
		rootList = append(rootList, r)
	}
	sort.Strings(rootList)
	catalog := make([]bundleControl, len(ps.Controls))
	for i, c := range ps.Controls {
		catalog[i] = bundleControl{ID: c.ID, ShortCode: c.ShortCode, Article: c.Article, RelatedArticles: c.RelatedArticles,
			Severity: c.Severity, Title: c.Title, TitleZh: c.TitleZh, Package: c.Package}
	}
	data := map[string]any{bundleRoot: map[string]any{"meta": map[string]any{
		"catalog":  catalog,
		"settings": ps.Settings(nil),
	}}}
	return bundle.Bundle{
		Manifest: bundle.Manifest{Revision: ps.Digest(), Roots: &rootList},
		Modules:  mods,
		Data:     data,
	}, nil
}

// packageText writes a package path as a package clause does.
func packageText(ref ast.Ref) string {
	return ref[1:].String()
}
