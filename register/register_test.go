package register

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/policies"
)

const asOf = "2026-11-26"

// doc builds an input document from collections given as address → attributes.
func doc(collections map[string]map[string]map[string]any) map[string]any {
	out := map[string]any{}
	for name, coll := range collections {
		m := map[string]any{}
		for addr, attrs := range coll {
			m[addr] = attrs
		}
		out[name] = m
	}
	return out
}

func list(items ...any) []any { return items }

var assets = map[string]map[string]any{
	"data_asset.contacts": {"category": "identity", "classification": "confidential"},
	"data_asset.cards":    {"category": "sensitive", "classification": "top_secret"},
	"data_asset.leads":    {"category": "identity", "classification": "secret"},
}

func ndaBlock(partner, signed, expires string, covers ...any) map[string]any {
	ag := map[string]any{"partner": partner, "kind": "nda", "signed": signed,
		"confidentiality_obligations": true, "scope_of_use": list("delivery"), "liability": true, "covers": covers}
	if expires != "" {
		ag["expires"] = expires
	}
	return ag
}

var (
	loadOnce sync.Once
	loaded   *evaluator.Policies
	loadErr  error
)

// builtin loads the built-in policies once for every test.
func builtin(t *testing.T) *evaluator.Policies {
	t.Helper()
	loadOnce.Do(func() { loaded, loadErr = evaluator.Load(context.Background(), policies.FS, nil, nil) })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}

// evaluate runs the built-in policies over d as of asOf: the register renders
// the facts and results of this one evaluation.
func evaluate(t *testing.T, d map[string]any, settings map[string]any) *evaluator.Report {
	t.Helper()
	rep, err := builtin(t).Evaluate(context.Background(), evaluator.Input{Document: d}, evaluator.Options{AsOf: asOf, Settings: settings, Partners: true})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// build makes the register of d from one evaluation.
func build(t *testing.T, d map[string]any, settings map[string]any) []Partner {
	t.Helper()
	return Build(evaluate(t, d, settings))
}

// buildWith makes the register of d's facts with the results of rep instead of
// the evaluation's own, to test how statuses make a standing.
func buildWith(t *testing.T, d map[string]any, rep *evaluator.Report) []Partner {
	t.Helper()
	rep.Facts = evaluate(t, d, nil).Facts
	return Build(rep)
}

// report builds an evaluator report from "CONTROL RESOURCE STATUS" lines.
func report(lines ...string) *evaluator.Report {
	rep := &evaluator.Report{AsOf: asOf}
	for _, l := range lines {
		f := strings.Fields(l)
		rep.Results = append(rep.Results, &evaluator.Result{Control: &evaluator.Control{ID: f[0]}, Resource: f[1], Status: mustStatus(f[2])})
	}
	return rep
}

func find(t *testing.T, ps []Partner, addr string) Partner {
	t.Helper()
	for _, p := range ps {
		if p.Address == addr {
			return p
		}
	}
	t.Fatalf("%s is not in the register", addr)
	return Partner{}
}

func addresses(ps []Partner) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Address)
	}
	return out
}

