package main

import (
	"errors"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/baomi-dev/baomi/lsp"
)

func newLspCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server for inventory files, on standard input and output",
		Long: `Serve the Language Server Protocol on standard input and output for an editor:
completion of block types, attributes, enum values and references; hover with
an attribute's meaning, its article and the controls that read it;
go-to-definition and find-references for addresses; the decoder's diagnostics
as you type and, on save, the failing controls of the inventory's files,
evaluated as check evaluates them (--as-of, default today, UTC). The
inventory is the editor's workspace folder. editors/vscode holds a VS Code
extension that starts it.`,
		Args: cobra.NoArgs,
	}
	f := cmd.Flags()
	f.StringArray("policy", nil, "folder of extra Rego controls (repeatable)")
	f.String("as-of", "", "judge dates as of this day, YYYY-MM-DD (default: today, UTC)")
	f.StringArray("skip", nil, "leave out a control, by id or short code (repeatable)")
	f.String("config", "", "config file (default: baomi.yaml in the working directory when present)")
	addLimitFlags(f)
	addTerraformFlag(f)
	f.Duration("timeout", 5*time.Minute, "stop evaluating a save after this long")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		v, err := newConfig(cmd)
		if err != nil {
			return err
		}
		in, err := inventoryInput(v, nil)
		if err != nil {
			return err
		}
		if in.Eval.Skip, err = stringList(v, "skip"); err != nil {
			return err
		}
		if in.Timeout, err = v.duration("timeout"); err != nil {
			return err
		}
		asOf := v.GetString("as-of")
		if _, err := asOfDate(v, asOf); err != nil {
			return err
		}
		err = lsp.Serve(cmd.Context(), cmd.InOrStdin(), stdout, lsp.Options{
			Input: in,
			// An empty as-of is today's date on each save, not the day the server started.
			AsOf:    func() string { d, _ := asOfDate(v, asOf); return d },
			Name:    "baomi",
			Version: version,
			Log:     stderr,
		})
		if errors.Is(err, lsp.ErrExitWithoutShutdown) {
			return &exitCode{code: 1} // LSP: exit before shutdown is status 1
		}
		return err
	}
	return cmd
}
