package report_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/report"
)

// renderHTML renders rep as the HTML audit report of Acme, as `baomi check
// fixtures/acme --format html` does.
func renderHTML(t *testing.T, lang string, rep *evaluator.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	opts := report.Options{Lang: lang, ToolVersion: "0.1.0", Organization: "Acme Trading Co.", Inputs: []string{"fixtures/acme"}}
	if err := report.Write(&b, "html", rep, opts); err != nil {
		t.Fatalf("html %s: %v", lang, err)
	}
	return b.Bytes()
}

func TestHTMLGolden(t *testing.T) {
	rep := acme(t)
	for _, tc := range []struct{ lang, golden string }{
		{"en", "acme.html"},
		{"zh", "acme.zh.html"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			out := renderHTML(t, tc.lang, rep)
			golden(t, tc.golden, out)
			if again := renderHTML(t, tc.lang, rep); !bytes.Equal(again, out) {
				t.Error("two renderings of one report differ")
			}
		})
	}
}

func TestHTMLContents(t *testing.T) {
	rep := acme(t)
	for _, lang := range []string{"en", "zh"} {
		out := unbreak(string(renderHTML(t, lang, rep)))
		s := rep.Summary
		for _, want := range []string{
			`<dd id="organization">Acme Trading Co.</dd>`,
			`<dd id="inputs"><code>fixtures/acme</code></dd>`,
			`<time id="as-of" datetime="2026-11-26">2026-11-26</time>`,
			`<dd id="tool">baomi 0.1.0</dd>`,
			fmt.Sprintf(`<span class="n" id="count-pass">%d</span>`, s.Pass),
			fmt.Sprintf(`<span class="n" id="count-fail">%d</span>`, s.Fail),
			fmt.Sprintf(`<span class="n" id="count-warn">%d</span>`, s.Warn),
			fmt.Sprintf(`<span class="n" id="count-waived">%d</span>`, s.Waived),
			// (107 + 1) / (107 + 58 + 1), rounded down.
			`<span class="n" id="compliance">65.0%</span>`,
			`<tr class="w expired">`,
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %s", lang, want)
			}
		}
		if got := strings.Count(out, `<tr class="r `); got != len(rep.Results) {
			t.Errorf("%s: %d result rows, want one per result (%d)", lang, got, len(rep.Results))
		}
		for _, r := range rep.Results {
			if r.Status == evaluator.Pass {
				continue
			}
			row := findingRow(out, r)
			if row == "" {
				t.Errorf("%s: no row for %s %s on %s", lang, r.Status, r.Control.ID, r.Resource)
				continue
			}
			loc := fmt.Sprintf("%s:%d", r.Location.File, r.Location.Line)
			msg := r.Message
			fix := r.Control.Remediation
			if lang == "zh" {
				msg, fix = r.MessageZh, r.Control.RemediationZh
			}
			for _, want := range []string{
				`<span class="sev ` + r.Severity.String() + `"`,
				`<code class="loc">` + loc + `</code>`,
				`<span class="msg">` + escapeText(msg) + `</span>`,
				withCode(escapeText(fix)),
				report.Article(r.Control.Article, lang),
			} {
				if !strings.Contains(row, want) {
					t.Errorf("%s: the row of %s on %s lacks %s", lang, r.Control.ID, r.Resource, want)
				}
			}
			raised := strings.Contains(row, `<span class="raised">`)
			if raised != (len(r.RaisedBy) > 0) {
				t.Errorf("%s: the row of %s on %s explains a raise: %v, raised by %v", lang, r.Control.ID, r.Resource, raised, r.RaisedBy)
			}
			if len(r.RaisedBy) > 0 && lang == "en" {
				why := fmt.Sprintf(`raised from %s by top_secret data: %s`, r.BaseSeverity, strings.Join(r.RaisedBy, ", "))
				if !strings.Contains(row, `>`+r.Severity.String()+` ↑ top_secret</span>`) || !strings.Contains(row, `title="`+why+`"`) ||
					!strings.Contains(row, `<span class="raised">`+why+`</span>`) {
					t.Errorf("en: the row of %s on %s does not explain its raise (%s):\n%s", r.Control.ID, r.Resource, why, row)
				}
			}
			if r.ResourceName != "" && !strings.Contains(row, `<span class="rname">(`+escapeText(r.ResourceName)+`)</span>`) {
				t.Errorf("%s: the row of %s on %s does not name it %s", lang, r.Control.ID, r.Resource, r.ResourceName)
			}
		}
		v := rep.Verdict(evaluator.Low)
		verdict := fmt.Sprintf(`<p class="verdict fail" id="verdict"><b>Verdict:</b> FAIL — %d failures at or above fail_on low; %d baselined, %d waived, %d below the threshold</p>`,
			v.Failing, v.Baselined, v.Waived, v.BelowThreshold)
		if lang == "zh" {
			verdict = fmt.Sprintf(`<p class="verdict fail" id="verdict"><b>结论:</b> 未通过 — %d 条未通过项达到 fail_on 阈值(低)及以上;%d 条已列入基线,%d 条已豁免,%d 条低于阈值</p>`,
				v.Failing, v.Baselined, v.Waived, v.BelowThreshold)
		}
		if !strings.Contains(out, verdict) {
			t.Errorf("%s: no verdict %s", lang, verdict)
		}
		for _, w := range rep.Waivers {
			for _, want := range []string{escapeText(w.ApprovedBy), escapeText(w.Reason), "<td class=\"nowrap\">" + w.Expires + "</td>"} {
				if !strings.Contains(out, want) {
					t.Errorf("%s: waiver %s: no %s", lang, w.ID, want)
				}
			}
		}
		groups := 0
		for _, o := range rep.Controls {
			if o.Pass > 0 {
				groups++
			}
		}
		if got := strings.Count(out, `<details class="grp" data-group`); got != groups {
			t.Errorf("%s: %d collapsed groups of passes, want one per control that passed somewhere (%d)", lang, got, groups)
		}
	}
	zh := html.UnescapeString(string(renderHTML(t, "zh", rep)))
	for _, want := range []string{`<html lang="zh-CN">`, "客户资料保密审计报告", "四(二)1", "合规率 = (通过 + 已豁免)", "四、保密措施与管理", "已过期:不再豁免"} {
		if !strings.Contains(zh, want) {
			t.Errorf("zh: no %s", want)
		}
	}
}