func TestCover(t *testing.T) {
	for _, tc := range []struct {
		name       string
		agreements map[string]map[string]any
		status     string
		lapses     string
		daysLeft   int
		uncovered  []string
		states     map[string]string
		coveredBy  []string
	}{
		{
			name:       "one NDA with an end",
			agreements: map[string]map[string]any{"agreement.n": ndaBlock("partner.p", "2025-01-01", "2026-12-31", "data_asset.contacts")},
			status:     evaluator.CoverLapses, lapses: "2026-12-31", daysLeft: 35, uncovered: []string{},
			states: map[string]string{"agreement.n": "in_force"}, coveredBy: []string{"agreement.n"},
		},
		{
			name: "two NDAs at once, one expired: only the one in force covers",
			agreements: map[string]map[string]any{
				"agreement.old": ndaBlock("partner.p", "2023-01-01", "2025-12-31", "data_asset.contacts"),
				"agreement.new": ndaBlock("partner.p", "2026-01-01", "2028-01-04", "data_asset.contacts"),
			},
			status: evaluator.CoverLapses, lapses: "2028-01-04", daysLeft: 404, uncovered: []string{},
			states: map[string]string{"agreement.old": "expired", "agreement.new": "in_force"}, coveredBy: []string{"agreement.new"},
		},
		{
			name: "two NDAs in force on the same data: the later end counts",
			agreements: map[string]map[string]any{
				"agreement.a": ndaBlock("partner.p", "2025-01-01", "2027-03-01", "data_asset.contacts"),
				"agreement.b": ndaBlock("partner.p", "2025-06-01", "2026-12-01", "data_asset.contacts"),
			},
			status: evaluator.CoverLapses, lapses: "2027-03-01", daysLeft: 95, uncovered: []string{},
			states: map[string]string{"agreement.a": "in_force", "agreement.b": "in_force"}, coveredBy: []string{"agreement.a", "agreement.b"},
		},
		{
			name: "an NDA with no end outlasts one that ends",
			agreements: map[string]map[string]any{
				"agreement.a": ndaBlock("partner.p", "2025-01-01", "", "data_asset.contacts"),
				"agreement.b": ndaBlock("partner.p", "2025-06-01", "2026-12-01", "data_asset.contacts"),
			},
			status: evaluator.CoverOngoing, uncovered: []string{},
			states: map[string]string{"agreement.a": "in_force", "agreement.b": "in_force"}, coveredBy: []string{"agreement.a", "agreement.b"},
		},
		{
			name:       "an NDA signed after the as-of date is not in force",
			agreements: map[string]map[string]any{"agreement.n": ndaBlock("partner.p", "2026-12-01", "2028-11-30", "data_asset.contacts")},
			status:     evaluator.CoverMissing, uncovered: []string{"data_asset.contacts"},
			states: map[string]string{"agreement.n": "not_yet_signed"}, coveredBy: []string{},
		},
		{
			name:       "an NDA that expired leaves the cover lapsed",
			agreements: map[string]map[string]any{"agreement.n": ndaBlock("partner.p", "2023-01-01", "2025-12-31", "data_asset.contacts")},
			status:     evaluator.CoverLapsed, uncovered: []string{"data_asset.contacts"},
			states: map[string]string{"agreement.n": "expired"}, coveredBy: []string{},
		},
		{
			name: "a dpa does not count as an NDA",
			agreements: map[string]map[string]any{"agreement.d": func() map[string]any {
				ag := ndaBlock("partner.p", "2025-01-01", "", "data_asset.contacts")
				ag["kind"] = "dpa"
				return ag
			}()},
			status: evaluator.CoverMissing, uncovered: []string{"data_asset.contacts"}, states: map[string]string{}, coveredBy: []string{},
		},
		{
			name:       "another partner's NDA does not count",
			agreements: map[string]map[string]any{"agreement.n": ndaBlock("partner.other", "2025-01-01", "", "data_asset.contacts")},
			status:     evaluator.CoverMissing, uncovered: []string{"data_asset.contacts"}, states: map[string]string{}, coveredBy: []string{},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := doc(map[string]map[string]map[string]any{
				"data_assets": assets,
				"partners":    {"partner.p": {"receives": list("data_asset.contacts")}, "partner.other": {}},
				"agreements":  tc.agreements,
			})
			p := find(t, build(t, d, nil), "partner.p")
			if p.Cover.Status != tc.status {
				t.Errorf("cover %s, want %s", p.Cover.Status, tc.status)
			}
			if tc.lapses != "" && (p.Cover.Lapses == nil || *p.Cover.Lapses != tc.lapses || *p.Cover.DaysLeft != tc.daysLeft) {
				t.Errorf("cover lapses %v (%v days), want %s (%d days)", p.Cover.Lapses, p.Cover.DaysLeft, tc.lapses, tc.daysLeft)
			}
			if !reflect.DeepEqual(p.Uncovered, tc.uncovered) {
				t.Errorf("uncovered %v, want %v", p.Uncovered, tc.uncovered)
			}
			states := map[string]string{}
			for _, n := range p.NDAs {
				states[n.Address] = n.State
				if n.InForce != (n.State == "in_force") {
					t.Errorf("%s: in_force %v but state %s", n.Address, n.InForce, n.State)
				}
			}
			if !reflect.DeepEqual(states, tc.states) {
				t.Errorf("NDA states %v, want %v", states, tc.states)
			}
			if got := p.Receives[0].CoveredBy; !reflect.DeepEqual(got, tc.coveredBy) {
				t.Errorf("covered by %v, want %v", got, tc.coveredBy)
			}
		})
	}
}

