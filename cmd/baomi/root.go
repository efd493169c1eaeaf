package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/baomi-dev/baomi/internal/regularfile"
	"github.com/baomi-dev/baomi/internal/suggest"
	"github.com/baomi-dev/baomi/inventory"
)

// version is baomi's release version, recorded in every report; releases set it
// with -ldflags "-X main.version=…" (.goreleaser.yaml).
var version = "0.1.0"

// Exit statuses.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
	// exitCrash is a failure of baomi itself (supervise.go), never of the input.
	exitCrash = 3
)

// exitCode carries an exit status up to main, with the message to print.
type exitCode struct {
	code int
	msg  string
}

// Error returns the message printed before exiting.
func (e *exitCode) Error() string { return e.msg }

// commandError turns a run function's status and error into the command's error:
// the error as it is, a status other than 0 as an exitCode, else nil.
func commandError(code int, err error) error {
	if err != nil {
		return err
	}
	if code != exitOK {
		return &exitCode{code: code}
	}
	return nil
}

func usageError(format string, args ...any) error {
	return &exitCode{code: exitError, msg: fmt.Sprintf(format, args...)}
}

// run executes baomi with args and returns the exit status. It never lets a
// panic escape as a stack trace: a panic is a crash, status exitCrash.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "baomi: internal error: %v\nPlease report this with the input that caused it.\n", r)
			code = exitCrash
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
	root.AddCommand(newCheckCmd(stdout, stderr), newControlsCmd(stdout, stderr), newValidateCmd(stdout, stderr), newTestCmd(stdout, stderr), newPartnersCmd(stdout, stderr), newDiffCmd(stdout, stderr), newMergeCmd(stdout, stderr), newConvertCmd(stdout, stderr),
		newKeygenCmd(stdout, stderr), newAttestCmd(stdout, stderr), newVerifyCmd(stdout, stderr),
		newFmtCmd(stdout, stderr), newInspectCmd(stdout, stderr), newBundleCmd(stdout, stderr), newLspCmd(stdout, stderr))
	return root
}

// config is the configuration of one command: viper's layers (defaults,
// baomi.yaml or --config, BAOMI_* environment, the command's flags, in rising
// precedence) and what it takes to say where a wrong value came from.
type config struct {
	*viper.Viper
	cmd *cobra.Command
	// file is the config file read, or ""; lines its text, to locate keys.
	file  string
	lines []string
}

// commandLineOnly are flags that no config file sets.
var commandLineOnly = map[string]bool{"config": true, "help": true, "expiring": true, "version": true,
	"out": true, "key": true, "pub": true, "attestation": true, "check": true, "diff": true,
	"timings": true}

// newConfig reads the configuration of cmd. An unknown key in the config file,
// or a value of the wrong type, is an error naming the file, line and key.
func newConfig(cmd *cobra.Command) (*config, error) {
	v := viper.New()
	v.SetEnvPrefix("BAOMI")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_", ".", "_"))
	v.AutomaticEnv()
	if err := v.BindPFlags(cmd.Flags()); err != nil {
		return nil, err
	}
	c := &config{Viper: v, cmd: cmd}
	file, _ := cmd.Flags().GetString("config")
	if file == "" {
		if _, err := os.Stat("baomi.yaml"); err == nil {
			file = "baomi.yaml"
		}
	}
	if file == "" {
		return c, nil
	}
	c.file = filepath.ToSlash(file)
	text, err := readConfigFile(file)
	if err != nil {
		return nil, usageError("baomi: config %s: %v", c.file, err)
	}
	c.lines = strings.Split(string(text), "\n")
	fv := viper.New()
	fv.SetConfigType("yaml")
	if err := fv.ReadConfig(bytes.NewReader(text)); err != nil {
		return nil, usageError("baomi: config %s: %v", c.file, err)
	}
	values := fv.AllSettings()
	if err := c.checkFile(values); err != nil {
		return nil, err
	}
	if err := v.MergeConfigMap(values); err != nil {
		return nil, usageError("baomi: config %s: %v", c.file, err)
	}
	v.SetConfigFile(file)
	return c, nil
}

// maxConfigBytes bounds the config file read.
const maxConfigBytes = 1 << 20

// readConfigFile reads the config file once: a regular file of at most
// maxConfigBytes, read with regularfile.Read, so that a FIFO or a device put in
// its place cannot hang the run.
func readConfigFile(name string) ([]byte, error) {
	text, _, err := regularfile.Read(name, maxConfigBytes)
	var tooLarge *regularfile.TooLargeError
	switch {
	case errors.Is(err, regularfile.ErrNotRegular):
		return nil, errors.New("not a regular file")
	case errors.As(err, &tooLarge):
		return nil, fmt.Errorf("larger than %d bytes", maxConfigBytes)
	case err != nil:
		return nil, errors.New(pathErrorText(err))
	}
	return text, nil
}

