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

	"github.com/baomi-dev/baomi/internal/regularfile"
)

// Module is one parsed Rego file.
type Module struct {
	// Name is the file's path as shown to the user.
	Name   string
	Module *ast.Module
	Test   bool
	// sum is the sha256 of the file's bytes, src the bytes.
	sum [sha256.Size]byte
	src []byte
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

// MaxPolicyFileBytes is the largest user policy file read: 4 MiB, hundreds of
// times the largest built-in policy.
const MaxPolicyFileBytes = 4 << 20

// ParseFS parses every .rego file below root in fsys. Names are shown as prefix
// joined with the file's path. Test files (_test.rego) are parsed and marked.
func ParseFS(fsys fs.FS, prefix string) ([]*Module, error) {
	return parseFiles(fsys, prefix, func(n string) ([]byte, bool, error) {
		src, err := fs.ReadFile(fsys, n)
		return src, err == nil, err
	})
}

// parseFiles parses the .rego files below the root of fsys, in name order,
// reading each with read, which returns false for a file to leave out. Folders
// whose name starts with a dot are skipped; a symlink to a folder is an error
// rather than skipped in silence, since the policies in it would not run.
func parseFiles(fsys fs.FS, prefix string, read func(name string) ([]byte, bool, error)) ([]*Module, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return &PolicyError{File: path.Join(prefix, p), Message: pathErrorMessage(err)}
		}
		if d.IsDir() && p != "." && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".rego") {
			names = append(names, p)
		} else if d.Type()&fs.ModeSymlink != 0 && !strings.HasPrefix(d.Name(), ".") {
			if info, err := fs.Stat(fsys, p); err == nil && info.IsDir() {
				return &PolicyError{File: path.Join(prefix, p), Message: "a symlink to a folder is not followed: give the folder as a --policy folder of its own"}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var mods []*Module
	var errs PolicyErrors
	for _, n := range names {
		name := path.Join(prefix, n)
		src, ok, err := read(n)
		if err != nil {
			errs = append(errs, &PolicyError{File: name, Message: pathErrorMessage(err)})
			continue
		}
		if !ok {
			continue
		}
		m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			errs = append(errs, astErrors(err)...)
			continue
		}
		mods = append(mods, &Module{Name: name, Module: m, Test: strings.HasSuffix(n, "_test.rego"), sum: sha256.Sum256(src), src: src})
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

// diskReader reads user policy folders, each file once however often and under
// whatever name it is reached: the same folder given twice, as ./x and x/,
// through a symlink, or nested in another folder given.
type diskReader struct {
	// read holds the information of every file read, by size, for os.SameFile.
	read map[int64][]fs.FileInfo
}

// parseDir parses the .rego files below dir that this reader has not read yet.
// Each is read with regularfile.Read: a pipe, device or folder named *.rego, or
// a file over MaxPolicyFileBytes, is an error naming it.
func (r *diskReader) parseDir(dir string) ([]*Module, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, &PolicyError{File: dir, Message: pathErrorMessage(err)}
	}
	if !info.IsDir() {
		return nil, &PolicyError{File: dir, Message: "a policy path must be a folder of .rego files"}
	}
	found := 0
	mods, err := parseFiles(os.DirFS(dir), filepath.ToSlash(filepath.Clean(dir)), func(n string) ([]byte, bool, error) {
		found++
		src, info, err := regularfile.Read(filepath.Join(dir, filepath.FromSlash(n)), MaxPolicyFileBytes)
		if err != nil {
			return nil, false, err
		}
		return src, !r.seen(info), nil
	})
	if err == nil && found == 0 {
		return nil, &PolicyError{File: dir, Message: "no .rego files in this folder"}
	}
	return mods, err
}

// seen tells whether a file with this information was read before, and
// remembers it.
func (r *diskReader) seen(info fs.FileInfo) bool {
	if r.read == nil {
		r.read = map[int64][]fs.FileInfo{}
	}
	for _, prev := range r.read[info.Size()] {
		if os.SameFile(prev, info) {
			return true
		}
	}
	r.read[info.Size()] = append(r.read[info.Size()], info)
	return false
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
	severity, severityErr := ParseSeverity(str("severity"))
	c := &Control{
		ID: str("id"), ShortCode: str("short_code"), Article: str("article"),
		Severity: severity, Title: strings.TrimSpace(ann.Title), TitleZh: str("title_zh"),
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
	if severityErr != nil {
		errs = append(errs, bad("METADATA custom.severity: %v", severityErr))
	}
	for _, f := range []struct{ key, value string }{
		{"title", c.Title}, {"custom.title_zh", c.TitleZh}, {"description", c.Description},
		{"custom.remediation", c.Remediation}, {"custom.remediation_zh", c.RemediationZh},
	} {
		if f.value == "" {
			errs = append(errs, bad("METADATA %s is missing", f.key))
		}
	}
	c.rules = map[string][]*ast.Location{}
	for _, r := range m.Module.Rules {
		name := r.Head.Ref()[0].Value.String()
		c.rules[name] = append(c.rules[name], r.Location)
	}
	if !c.defines("applicable") {
		errs = append(errs, bad("control %s defines no applicable rule (applicable contains address if { ... })", c.ID))
	}
	if !c.defines("deny") && !c.defines("warn") {
		errs = append(errs, bad("control %s defines neither deny nor warn", c.ID))
	}
	return c, errs
}

// parsePolicies parses the built-in policies, less their tests, and the user
// policy folders, and refuses user files that reach into a built-in package.
func parsePolicies(builtin fs.FS, userDirs []string) (lib, user []*Module, err error) {
	all, err := ParseFS(builtin, "policies")
	if err != nil {
		return nil, nil, err
	}
	for _, m := range all {
		if !m.Test {
			lib = append(lib, m)
		}
	}
	r := new(diskReader)
	for _, d := range userDirs {
		um, err := r.parseDir(d)
		if err != nil {
			return nil, nil, err
		}
		user = append(user, um...)
	}
	if errs := closedPackageErrors(user, closedPackages(lib)); len(errs) > 0 {
		return nil, nil, errs
	}
	return lib, user, nil
}

// libraryPackage is the package of the shared library, closed to user files
// with every package below it.
var libraryPackage = ast.MustParseRef("data.baomi.lib")

// closedPackages lists the packages user files may not declare or add rules
// to: the library's and each built-in control's.
func closedPackages(lib []*Module) []ast.Ref {
	closed := []ast.Ref{libraryPackage}
	for _, m := range lib {
		if p := m.Module.Package.Path; !p.HasPrefix(libraryPackage) {
			closed = append(closed, p)
		}
	}
	return closed
}

// closedPackageErrors refuses each user module that declares a closed package or
// one below it, and each rule that would define a document in one: a user file
// could otherwise add findings to a built-in control, or redefine a helper of
// the library and turn failures into passes. A rule whose path is not known
// before evaluation (a variable in its head) and could reach a closed package
// is refused too.
func closedPackageErrors(user []*Module, closed []ast.Ref) PolicyErrors {
	var errs PolicyErrors
	refuse := func(m *Module, loc *ast.Location, msg string, args ...any) {
		pe := &PolicyError{File: m.Name, Message: fmt.Sprintf(msg, args...)}
		if loc != nil {
			pe.Line, pe.Column = loc.Row, loc.Col
		}
		errs = append(errs, pe)
	}
	for _, m := range user {
		pkg := m.Module.Package.Path
		if c := closedAbove(pkg, closed); c != nil {
			refuse(m, m.Module.Package.Location, "package %s is reserved: %s belongs to baomi's built-in policies, and user policies may not declare it or a package below it; give your policy its own package, such as acme.%s",
				packageName(pkg), packageName(c), lastName(pkg))
			continue
		}
		for _, rule := range m.Module.Rules {
			path := rulePath(pkg, rule)
			prefix := path.GroundPrefix()
			c := closedAbove(prefix, closed)
			if c == nil {
				for _, cl := range closed {
					if cl.HasPrefix(prefix) {
						c = cl
						break
					}
				}
			}
			if c != nil {
				refuse(m, rule.Location, "rule %s would define %s, inside %s, which belongs to baomi's built-in policies: user policies may not add rules to built-in packages",
					rule.Head.Ref(), packageName(path), packageName(c))
			}
		}
	}
	return errs
}

// closedAbove returns the closed package that ref equals or lies below, or nil.
func closedAbove(ref ast.Ref, closed []ast.Ref) ast.Ref {
	for _, c := range closed {
		if ref.HasPrefix(c) {
			return c
		}
	}
	return nil
}

// rulePath is the full path of the document a rule defines, such as
// data.baomi.lib.within for rule within in package baomi.lib.
func rulePath(pkg ast.Ref, rule *ast.Rule) ast.Ref {
	head := rule.Head.Ref()
	path := pkg.Copy()
	if v, ok := head[0].Value.(ast.Var); ok {
		path = append(path, ast.StringTerm(string(v)))
	} else {
		path = append(path, head[0])
	}
	return append(path, head[1:]...)
}

// packageName writes a package path as a package clause does: baomi.lib.
func packageName(ref ast.Ref) string {
	return strings.TrimPrefix(ref.String(), "data.")
}

// lastName is the last part of a package path.
func lastName(ref ast.Ref) string {
	if s, ok := ref[len(ref)-1].Value.(ast.String); ok {
		return string(s)
	}
	return "policy"
}