func TestExpiringWindow(t *testing.T) {
	d := doc(map[string]map[string]map[string]any{
		"data_assets": assets,
		"partners": {
			"partner.soon":    {"receives": list("data_asset.contacts")},
			"partner.later":   {"receives": list("data_asset.contacts")},
			"partner.forever": {"receives": list("data_asset.contacts")},
			"partner.none":    {"receives": list("data_asset.contacts")},
			"partner.idle":    {},
		},
		"agreements": {
			"agreement.soon":    ndaBlock("partner.soon", "2025-01-01", "2026-12-26", "data_asset.contacts"),
			"agreement.later":   ndaBlock("partner.later", "2025-01-01", "2027-06-01", "data_asset.contacts"),
			"agreement.forever": ndaBlock("partner.forever", "2025-01-01", "", "data_asset.contacts"),
		},
	})
	ps := build(t, d, nil)
	for _, tc := range []struct {
		days int
		want []string
	}{
		{29, []string{"partner.none"}},
		{30, []string{"partner.none", "partner.soon"}},
		{187, []string{"partner.none", "partner.soon", "partner.later"}},
		{10000, []string{"partner.none", "partner.soon", "partner.later"}},
	} {
		if got := addresses(Expiring(ps, tc.days)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("--expiring %d: %v, want %v", tc.days, got, tc.want)
		}
	}
	if soon := find(t, ps, "partner.soon"); !soon.Cover.ExpiringSoon {
		t.Error("a cover lapsing in 30 days is inside the 60-day warning window")
	}
	if later := find(t, ps, "partner.later"); later.Cover.ExpiringSoon {
		t.Error("a cover lapsing in 187 days is outside the 60-day warning window")
	}
	if soon := find(t, build(t, d, map[string]any{"nda_expiry_warning_days": 30}), "partner.soon"); soon.Cover.ExpiringSoon {
		t.Error("BM-4.5.1-04 warns when cover ends before the window's end: 30 days out is not before it")
	}
}

func TestRiskOrder(t *testing.T) {
	d := doc(map[string]map[string]map[string]any{
		"data_assets": assets,
		"partners": {
			"partner.a_failing": {"receives": list("data_asset.contacts")},
			"partner.b_ok":      {"receives": list("data_asset.contacts")},
			"partner.c_ok":      {"receives": list("data_asset.contacts")},
			"partner.d_ok":      {"receives": list("data_asset.contacts")},
			"partner.e_idle":    {},
			"partner.z_cards":   {"receives": list("data_asset.cards", "data_asset.contacts")},
		},
		"agreements": {
			"agreement.a": ndaBlock("partner.a_failing", "2025-01-01", "", "data_asset.contacts"),
			"agreement.b": ndaBlock("partner.b_ok", "2025-01-01", "", "data_asset.contacts"),
			"agreement.c": ndaBlock("partner.c_ok", "2025-01-01", "2027-02-01", "data_asset.contacts"),
			"agreement.d": ndaBlock("partner.d_ok", "2025-01-01", "2026-12-15", "data_asset.contacts"),
			"agreement.z": ndaBlock("partner.z_cards", "2025-01-01", "2026-12-01", "data_asset.contacts"),
		},
	})
	rep := report(
		"BM-4.5.2-01 partner.a_failing fail",
		"BM-4.5.1-01 partner.b_ok pass",
		"BM-4.5.1-01 partner.c_ok pass",
		"BM-4.5.1-01 partner.d_ok pass",
		"BM-4.5.1-03 partner.z_cards fail",
	)
	got := addresses(buildWith(t, d, rep))
	want := []string{"partner.z_cards", "partner.a_failing", "partner.d_ok", "partner.c_ok", "partner.b_ok", "partner.e_idle"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("risk order %v, want %v", got, want)
	}
}