// configKeys maps every key a config file may set to its flag's type: the
// flags of baomi's commands, and settings.
func configKeys(cmd *cobra.Command) map[string]string {
	keys := map[string]string{"settings": "map"}
	for _, c := range cmd.Root().Commands() {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if !commandLineOnly[f.Name] {
				keys[f.Name] = f.Value.Type()
			}
		})
	}
	return keys
}

// checkFile refuses unknown keys and values of the wrong type in the config
// file, all of them at once, in the file's order. A date written bare (as-of:
// 2026-11-26), which YAML reads as a time, becomes the date's text.
func (c *config) checkFile(values map[string]any) error {
	known := configKeys(c.cmd)
	names := make([]string, 0, len(known))
	for k := range known {
		names = append(names, k)
	}
	sort.Strings(names)
	type problem struct {
		line int
		msg  string
	}
	var problems []problem
	for key, val := range values {
		if t, ok := val.(time.Time); ok {
			val = t.Format("2006-01-02")
			values[key] = val
		}
		kind, ok := known[key]
		msg := ""
		switch {
		case !ok:
			msg = fmt.Sprintf("unknown key %q", key)
			if s := suggest.Nearest(key, names); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
		default:
			if want := wrongType(kind, val); want != "" {
				msg = fmt.Sprintf("%s: %s: %s", key, shown(val), want)
			}
		}
		if msg != "" {
			line := c.line(key)
			problems = append(problems, problem{line, c.at(line) + msg})
		}
	}
	if len(problems) == 0 {
		return nil
	}
	sort.Slice(problems, func(i, j int) bool {
		if problems[i].line != problems[j].line {
			return problems[i].line < problems[j].line
		}
		return problems[i].msg < problems[j].msg
	})
	msgs := make([]string, len(problems))
	for i, p := range problems {
		msgs[i] = "baomi: " + p.msg
	}
	return &exitCode{code: exitError, msg: strings.Join(msgs, "\n")}
}

// wrongType says what a config value of a flag's type must be, or "" when val
// is one.
func wrongType(kind string, val any) string {
	switch kind {
	case "map":
		if _, ok := val.(map[string]any); !ok {
			return "want a map of setting names to values"
		}
	case "string":
		if _, ok := val.(string); !ok {
			return "want text"
		}
	case "stringArray":
		switch x := val.(type) {
		case string:
		case []any:
			for _, e := range x {
				if _, ok := e.(string); !ok {
					return "want text or a list of texts"
				}
			}
		default:
			return "want text or a list of texts"
		}
	case "bool":
		if _, ok := val.(bool); !ok {
			return "want true or false"
		}
	case "int", "int64":
		if _, err := wholeNumber(val); err != nil {
			return "want a whole number"
		}
	case "duration":
		if s, ok := val.(string); !ok {
			return "want a duration such as 90s or 5m"
		} else if _, err := time.ParseDuration(s); err != nil {
			return "want a duration such as 90s or 5m"
		}
	}
	return ""
}

// wholeNumber reads an integer given as a number or as text.
func wholeNumber(val any) (int64, error) {
	switch x := val.(type) {
	case int:
		return int64(x), nil
	case int64:
		return x, nil
	case int32:
		return int64(x), nil
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x), nil
		}
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), nil
		}
	case string:
		return strconv.ParseInt(strings.TrimSpace(x), 10, 64)
	}
	return 0, fmt.Errorf("not a whole number")
}

// shown is a config value as the user wrote it, cut short.
func shown(val any) string {
	s := fmt.Sprint(val)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return s
}

// line is the line of the config file where a top-level key is written, or 0.
func (c *config) line(key string) int {
	for i, l := range c.lines {
		if l == "" || l[0] == ' ' || l[0] == '\t' || l[0] == '#' || l[0] == '-' {
			continue
		}
		k, _, ok := strings.Cut(l, ":")
		if ok && strings.EqualFold(strings.Trim(strings.TrimSpace(k), `"'`), key) {
			return i + 1
		}
	}
	return 0
}

// at is the config file's location prefix for a line (0: no line known).
func (c *config) at(line int) string {
	if line == 0 {
		return c.file + ": "
	}
	return fmt.Sprintf("%s:%d:1: ", c.file, line)
}

// wrong is the error for a value of key that is not what the run needs,
// naming where the value came from: the flag, the environment variable or the
// config file.
func (c *config) wrong(key string, val any, want string) error {
	if f := c.cmd.Flags().Lookup(key); f != nil && f.Changed {
		return usageError("baomi: --%s %s: %s", key, shown(val), want)
	}
	if env := envName(key); os.Getenv(env) != "" {
		return usageError("baomi: %s=%s: %s", env, shown(os.Getenv(env)), want)
	}
	if c.file != "" && c.InConfig(key) {
		return usageError("baomi: %s%s: %s: %s", c.at(c.line(key)), key, shown(val), want)
	}
	return usageError("baomi: --%s %s: %s", key, shown(val), want)
}

