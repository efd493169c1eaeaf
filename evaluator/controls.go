package evaluator

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Severity ranks how serious a failing control is. It is a small number, as a
// result holds two; its text is its name, and the zero Severity names none
// (""). The JSON contract writes and reads the names. It is a uint16, not a
// uint8, so that go vet flags string(s), which would give one character.
type Severity uint16

// The four severities, most serious first.
const (
	Critical Severity = iota + 1
	High
	Medium
	Low
)

// severityNames are the severities' names, by value.
var severityNames = [...]string{"", "critical", "high", "medium", "low"}

// Severities lists the valid severities from most to least serious.
var Severities = []Severity{Critical, High, Medium, Low}

// ParseSeverity returns the severity named s.
func ParseSeverity(s string) (Severity, error) {
	for _, v := range Severities {
		if v.String() == s {
			return v, nil
		}
	}
	return 0, &UnknownNameError{Kind: "severity", Name: s, Want: "critical, high, medium, low"}
}

// UnknownNameError is the error of a severity or a status read from a name
// that none has.
type UnknownNameError struct {
	// Kind is "severity" or "status"; Want lists the names it may have.
	Kind, Name, Want string
}

// Error names the kind, the name and the names it may have.
func (e *UnknownNameError) Error() string {
	return fmt.Sprintf("unknown %s %q: want one of %s", e.Kind, e.Name, e.Want)
}

// String is the severity's name, "" for none.
func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return ""
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name; "" is none.
func (s *Severity) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*s = 0
		return nil
	}
	v, err := ParseSeverity(string(text))
	*s = v
	return err
}

// Rank orders severities: critical is 4, low is 1.
func (s Severity) Rank() int {
	if s >= Critical && s <= Low {
		return int(Low-s) + 1
	}
	return 0
}

// Raised is the severity one level up; critical stays critical.
func (s Severity) Raised() Severity {
	if s > Critical && s <= Low {
		return s - 1
	}
	return s
}

// Control is one testable requirement, read from a policy package's METADATA.
type Control struct {
	ID              string   `json:"id"`
	ShortCode       string   `json:"short_code"`
	Article         string   `json:"article"`
	RelatedArticles []string `json:"related_articles,omitempty"`
	Severity        Severity `json:"severity"`
	Title           string   `json:"title"`
	TitleZh         string   `json:"title_zh"`
	Description     string   `json:"description"`
	Remediation     string   `json:"remediation"`
	RemediationZh   string   `json:"remediation_zh"`
	// Package is the Rego package path, e.g. "baomi.controls.backup_encrypted".
	Package string `json:"package"`
	// File is the policy file that defines the control.
	File string `json:"file"`
	// Builtin is true for the controls embedded in baomi.
	Builtin bool `json:"builtin"`

	// rules holds where the control's rules are written, by name.
	rules map[string][]*ast.Location
}

// defines tells whether the control has a rule of this name.
func (c *Control) defines(rule string) bool {
	return len(c.rules[rule]) > 0
}

// contractError is the error for results that break the policy contract, placed
// at the first of the control's rules named rule (applicable, deny or warn).
func (c *Control) contractError(rule, format string, args ...any) *PolicyError {
	pe := &PolicyError{File: c.File, Message: fmt.Sprintf("control %s: ", c.ID) + fmt.Sprintf(format, args...)}
	locs := c.rules[rule]
	if len(locs) > 0 && locs[0] != nil {
		pe.Line, pe.Column = locs[0].Row, locs[0].Col
	}
	if len(locs) > 1 {
		lines := make([]string, len(locs))
		for i, l := range locs {
			lines[i] = strconv.Itoa(l.Row)
		}
		pe.Message += fmt.Sprintf(" (from one of the %s rules at lines %s)", rule, strings.Join(lines, ", "))
	}
	return pe
}

// WarnOnly reports whether the control only warns: it has warn findings and no deny.
func (c *Control) WarnOnly() bool {
	return c.defines("warn") && !c.defines("deny")
}

// Articles returns the control's article followed by its related articles.
func (c *Control) Articles() []string {
	return append([]string{c.Article}, c.RelatedArticles...)
}

// CompareArticles orders article numbers like "4.2.3" part by part, numerically.
func CompareArticles(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		switch {
		case ea == nil && eb == nil && na != nb:
			return na - nb
		case (ea != nil || eb != nil) && pa[i] != pb[i]:
			return strings.Compare(pa[i], pb[i])
		}
	}
	return len(pa) - len(pb)
}

// sortControls orders controls by article, then id.
func sortControls(cs []*Control) {
	sort.SliceStable(cs, func(i, j int) bool {
		if c := CompareArticles(cs[i].Article, cs[j].Article); c != 0 {
			return c < 0
		}
		return cs[i].ID < cs[j].ID
	})
}
