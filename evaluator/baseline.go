package evaluator

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
)

// baselineVersion is the version of the baseline file format.
const baselineVersion = 1

// Baseline is a record of accepted failures, matched on control and resource so
// that it survives line moves.
type Baseline struct {
	keys map[[2]string]bool
}

type baselineFile struct {
	Version  int               `json:"version"`
	AsOf     string            `json:"as_of"`
	Failures []baselineFailure `json:"failures"`
}

type baselineFailure struct {
	Control  string `json:"control"`
	Resource string `json:"resource"`
}

// ReadBaseline reads a baseline written by WriteBaseline.
func ReadBaseline(r io.Reader) (*Baseline, error) {
	var f baselineFile
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a baomi baseline: %v", err)
	}
	if f.Version != baselineVersion {
		return nil, fmt.Errorf("baseline version %d is not supported (want %d)", f.Version, baselineVersion)
	}
	b := &Baseline{keys: map[[2]string]bool{}}
	for _, x := range f.Failures {
		b.keys[[2]string{x.Control, x.Resource}] = true
	}
	return b, nil
}

// WriteBaseline records the report's failing results.
func WriteBaseline(w io.Writer, rep *Report) error {
	f := baselineFile{Version: baselineVersion, AsOf: rep.AsOf, Failures: []baselineFailure{}}
	for _, r := range rep.Results {
		if r.Status == Fail {
			f.Failures = append(f.Failures, baselineFailure{Control: r.Control.ID, Resource: r.Resource})
		}
	}
	sort.Slice(f.Failures, func(i, j int) bool {
		a, b := f.Failures[i], f.Failures[j]
		if a.Control != b.Control {
			return a.Control < b.Control
		}
		return a.Resource < b.Resource
	})
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

// BaselineEntry is one failure a baseline records.
type BaselineEntry struct {
	Control  string
	Resource string
}

// Apply marks the report's failing results that the baseline holds: they stay
// failures in every report but no longer fail the run. It returns the stale
// entries, those that accept no failure of this run (the failure was fixed,
// waived, or its control or resource is gone or skipped), sorted by control
// then resource: left in the baseline, they would accept the failure should it
// come back.
func (b *Baseline) Apply(rep *Report) []BaselineEntry {
	used := map[[2]string]bool{}
	for _, r := range rep.Results {
		k := [2]string{r.Control.ID, r.Resource}
		if r.Status == Fail && b.keys[k] {
			r.Baselined = true
			rep.Summary.Baselined++
			used[k] = true
		}
	}
	var stale []BaselineEntry
	for k := range b.keys {
		if !used[k] {
			stale = append(stale, BaselineEntry{Control: k[0], Resource: k[1]})
		}
	}
	sort.Slice(stale, func(i, j int) bool {
		if stale[i].Control != stale[j].Control {
			return stale[i].Control < stale[j].Control
		}
		return stale[i].Resource < stale[j].Resource
	})
	return stale
}