// unbreak removes the line-break opportunities the page puts in addresses.
func unbreak(page string) string {
	return strings.ReplaceAll(page, "<wbr>", "")
}

// withCode is remediation text as the page shows it: `x` becomes <code>x</code>.
func withCode(s string) string {
	parts := strings.Split(s, "`")
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 {
			p = "<code>" + p + "</code>"
		}
		b.WriteString(p)
	}
	return b.String()
}

// findingRow is the table row of the finding r in a rendered page, or "".
func findingRow(page string, r *evaluator.Result) string {
	head := fmt.Sprintf(`<tr class="r %s" data-severity="%s" data-status="%s" data-article="%s" data-control="%s">`,
		r.Status, r.Severity, r.Status, r.Control.Article, r.Control.ID)
	for rest := page; ; {
		_, after, ok := strings.Cut(rest, head)
		if !ok {
			return ""
		}
		row, _, _ := strings.Cut(after, "</tr>")
		if strings.Contains(row, `<code class="res">`+escapeText(r.Resource)+`</code>`) {
			return row
		}
		rest = after
	}
}

// escapeText is s as html/template writes it in text.
var escapeText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace

// hostile is inventory and policy text that would run script if it reached
// the page as markup.
var hostile = []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `' onmouseover='alert(1)`, `</style><script>alert(2)</script>`}

