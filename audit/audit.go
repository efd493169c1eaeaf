// Package audit holds the pipeline that check, validate and partners share:
// decode the inventory, read and link the Terraform inputs, load the policies,
// check what only the catalog can check, and evaluate, within one deadline.
// It prints nothing on its own: failures come back as typed errors for the
// caller to render.
package audit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/policies"
	"github.com/baomi-dev/baomi/terraform"
)

// Input says what to audit: the inventory, extra policy folders, the
// evaluation's options and how long it may take.
type Input struct {
	Paths    []string
	Limits   inventory.Options
	Policies []string
	// Terraform lists the Terraform inputs, read beside the inventory.
	Terraform []string
	// Timeout bounds decoding and evaluation together.
	Timeout time.Duration
	Eval    evaluator.Options
	// FreeDocument takes the decoded document and the files' bytes away from
	// the inventory before evaluation, so that they can be freed once the
	// evaluator has converted the document. Views that need more than the
	// results read the report's facts. Load has already reported every input
	// error it can find with its source lines; one found by the evaluation
	// would be printed without them.
	FreeDocument bool
	// Collect starts a garbage collection in the background once the
	// evaluation is done, when the document, the evaluation's Rego values and
	// most of the heap are garbage: a report then built in memory grows from
	// what remains, not from the peak. A caller whose report streams, holding
	// little at a time, leaves it false: the heap has room for it, and the
	// collection would only cost time.
	Collect bool
	// Ready, when set, is called once everything is loaded and before the
	// evaluation starts; an error it returns stops the run and comes back as is.
	Ready func(*Loaded) error
	// Warnings receives the policy loader's warnings.
	Warnings io.Writer
}

// Loaded is an inventory read with its Terraform inputs and the policies to
// judge it by.
type Loaded struct {
	Inventory *inventory.Inventory
	Policies  *evaluator.Policies
	// Terraform is nil without Terraform inputs.
	Terraform *terraform.Set
}

// Result is an evaluated inventory.
type Result struct {
	Loaded
	Report *evaluator.Report
}

// InputError is bad input: diagnostics located in the inventory, to be
// rendered with its sources, and problems that have no location.
type InputError struct {
	Inventory   *inventory.Inventory
	Diagnostics hcl.Diagnostics
	// TerraformErrors is how many of the errors are in the Terraform inputs.
	TerraformErrors int
	// Problems are messages without a location.
	Problems []string
}

// Error summarises the input's problems.
func (e *InputError) Error() string {
	return fmt.Sprintf("the inventory has %d errors and %d problems without a location", len(e.Diagnostics.Errs()), len(e.Problems))
}

// StoppedError is decoding stopped by the deadline or a cancellation.
type StoppedError struct {
	// Err is the context's error.
	Err     error
	Timeout time.Duration
}

// Error says why decoding stopped.
func (e *StoppedError) Error() string { return "reading the inventory stopped: " + e.Err.Error() }

// Unwrap returns the context's error.
func (e *StoppedError) Unwrap() error { return e.Err }

// PolicyError is policies that could not be loaded.
type PolicyError struct{ Err error }

// Error is the loader's message.
func (e *PolicyError) Error() string { return e.Err.Error() }

// Unwrap returns the loader's error.
func (e *PolicyError) Unwrap() error { return e.Err }

// EvaluationError is an evaluation that failed, its deadline included.
type EvaluationError struct{ Err error }

// Error is the evaluator's message.
func (e *EvaluationError) Error() string { return e.Err.Error() }

// Unwrap returns the evaluator's error.
func (e *EvaluationError) Unwrap() error { return e.Err }

// Evaluate loads the input (see Load), calls in.Ready and evaluates the
// policies, all within in.Timeout.
func Evaluate(ctx context.Context, in Input) (*Result, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	// One deadline for decoding and evaluation: the timeout bounds the whole run.
	ctx, cancel := context.WithTimeout(ctx, in.Timeout)
	defer cancel()
	l, err := Load(ctx, in)
	if err != nil {
		return nil, err
	}
	if in.Ready != nil {
		if err := in.Ready(l); err != nil {
			return nil, err
		}
	}
	inv := l.Inventory
	doc := inv.Document
	if in.FreeDocument {
		doc = inv.TakeDocument()
		inv.DropSources()
	}
	rep, err := l.Policies.Evaluate(ctx, evaluator.Input{Document: doc, Locator: l.Terraform.Beside(inv)}, in.Eval)
	if in.Collect {
		go runtime.GC()
	}
	var ierr *evaluator.InputError
	switch {
	case errors.As(err, &ierr):
		e := &InputError{Inventory: inv}
		for _, p := range ierr.Problems {
			if p.Address == "" {
				e.Problems = append(e.Problems, p.Message)
				continue
			}
			e.Diagnostics = append(e.Diagnostics, inv.Diagnostic(p.Address, p.Attribute, "Invalid waiver", p.Message))
		}
		return nil, e
	case err != nil:
		return nil, &EvaluationError{Err: err}
	}
	return &Result{Loaded: *l, Report: rep}, nil
}

// Load decodes the inventory, reads and links the Terraform inputs and loads
// the policies, and reports every input error together: the decoder's, the
// Terraform reader's, and those only the catalog can find (a waiver naming an
// unknown control), even when the decoder found others. Decoding stops at
// ctx's deadline, which is a StoppedError. Input errors come before policy
// errors.
func Load(ctx context.Context, in Input) (*Loaded, error) {
	warnings := in.Warnings
	if warnings == nil {
		warnings = io.Discard
	}
	// The policies compile while the inventory decodes.
	type compiled struct {
		ps  *evaluator.Policies
		err error
	}
	policiesDone := make(chan compiled, 1)
	go func() {
		ps, err := evaluator.Load(ctx, policies.FS, in.Policies, warnings)
		policiesDone <- compiled{ps, err}
	}()
	inv, diags, err := inventory.LoadContext(ctx, in.Paths, in.Limits)
	if err != nil {
		return nil, &StoppedError{Err: err, Timeout: in.Timeout}
	}
	c := <-policiesDone
	ps, perr := c.ps, c.err
	if perr == nil {
		for _, p := range ps.CheckInput(inv.Document) {
			diags = append(diags, inv.Diagnostic(p.Address, p.Attribute, "Invalid waiver", p.Message))
		}
	} else {
		ps = nil
	}
	tf, tfDiags := terraform.LoadInto(inv, in.Terraform, in.Limits, SystemTag(ps, in.Eval.Settings), !diags.HasErrors())
	diags = append(diags, tfDiags...)
	if diags.HasErrors() {
		return nil, &InputError{Inventory: inv, Diagnostics: diags, TerraformErrors: inventory.ErrorCount(tfDiags)}
	}
	if perr != nil {
		return nil, &PolicyError{Err: perr}
	}
	return &Loaded{Inventory: inv, Policies: ps, Terraform: tf}, nil
}

// SystemTag is the tag that links a Terraform resource to a system: the
// setting in force (the user's, else the policies' default), else
// baomi-system. Policies may be nil.
func SystemTag(ps *evaluator.Policies, settings map[string]any) string {
	if ps != nil {
		settings = ps.Settings(settings)
	}
	return terraform.SystemTag(settings)
}
