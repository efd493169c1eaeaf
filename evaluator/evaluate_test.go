package evaluator_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/policies"
)

func load(t *testing.T, userDirs ...string) *evaluator.Policies {
	t.Helper()
	ps, err := evaluator.Load(context.Background(), policies.FS, userDirs, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// doc is a small inventory: a top_secret asset on an unencrypted system, a
// confidential one on an encrypted system, and the waivers given.
func doc(waivers map[string]any) map[string]any {
	return map[string]any{
		"organization": map[string]any{}, "departments": map[string]any{}, "sites": map[string]any{},
		"systems": map[string]any{
			"system.vault": map[string]any{"kind": "server", "encryption_at_rest": "none", "backup": []any{}},
			"system.crm":   map[string]any{"kind": "server", "encryption_at_rest": "SM4", "backup": []any{}},
			"system.spare": map[string]any{"kind": "server", "backup": []any{}},
		},
		"data_assets": map[string]any{
			"data_asset.cards":    map[string]any{"classification": "top_secret", "stored_in": []any{"system.vault"}},
			"data_asset.contacts": map[string]any{"name": "Customer contacts", "classification": "confidential", "stored_in": []any{"system.crm"}},
		},
		"paper_archives": map[string]any{}, "channels": map[string]any{}, "transfers": map[string]any{},
		"partners": map[string]any{}, "agreements": map[string]any{}, "removals": map[string]any{},
		"destructions": map[string]any{}, "devices": map[string]any{}, "disposals": map[string]any{},
		"trainings": map[string]any{}, "waivers": waivers,
	}
}

func find(rep *evaluator.Report, control, resource string) *evaluator.Result {
	for _, r := range rep.Results {
		if r.Control.ID == control && r.Resource == resource {
			return r
		}
	}
	return nil
}

func evaluate(t *testing.T, ps *evaluator.Policies, d map[string]any, opts evaluator.Options) *evaluator.Report {
	t.Helper()
	if opts.AsOf == "" {
		opts.AsOf = "2026-11-26"
	}
	rep, err := ps.Evaluate(context.Background(), evaluator.Input{Document: d}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestPassFailAndSeverityRaise(t *testing.T) {
	rep := evaluate(t, load(t), doc(map[string]any{}), evaluator.Options{})
	vault := find(rep, "BM-4.2.1-04", "system.vault")
	if vault == nil || vault.Status != evaluator.Fail {
		t.Fatalf("system.vault storage-encrypted = %+v, want fail", vault)
	}
	if vault.Severity != evaluator.Critical {
		t.Errorf("a high control failing on top_secret data has severity %s, want critical", vault.Severity)
	}
	if vault.BaseSeverity != evaluator.High || !slices.Equal(vault.RaisedBy, []string{"data_asset.cards"}) {
		t.Errorf("the raise must be explained: base %s, raised by %v; want high, [data_asset.cards]", vault.BaseSeverity, vault.RaisedBy)
	}
	crm := find(rep, "BM-4.2.1-04", "system.crm")
	if crm == nil || crm.Status != evaluator.Pass || crm.Severity != evaluator.High {
		t.Errorf("system.crm storage-encrypted = %+v, want pass at high", crm)
	}
	if crm.BaseSeverity != evaluator.High || crm.RaisedBy != nil {
		t.Errorf("an unraised result: base %s, raised by %v; want high, none", crm.BaseSeverity, crm.RaisedBy)
	}
	if contacts := find(rep, "BM-3.1-01", "data_asset.contacts"); contacts == nil || contacts.ResourceName != "Customer contacts" || vault.ResourceName != "" {
		t.Errorf("resource names: contacts %+v, vault %q; want the name attribute, or empty without one", contacts, vault.ResourceName)
	}
	if find(rep, "BM-4.2.1-04", "system.spare") != nil {
		t.Error("a system holding no data must not be judged by storage controls")
	}
	for _, o := range rep.Controls {
		if o.Control.ID == "BM-4.2.3-02" && o.Status != evaluator.NotApplicable {
			t.Errorf("backup-encrypted with no backups anywhere: status %s, want not_applicable", o.Status)
		}
	}
}

// A critical control stays critical on top_secret data, and says no raise happened.
func TestCriticalIsNotRaised(t *testing.T) {
	d := doc(map[string]any{})
	d["systems"].(map[string]any)["system.vault"].(map[string]any)["kind"] = "removable_media"
	rep := evaluate(t, load(t), d, evaluator.Options{})
	r := find(rep, "BM-4.2.1-02", "system.vault")
	if r == nil || r.Severity != evaluator.Critical || r.BaseSeverity != evaluator.Critical || r.RaisedBy != nil {
		t.Errorf("storage-prohibited-media on top_secret data = %+v, want critical, unraised", r)
	}
}

func TestVerdict(t *testing.T) {
	rep := &evaluator.Report{Results: []*evaluator.Result{
		{Status: evaluator.Fail, Severity: evaluator.Critical},
		{Status: evaluator.Fail, Severity: evaluator.High},
		{Status: evaluator.Fail, Severity: evaluator.Low},
		{Status: evaluator.Fail, Severity: evaluator.Critical, Baselined: true},
		{Status: evaluator.Waived, Severity: evaluator.High},
		{Status: evaluator.Warn, Severity: evaluator.Critical},
		{Status: evaluator.Pass, Severity: evaluator.Critical},
	}}
	for _, tc := range []struct {
		failOn evaluator.Severity
		want   evaluator.Verdict
	}{
		{evaluator.Low, evaluator.Verdict{Status: evaluator.Fail, Failing: 3, Baselined: 1, Waived: 1}},
		{evaluator.High, evaluator.Verdict{Status: evaluator.Fail, Failing: 2, Baselined: 1, BelowThreshold: 1, Waived: 1}},
		{evaluator.Critical, evaluator.Verdict{Status: evaluator.Fail, Failing: 1, Baselined: 1, BelowThreshold: 2, Waived: 1}},
	} {
		if got := rep.Verdict(tc.failOn); got != tc.want {
			t.Errorf("fail on %s: verdict %+v, want %+v", tc.failOn, got, tc.want)
		}
		failing := 0
		for _, r := range rep.Results {
			if r.FailsGate(tc.failOn) {
				failing++
			}
		}
		if failing != tc.want.Failing {
			t.Errorf("fail on %s: %d results fail the gate, verdict says %d", tc.failOn, failing, tc.want.Failing)
		}
	}
	rep.Results[0].Baselined, rep.Results[1].Severity, rep.Results[2].Status = true, evaluator.Medium, evaluator.Pass
	if got := rep.Verdict(evaluator.High); got.Status != evaluator.Pass || got.Failing != 0 || got.BelowThreshold != 1 || got.Baselined != 2 {
		t.Errorf("no failure at or above high: verdict %+v, want pass with 1 below the threshold and 2 baselined", got)
	}
}

func TestWaivers(t *testing.T) {
	ps := load(t)
	waivers := map[string]any{
		"waiver.active":  map[string]any{"control": "storage-encrypted", "resource": "system.vault", "reason": "migration", "approved_by": "CISO", "expires": "2026-11-26"},
		"waiver.expired": map[string]any{"control": "BM-4.2.1-03", "resource": "system.vault", "reason": "old", "approved_by": "CISO", "expires": "2026-11-25"},
		"waiver.unused":  map[string]any{"control": "BM-4.2.1-04", "resource": "system.crm", "reason": "n/a", "approved_by": "CISO", "expires": "2027-01-01"},
		// Duplicates: one expiring earlier, one on the same day but later by
		// address, and one already expired.
		"waiver.earlier": map[string]any{"control": "BM-4.2.1-04", "resource": "system.crm", "reason": "n/a", "approved_by": "CISO", "expires": "2026-12-31"},
		"waiver.tie":     map[string]any{"control": "storage-encrypted", "resource": "system.vault", "reason": "same", "approved_by": "CISO", "expires": "2026-11-26"},
		"waiver.lapsed":  map[string]any{"control": "BM-4.2.1-04", "resource": "system.vault", "reason": "old", "approved_by": "CISO", "expires": "2026-01-01"},
	}
	rep := evaluate(t, ps, doc(waivers), evaluator.Options{})
	r := find(rep, "BM-4.2.1-04", "system.vault")
	if r.Status != evaluator.Waived || r.Waiver == nil || r.Waiver.ID != "waiver.active" || r.Waiver.Reason != "migration" || r.Waiver.Expires != "2026-11-26" {
		t.Errorf("a waiver expiring on the as-of date must still waive: %+v %+v", r, r.Waiver)
	}
	r = find(rep, "BM-4.2.1-03", "system.vault")
	if r.Status != evaluator.Fail || r.Waiver == nil || r.Waiver.Status != "expired" {
		t.Errorf("an expired waiver must waive nothing and be shown: %+v", r)
	}
	status := map[string]evaluator.WaiverStatus{}
	for _, w := range rep.Waivers {
		status[w.ID] = w.Status
	}
	want := map[string]evaluator.WaiverStatus{
		"waiver.active": evaluator.WaiverActive, "waiver.expired": evaluator.WaiverExpired, "waiver.unused": evaluator.WaiverUnused,
		"waiver.earlier": evaluator.WaiverSuperseded, "waiver.tie": evaluator.WaiverSuperseded, "waiver.lapsed": evaluator.WaiverExpired,
	}
	for id, s := range want {
		if status[id] != s {
			t.Errorf("%s status %q, want %q", id, status[id], s)
		}
	}
	if rep.Summary.Waived != 1 {
		t.Errorf("summary waived = %d, want 1", rep.Summary.Waived)
	}
}

func TestWaiverForUnknownControl(t *testing.T) {
	waivers := map[string]any{"waiver.typo": map[string]any{"control": "storage-encryptd", "resource": "system.vault", "reason": "x", "approved_by": "y", "expires": "2027-01-01"}}
	_, err := load(t).Evaluate(context.Background(), evaluator.Input{Document: doc(waivers)}, evaluator.Options{AsOf: "2026-11-26"})
	var ie *evaluator.InputError
	if !errors.As(err, &ie) || len(ie.Problems) != 1 {
		t.Fatalf("want one input problem, got %v", err)
	}
	p := ie.Problems[0]
	if p.Address != "waiver.typo" || p.Attribute != "control" || !strings.Contains(p.Message, "did you mean storage-encrypted?") {
		t.Errorf("problem = %+v", p)
	}
}

func TestSkipAndSettings(t *testing.T) {
	ps := load(t)
	rep := evaluate(t, ps, doc(map[string]any{}), evaluator.Options{Skip: []string{"storage-encrypted", "BM-4.2.1-03"}})
	for _, o := range rep.Controls {
		if o.Control.ID == "BM-4.2.1-04" || o.Control.ID == "BM-4.2.1-03" {
			t.Errorf("skipped control %s was evaluated", o.Control.ID)
		}
	}
	if rep.Summary.Controls != len(ps.Controls)-2 {
		t.Errorf("summary counts %d controls, want %d", rep.Summary.Controls, len(ps.Controls)-2)
	}
	_, err := ps.Evaluate(context.Background(), evaluator.Input{Document: doc(nil)}, evaluator.Options{AsOf: "2026-11-26", Skip: []string{"no-such"}})
	if err == nil {
		t.Error("skipping an unknown control must be an error")
	}
	_, err = ps.Evaluate(context.Background(), evaluator.Input{Document: doc(nil)},
		evaluator.Options{AsOf: "2026-11-26", Settings: map[string]any{"patch_max_age_dayz": 10, "backup_min_frequency": "hourly"}})
	if err == nil || !strings.Contains(err.Error(), `did you mean "patch_max_age_days"`) || !strings.Contains(err.Error(), "backup_min_frequency must be one of") {
		t.Errorf("bad settings must be reported, got %v", err)
	}
}

// TestSkippedControlIsNotEvaluated checks that --skip leaves a control out of
// the evaluation, not only out of the report: a control whose evaluation
// fails fails the run, and skipped, it does not.
func TestSkippedControlIsNotEvaluated(t *testing.T) {
	dir := writePolicy(t, `deny contains {"resource": "system.crm", "message": sprintf("%v", [to_number("not a number")])}`)
	ps, err := evaluator.Load(context.Background(), policies.FS, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	in := evaluator.Input{Document: doc(map[string]any{})}
	if _, err := ps.Evaluate(context.Background(), in, evaluator.Options{AsOf: "2026-11-26"}); err == nil || !strings.Contains(err.Error(), "policy evaluation failed") {
		t.Fatalf("a control whose evaluation fails: err = %v", err)
	}
	rep, err := ps.Evaluate(context.Background(), in, evaluator.Options{AsOf: "2026-11-26", Skip: []string{"x"}})
	if err != nil {
		t.Fatalf("the skipped control was evaluated: %v", err)
	}
	if !slices.Equal(rep.Skipped, []string{"X-1.1-01"}) {
		t.Errorf("Skipped = %v", rep.Skipped)
	}
}

func TestStringSetting(t *testing.T) {
	ps := load(t)
	rep := evaluate(t, ps, doc(map[string]any{}), evaluator.Options{Settings: map[string]any{"terraform_system_tag": "owner-system"}})
	if got := rep.Settings["terraform_system_tag"]; got != "owner-system" {
		t.Errorf("terraform_system_tag in force = %v, want owner-system", got)
	}
	for _, bad := range []any{"", "  ", 7} {
		_, err := ps.Evaluate(context.Background(), evaluator.Input{Document: doc(nil)},
			evaluator.Options{AsOf: "2026-11-26", Settings: map[string]any{"terraform_system_tag": bad}})
		if err == nil || !strings.Contains(err.Error(), "terraform_system_tag must be a non-empty string") {
			t.Errorf("terraform_system_tag %q: want a settings error, got %v", bad, err)
		}
	}
}

func TestTerraformWarningRaisedThroughLinkedSystem(t *testing.T) {
	d := doc(nil)
	d["terraform"] = map[string]any{
		"aws_ebs_volume.vault": map[string]any{"type": "aws_ebs_volume", "provider": "aws", "system": "system.vault", "values": map[string]any{}},
		"aws_ebs_volume.crm":   map[string]any{"type": "aws_ebs_volume", "provider": "aws", "system": "system.crm", "values": map[string]any{}},
	}
	rep := evaluate(t, load(t), d, evaluator.Options{})
	vault := find(rep, "BM-4.2.1-05", "aws_ebs_volume.vault")
	if vault == nil || vault.Status != evaluator.Warn || vault.Severity != evaluator.Critical {
		t.Errorf("a warning on storage linked to a system holding top_secret data is raised to critical: %+v", vault)
	}
	crm := find(rep, "BM-4.2.1-05", "aws_ebs_volume.crm")
	if crm == nil || crm.Status != evaluator.Warn || crm.Severity != evaluator.High {
		t.Errorf("a warning on other linked storage keeps the control's severity: %+v", crm)
	}
}

func TestWarnOnly(t *testing.T) {
	ps := load(t)
	var warnOnly []string
	for _, c := range ps.Controls {
		if c.WarnOnly() {
			warnOnly = append(warnOnly, c.ShortCode)
		}
	}
	if strings.Join(warnOnly, " ") != "storage-declared partner-nda-expiring" {
		t.Errorf("warning-only controls: %v", warnOnly)
	}
}

func TestUserPolicy(t *testing.T) {
	ps := load(t, "testdata/user")
	c := ps.Find("system-named")
	if c == nil || c.ID != "ACME-4.2.1-01" || c.Builtin {
		t.Fatalf("user control not loaded as a user control: %+v", c)
	}
	rep := evaluate(t, ps, doc(map[string]any{}), evaluator.Options{})
	r := find(rep, "ACME-4.2.1-01", "system.crm")
	if r == nil || r.Status != evaluator.Fail || r.Message != "system.crm has no name" || r.MessageZh != r.Message || r.Attribute != "name" {
		t.Errorf("user control result = %+v", r)
	}
	if r := find(rep, "ACME-4.2.1-01", "system.vault"); r == nil || r.Severity != evaluator.Medium {
		t.Errorf("user control findings on top_secret data are raised too: %+v", r)
	}
}

func writePolicy(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	src := `# METADATA
# title: t
# description: d
# custom:
#   id: X-1.1-01
#   short_code: x
#   article: "1.1"
#   severity: low
#   title_zh: t
#   remediation: r
#   remediation_zh: r
package user.x

applicable contains "system.crm"

` + body + "\n"
	if err := os.WriteFile(filepath.Join(dir, "x.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestForbiddenBuiltins(t *testing.T) {
	for _, call := range []string{
		`http.send({"method": "get", "url": "http://example.com"})`,
		`net.lookup_ip_addr("example.com")`,
		`opa.runtime()`,
		`time.now_ns()`,
		`rand.intn("x", 10)`,
		`uuid.rfc4122("x")`,
	} {
		name := call[:strings.Index(call, "(")]
		t.Run(name, func(t *testing.T) {
			dir := writePolicy(t, "deny contains {\"resource\": \"system.crm\", \"message\": sprintf(\"%v\", [x])} if x := "+call)
			_, err := evaluator.Load(context.Background(), policies.FS, []string{dir}, nil)
			if err == nil {
				t.Fatalf("a policy calling %s was accepted", name)
			}
			msg := err.Error()
			if !strings.Contains(msg, "x.rego:") || !strings.Contains(msg, name+" is not allowed: policies run sandboxed") {
				t.Errorf("unclear refusal: %s", msg)
			}
		})
	}
}

func TestPolicyContractErrors(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"no deny or warn", "", "defines neither deny nor warn"},
		{"syntax", "deny contains x if {", "x.rego:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := evaluator.Load(context.Background(), policies.FS, []string{writePolicy(t, tc.body)}, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
	_, err := evaluator.Load(context.Background(), policies.FS, []string{"testdata/no-such-dir"}, nil)
	if err == nil {
		t.Error("a missing policy folder must be an error")
	}
}

func TestTimeout(t *testing.T) {
	dir := writePolicy(t, `deny contains {"resource": "system.crm", "message": "slow"} if {
	some a in numbers.range(1, 100000)
	some b in numbers.range(1, 100000)
	a == b + 1000000
}`)
	ps, err := evaluator.Load(context.Background(), policies.FS, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err = ps.Evaluate(ctx, evaluator.Input{Document: doc(map[string]any{})}, evaluator.Options{AsOf: "2026-11-26"})
	var ee *evaluator.EvalError
	if !errors.As(err, &ee) || !ee.Timeout {
		t.Errorf("want a timeout error, got %v", err)
	}
}

func TestSeverity(t *testing.T) {
	for _, tc := range []struct{ in, want evaluator.Severity }{
		{evaluator.Low, evaluator.Medium}, {evaluator.Medium, evaluator.High},
		{evaluator.High, evaluator.Critical}, {evaluator.Critical, evaluator.Critical},
	} {
		if got := tc.in.Raised(); got != tc.want {
			t.Errorf("%s raised = %s, want %s", tc.in, got, tc.want)
		}
	}
	if _, err := evaluator.ParseSeverity("severe"); err == nil {
		t.Error("unknown severity accepted")
	}
	for i, s := range evaluator.Severities {
		if s.Rank() != len(evaluator.Severities)-i {
			t.Errorf("%s ranks %d", s, s.Rank())
		}
	}
	if evaluator.Severity(0).Rank() != 0 || evaluator.Severity(0).Raised() != 0 {
		t.Error("no severity ranks or raises")
	}
}

// TestNamesRoundTrip holds severities and statuses, kept as small numbers, to
// the names the JSON contract writes: every one reads back from its name, the
// zero value is "", and a name none has is refused.
func TestNamesRoundTrip(t *testing.T) {
	type named interface {
		String() string
		MarshalText() ([]byte, error)
	}
	check := func(v named, want string, read func(string) (named, error)) {
		t.Helper()
		text, _ := v.MarshalText()
		if v.String() != want || string(text) != want {
			t.Errorf("%v is written %q, want %q", v, text, want)
		}
		back, err := read(want)
		if err != nil || back != v {
			t.Errorf("%q reads as %v (%v)", want, back, err)
		}
	}
	readSeverity := func(s string) (named, error) {
		var v evaluator.Severity
		err := v.UnmarshalText([]byte(s))
		return v, err
	}
	readStatus := func(s string) (named, error) {
		var v evaluator.Status
		err := v.UnmarshalText([]byte(s))
		return v, err
	}
	for s, name := range map[evaluator.Severity]string{0: "", evaluator.Critical: "critical", evaluator.High: "high",
		evaluator.Medium: "medium", evaluator.Low: "low"} {
		check(s, name, readSeverity)
	}
	for s, name := range map[evaluator.Status]string{0: "", evaluator.Pass: "pass", evaluator.Fail: "fail", evaluator.Warn: "warn",
		evaluator.Waived: "waived", evaluator.NotApplicable: "not_applicable", evaluator.NotJudged: "not_judged"} {
		check(s, name, readStatus)
	}
	for _, read := range []func(string) (named, error){readSeverity, readStatus} {
		var unknown *evaluator.UnknownNameError
		if _, err := read("severe"); !errors.As(err, &unknown) || unknown.Name != "severe" {
			t.Errorf("an unknown name gave %v", err)
		}
	}
	b, err := json.Marshal(map[string]any{"s": evaluator.High, "t": evaluator.NotApplicable, "m": map[evaluator.Status]int{evaluator.Fail: 1}})
	if err != nil || string(b) != `{"m":{"fail":1},"s":"high","t":"not_applicable"}` {
		t.Errorf("JSON %s (%v)", b, err)
	}
}

func TestCompareArticles(t *testing.T) {
	if evaluator.CompareArticles("4.2.10", "4.2.9") <= 0 || evaluator.CompareArticles("2.1", "4.1.1") >= 0 || evaluator.CompareArticles("4.7", "4.7") != 0 {
		t.Error("articles must order numerically, part by part")
	}
}

// TestFindingsCombine pins how a control's sets become results: one result per
// resource it applies to or has a finding on, sorted by resource; a failure
// overrides warnings, which override a pass; the messages of the deciding
// findings join in order and the first attribute named is kept.
func TestFindingsCombine(t *testing.T) {
	dir := writePolicy(t, `applicable contains "system.vault"

applicable contains "system.spare"

warn contains {"resource": "system.crm", "message": "w crm", "attribute": "kind"}

warn contains {"resource": "system.vault", "message": "w vault"}

deny contains {"resource": "system.crm", "message": "b crm", "message_zh": "乙"}

deny contains {"resource": "system.crm", "message": "a crm", "attribute": "name"}

deny contains {"resource": "system.zz", "message": "z", "attribute": "site"}`)
	rep := evaluate(t, load(t, dir), doc(map[string]any{}), evaluator.Options{})
	var got []string
	for _, r := range rep.Results {
		if r.Control.ID == "X-1.1-01" {
			got = append(got, strings.Join([]string{r.Resource, r.Status.String(), r.Message, r.MessageZh, r.Attribute}, "|"))
		}
	}
	want := []string{
		"system.crm|fail|a crm; b crm|a crm; 乙|name",
		"system.spare|pass|||",
		"system.vault|warn|w vault|w vault|",
		"system.zz|fail|z|z|site",
	}
	if !slices.Equal(got, want) {
		t.Errorf("results:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
