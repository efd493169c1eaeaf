// Package group merges the JSON reports (read by report.ReadJSON) of several
// units of a group, each named by its report's organization, into one group
// report: totals, compliance by unit, by chapter and by article, and every
// failure with its unit.
package group

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/report"
)

// Input is one unit's report and the file it was read from.
type Input struct {
	File   string
	Report *report.JSONReport
}

// Group is the merged report of several units.
type Group struct {
	// Mixed lists how the units' reports differ in how they were judged
	// (policies, settings, as-of dates, controls skipped); empty unless
	// merged with allowMixed.
	Mixed []string `json:"mixed"`
	// AsOf lists the units' as-of dates, earliest first, each once.
	AsOf   []string `json:"as_of"`
	Totals Tally    `json:"totals"`
	// Units holds each unit's tally, by name.
	Units []UnitTally `json:"units"`
	// Chapters and Articles hold the tallies of every unit's results by
	// chapter and by article of the regulation, in the regulation's order.
	Chapters []KeyTally `json:"chapters"`
	Articles []KeyTally `json:"articles"`
	// Failures holds every failing result of every unit, by unit.
	Failures []Failure `json:"failures"`
}

// Tally counts results by status. Compliance is the share of results that
// pass, in percent to one decimal; warnings, waived and failing results do
// not count as compliant.
type Tally struct {
	Results int `json:"results"`
	evaluator.Counts
	Compliance float64 `json:"compliance"`
}

// UnitTally is one unit's tally.
type UnitTally struct {
	Name         string   `json:"name"`
	Organization string   `json:"organization"`
	Paths        []string `json:"paths"`
	AsOf         string   `json:"as_of"`
	// Verdict is the unit's own gate verdict ("pass" or "fail"), "" for a
	// report of an older baomi that records none.
	Verdict string `json:"verdict"`
	Tally
}

// KeyTally is the tally of a chapter or an article.
type KeyTally struct {
	Key string `json:"key"`
	Tally
}

// Failure is one failing result of one unit.
type Failure struct {
	Unit      string `json:"unit"`
	Control   string `json:"control"`
	Article   string `json:"article"`
	Severity  string `json:"severity"`
	Resource  string `json:"resource"`
	Message   string `json:"message"`
	MessageZh string `json:"message_zh"`
	Location  string `json:"location"`
}

// Unit is one input with the name it has in the group.
type Unit struct {
	Name string
	Input
}

// Name names every input by its report's organization; two reports of one
// organization are named "organization (paths)" when their inventory paths
// differ, and refused when they do not. A report without an organization is
// named by its file.
func Name(inputs []Input) ([]Unit, error) {
	byOrg := map[string][]int{}
	for i, in := range inputs {
		byOrg[in.Report.Organization] = append(byOrg[in.Report.Organization], i)
	}
	units := make([]Unit, len(inputs))
	for i, in := range inputs {
		org := in.Report.Organization
		name := org
		switch {
		case org == "":
			name = "(" + in.File + ")"
		case len(byOrg[org]) > 1:
			name = org + " (" + pathsOf(in.Report) + ")"
		}
		units[i] = Unit{Name: name, Input: in}
	}
	seen := map[string]int{}
	for i, u := range units {
		if j, ok := seen[u.Name]; ok {
			return nil, fmt.Errorf("%s and %s are both reports of %s over the same inventory paths (%s): merge each unit once",
				inputs[j].File, u.File, orgText(u.Report.Organization), pathsOf(u.Report))
		}
		seen[u.Name] = i
	}
	sort.SliceStable(units, func(i, j int) bool { return units[i].Name < units[j].Name })
	return units, nil
}

func orgText(org string) string {
	if org == "" {
		return "no organization"
	}
	return org
}

// pathsOf is a report's inventory paths, joined with "+".
func pathsOf(r *report.JSONReport) string {
	if len(r.Paths) == 0 {
		return "no paths recorded"
	}
	return strings.Join(r.Paths, "+")
}

