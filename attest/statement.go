// Package attest signs a baomi JSON report so that an auditor can check,
// offline and with only the public key, that the report came from baomi, from
// exactly the input files and policies it names, and has not been edited since:
// an in-toto Statement v1 in a DSSE envelope, signed with Ed25519.
package attest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/regularfile"
	"github.com/baomi-dev/baomi/report"
)

// The types that name what an attestation holds.
const (
	// PayloadType is the DSSE payload type of an in-toto statement.
	PayloadType = "application/vnd.in-toto+json"
	// StatementType is the _type of an in-toto Statement v1.
	StatementType = "https://in-toto.io/Statement/v1"
	// PredicateType names baomi's predicate: the facts of one check run.
	PredicateType = "https://baomi.dev/attestation/check/v1"
)

// KindReport is the kind annotation of the subject that is the report itself;
// the input files carry the kind the report gives them (inventory, terraform).
const KindReport = "report"

// Statement is an in-toto Statement v1 about one report.
type Statement struct {
	Type string `json:"_type"`
	// Subject lists the report first, then every input file it records.
	Subject       []Subject `json:"subject"`
	PredicateType string    `json:"predicateType"`
	Predicate     Predicate `json:"predicate"`
}

// Subject is an in-toto resource descriptor: a file's name, its sha256 and its
// kind (report, inventory or terraform) in the annotations.
type Subject struct {
	Name        string            `json:"name"`
	Digest      map[string]string `json:"digest"`
	Annotations map[string]string `json:"annotations"`
}

// Predicate is how the report was made and what it found: the tool, the policy
// set's digest, the settings, the controls skipped, the as-of date, the gate's
// threshold, the summary and the verdict, as the report records them.
type Predicate struct {
	Tool     report.JSONTool      `json:"tool"`
	Policies *report.JSONPolicies `json:"policies"`
	Settings map[string]any       `json:"settings"`
	Skipped  []string             `json:"skipped"`
	AsOf     string               `json:"as_of"`
	FailOn   evaluator.Severity   `json:"fail_on"`
	Summary  evaluator.Summary    `json:"summary"`
	Verdict  *evaluator.Verdict   `json:"verdict"`
}

// NewStatement describes the JSON report whose bytes are data, named name. It
// refuses what is not a complete report of this baomi, or one whose verdict
// disagrees with its results: an attestation must not vouch for an edited report.
func NewStatement(name string, data []byte) (*Statement, error) {
	rep, err := report.ReadJSON(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if _, _, err := rep.Evaluation(); err != nil {
		return nil, err
	}
	st := &Statement{
		Type:          StatementType,
		Subject:       []Subject{subject(name, Digest(data), KindReport)},
		PredicateType: PredicateType,
		Predicate: Predicate{Tool: rep.Tool, Policies: rep.Policies, Settings: rep.Settings, Skipped: rep.Skipped,
			AsOf: rep.AsOf, FailOn: rep.FailOn, Summary: rep.Summary, Verdict: rep.Verdict},
	}
	if st.Predicate.Settings == nil {
		st.Predicate.Settings = map[string]any{}
	}
	if st.Predicate.Skipped == nil {
		st.Predicate.Skipped = []string{}
	}
	for i, in := range rep.Inputs {
		if in.Path == "" || in.Kind == "" || !isDigest(in.SHA256) {
			return nil, fmt.Errorf("input %d has no path, no kind or no sha256 digest", i+1)
		}
		st.Subject = append(st.Subject, subject(in.Path, in.SHA256, in.Kind))
	}
	if err := st.check(); err != nil {
		return nil, err
	}
	return st, nil
}

func subject(name, sum, kind string) Subject {
	return Subject{Name: name, Digest: map[string]string{"sha256": sum}, Annotations: map[string]string{"kind": kind}}
}

// Report is the subject that is the report.
func (st *Statement) Report() Subject {
	return st.Subject[0]
}

// Inputs are the subjects that are the report's input files.
func (st *Statement) Inputs() []Subject {
	return st.Subject[1:]
}

// Kind is a subject's kind: report, inventory or terraform.
func (s Subject) Kind() string {
	return s.Annotations["kind"]
}

// SHA256 is a subject's sha256, in hex.
func (s Subject) SHA256() string {
	return s.Digest["sha256"]
}

// check tells whether a statement is one baomi writes: of the right types, the
// report first and alone of its kind, every subject named once with a sha256.
func (st *Statement) check() error {
	switch {
	case st.Type != StatementType:
		return fmt.Errorf("_type is %q, not an in-toto Statement v1 (%s)", st.Type, StatementType)
	case st.PredicateType != PredicateType:
		return fmt.Errorf("predicateType is %q, not baomi's (%s)", st.PredicateType, PredicateType)
	case len(st.Subject) == 0 || st.Subject[0].Kind() != KindReport:
		return errors.New("the first subject is not the report")
	}
	seen := map[string]bool{}
	for i, s := range st.Subject {
		switch {
		case s.Name == "":
			return fmt.Errorf("subject %d has no name", i+1)
		case !isDigest(s.SHA256()):
			return fmt.Errorf("subject %s has no sha256 digest", s.Name)
		case i > 0 && (s.Kind() == KindReport || s.Kind() == ""):
			return fmt.Errorf("subject %s is of kind %q: want the kind of an input file", s.Name, s.Kind())
		case i > 0 && seen[s.Name]:
			return fmt.Errorf("subject %s is named twice", s.Name)
		}
		if i > 0 {
			seen[s.Name] = true
		}
	}
	return nil
}

// isDigest tells a sha256 written in lower-case hex.
func isDigest(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// Digest is the sha256 of data, in hex.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// FileDigest is the sha256 of the regular file at path, in hex; it never
// blocks on a pipe nor reads a device.
func FileDigest(path string) (string, error) {
	f, _, err := regularfile.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
