package evaluator

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Module is one parsed Rego file.
type Module struct {
	// Name is the file's path as shown to the user.
	Name   string
	Module *ast.Module
	Test   bool
	// sum is the sha256 of the file's bytes.
	sum [sha256.Size]byte
}

// PolicyError is a problem with a policy file: it does not parse, breaks the
// contract or calls a builtin the sandbox forbids.
type PolicyError struct {
	File    string
	Line    int
	Column  int
	Message string
}

// Error returns "file:line:column: message".
func (e *PolicyError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Message)
}

// PolicyErrors collects every policy problem of a run.
type PolicyErrors []*PolicyError

// Error returns every error, one per line.
func (es PolicyErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// ParseFS parses every .rego file below root in fsys. Names are shown as prefix
// joined with the file's path. Test files (_test.rego) are parsed and marked.
func ParseFS(fsys fs.FS, prefix string) ([]*Module, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".rego") {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, &PolicyError{File: prefix, Message: pathErrorMessage(err)}
	}
	sort.Strings(names)
	var mods []*Module
	var errs PolicyErrors
	for _, n := range names {
		src, err := fs.ReadFile(fsys, n)
		if err != nil {
			errs = append(errs, &PolicyError{File: path.Join(prefix, n), Message: pathErrorMessage(err)})
			continue
		}
		name := path.Join(prefix, n)
		m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			errs = append(errs, astErrors(err)...)
			continue
		}
		mods = append(mods, &Module{Name: name, Module: m, Test: strings.HasSuffix(n, "_test.rego"), sum: sha256.Sum256(src)})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return mods, nil
}

// digestModules is the sha256 of a manifest of the modules, one line per file
// sorted by path, as sha256sum writes it: "<sha256 of the file>  <path>\n".
func digestModules(mods []*Module) string {
	lines := make([]string, len(mods))
	for i, m := range mods {
		lines[i] = hex.EncodeToString(m.sum[:]) + "  " + m.Name + "\n"
	}
	sort.Slice(lines, func(i, j int) bool { return lines[i][2*sha256.Size+2:] < lines[j][2*sha256.Size+2:] })
	sum := sha256.Sum256([]byte(strings.Join(lines, "")))
	return hex.EncodeToString(sum[:])
}

// ParseDir parses every .rego file below dir on disk.
func ParseDir(dir string) ([]*Module, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, &PolicyError{File: dir, Message: pathErrorMessage(err)}
	}
	if !info.IsDir() {
		return nil, &PolicyError{File: dir, Message: "a policy path must be a folder of .rego files"}
	}
	mods, err := ParseFS(os.DirFS(dir), filepath.ToSlash(filepath.Clean(dir)))
	if err == nil && len(mods) == 0 {
		return nil, &PolicyError{File: dir, Message: "no .rego files in this folder"}
	}
	return mods, err
}

func pathErrorMessage(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

var undefinedFunction = regexp.MustCompile(`undefined function ([a-z0-9_.]+)`)

// astErrors turns OPA's parse and compile errors into PolicyErrors, explaining
// calls to builtins the sandbox removed.
func astErrors(err error) PolicyErrors {
	var aerrs ast.Errors
	if !errors.As(err, &aerrs) {
		return PolicyErrors{{File: "policy", Message: err.Error()}}
	}
	out := make(PolicyErrors, 0, len(aerrs))
	for _, e := range aerrs {
		pe := &PolicyError{Message: e.Message}
		if e.Location != nil {
			pe.File, pe.Line, pe.Column = e.Location.File, e.Location.Row, e.Location.Col
		}
		if m := undefinedFunction.FindStringSubmatch(e.Message); m != nil && ForbiddenBuiltin(m[1]) {
			pe.Message = fmt.Sprintf("%s is not allowed: policies run sandboxed and may read only the input (no network, environment, clock or randomness; use input.as_of for dates)", m[1])
		}
		out = append(out, pe)
	}
	return out
}

var (
	controlIDPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*-[0-9]+(\.[0-9]+)*-[0-9]{2,}$`)
	shortCodePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	articlePattern   = regexp.MustCompile(`^[0-9]+(\.[0-9]+)*$`)
)

// controlFromModule reads a control from a module's package METADATA. It returns
// nil for a module that declares no control id (a helper library).
func controlFromModule(m *Module) (*Control, PolicyErrors) {
	var ann *ast.Annotations
	for _, a := range m.Module.Annotations {
		if a.Scope == "package" || a.Scope == "subpackages" {
			ann = a
			break
		}
	}
	if ann == nil || ann.Custom["id"] == nil {
		return nil, nil
	}
	str := func(k string) string {
		s, _ := ann.Custom[k].(string)
		return strings.TrimSpace(s)
	}
	c := &Control{
		ID: str("id"), ShortCode: str("short_code"), Article: str("article"),
		Severity: Severity(str("severity")), Title: strings.TrimSpace(ann.Title), TitleZh: str("title_zh"),
		Description: strings.TrimSpace(ann.Description), Remediation: str("remediation"), RemediationZh: str("remediation_zh"),
		Package: strings.TrimPrefix(m.Module.Package.Path.String(), "data."), File: m.Name,
	}
	loc := ann.Location
	bad := func(msg string, args ...any) *PolicyError {
		pe := &PolicyError{File: m.Name, Message: fmt.Sprintf(msg, args...)}
		if loc != nil {
			pe.Line, pe.Column = loc.Row, loc.Col
		}
		return pe
	}
	var errs PolicyErrors
	if rel, ok := ann.Custom["related_articles"].([]any); ok {
		for _, r := range rel {
			s, _ := r.(string)
			if !articlePattern.MatchString(s) {
				errs = append(errs, bad("related_articles: %v is not an article number like \"4.2.3\"", r))
			}
			c.RelatedArticles = append(c.RelatedArticles, s)
		}
	}
	if !controlIDPattern.MatchString(c.ID) {
		errs = append(errs, bad("METADATA custom.id %q is not a control id like BM-4.2.3-02", c.ID))
	}
	if !shortCodePattern.MatchString(c.ShortCode) {
		errs = append(errs, bad("METADATA custom.short_code %q must be kebab-case, like backup-encrypted", c.ShortCode))
	}
	if !articlePattern.MatchString(c.Article) {
		errs = append(errs, bad("METADATA custom.article %q is not an article number like \"4.2.3\"", c.Article))
	}
	if _, err := ParseSeverity(string(c.Severity)); err != nil {
		errs = append(errs, bad("METADATA custom.severity: %v", err))
	}
	for _, f := range []struct{ key, value string }{
		{"title", c.Title}, {"custom.title_zh", c.TitleZh}, {"description", c.Description},
		{"custom.remediation", c.Remediation}, {"custom.remediation_zh", c.RemediationZh},
	} {
		if f.value == "" {
			errs = append(errs, bad("METADATA %s is missing", f.key))
		}
	}
	rules := map[string]bool{}
	for _, r := range m.Module.Rules {
		rules[r.Head.Ref()[0].Value.String()] = true
	}
	if !rules["applicable"] {
		errs = append(errs, bad("control %s defines no applicable rule (applicable contains address if { ... })", c.ID))
	}
	if !rules["deny"] && !rules["warn"] {
		errs = append(errs, bad("control %s defines neither deny nor warn", c.ID))
	}
	c.hasWarn = rules["warn"]
	c.hasDeny = rules["deny"]
	return c, errs
}