// hostileReport is a report whose every piece of text comes from the
// inventory or a user policy and carries hostile.
func hostileReport() *evaluator.Report {
	h := strings.Join(hostile, " ")
	c := &evaluator.Control{ID: "BM-9.1-01" + h, ShortCode: "x" + h, Article: "9.1" + h, Severity: evaluator.High,
		Title: "title " + h, TitleZh: "标题 " + h, Remediation: "fix " + h, RemediationZh: "整改 " + h}
	wv := &evaluator.WaiverInfo{ID: "waiver." + h, Control: c.ID, Resource: h, Reason: "reason " + h, ApprovedBy: "boss " + h,
		Expires: "2026-01-01" + h, Status: "expired", Location: &evaluator.Location{File: h + ".hcl", Line: 1, Column: 1}}
	loc := &evaluator.Location{File: "inv/" + h + ".hcl", Line: 7, Column: 3}
	return &evaluator.Report{
		AsOf:     "2026-11-26" + h,
		Summary:  evaluator.Summary{Controls: 1, Results: 3, Counts: evaluator.Counts{Pass: 1, Fail: 1, Waived: 1}},
		Controls: []*evaluator.ControlOutcome{{Control: c, Status: evaluator.Fail, Counts: evaluator.Counts{Pass: 1, Fail: 1, Waived: 1}}},
		Results: []*evaluator.Result{
			{Control: c, Resource: "system." + h, Status: evaluator.Fail, Severity: evaluator.High, Message: "message " + h, MessageZh: "消息 " + h, Location: loc, Waiver: wv},
			{Control: c, Resource: h, Status: evaluator.Pass, Severity: evaluator.High, Location: loc},
			{Control: c, Resource: "waived " + h, Status: evaluator.Waived, Severity: evaluator.High, Message: h, Location: loc,
				Waiver: &evaluator.WaiverInfo{ID: "waiver.b" + h, Control: c.ID, Resource: h, ApprovedBy: h, Expires: h, Status: "active"}},
		},
		Waivers: []*evaluator.WaiverInfo{wv},
	}
}

// htmlTag matches one tag of a page: html/template writes every "<" and ">"
// of text and attribute values as an entity, so each literal one is markup.
var htmlTag = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>`)

// pageTags are the elements the template writes; nothing else may appear.
var pageTags = map[string]bool{}

func init() {
	for _, name := range strings.Fields(`html head meta title style body header p h1 dl dt dd code time main section h2 h3
		div span ul li svg rect form strong fieldset legend label input select option button table thead tbody tr th td b br
		details summary footer script wbr`) {
		pageTags[name] = true
	}
}

// attrValue matches an attribute value as html/template writes it: always in
// double quotes, with any quote inside written as an entity.
var attrValue = regexp.MustCompile(`"[^"]*"`)

// eventAttr matches an event-handler attribute once the values are gone.
var eventAttr = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)

func TestHTMLEscapesInventoryText(t *testing.T) {
	rep := hostileReport()
	for _, lang := range []string{"en", "zh"} {
		var b bytes.Buffer
		h := strings.Join(hostile, " ")
		opts := report.Options{Lang: lang, ToolVersion: "0.1.0" + h, Organization: "Org " + h, Inputs: []string{h, "b"}}
		if err := report.Write(&b, "html", rep, opts); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !strings.HasPrefix(out, "<!DOCTYPE html>\n") || !strings.HasSuffix(out, "</html>\n") {
			t.Errorf("%s: not a whole page", lang)
		}
		for _, bad := range []string{"<script>alert", "<img", "alert(2)</script>", "' onmouseover='"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: %q reached the page as markup", lang, bad)
			}
		}
		for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: the hostile text is not shown escaped as %s", lang, want)
			}
		}
		if n := strings.Count(out, "<script"); n != 1 {
			t.Errorf("%s: %d script elements, want only the page's own", lang, n)
		}
		for _, m := range htmlTag.FindAllStringSubmatch(out, -1) {
			if !pageTags[strings.ToLower(m[2])] {
				t.Errorf("%s: element %s is not one the template writes: %s", lang, m[2], m[0])
			}
			if eventAttr.MatchString(attrValue.ReplaceAllString(m[3], `""`)) {
				t.Errorf("%s: event handler in %s", lang, m[0])
			}
		}
	}
}

