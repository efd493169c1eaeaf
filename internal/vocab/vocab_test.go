package vocab

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/regulation"
)

// evaluatorConstants reads the evaluator's source for the values of every
// constant declared with the named type, so a constant added there without a
// translation here fails the test.
func evaluatorConstants(t *testing.T, typeName string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "evaluator", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var values []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				v := s.(*ast.ValueSpec)
				if id, ok := v.Type.(*ast.Ident); !ok || id.Name != typeName {
					continue
				}
				for _, e := range v.Values {
					lit, ok := e.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Fatalf("%s: constant of type %s is not a string literal", name, typeName)
					}
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					values = append(values, s)
				}
			}
		}
	}
	if len(values) == 0 {
		t.Fatalf("no constant of type %s in the evaluator", typeName)
	}
	return values
}

// complete reports whether w has a label in both languages.
func (w words) complete() bool { return w.en != "" && w.zh != "" }

func TestEveryStatusHasBothLanguages(t *testing.T) {
	for s := evaluator.Status(1); s.String() != ""; s++ {
		if w, ok := statuses[s]; !ok || !w.complete() {
			t.Errorf("status %q: no label in both en and zh", s)
		}
	}
}

func TestEverySeverityHasBothLanguages(t *testing.T) {
	n := 0
	for s := evaluator.Severity(1); s.String() != ""; s++ {
		n++
		if w, ok := severities[s]; !ok || !w.complete() {
			t.Errorf("severity %q: no label in both en and zh", s)
		}
	}
	if n != len(evaluator.Severities) {
		t.Errorf("evaluator names %d severities, Severities lists %d", n, len(evaluator.Severities))
	}
}

func TestEveryWaiverStatusHasBothLanguages(t *testing.T) {
	for _, s := range evaluatorConstants(t, "WaiverStatus") {
		if w, ok := waiverStatuses[evaluator.WaiverStatus(s)]; !ok || !w.complete() {
			t.Errorf("waiver status %q: no label in both en and zh", s)
		}
	}
}

func TestEveryChapterHasBothLanguages(t *testing.T) {
	seen := map[string]bool{}
	for _, a := range regulation.Articles() {
		seen[strings.SplitN(a.Number, ".", 2)[0]] = true
	}
	for n := 1; n <= 5; n++ {
		seen[strconv.Itoa(n)] = true
	}
	for n := range seen {
		if w, ok := chapters[n]; !ok || !w.complete() {
			t.Errorf("chapter %s: no name in both en and zh", n)
		}
	}
	for n := range chapters {
		if !seen[n] {
			t.Errorf("chapter %s: named, but the regulation has no article in it", n)
		}
	}
}

// TestEnglishIsTheCode keeps the English status, severity and waiver labels
// equal to the codes the JSON report writes, as the text views always showed.
func TestEnglishIsTheCode(t *testing.T) {
	for s, w := range statuses {
		if w.en != s.String() {
			t.Errorf("status %q reads %q in English", s, w.en)
		}
	}
	for s, w := range severities {
		if w.en != s.String() {
			t.Errorf("severity %q reads %q in English", s, w.en)
		}
	}
	for s, w := range waiverStatuses {
		if w.en != string(s) {
			t.Errorf("waiver status %q reads %q in English", s, w.en)
		}
	}
}

func TestLookups(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Status(evaluator.Fail, "zh"), "未通过"},
		{Status(evaluator.Fail, "en"), "fail"},
		{Status(evaluator.NotJudged, "zh"), "未评判"},
		{Status(evaluator.Status(99), "zh"), ""},
		{Severity(evaluator.Critical, "zh"), "严重"},
		{Severity(evaluator.Critical, ""), "critical"},
		{WaiverStatus(evaluator.WaiverActive, "zh"), "有效"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if name, ok := Chapter("4", "zh"); !ok || name != "保密措施与管理" {
		t.Errorf(`Chapter("4", "zh") = %q, %v`, name, ok)
	}
	if _, ok := Chapter("9", "en"); ok {
		t.Error(`Chapter("9") found a name`)
	}
}