func TestUncoveredTopSecretFirstEvenWhenNotFailing(t *testing.T) {
	d := doc(map[string]map[string]map[string]any{
		"data_assets": assets,
		"partners": {
			"partner.a": {"receives": list("data_asset.contacts")},
			"partner.z": {"receives": list("data_asset.cards")},
		},
	})
	rep := report("BM-4.5.1-01 partner.a fail", "BM-4.5.1-01 partner.z waived")
	ps := buildWith(t, d, rep)
	if got := addresses(ps); !reflect.DeepEqual(got, []string{"partner.z", "partner.a"}) {
		t.Errorf("order %v: uncovered top_secret data comes first", got)
	}
	if ps[0].Standing != OK || ps[1].Standing != AtRisk {
		t.Errorf("standings %s, %s", ps[0].Standing, ps[1].Standing)
	}
}

func TestLatestAssessment(t *testing.T) {
	for _, tc := range []struct {
		name        string
		assessments []any
		date        string
		result      string
		age         int
	}{
		{"latest by date, not the last written", list(
			map[string]any{"date": "2026-08-20", "result": "pass"},
			map[string]any{"date": "2024-11-02", "result": "conditional"},
		), "2026-08-20", "pass", 98},
		{"undated and future ones are ignored", list(
			map[string]any{"result": "fail"},
			map[string]any{"date": "2027-01-01", "result": "fail"},
			map[string]any{"date": "2026-03-01", "result": "conditional"},
		), "2026-03-01", "conditional", 270},
		{"the worst of the latest day counts", list(
			map[string]any{"date": "2026-06-01", "result": "pass"},
			map[string]any{"date": "2026-06-01", "result": "fail"},
			map[string]any{"date": "2026-06-01", "result": "conditional"},
		), "2026-06-01", "fail", 178},
		{"one dated on the as-of date counts", list(
			map[string]any{"date": "2026-11-26", "result": "pass"},
		), "2026-11-26", "pass", 0},
		{"none usable", list(map[string]any{"date": "2026-12-01", "result": "pass"}), "", "", 0},
		{"no block", nil, "", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			partner := map[string]any{"receives": list("data_asset.contacts")}
			if tc.assessments != nil {
				partner["security_assessment"] = tc.assessments
			}
			d := doc(map[string]map[string]map[string]any{"data_assets": assets, "partners": {"partner.p": partner}})
			a := find(t, build(t, d, nil), "partner.p").Assessment
			switch {
			case tc.date == "" && a != nil:
				t.Errorf("assessment %+v, want none", *a)
			case tc.date == "":
			case a == nil:
				t.Errorf("no assessment, want %s %s", tc.date, tc.result)
			case a.Date != tc.date || a.Result == nil || *a.Result != tc.result:
				t.Errorf("assessment %s %v, want %s %s", a.Date, a.Result, tc.date, tc.result)
			case a.AgeDays != tc.age || a.Stale:
				t.Errorf("age %d (stale %v), want %d, not stale", a.AgeDays, a.Stale, tc.age)
			}
		})
	}
}

