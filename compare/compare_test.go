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
	return report.JSONResult{Control: f[0], Article: article, Severity: "high", Resource: f[1], Status: evaluator.Status(f[2]), Message: f[0] + " on " + f[1]}
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
