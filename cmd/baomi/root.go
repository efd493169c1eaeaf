package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/baomi-dev/baomi/inventory"
)

// version is baomi's release version, recorded in every report.
const version = "0.1.0"

// Exit statuses.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

// exitCode carries an exit status up to main, with the message to print.
type exitCode struct {
	code int
	msg  string
}

// Error returns the message printed before exiting.
func (e *exitCode) Error() string { return e.msg }

func usageError(format string, args ...any) error {
	return &exitCode{code: exitError, msg: fmt.Sprintf(format, args...)}
}

// run executes baomi with args and returns the exit status. It never lets a
// panic escape as a stack trace.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "baomi: internal error: %v\nPlease report this with the input that caused it.\n", r)
			code = exitError
		}
	}()
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ec *exitCode
	if errors.As(err, &ec) {
		if ec.msg != "" {
			fmt.Fprintln(stderr, ec.msg)
		}
		return ec.code
	}
	fmt.Fprintf(stderr, "baomi: %v\n", err)
	return exitError
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:           "baomi",
		Short:         "Check a customer-data inventory against the confidentiality measures, article by article",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return usageError("baomi: %v", err)
	})
	root.AddCommand(newCheckCmd(stdout, stderr), newControlsCmd(stdout, stderr), newValidateCmd(stdout, stderr), newTestCmd(stdout, stderr), newPartnersCmd(stdout, stderr), newDiffCmd(stdout, stderr), newConvertCmd(stdout, stderr))
	return root
}

// newConfig makes the viper instance of one command: defaults, baomi.yaml (or
// --config), BAOMI_* environment, then the command's flags, in rising precedence.
func newConfig(cmd *cobra.Command) (*viper.Viper, error) {
	v := viper.New()
	v.SetEnvPrefix("BAOMI")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_", ".", "_"))
	v.AutomaticEnv()
	if err := v.BindPFlags(cmd.Flags()); err != nil {
		return nil, err
	}
	file, _ := cmd.Flags().GetString("config")
	if file == "" {
		if _, err := os.Stat("baomi.yaml"); err == nil {
			file = "baomi.yaml"
		}
	}
	if file != "" {
		v.SetConfigFile(file)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return nil, usageError("baomi: config %s: %v", filepath.ToSlash(file), err)
		}
	}
	return v, nil
}

// addLimitFlags adds the flags that bound what the decoder accepts.
func addLimitFlags(f *pflag.FlagSet) {
	f.Int64("max-file-size", inventory.DefaultMaxFileBytes, "largest inventory file read, in bytes")
	f.Int("max-nesting", inventory.DefaultMaxNesting, "deepest nesting of blocks, lists and expressions accepted")
}

// limitsFrom reads the decoder's limits from flags, environment or config file.
func limitsFrom(v *viper.Viper) inventory.Options {
	return inventory.Options{MaxFileBytes: v.GetInt64("max-file-size"), MaxNesting: v.GetInt("max-nesting")}
}

// settingsFrom collects threshold settings from the config file's settings: map
// and from BAOMI_SETTINGS_<NAME> variables, which win. Numeric text becomes a number.
func settingsFrom(v *viper.Viper) map[string]any {
	out := map[string]any{}
	for k, val := range v.GetStringMap("settings") {
		out[k] = val
	}
	for _, kv := range os.Environ() {
		name, val, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, "BAOMI_SETTINGS_") {
			continue
		}
		out[strings.ToLower(strings.TrimPrefix(name, "BAOMI_SETTINGS_"))] = val
	}
	for k, val := range out {
		if s, ok := val.(string); ok {
			if n, err := strconv.ParseFloat(s, 64); err == nil {
				out[k] = n
			}
		}
	}
	return out
}

// language picks the output language: --lang, BAOMI_LANG or the config file,
// else a zh* LANG locale, else English.
func language(v *viper.Viper) (string, error) {
	lang := v.GetString("lang")
	if lang == "" {
		if strings.HasPrefix(strings.ToLower(os.Getenv("LANG")), "zh") {
			return "zh", nil
		}
		return "en", nil
	}
	if lang != "en" && lang != "zh" {
		return "", usageError("baomi: --lang %s: want en or zh", lang)
	}
	return lang, nil
}

// stringList reads a repeatable flag that may also come as a comma-separated
// environment variable or a YAML list.
func stringList(v *viper.Viper, key string) []string {
	var out []string
	for _, s := range v.GetStringSlice(key) {
		for _, part := range strings.Split(s, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}