func TestReceivingByTransferOnly(t *testing.T) {
	d := doc(map[string]map[string]map[string]any{
		"data_assets": assets,
		"channels":    {"channel.sftp": {"kind": "sftp", "encrypted": true}},
		"partners":    {"partner.t": {"monitoring": map[string]any{"method": "Secret method", "last_review": "2026-10-01"}}},
		"transfers": {
			"transfer.b": {"asset": "data_asset.cards", "channel": "channel.sftp", "to": "partner.t"},
			"transfer.a": {"asset": "data_asset.cards", "channel": "channel.courier", "to": "partner.t"},
			"transfer.x": {"asset": "data_asset.leads", "channel": "channel.sftp", "to": "department.ops"},
		},
	})
	rep := report("BM-4.5.1-01 partner.t fail")
	p := find(t, buildWith(t, d, rep), "partner.t")
	if p.Standing != AtRisk {
		t.Errorf("standing %s", p.Standing)
	}
	if len(p.Receives) != 1 || p.Receives[0].Address != "data_asset.cards" ||
		!reflect.DeepEqual(p.Receives[0].Via, []string{"transfer.a", "transfer.b"}) || *p.Receives[0].Classification != "top_secret" {
		t.Errorf("receives %+v", p.Receives)
	}
	if len(p.Channels) != 2 || p.Channels[0].Channel != "channel.courier" || p.Channels[0].Kind != nil ||
		p.Channels[1].Kind == nil || *p.Channels[1].Kind != "sftp" || !*p.Channels[1].Encrypted {
		t.Errorf("channels %+v", p.Channels)
	}
	if !p.uncoveredTopSecret || p.Cover.Status != evaluator.CoverMissing {
		t.Errorf("cover %+v", p.Cover)
	}
	if p.Monitoring == nil || *p.Monitoring.LastReview != "2026-10-01" || *p.Monitoring.AgeDays != 56 {
		t.Errorf("monitoring %+v", p.Monitoring)
	}
	var out bytes.Buffer
	for _, f := range Formats {
		if err := Write(&out, f, []Partner{p}, Options{Lang: "en", AsOf: asOf, WarningDays: 60}); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Contains(out.String(), "Secret method") {
		t.Error("the register echoes the monitoring method, free text")
	}
}

func TestStanding(t *testing.T) {
	d := doc(map[string]map[string]map[string]any{
		"data_assets": assets,
		"partners": {
			"partner.fails": {"receives": list("data_asset.contacts")},
			"partner.warns": {"receives": list("data_asset.contacts")},
			"partner.ok":    {"receives": list("data_asset.contacts")},
			"partner.terms": {"receives": list("data_asset.contacts")},
			"partner.none":  {"receives": list("data_asset.contacts")},
			"partner.idle":  {"receives": list()},
		},
		"agreements": {"agreement.t": func() map[string]any {
			ag := ndaBlock("partner.terms", "2025-01-01", "", "data_asset.contacts")
			delete(ag, "liability")
			ag["scope_of_use"] = list(" ")
			return ag
		}()},
	})
	rep := report(
		"BM-4.5.1-01 partner.fails pass", "BM-4.5.2-02 partner.fails fail",
		"BM-4.5.1-01 partner.warns pass", "BM-4.5.1-04 partner.warns warn",
		"BM-4.5.1-01 partner.ok waived", "BM-4.5.2-01 partner.ok pass",
		"BM-4.5.1-01 partner.terms pass", "BM-4.5.1-02 agreement.t fail",
	)
	ps := buildWith(t, d, rep)
	for addr, want := range map[string]Standing{
		"partner.fails": AtRisk, "partner.warns": Attention, "partner.ok": OK,
		"partner.terms": AtRisk, "partner.none": Unjudged, "partner.idle": NotReceiving,
	} {
		if got := find(t, ps, addr).Standing; got != want {
			t.Errorf("%s: standing %s, want %s", addr, got, want)
		}
	}
	terms := find(t, ps, "partner.terms")
	n := terms.NDAs[0]
	if n.TermsComplete || !reflect.DeepEqual(n.MissingTerms, []string{"scope_of_use", "liability"}) || n.TermsStatus != evaluator.Fail {
		t.Errorf("NDA terms %+v", n)
	}
	if terms.Controls[1] != (ControlStatus{Control: "BM-4.5.1-02", Status: evaluator.Fail}) {
		t.Errorf("the partner's BM-4.5.1-02 status is its NDAs' worst: %+v", terms.Controls[1])
	}
	if idle := find(t, ps, "partner.idle"); idle.Cover.Status != evaluator.CoverNotNeeded || idle.Controls[0].Status != NotJudged {
		t.Errorf("idle partner %+v", idle)
	}
}

func TestRenderers(t *testing.T) {
	d := doc(map[string]map[string]map[string]any{
		"data_assets": assets,
		"partners": {
			"partner.p": {"name": "Swift <b>|Logistics\x1b[31m", "receives": list("data_asset.contacts", "data_asset.leads"),
				"monitoring": map[string]any{"method": "SECRET-method", "last_review": "2026-01-01"}},
			"partner.idle": {},
		},
		"agreements": {"agreement.n": func() map[string]any {
			ag := ndaBlock("partner.p", "2025-01-01", "2026-12-31", "data_asset.contacts")
			ag["scope_of_use"] = list("SECRET-scope")
			return ag
		}()},
	})
	ps := buildWith(t, d, report("BM-4.5.1-03 partner.p fail"))
	for _, lang := range []string{"en", "zh"} {
		opts := Options{Lang: lang, AsOf: asOf, WarningDays: 60}
		var table, js, cs, md bytes.Buffer
		for f, b := range map[string]*bytes.Buffer{"table": &table, "json": &js, "csv": &cs, "markdown": &md} {
			if err := Write(b, f, ps, opts); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			again := &bytes.Buffer{}
			_ = Write(again, f, ps, opts)
			if !bytes.Equal(again.Bytes(), b.Bytes()) {
				t.Errorf("%s output is not deterministic", f)
			}
			if strings.Contains(b.String(), "SECRET-") {
				t.Errorf("the %s register repeats free text of the inventory other than names", f)
			}
			if !strings.Contains(b.String(), "Swift") || strings.Contains(b.String(), "\x1b") {
				t.Errorf("the %s register must show the partner's name, without control characters", f)
			}
		}
		word := map[string]string{"en": "at risk", "zh": "有风险"}[lang]
		if !strings.Contains(table.String(), word) || !strings.Contains(md.String(), word) || !strings.Contains(cs.String(), word) {
			t.Errorf("%s: standing word %q missing", lang, word)
		}
		if !strings.Contains(table.String(), "2026-12-31") || !strings.Contains(table.String(), "data_asset.leads") {
			t.Errorf("%s table:\n%s", lang, table.String())
		}
		rows, err := csv.NewReader(&cs).ReadAll()
		if err != nil || len(rows) != 3 || len(rows[0]) != len(rows[1]) {
			t.Fatalf("%s csv: %v %v", lang, rows, err)
		}
		if rows[1][3] != "data_asset.contacts;data_asset.leads" {
			t.Errorf("csv lists: %q", rows[1][3])
		}
		if rows[1][1] != `Swift <b>|Logistics\x1b[31m` {
			t.Errorf("csv name: %q", rows[1][1])
		}
		if !strings.Contains(md.String(), "## `partner.p` Swift &lt;b&gt;\\|Logistics\\\\x1b\\[31m") {
			t.Errorf("%s markdown: the name must be escaped beside the address:\n%s", lang, md.String())
		}
		var back struct {
			AsOf     string `json:"as_of"`
			Partners []map[string]any
		}
		if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.AsOf != asOf || len(back.Partners) != 2 {
			t.Errorf("json: %v %+v", err, back)
		}
	}
	var empty bytes.Buffer
	if err := Write(&empty, "json", nil, Options{Lang: "en", AsOf: asOf}); err != nil || !strings.Contains(empty.String(), `"partners": []`) {
		t.Errorf("an empty register: %v\n%s", err, empty.String())
	}
	if err := Write(&empty, "xml", ps, Options{}); err == nil {
		t.Error("an unknown format must be refused")
	}
}

// TestRenewalsExtendCover: an NDA already signed for a later date carries the
// cover on when it starts by the day after the current cover ends; one that
// starts later leaves a gap, and the cover lapses when the first NDA ends.
func TestRenewalsExtendCover(t *testing.T) {
	d := doc(map[string]map[string]map[string]any{
		"data_assets": assets,
		"partners": {
			"partner.seamless": {"receives": list("data_asset.contacts")},
			"partner.gap":      {"receives": list("data_asset.contacts")},
			"partner.chain":    {"receives": list("data_asset.contacts")},
		},
		"agreements": {
			"agreement.seamless_old": ndaBlock("partner.seamless", "2024-01-01", "2026-12-10", "data_asset.contacts"),
			"agreement.seamless_new": ndaBlock("partner.seamless", "2026-12-11", "", "data_asset.contacts"),
			"agreement.gap_old":      ndaBlock("partner.gap", "2024-01-01", "2026-12-10", "data_asset.contacts"),
			"agreement.gap_new":      ndaBlock("partner.gap", "2026-12-20", "", "data_asset.contacts"),
			"agreement.chain_1":      ndaBlock("partner.chain", "2024-01-01", "2026-12-10", "data_asset.contacts"),
			"agreement.chain_2":      ndaBlock("partner.chain", "2026-12-05", "2027-03-01", "data_asset.contacts"),
			"agreement.chain_3":      ndaBlock("partner.chain", "2027-03-02", "2027-06-30", "data_asset.contacts"),
		},
	})
	ps := buildWith(t, d, report())
	if c := find(t, ps, "partner.seamless").Cover; c.Status != evaluator.CoverOngoing {
		t.Errorf("seamless renewal without end: cover %+v, want ongoing", c)
	}
	if c := find(t, ps, "partner.gap").Cover; c.Status != evaluator.CoverLapses || *c.Lapses != "2026-12-10" {
		t.Errorf("renewal after a gap: cover %+v, want lapsing 2026-12-10", c)
	}
	if c := find(t, ps, "partner.chain").Cover; c.Status != evaluator.CoverLapses || *c.Lapses != "2027-06-30" {
		t.Errorf("chain of renewals: cover %+v, want lapsing 2027-06-30", c)
	}
}

// TestStaleEvidenceAndDayCounts: evidence older than its setting shows as stale,
// not as a plain result, and day counts are calendar days however far the date
// (issue 11.12: 9999-12-31 printed as 106751 days, a saturated duration).
func TestStaleEvidenceAndDayCounts(t *testing.T) {
	d := doc(map[string]map[string]map[string]any{
		"data_assets": assets,
		"partners": {"partner.p": {"receives": list("data_asset.contacts"),
			"security_assessment": list(map[string]any{"date": "2025-06-15", "result": "pass"}),
			"monitoring":          map[string]any{"last_review": "2025-01-01"}}},
		"agreements": {"agreement.n": ndaBlock("partner.p", "2025-01-01", "9999-12-31", "data_asset.contacts")},
	})
	ps := build(t, d, nil)
	p := find(t, ps, "partner.p")
	if a := p.Assessment; a == nil || a.AgeDays != 529 || !a.Stale {
		t.Errorf("assessment %+v, want 529 days old and stale", a)
	}
	if m := p.Monitoring; m == nil || *m.AgeDays != 694 || !m.Stale {
		t.Errorf("monitoring %+v, want 694 days old and stale", m)
	}
	var table, cs bytes.Buffer
	if err := Write(&table, "table", ps, Options{Lang: "en", AsOf: asOf, WarningDays: 60}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"stale (pass, 529d)", "stale (694d)", "9999-12-31 (2912113d)"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, table.String())
		}
	}
	if strings.Contains(table.String(), "pass (529d)") {
		t.Errorf("a stale assessment shows as a plain pass:\n%s", table.String())
	}
	if err := Write(&cs, "csv", ps, Options{Lang: "en", AsOf: asOf, WarningDays: 60}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&cs).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]string{}
	for i, h := range rows[0] {
		col[h] = rows[1][i]
	}
	if col["assessment_stale"] != "true" || col["monitoring_stale"] != "true" || col["cover_days_left"] != "2912113" {
		t.Errorf("csv row %v", col)
	}
	fresh := doc(map[string]map[string]map[string]any{
		"data_assets": assets,
		"partners": {"partner.p": {"receives": list("data_asset.contacts"),
			"security_assessment": list(map[string]any{"date": "2025-11-26", "result": "pass"})}},
	})
	table.Reset()
	if err := Write(&table, "table", build(t, fresh, nil), Options{Lang: "zh", AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table.String(), "通过(365 天)") || strings.Contains(table.String(), "已过期") {
		t.Errorf("an assessment exactly assessment_max_age_days old is not stale:\n%s", table.String())
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
