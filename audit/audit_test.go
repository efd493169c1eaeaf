package audit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/baomi-dev/baomi/evaluator"
)

// acme is the example inventory, valid and complete.
var acme = []string{"../fixtures/acme"}

// writeFile writes text to name in a fresh folder and returns the folder.
func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestEvaluateCallsReadyBeforeEvaluating(t *testing.T) {
	calls := 0
	in := Input{Paths: acme, Timeout: time.Minute, Eval: evaluator.Options{AsOf: "2026-11-26"},
		Ready: func(l *Loaded) error {
			calls++
			if l.Inventory == nil || l.Policies == nil || len(l.Inventory.Files) == 0 {
				t.Errorf("Ready got %+v, want the loaded inventory and policies", l)
			}
			return nil
		}}
	r, err := Evaluate(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("Ready called %d times, want 1", calls)
	}
	if r.Report == nil || len(r.Report.Results) == 0 {
		t.Fatalf("no results for acme")
	}
	if r.Inventory.Document == nil {
		t.Errorf("the document was taken without FreeDocument")
	}
}

func TestEvaluateReturnsReadyError(t *testing.T) {
	stop := errors.New("an output is an input")
	_, err := Evaluate(context.Background(), Input{Paths: acme, Timeout: time.Minute,
		Ready: func(*Loaded) error { return stop }})
	if err != stop {
		t.Fatalf("err = %v, want Ready's error unchanged", err)
	}
}

func TestFreeDocumentTakesTheDocument(t *testing.T) {
	r, err := Evaluate(context.Background(), Input{Paths: acme, Timeout: time.Minute,
		Eval: evaluator.Options{AsOf: "2026-11-26"}, FreeDocument: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Inventory.Document != nil {
		t.Errorf("FreeDocument left the document on the inventory")
	}
}

// forcedCycles is how many collection cycles the program has forced so far.
func forcedCycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/forced:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestCollectStartsACollection checks that Collect forces a collection after
// the evaluation: the count of forced cycles grows without the test forcing
// one. (The collection runs in the background, so the test waits for it.)
func TestCollectStartsACollection(t *testing.T) {
	before := forcedCycles()
	_, err := Evaluate(context.Background(), Input{Paths: acme, Timeout: time.Minute,
		Eval: evaluator.Options{AsOf: "2026-11-26"}, FreeDocument: true, Collect: true})
	if err != nil {
		t.Fatal(err)
	}
	for forcedCycles() == before {
		runtime.Gosched()
	}
}

func TestLoadInputErrorKeepsTheInventory(t *testing.T) {
	dir := writeFile(t, "bad.hcl", "system \"s\" {\n  nonsense = 1\n}\n")
	_, err := Load(context.Background(), Input{Paths: []string{dir}})
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v (%T), want an *InputError", err, err)
	}
	if ie.Inventory == nil || !ie.Diagnostics.HasErrors() {
		t.Fatalf("InputError without inventory or error diagnostics: %+v", ie)
	}
}

func TestLoadWaiverForUnknownControlIsAnInputError(t *testing.T) {
	dir := writeFile(t, "w.hcl", "waiver \"w\" {\n  control = \"BM-9.9.9-99\"\n  resource = \"system.s\"\n  reason = \"r\"\n  approved_by = \"a\"\n  expires = \"2030-01-01\"\n}\n")
	_, err := Load(context.Background(), Input{Paths: append([]string{dir}, acme...)})
	var ie *InputError
	if !errors.As(err, &ie) || !ie.Diagnostics.HasErrors() {
		t.Fatalf("err = %v (%T), want an *InputError with diagnostics", err, err)
	}
	for _, d := range ie.Diagnostics {
		if d.Summary == "Invalid waiver" {
			return
		}
	}
	t.Errorf("no Invalid waiver diagnostic among %v", ie.Diagnostics)
}

func TestLoadPolicyError(t *testing.T) {
	dir := writeFile(t, "bad.rego", "package baomi.controls.broken\n\nthis is not rego\n")
	_, err := Load(context.Background(), Input{Paths: acme, Policies: []string{dir}})
	var pe *PolicyError
	if !errors.As(err, &pe) || pe.Err == nil {
		t.Fatalf("err = %v (%T), want a *PolicyError", err, err)
	}
}

func TestLoadInputErrorsComeBeforePolicyErrors(t *testing.T) {
	inv := writeFile(t, "bad.hcl", "system \"s\" {\n  nonsense = 1\n}\n")
	pol := writeFile(t, "bad.rego", "package baomi.controls.broken\n\nthis is not rego\n")
	_, err := Load(context.Background(), Input{Paths: []string{inv}, Policies: []string{pol}})
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v (%T), want an *InputError", err, err)
	}
}

func TestEvaluateStopsAtTheDeadline(t *testing.T) {
	_, err := Evaluate(context.Background(), Input{Paths: acme, Timeout: time.Nanosecond})
	var se *StoppedError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v (%T), want a *StoppedError", err, err)
	}
	if !errors.Is(err, context.DeadlineExceeded) || se.Timeout != time.Nanosecond {
		t.Errorf("StoppedError %+v does not carry the deadline and the timeout", se)
	}
}

func TestLoadStoppedByCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Load(ctx, Input{Paths: acme})
	var se *StoppedError
	if !errors.As(err, &se) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v (%T), want a *StoppedError carrying context.Canceled", err, err)
	}
}
