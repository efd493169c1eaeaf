package compare

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/report"
)

// result builds a result from "CONTROL RESOURCE STATUS"; article is taken from the id.
func result(line string) report.JSONResult {
	f := strings.Fields(line)
	article := strings.TrimPrefix(f[0][:strings.LastIndex(f[0], "-")], "BM-")
	return report.JSONResult{Control: f[0], Article: article, Severity: evaluator.High, Resource: f[1], Status: mustStatus(f[2]), Message: f[0] + " on " + f[1]}
}

func rep(asOf string, lines ...string) *report.JSONReport {
	r := &report.JSONReport{Tool: report.JSONTool{Name: "baomi", Version: "0.1.0"}, AsOf: asOf, Results: []report.JSONResult{}, Waivers: []*evaluator.WaiverInfo{}}
	for _, l := range lines {
		r.Results = append(r.Results, result(l))
	}
	return r
}

func keys(cs []Change) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.Control+" "+c.Resource+" "+c.Before+"→"+c.After)
	}
	return out
}

func TestCompare(t *testing.T) {
	older := rep("2026-08-31",
		"BM-4.2.1-04 system.db pass",         // regresses
		"BM-4.2.3-01 system.db fail",         // fixed: passes now
		"BM-4.2.3-01 system.gone fail",       // fixed: the resource is gone
		"BM-4.3.1-01 system.db fail",         // still failing
		"BM-4.6.1-02 system.db fail",         // newly waived
		"BM-4.2.3-03 system.dw waived",       // waiver expired since
		"BM-4.5.1-04 partner.p warn",         // warn → fail: newly failing
		"BM-4.10.1-01 system.db pass",        // article order: 4.10 after 4.2
		"BM-2.1-01 organization.acme waived", // stays waived: not newly waived
	)
	older.Results[5].Waiver = &evaluator.WaiverInfo{ID: "waiver.dw", Control: "BM-4.2.3-03", Resource: "system.dw", Expires: "2026-09-30", Status: "active"}
	older.Waivers = []*evaluator.WaiverInfo{
		{ID: "waiver.dw", Control: "BM-4.2.3-03", Resource: "system.dw", Expires: "2026-09-30", Status: "active"},
		{ID: "waiver.old", Control: "BM-4.3.1-01", Resource: "system.x", Expires: "2026-01-01", Status: "expired"},
		{ID: "waiver.unused", Control: "BM-4.4.1-01", Resource: "destruction.d", Expires: "2026-10-01", Status: "unused"},
	}
	newer := rep("2026-11-30",
		"BM-4.2.1-04 system.db fail",
		"BM-4.2.1-04 system.new fail", // a new resource that fails
		"BM-4.2.3-01 system.db pass",
		"BM-4.3.1-01 system.db fail",
		"BM-4.6.1-02 system.db waived",
		"BM-4.2.3-03 system.dw fail",
		"BM-4.5.1-04 partner.p fail",
		"BM-4.10.1-01 system.db fail",
		"BM-2.1-01 organization.acme waived",
	)
	newer.Results[4].Waiver = &evaluator.WaiverInfo{ID: "waiver.patch", Control: "BM-4.6.1-02", Resource: "system.db", Expires: "2027-03-31", Status: "active"}
	newer.Results[5].Waiver = &evaluator.WaiverInfo{ID: "waiver.dw", Control: "BM-4.2.3-03", Resource: "system.dw", Expires: "2026-09-30", Status: "expired"}
	newer.Waivers = []*evaluator.WaiverInfo{
		{ID: "waiver.dw", Control: "BM-4.2.3-03", Resource: "system.dw", Expires: "2026-09-30", Status: "expired"},
		{ID: "waiver.old", Control: "BM-4.3.1-01", Resource: "system.x", Expires: "2026-01-01", Status: "expired"},
		{ID: "waiver.patch", Control: "BM-4.6.1-02", Resource: "system.db", Expires: "2027-03-31", Status: "active"},
		{ID: "waiver.unused", Control: "BM-4.4.1-01", Resource: "destruction.d", Expires: "2026-10-01", Status: "expired"},
	}
	d := Compare(older, newer)
	for _, tc := range []struct {
		name string
		got  []Change
		want []string
	}{
		{"newly failing", d.NewlyFailing, []string{
			"BM-4.2.1-04 system.db pass→fail",
			"BM-4.2.1-04 system.new absent→fail",
			"BM-4.2.3-03 system.dw waived→fail",
			"BM-4.5.1-04 partner.p warn→fail",
			"BM-4.10.1-01 system.db pass→fail",
		}},
		{"fixed", d.Fixed, []string{
			"BM-4.2.3-01 system.db fail→pass",
			"BM-4.2.3-01 system.gone fail→absent",
			"BM-4.6.1-02 system.db fail→waived",
		}},
		{"still failing", d.StillFailing, []string{"BM-4.3.1-01 system.db fail→fail"}},
		{"newly waived", d.NewlyWaived, []string{"BM-4.6.1-02 system.db fail→waived"}},
	} {
		if got := keys(tc.got); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
	if w := d.NewlyWaived[0].Waiver; w == nil || w.ID != "waiver.patch" {
		t.Errorf("the newly waived result names its waiver: %+v", w)
	}
	if d.Fixed[1].Message != "BM-4.2.3-01 on system.gone" {
		t.Errorf("a fixed result keeps the finding it had: %q", d.Fixed[1].Message)
	}
	wantExpired := []ExpiredWaiver{
		{ID: "waiver.dw", Control: "BM-4.2.3-03", Resource: "system.dw", Expires: "2026-09-30", Before: "active", Result: "fail"},
		{ID: "waiver.unused", Control: "BM-4.4.1-01", Resource: "destruction.d", Expires: "2026-10-01", Before: "unused", Result: Absent},
	}
	if !reflect.DeepEqual(d.WaiversExpired, wantExpired) {
		t.Errorf("waivers expired since:\n got %+v\nwant %+v", d.WaiversExpired, wantExpired)
	}
	if want := (Counts{NewlyFailing: 5, Fixed: 3, StillFailing: 1, NewlyWaived: 1, WaiversExpired: 2}); d.Counts != want {
		t.Errorf("counts %+v, want %+v", d.Counts, want)
	}

	same := Compare(newer, newer)
	if same.Counts.NewlyFailing != 0 || same.Counts.Fixed != 0 || same.Counts.WaiversExpired != 0 || same.Counts.StillFailing != 6 {
		t.Errorf("a report against itself: %+v", same.Counts)
	}
}

func TestWrite(t *testing.T) {
	older := rep("2026-08-31", "BM-4.2.1-04 system.db pass", "BM-4.3.1-01 system.db fail")
	newer := rep("2026-11-30", "BM-4.2.1-04 system.db fail", "BM-4.3.1-01 system.db pass")
	newer.Results[0].Message = "a | pipe\nand a \x1b[31mcontrol sequence"
	newer.Results[0].MessageZh = "中文发现"
	d := Compare(older, newer)
	for _, lang := range []string{"en", "zh"} {
		for _, f := range Formats {
			var b bytes.Buffer
			if err := Write(&b, f, d, lang); err != nil {
				t.Fatalf("%s %s: %v", f, lang, err)
			}
			out := b.String()
			if f != "json" && strings.Contains(out, "\x1b") {
				t.Errorf("%s %s passes a control character through", f, lang)
			}
			if f == "markdown" && lang == "en" && !strings.Contains(out, `a \| pipe and a`) {
				t.Errorf("markdown cell not escaped:\n%s", out)
			}
			if f == "table" && !strings.Contains(out, map[string]string{"en": "1 newly failing, 1 fixed", "zh": "新增未通过 1,已修复 1"}[lang]) {
				t.Errorf("%s table summary:\n%s", lang, out)
			}
			if f != "json" && lang == "zh" && !strings.Contains(out, "中文发现") {
				t.Errorf("%s zh uses the Chinese message:\n%s", f, out)
			}
			if f == "json" {
				var back Diff
				if err := json.Unmarshal(b.Bytes(), &back); err != nil || back.Counts != d.Counts || back.Old.AsOf != "2026-08-31" {
					t.Errorf("json round trip: %v %+v", err, back)
				}
			}
		}
	}
	if err := Write(&bytes.Buffer{}, "sarif", d, "en"); err == nil {
		t.Error("an unknown format must be refused")
	}
}

// recordedRep is rep with the records of how it was made.
func recordedRep(asOf string, lines ...string) *report.JSONReport {
	r := rep(asOf, lines...)
	r.Inputs = []report.JSONInput{
		{Path: "inv/a.hcl", Kind: "inventory", SHA256: "aa"},
		{Path: "inv/sub/b.hcl", Kind: "inventory", SHA256: "bb"},
	}
	r.Policies = &report.JSONPolicies{SHA256: "0123456789abcdef", User: []string{}}
	r.Settings = map[string]any{"patch_max_age_days": json.Number("30"), "backup_min_frequency": "weekly"}
	r.Skipped = []string{}
	r.FailOn = evaluator.Low
	return r
}

// TestSkippedIsNotFixed: a failure whose control the newer audit skipped is no
// longer checked, never fixed; one whose control the older audit skipped and
// that fails now is newly failing, and says it was not checked before.
func TestSkippedIsNotFixed(t *testing.T) {
	older := recordedRep("2026-08-31", "BM-2.3-01 department.d fail", "BM-4.2.1-04 system.db pass")
	older.Skipped = []string{"BM-4.3.1-01"}
	newer := recordedRep("2026-11-30", "BM-4.3.1-01 system.db fail", "BM-4.2.1-04 system.db pass")
	newer.Skipped = []string{"BM-2.3-01"}
	d := Compare(older, newer)
	if got := keys(d.NoLongerChecked); !reflect.DeepEqual(got, []string{"BM-2.3-01 department.d fail→not_checked"}) {
		t.Errorf("no longer checked: %q", got)
	}
	if len(d.Fixed) != 0 {
		t.Errorf("a skipped control's failure counted as fixed: %q", keys(d.Fixed))
	}
	if got := keys(d.NewlyFailing); !reflect.DeepEqual(got, []string{"BM-4.3.1-01 system.db not_checked→fail"}) {
		t.Errorf("newly failing: %q", got)
	}
	if !reflect.DeepEqual(d.Context.NoLongerChecked, []string{"BM-2.3-01"}) || !reflect.DeepEqual(d.Context.NewlyChecked, []string{"BM-4.3.1-01"}) {
		t.Errorf("context %+v", d.Context)
	}
	if d.Counts.NoLongerChecked != 1 {
		t.Errorf("counts %+v", d.Counts)
	}
}

// TestContext: what differs in how the reports were made is stated; reports of
// an older baomi still compare, saying what cannot be.
func TestContext(t *testing.T) {
	older := recordedRep("2026-11-30", "BM-2.3-01 department.d fail")
	newer := recordedRep("2026-08-31", "BM-2.3-01 department.d fail")
	newer.Inputs = []report.JSONInput{
		{Path: "/tmp/copy/a.hcl", Kind: "inventory", SHA256: "aa"},
		{Path: "/tmp/copy/sub/b.hcl", Kind: "inventory", SHA256: "b2"},
		{Path: "/tmp/copy/c.hcl", Kind: "inventory", SHA256: "cc"},
	}
	newer.Policies = &report.JSONPolicies{SHA256: "fedcba9876543210", User: []string{"mine"}}
	newer.Settings = map[string]any{"patch_max_age_days": json.Number("14"), "backup_min_frequency": "weekly"}
	newer.FailOn = evaluator.High
	d := Compare(older, newer)
	x := d.Context
	if !x.Reversed || !reflect.DeepEqual(x.InputsChanged, []string{"sub/b.hcl"}) || !reflect.DeepEqual(x.InputsAdded, []string{"c.hcl"}) ||
		len(x.InputsRemoved) != 0 || x.Policies == nil || len(x.Settings) != 1 || x.Settings[0].Name != "patch_max_age_days" ||
		!reflect.DeepEqual(x.FailOn, []string{"low", "high"}) || len(x.Unrecorded) != 0 {
		t.Errorf("context %+v", x)
	}
	for lang, want := range map[string][]string{
		"en": {
			"warning: the newer report (as of 2026-08-31) is dated before the older one (as of 2026-11-30)",
			"inputs differ: changed sub/b.hcl; added c.hcl",
			"policies differ: sha256 0123456789ab → fedcba987654; user policy folders none → mine",
			"settings differ: patch_max_age_days 30 → 14",
			"fail_on differs: low → high",
		},
		"zh": {"警告:新报告(评估基准日 2026-08-31)早于旧报告", "输入文件不同:修改 sub/b.hcl;新增 c.hcl", "设置不同:patch_max_age_days 30 → 14"},
	} {
		for _, format := range []string{"table", "markdown"} {
			var b bytes.Buffer
			if err := Write(&b, format, d, lang); err != nil {
				t.Fatal(err)
			}
			head := b.String()[:strings.Index(b.String(), text(lang, "Newly failing", "新增未通过"))]
			for _, w := range want {
				if !strings.Contains(head, w) {
					t.Errorf("%s %s: %q not stated before the changes:\n%s", format, lang, w, head)
				}
			}
		}
	}

	old := rep("2026-08-31", "BM-2.3-01 department.d fail") // an older baomi's report: no records
	d = Compare(old, recordedRep("2026-11-30"))
	if !reflect.DeepEqual(d.Context.Unrecorded, []string{"old"}) || len(d.Context.InputsAdded) != 0 || len(d.Fixed) != 1 {
		t.Errorf("against an older baomi's report: %+v, fixed %q", d.Context, keys(d.Fixed))
	}
	var b bytes.Buffer
	if err := Write(&b, "table", d, "en"); err != nil || !strings.Contains(b.String(), "the older report does not record its inputs, policies or settings (baomi 0.1.0)") {
		t.Errorf("%v\n%s", err, b.String())
	}
}

// TestTerraformInputsKeepTheInventorysNames: a Terraform input added beside the
// inventory is added, and the inventory's files keep their names; a Terraform
// file whose bytes changed is changed.
func TestTerraformInputsKeepTheInventorysNames(t *testing.T) {
	older := recordedRep("2026-11-30", "BM-2.3-01 department.d fail")
	newer := recordedRep("2026-11-30", "BM-2.3-01 department.d fail")
	newer.Inputs = append(newer.Inputs, report.JSONInput{Path: "infra/main.tf", Kind: "terraform", SHA256: "t1"},
		report.JSONInput{Path: "inv/infra/plan.json", Kind: "terraform", SHA256: "p1"})
	x := Compare(older, newer).Context
	if !reflect.DeepEqual(x.InputsAdded, []string{"infra/main.tf", "infra/plan.json"}) || len(x.InputsRemoved) != 0 || len(x.InputsChanged) != 0 {
		t.Errorf("Terraform inputs added: added %q, removed %q, changed %q", x.InputsAdded, x.InputsRemoved, x.InputsChanged)
	}
	later := recordedRep("2026-11-30", "BM-2.3-01 department.d fail")
	later.Inputs = append(later.Inputs, report.JSONInput{Path: "infra/main.tf", Kind: "terraform", SHA256: "t2"},
		report.JSONInput{Path: "inv/infra/plan.json", Kind: "terraform", SHA256: "p1"})
	x = Compare(newer, later).Context
	if !reflect.DeepEqual(x.InputsChanged, []string{"infra/main.tf"}) || len(x.InputsAdded) != 0 || len(x.InputsRemoved) != 0 {
		t.Errorf("a Terraform file changed: added %q, removed %q, changed %q", x.InputsAdded, x.InputsRemoved, x.InputsChanged)
	}
}

// TestLabelsComeFromTheVocabulary keeps a comparison's words those of every
// other view: a waiver in force is 有效 here as in the HTML report.
func TestLabelsComeFromTheVocabulary(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{waiverText("active", "zh"), "有效"},
		{waiverText("superseded", "zh"), "已被取代"},
		{waiverText(Absent, "zh"), "无结果"},
		{waiverText("active", "en"), "active"},
		{statusText("fail", "zh"), "未通过"},
		{statusText(NotChecked, "zh"), "未检查"},
		{statusText(NotChecked, "en"), "not_checked"},
		{severityText("critical", "zh"), "严重"},
		{severityText("critical", "en"), "critical"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// mustStatus is the status named s, which a test writes.
func mustStatus(s string) evaluator.Status {
	st, err := evaluator.ParseStatus(s)
	if err != nil {
		panic(err)
	}
	return st
}