// chosen reports whether key was given by its flag, its environment variable
// or the config file, rather than left to its default.
func (c *config) chosen(key string) bool {
	if f := c.cmd.Flags().Lookup(key); f != nil && f.Changed {
		return true
	}
	return os.Getenv(envName(key)) != "" || (c.file != "" && c.InConfig(key))
}

// envName is the environment variable that sets key.
func envName(key string) string {
	return "BAOMI_" + strings.ToUpper(strings.NewReplacer("-", "_", ".", "_").Replace(key))
}

// positive reads a whole number above zero.
func (c *config) positive(key, want string) (int64, error) {
	val := c.Get(key)
	n, err := wholeNumber(val)
	if err != nil || n <= 0 {
		return 0, c.wrong(key, val, want)
	}
	return n, nil
}

// duration reads a duration above zero, written with its unit.
func (c *config) duration(key string) (time.Duration, error) {
	val := c.Get(key)
	d, ok := val.(time.Duration)
	if s, isText := val.(string); isText {
		var err error
		d, err = time.ParseDuration(strings.TrimSpace(s))
		ok = err == nil
	}
	if !ok || d <= 0 {
		return 0, c.wrong(key, val, "want a duration above zero such as 90s or 5m")
	}
	return d, nil
}

// addLimitFlags adds the flags that bound what the decoder accepts.
func addLimitFlags(f *pflag.FlagSet) {
	f.Int64("max-file-size", inventory.DefaultMaxFileBytes, "largest inventory file read, in bytes")
	f.Int("max-nesting", inventory.DefaultMaxNesting, "deepest nesting of blocks, lists and expressions accepted")
}

// limitsFrom reads the decoder's limits from flags, environment or config file.
func limitsFrom(c *config) (inventory.Options, error) {
	size, err := c.positive("max-file-size", "want a number of bytes above zero")
	if err != nil {
		return inventory.Options{}, err
	}
	nesting, err := c.positive("max-nesting", "want a depth above zero")
	if err != nil {
		return inventory.Options{}, err
	}
	if nesting > math.MaxInt32 {
		return inventory.Options{}, c.wrong("max-nesting", nesting, "want a depth above zero")
	}
	return inventory.Options{MaxFileBytes: size, MaxNesting: int(nesting)}, nil
}

// settingsFrom collects threshold settings from the config file's settings: map
// and from BAOMI_SETTINGS_<NAME> variables, which win. Numeric text becomes a number.
func settingsFrom(c *config) (map[string]any, error) {
	if s := os.Getenv("BAOMI_SETTINGS"); s != "" {
		return nil, usageError("baomi: BAOMI_SETTINGS=%s: set each setting in its own variable, BAOMI_SETTINGS_<NAME>", shown(s))
	}
	out := map[string]any{}
	for k, val := range c.GetStringMap("settings") {
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
	return out, nil
}

// language picks the output language: --lang, BAOMI_LANG or the config file's
// lang; else the locale, POSIX-fashion: the first of LC_ALL, LC_MESSAGES and
// LANG that is set decides, zh* meaning Chinese and anything else English.
func language(c *config) (string, error) {
	lang := c.GetString("lang")
	if lang != "" {
		if lang != "en" && lang != "zh" {
			return "", c.wrong("lang", lang, "want en or zh")
		}
		return lang, nil
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale := os.Getenv(name); locale != "" {
			if strings.HasPrefix(strings.ToLower(locale), "zh") {
				return "zh", nil
			}
			return "en", nil
		}
	}
	return "en", nil
}

// listWants says, for each repeatable flag, what an empty value should have been.
var listWants = map[string]string{
	"policy":    "empty path; give a folder of .rego files",
	"skip":      "empty value; give a control id or short code",
	"terraform": "empty path; give a folder of .tf files or a plan in JSON",
}

// stringList reads a repeatable flag that may also come as a comma-separated
// environment variable or a YAML list. An empty value is a usage error, not an
// absent one: --policy "$DIR" or --skip "$ID" with the variable unset must not
// drop controls or inputs in silence.
func stringList(c *config, key string) ([]string, error) {
	raw := c.GetStringSlice(key)
	f := c.cmd.Flags().Lookup(key)
	if sv, ok := f.Value.(pflag.SliceValue); ok && f.Changed {
		// GetStringArray would read [""] as no value at all.
		raw = sv.GetSlice()
	}
	var out []string
	for _, s := range raw {
		n := len(out)
		for _, part := range strings.Split(s, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
		if len(out) > n {
			continue
		}
		if f.Changed {
			return nil, usageError("baomi: --%s: %s", key, listWants[key])
		}
		return nil, c.wrong(key, strconv.Quote(s), listWants[key])
	}
	return out, nil
}