// Differences says how the units' reports differ in how they were judged:
// policy sets, settings, as-of dates and controls skipped, each named with
// the units concerned. A report that does not record its policies differs.
func Differences(units []Unit) []string {
	var out []string
	differ := func(what string, value func(*report.JSONReport) string) {
		values := map[string][]string{}
		var order []string
		for _, u := range units {
			v := value(u.Report)
			if _, ok := values[v]; !ok {
				order = append(order, v)
			}
			values[v] = append(values[v], u.Name)
		}
		if len(order) < 2 {
			return
		}
		sort.Strings(order)
		parts := make([]string, len(order))
		for i, v := range order {
			parts[i] = fmt.Sprintf("%s for %s", v, strings.Join(values[v], ", "))
		}
		out = append(out, what+" differ: "+strings.Join(parts, "; "))
	}
	differ("policy sets (policies.sha256)", func(r *report.JSONReport) string {
		if r.Policies == nil {
			return "unrecorded"
		}
		s := r.Policies.SHA256
		if len(s) > 12 {
			s = s[:12]
		}
		if len(r.Policies.User) > 0 {
			s += " (user policies " + strings.Join(r.Policies.User, ", ") + ")"
		}
		return s
	})
	differ("as-of dates", func(r *report.JSONReport) string { return r.AsOf })
	for _, name := range settingNames(units) {
		differ("setting "+name, func(r *report.JSONReport) string {
			v, ok := r.Settings[name]
			if !ok {
				return "unset"
			}
			return fmt.Sprint(v)
		})
	}
	differ("controls skipped", func(r *report.JSONReport) string {
		if len(r.Skipped) == 0 {
			return "none"
		}
		s := slices.Clone(r.Skipped)
		sort.Strings(s)
		return strings.Join(s, ", ")
	})
	return out
}

// settingNames lists every setting any unit's report names, sorted.
func settingNames(units []Unit) []string {
	var names []string
	for _, u := range units {
		for k := range u.Report.Settings {
			if !slices.Contains(names, k) {
				names = append(names, k)
			}
		}
	}
	sort.Strings(names)
	return names
}

// Merge tallies the named units into one group report; mixed is what
// Differences found, shown at its top.
func Merge(units []Unit, mixed []string) *Group {
	g := &Group{Mixed: nonNil(mixed), Units: []UnitTally{}, Failures: []Failure{}}
	chapters, articles := map[string]*Tally{}, map[string]*Tally{}
	for _, u := range units {
		r := u.Report
		ut := UnitTally{Name: u.Name, Organization: r.Organization, Paths: nonNil(r.Paths), AsOf: r.AsOf}
		if r.Verdict != nil {
			ut.Verdict = r.Verdict.Status.String()
		}
		if !slices.Contains(g.AsOf, r.AsOf) {
			g.AsOf = append(g.AsOf, r.AsOf)
		}
		for _, res := range r.Results {
			ut.add(res.Status)
			g.Totals.add(res.Status)
			tally(chapters, chapterOf(res.Article)).add(res.Status)
			tally(articles, res.Article).add(res.Status)
			if res.Status == evaluator.Fail {
				g.Failures = append(g.Failures, Failure{Unit: u.Name, Control: res.Control, Article: res.Article,
					Severity: res.Severity.String(), Resource: res.Resource, Message: res.Message,
					MessageZh: res.MessageZh, Location: locationText(res.Location)})
			}
		}
		ut.finish()
		g.Units = append(g.Units, ut)
	}
	sort.Strings(g.AsOf)
	g.Totals.finish()
	g.Chapters, g.Articles = keyed(chapters), keyed(articles)
	return g
}

func tally(m map[string]*Tally, key string) *Tally {
	t := m[key]
	if t == nil {
		t = &Tally{}
		m[key] = t
	}
	return t
}

// keyed lists the tallies in the regulation's order.
func keyed(m map[string]*Tally) []KeyTally {
	out := make([]KeyTally, 0, len(m))
	for k, t := range m {
		t.finish()
		out = append(out, KeyTally{Key: k, Tally: *t})
	}
	sort.Slice(out, func(i, j int) bool {
		if c := evaluator.CompareArticles(out[i].Key, out[j].Key); c != 0 {
			return c < 0
		}
		return out[i].Key < out[j].Key
	})
	return out
}

func (t *Tally) add(s evaluator.Status) {
	t.Results++
	t.Counts.Add(s)
}

// finish computes the compliance share; no results is no compliance shown (0).
func (t *Tally) finish() {
	if t.Results == 0 {
		return
	}
	t.Compliance = math.Round(float64(t.Pass)*1000/float64(t.Results)) / 10
}

// chapterOf is the chapter of an article: "4" of "4.2.3".
func chapterOf(article string) string {
	return strings.SplitN(article, ".", 2)[0]
}

// locationText is file:line:column, or "" without a location.
func locationText(l *evaluator.Location) string {
	if l == nil {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
