package evaluator_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/policies"
)

// evalError loads the user policy in dir and returns the error of evaluating it.
func evalError(t *testing.T, dir string) error {
	t.Helper()
	_, err := load(t, dir).Evaluate(context.Background(), evaluator.Input{Document: doc(map[string]any{})}, evaluator.Options{AsOf: "2026-11-26"})
	if err == nil {
		t.Fatal("the evaluation succeeded")
	}
	return err
}

// TestContractErrorsPlaced: results that break the policy contract are errors at
// the file, line and column of the rule that gave them; with several rules of
// that name, the message lists their lines.
func TestContractErrorsPlaced(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"finding not an object", `deny contains "oops"`,
			`x.rego:16:1: control X-1.1-01: each deny finding must be an object with a resource address, got "oops"`},
		{"warning without a resource", `warn contains {"message": "m"}`,
			`x.rego:16:1: control X-1.1-01: each warn finding must be an object with a resource address, got {"message": "m"}`},
		{"several deny rules", "deny contains {\"resource\": \"system.crm\", \"message\": \"m\"}\n\ndeny contains 7",
			`x.rego:16:1: control X-1.1-01: each deny finding must be an object with a resource address, got 7 (from one of the deny rules at lines 16, 18)`},
		{"applicable not an address", "applicable contains 3\n\ndeny contains {\"resource\": \"system.crm\", \"message\": \"m\"}",
			`x.rego:14:1: control X-1.1-01: applicable holds 3, which is not a resource address (from one of the applicable rules at lines 14, 16)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := evalError(t, writePolicy(t, tc.body))
			if !strings.HasSuffix(err.Error(), tc.want) {
				t.Errorf("got  %v\nwant …%s", err, tc.want)
			}
		})
	}
}

// TestLibraryErrorHasColumn: an evaluation error inside the library, here a
// user control passing text where days_before wants a number, names the
// library's file, line and column.
func TestLibraryErrorHasColumn(t *testing.T) {
	src, err := fs.ReadFile(policies.FS, "lib/lib.rego")
	if err != nil {
		t.Fatal(err)
	}
	line := 0
	for i, l := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(l, "days_before(n) :=") {
			line = i + 1
		}
	}
	if line == 0 {
		t.Fatal("lib.rego no longer defines days_before(n) on one line: update this test")
	}
	dir := writePolicy(t, `deny contains {"resource": "system.crm", "message": lib.days_before(input.systems["system.crm"].kind)}

import data.baomi.lib`)
	err = evalError(t, dir)
	m := regexp.MustCompile(`^policies/lib/lib\.rego:(\d+):(\d+): policy evaluation failed: `).FindStringSubmatch(err.Error())
	if m == nil || m[1] != strconv.Itoa(line) || m[2] == "0" {
		t.Errorf("want an error at policies/lib/lib.rego:%d:<column>, got %v", line, err)
	}
}

// TestFirstContractErrorInArticleOrder: with two controls breaking the contract,
// judged on different goroutines as their groups finish, the error is always
// the one of the control that comes first in article order.
func TestFirstContractErrorInArticleOrder(t *testing.T) {
	dir := writePolicy(t, `deny contains "first"`)
	second := strings.NewReplacer("X-1.1-01", "X-9.9-01", "short_code: x", "short_code: y", `article: "1.1"`, `article: "9.9"`,
		"package user.x", "package user.y", `deny contains "first"`, `deny contains "second"`)
	src, err := os.ReadFile(filepath.Join(dir, "x.rego"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "y.rego"), []byte(second.Replace(string(src))), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 10 {
		err := evalError(t, dir)
		if !strings.Contains(err.Error(), `control X-1.1-01: each deny finding must be an object with a resource address, got "first"`) {
			t.Fatalf("got %v, want the error of X-1.1-01", err)
		}
	}
}