// externalRef matches what would make a browser fetch something.
var externalRef = []*regexp.Regexp{
	regexp.MustCompile(`(?i)<link\b`),
	regexp.MustCompile(`(?i)<script\b[^>]*\bsrc\s*=`),
	regexp.MustCompile(`(?i)<(img|iframe|object|embed|video|audio|source|image|use)\b`),
	regexp.MustCompile(`(?i)\s(src|href|srcset|action|poster|data|xlink:href)\s*=`),
	regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//`),
	regexp.MustCompile(`(?i)url\s*\(`),
	regexp.MustCompile(`(?i)@import`),
	regexp.MustCompile(`(?i)https?://`),
}

func TestHTMLSelfContained(t *testing.T) {
	rep := acme(t)
	for _, tc := range []struct {
		name string
		rep  *evaluator.Report
		lang string
	}{
		{"acme", rep, "en"},
		{"acme zh", rep, "zh"},
		{"sample", sample(), "en"},
		{"empty zh", &evaluator.Report{AsOf: asOf}, "zh"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := string(renderHTML(t, tc.lang, tc.rep))
			for _, re := range externalRef {
				if m := re.FindString(out); m != "" {
					t.Errorf("%q (%s): the page must not load anything", m, re)
				}
			}
			if strings.Count(out, "<style>") != 1 || strings.Count(out, "<script>") != 1 {
				t.Fatal("want exactly one inline style and one inline script")
			}
			// The policy allows the page's own style and script by their
			// hashes, and nothing else.
			hash := func(open, close string) string {
				_, rest, _ := strings.Cut(out, open)
				body, _, _ := strings.Cut(rest, close)
				sum := sha256.Sum256([]byte(body))
				return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
			}
			want := "default-src 'none'; style-src " + hash("<style>", "</style>") + "; script-src " + hash("<script>", "</script>") +
				"; base-uri 'none'; form-action 'none'"
			m := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(out)
			if m == nil || html.UnescapeString(m[1]) != want {
				t.Errorf("Content-Security-Policy %q, want %q", m, want)
			}
		})
	}
}

func TestHTMLReadable(t *testing.T) {
	rep := gateReport()
	rep.Controls[0].Control.Remediation = "Set `encryption_at_rest` to `AES-256`, or `SM4`; a lone ` stays"
	out := renderWith(t, "html", rep, report.Options{Lang: "en", FailOn: evaluator.High})
	if strings.Count(out, `<span class="tag">below fail_on</span>`) != 1 {
		t.Error("want exactly the one failure below high marked as below fail_on")
	}
	for _, want := range []string{
		// Backticks in a remediation are code; an unpaired one is text.
		"Set <code>encryption_at_rest</code> to <code>AES-256</code>, or <code>SM4</code>; a lone ` stays",
		// An address breaks only after its dots and underscores.
		`<code class="res">system.<wbr>crm_<wbr>db</code> <span class="rname">(Customer CRM)</span>`,
		`code.res,code.loc{overflow-wrap:normal;word-break:keep-all}`,
		// Chinese has a font wherever one of these exists.
		`"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",SimSun,sans-serif`,
		`title="raised from high by top_secret data: data_asset.cards"`,
		`<span class="tag">in the baseline</span>`,
		`<span class="tag">below fail_on</span>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s", want)
		}
	}
	for _, m := range regexp.MustCompile(`(.)<wbr>`).FindAllStringSubmatch(out, -1) {
		if !strings.Contains("._/", m[1]) {
			t.Errorf("a break opportunity after %q", m[1])
		}
	}
}

func TestHTMLNeutralisesTerminalText(t *testing.T) {
	rep := terminalReport()
	for _, lang := range []string{"en", "zh"} {
		out := renderWith(t, "html", rep, report.Options{Lang: lang, Organization: "Org " + ansiRed + rlo, Inputs: []string{"inv" + clearLine}})
		for _, bad := range terminalUnsafe {
			if strings.Contains(out, bad) {
				t.Errorf("%s: %q reached the page as it is", lang, bad)
			}
		}
		if !strings.Contains(out, `\x1b[31mRED`) || !strings.Contains(out, `\u202eexe.txt`) {
			t.Errorf("%s: the escape and the override are not shown escaped", lang)
		}
	}
}
