package report

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/textsafe"
	"github.com/baomi-dev/baomi/internal/vocab"
	"github.com/baomi-dev/baomi/regulation"
)

//go:embed html.tmpl
var htmlSource string

// htmlAssets is the parsed page template and the Content-Security-Policy that
// lets exactly its own inline style and script run and nothing be fetched.
type htmlAssets struct {
	page *template.Template
	csp  string
}

// loadHTML parses html.tmpl once and hashes the inline style and script as the
// escaper writes them (it drops comments), so that the policy matches the page.
var loadHTML = sync.OnceValues(func() (*htmlAssets, error) {
	page, err := template.New("html.tmpl").Funcs(template.FuncMap{"tallies": newTallyTable, "breaks": breakParts}).Parse(htmlSource)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	if err := page.ExecuteTemplate(&b, "inline", nil); err != nil {
		return nil, err
	}
	_, rest, _ := strings.Cut(b.String(), "<style>")
	css, rest, _ := strings.Cut(rest, "</style>")
	_, rest, _ = strings.Cut(rest, "<script>")
	js, _, _ := strings.Cut(rest, "</script>")
	csp := fmt.Sprintf("default-src 'none'; style-src '%s'; script-src '%s'; base-uri 'none'; form-action 'none'", sha256Source(css), sha256Source(js))
	return &htmlAssets{page: page, csp: csp}, nil
})

// sha256Source is a CSP hash source for an inline element's text.
func sha256Source(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// htmlZh translates the page's fixed English strings; every string the
// template passes to T must be here.
var htmlZh = map[string]string{
	"Customer-data confidentiality audit": "客户资料保密审计报告",
	"Organization":                        "组织",
	"Inventory":                           "资料清单",
	"As of":                               "评估基准日",
	"Tool":                                "工具",

	"Checked against the customer-data confidentiality measures (企业客户资料保密管理办法): %d controls, %d results.": "依据《企业客户资料保密管理办法》检查:共 %d 项控制,%d 条结果。",

	"Summary":                 "概览",
	"Compliance":              "合规率",
	"Controls not applicable": "不适用的控制项",
	"Failures by severity":    "未通过项按严重程度",

	"Compliance = (pass + waived) ÷ (pass + fail + waived), rounded down to one decimal. Warnings are not counted; a control that applies to nothing has no results.": "合规率 = (通过 + 已豁免) ÷ (通过 + 未通过 + 已豁免),向下取整到一位小数。警告不计入;不适用的控制项没有结果。",

	"By chapter":                     "按章",
	"By article":                     "按条款",
	"Chapter":                        "章",
	"Article":                        "条款",
	"Pass":                           "通过",
	"Fail":                           "未通过",
	"Warn":                           "警告",
	"Waived":                         "已豁免",
	"Distribution":                   "分布",
	"Filter results":                 "筛选结果",
	"Severity":                       "严重程度",
	"Status":                         "状态",
	"All articles":                   "全部条款",
	"Show everything":                "显示全部",
	"No result matches the filters.": "没有符合筛选条件的结果。",
	"Findings":                       "发现",
	"Failures, warnings and waived results, most serious first.": "未通过、警告和已豁免的结果,按严重程度排列。",
	"Nothing failed, warned or was waived.":                      "没有未通过、警告或已豁免的结果。",
	"Control":                                                    "控制项",
	"Resource":                                                   "资源",
	"Finding":                                                    "问题描述",
	"How to fix:":                                                "整改建议:",
	"in the baseline":                                            "已列入基线",
	"waived by %s until %s, approved by %s":                      "由 %s 豁免至 %s,批准人:%s",
	"waiver %s expired on %s and waives nothing":                 "豁免 %s 已于 %s 过期,不再豁免",
	"Waivers":                                                    "豁免",
	"No waivers.":                                                "没有豁免。",
	"Waiver":                                                     "豁免",
	"Approved by":                                                "批准人",
	"Reason":                                                     "理由",
	"Expires":                                                    "有效期至",
	"active":                                                     "有效",
	"expired: waives nothing":                                    "已过期:不再豁免",
	"active, but nothing to waive":                               "有效,但无可豁免的未通过项",
	"superseded by a later waiver":                               "已被到期更晚的豁免取代",
	"Evidence of passes":                                         "通过的证据",
	"What was checked and held, by control.":                     "按控制项列出已检查并符合要求的资源。",
	"No result passed.":                                          "没有通过的结果。",
	"%d passed":                                                  "%d 项通过",
	"All controls":                                               "全部控制项",
	"not applicable":                                             "不适用",
	"Verdict":                                                    "结论",
	"below fail_on":                                              "低于 fail_on 阈值",
	"raised from %s by top_secret data: %s":                      "因绝密资料由%s上调:%s",
	"Deployed infrastructure":                                    "已部署的基础设施",
	"Beside each system, the Terraform resources linked to it (by its terraform list or their system tag) and the results of the controls judged on them; Findings has the details.": "每个系统旁列出与其关联的 Terraform 资源(通过系统的 terraform 列表或资源的系统标签)及对其判定的控制项结果;详情见“发现”。",
	"System":                        "系统",
	"Deployed (Terraform)":          "已部署(Terraform)",
	"No Terraform resource linked.": "未关联 Terraform 资源。",
	"Linked to no system":           "未关联任何系统",
	"Remote modules not read":       "未读取的远程模块",
	"Their source is not a local folder, so their resources are not in this report; a plan (--terraform plan.json) shows them.": "其来源不是本地文件夹,因此其资源不在本报告中;计划文件(--terraform plan.json)可显示这些资源。",
	"source": "来源",
}

// T is the page's English string en in the report's language; a string
// without a translation stops the Chinese page rather than slip into it.
func (p *htmlPage) T(en string) (string, error) {
	if _, ok := htmlZh[en]; !ok && p.Lang == "zh" {
		return "", fmt.Errorf("no Chinese for %q", en)
	}
	return htmlText(p.Lang, en), nil
}

// htmlText is the page's English string en in lang.
func htmlText(lang, en string) string {
	return text(lang, en, htmlZh[en])
}

// htmlPage is everything the template shows.
type htmlPage struct {
	Lang         string
	HTMLLang     string
	CSP          string
	Organization string
	Inputs       []string
	AsOf         string
	Version      string
	Summary      evaluator.Summary
	// Verdict says what the gate decided and why; VerdictStatus is pass or fail.
	Verdict       string
	VerdictStatus string
	Total         *htmlTally
	BySeverity    []htmlCount
	Chapters      []*htmlTally
	Articles      []*htmlTally
	Severities    []htmlOption
	Statuses      []htmlOption
	Legend        []htmlOption
	ArticleOpts   []htmlOption
	Rows          int
	Findings      []htmlResult
	Waivers       []htmlWaiver
	Passes        []htmlPassGroup
	Controls      []htmlControl
	// Deployed is the deployed section, nil when the report holds nothing of Terraform.
	Deployed *htmlDeployed
}

// htmlTally counts the results of a chapter, an article or the whole report.
type htmlTally struct {
	Key   string
	Label string
	evaluator.Counts
}

// Compliance is (pass + waived) / (pass + fail + waived) in percent, rounded
// down to one decimal, or "—" when nothing was judged.
func (t *htmlTally) Compliance() string {
	judged := t.Pass + t.Fail + t.Waived
	if judged == 0 {
		return "—"
	}
	permille := (t.Pass + t.Waived) * 1000 / judged
	return fmt.Sprintf("%d.%d%%", permille/10, permille%10)
}

// htmlTallyTable is a summary table of chapters or articles, for the
// "tallies" template.
type htmlTallyTable struct {
	Heading string
	Rows    []*htmlTally
	Page    *htmlPage
}

// newTallyTable lets the template pass a table's parts as one value.
func newTallyTable(rows []*htmlTally, heading string, page *htmlPage) htmlTallyTable {
	return htmlTallyTable{Heading: heading, Rows: rows, Page: page}
}

// htmlBarWidth is the width of a stacked bar in SVG user units.
const htmlBarWidth = 240

// htmlSegment is one coloured part of a stacked bar.
type htmlSegment struct {
	Class string
	X, W  string
	Title string
}

// Bar splits the bar among pass, waived, warn and fail in proportion to their counts.
func (t *htmlTally) Bar(lang string) []htmlSegment {
	total := t.Pass + t.Fail + t.Warn + t.Waived
	if total == 0 {
		return nil
	}
	var segs []htmlSegment
	x := 0.0
	for _, s := range []struct {
		status evaluator.Status
		n      int
	}{{evaluator.Pass, t.Pass}, {evaluator.Waived, t.Waived}, {evaluator.Warn, t.Warn}, {evaluator.Fail, t.Fail}} {
		if s.n == 0 {
			continue
		}
		w := float64(htmlBarWidth) * float64(s.n) / float64(total)
		segs = append(segs, htmlSegment{Class: s.status.String(), X: fmt.Sprintf("%.2f", x), W: fmt.Sprintf("%.2f", w),
			Title: fmt.Sprintf("%s: %d", vocab.Status(s.status, lang), s.n)})
		x += w
	}
	return segs
}

// htmlCount is a labelled number.
type htmlCount struct {
	Key, Label string
	N          int
}

// htmlOption is one choice of a filter.
type htmlOption struct {
	Value, Label string
}

// htmlResult is one result as a row: fields the filters read and what it shows.
type htmlResult struct {
	Status, StatusLabel     string
	Severity, SeverityLabel string
	// Raised explains a severity that top_secret data raised, "" otherwise.
	Raised                 string
	Article, ArticleLabel  string
	ControlID, Title       string
	Resource, ResourceName string
	Location               string
	Message                string
	Remediation            []htmlSpan
	Baselined              bool
	// BelowThreshold marks a failure that is not baselined but below fail_on.
	BelowThreshold bool
	Note           string
}

// htmlSpan is a piece of text, shown as code or as prose.
type htmlSpan struct {
	Text string
	Code bool
}

// codeSpans splits text at its backticks: the parts between a pair are code.
// An unpaired backtick is shown as it is.
func codeSpans(text string) []htmlSpan {
	parts := strings.Split(text, "`")
	if len(parts)%2 == 0 {
		// An odd number of backticks: the last one opens nothing.
		parts[len(parts)-2] += "`" + parts[len(parts)-1]
		parts = parts[:len(parts)-1]
	}
	var spans []htmlSpan
	for i, p := range parts {
		if p != "" {
			spans = append(spans, htmlSpan{Text: p, Code: i%2 == 1})
		}
	}
	return spans
}

// breakParts splits an address or a path after each ".", "_" and "/", the only
// places the page may break it (the template puts a <wbr> between the parts).
func breakParts(s string) []string {
	var parts []string
	start := 0
	for i, r := range s {
		if r == '.' || r == '_' || r == '/' {
			parts = append(parts, s[start:i+1])
			start = i + 1
		}
	}
	if start < len(s) || len(parts) == 0 {
		parts = append(parts, s[start:])
	}
	return parts
}

// htmlWaiver is one waiver of the register.
type htmlWaiver struct {
	ID, Control, Resource, ApprovedBy, Reason, Expires, Location string
	Status, StatusLabel                                          string
}

// htmlPassGroup is one control's passing results.
type htmlPassGroup struct {
	ControlID, Title, ArticleLabel string
	Rows                           []htmlResult
}

// htmlControl is one control of the catalog with its counts.
type htmlControl struct {
	ID, Title, ArticleLabel, SeverityLabel, Status, StatusLabel string
	evaluator.Counts
}

// writeHTML writes a self-contained audit report: one HTML file with inline
// style and script only, whose filters work from a file without a server.
func writeHTML(w io.Writer, rep *evaluator.Report, opts Options) error {
	assets, err := loadHTML()
	if err != nil {
		return err
	}
	p := buildHTMLPage(rep, opts)
	p.CSP = assets.csp
	var b bytes.Buffer
	if err := assets.page.ExecuteTemplate(&b, "page", p); err != nil {
		return err
	}
	_, err = b.WriteTo(w)
	return err
}

// buildHTMLPage turns a report into what the template shows.
func buildHTMLPage(rep *evaluator.Report, opts Options) *htmlPage {
	lang := "en"
	if opts.Lang == "zh" {
		lang = "zh"
	}
	safe := textsafe.Terminal
	inputs := make([]string, len(opts.Inputs))
	for i, in := range opts.Inputs {
		inputs[i] = safe(in)
	}
	p := &htmlPage{Lang: lang, HTMLLang: text(lang, "en", "zh-CN"), Organization: safe(opts.Organization),
		Inputs: inputs, AsOf: safe(rep.AsOf), Version: safe(opts.ToolVersion), Summary: rep.Summary, Total: &htmlTally{},
		Rows: len(rep.Results), Verdict: verdictText(rep, opts, lang), VerdictStatus: rep.Verdict(gateSeverity(opts)).Status.String()}

	articleTitles := map[string]regulation.Article{}
	for _, a := range regulation.Articles() {
		articleTitles[a.Number] = a
	}
	articleLabel := func(n string) string {
		label := Article(n, lang)
		if a, ok := articleTitles[n]; ok {
			label += " " + text(lang, a.Title, a.TitleZh)
		}
		return label
	}

	chapters := map[string]*htmlTally{}
	articles := map[string]*htmlTally{}
	for _, o := range rep.Controls {
		a := o.Control.Article
		if articles[a] == nil {
			articles[a] = &htmlTally{Key: safe(a), Label: safe(articleLabel(a))}
		}
		ch := strings.SplitN(a, ".", 2)[0]
		if chapters[ch] == nil {
			label := text(lang, "Chapter "+ch, "第"+Article(ch, lang)+"章")
			if name, ok := vocab.Chapter(ch, lang); ok {
				label = text(lang, fmt.Sprintf("Chapter %s: %s", ch, name), Article(ch, lang)+"、"+name)
			}
			chapters[ch] = &htmlTally{Key: safe(ch), Label: safe(label)}
		}
	}
	failsBySeverity := map[evaluator.Severity]int{}
	for _, r := range rep.Results {
		a := r.Control.Article
		articles[a].Add(r.Status)
		chapters[strings.SplitN(a, ".", 2)[0]].Add(r.Status)
		p.Total.Add(r.Status)
		if r.Status == evaluator.Fail {
			failsBySeverity[r.Severity]++
		}
	}
	p.Articles = sortedTallies(articles)
	p.Chapters = sortedTallies(chapters)
	for _, s := range evaluator.Severities {
		label := vocab.Severity(s, lang)
		p.BySeverity = append(p.BySeverity, htmlCount{Key: s.String(), Label: label, N: failsBySeverity[s]})
		p.Severities = append(p.Severities, htmlOption{Value: s.String(), Label: label})
	}
	for _, s := range []evaluator.Status{evaluator.Fail, evaluator.Warn, evaluator.Waived, evaluator.Pass} {
		p.Statuses = append(p.Statuses, htmlOption{Value: s.String(), Label: vocab.Status(s, lang)})
	}
	for i := range p.Statuses {
		p.Legend = append(p.Legend, p.Statuses[len(p.Statuses)-1-i])
	}
	for _, a := range p.Articles {
		p.ArticleOpts = append(p.ArticleOpts, htmlOption{Value: a.Key, Label: a.Label})
	}

	row := func(r *evaluator.Result) htmlResult {
		c := r.Control
		h := htmlResult{
			Status: r.Status.String(), StatusLabel: vocab.Status(r.Status, lang),
			Severity: r.Severity.String(), SeverityLabel: severityText(r, lang),
			Article: safe(c.Article), ArticleLabel: safe(Article(c.Article, lang)),
			ControlID: safe(c.ID), Title: safe(text(lang, c.Title, c.TitleZh)),
			Resource: safe(r.Resource), Baselined: r.Baselined,
			BelowThreshold: r.Status == evaluator.Fail && !r.Baselined && !r.FailsGate(gateSeverity(opts)),
		}
		h.ResourceName = safe(shownName(r))
		if len(r.RaisedBy) > 0 {
			h.Raised = safe(fmt.Sprintf(htmlText(lang, "raised from %s by top_secret data: %s"),
				vocab.Severity(r.BaseSeverity, lang), strings.Join(r.RaisedBy, ", ")))
		}
		if r.Location != nil {
			h.Location = safe(fmt.Sprintf("%s:%d", r.Location.File, r.Location.Line))
		}
		if r.Status == evaluator.Pass {
			return h
		}
		h.Message = safe(findingText(r, lang))
		h.Remediation = codeSpans(safe(text(lang, c.Remediation, c.RemediationZh)))
		if wv := r.Waiver; wv != nil {
			if r.Status == evaluator.Waived {
				h.Note = safe(fmt.Sprintf(htmlText(lang, "waived by %s until %s, approved by %s"), wv.ID, wv.Expires, wv.ApprovedBy))
			} else if wv.Status == "expired" {
				h.Note = safe(fmt.Sprintf(htmlText(lang, "waiver %s expired on %s and waives nothing"), wv.ID, wv.Expires))
			}
		}
		return h
	}

	order := make(map[*evaluator.Control]int, len(rep.Controls))
	for i, o := range rep.Controls {
		order[o.Control] = i
	}
	byStatus := map[evaluator.Status][]*evaluator.Result{}
	passes := map[*evaluator.Control][]htmlResult{}
	for _, r := range rep.Results {
		if r.Status == evaluator.Pass {
			passes[r.Control] = append(passes[r.Control], row(r))
			continue
		}
		byStatus[r.Status] = append(byStatus[r.Status], r)
	}
	for _, s := range []evaluator.Status{evaluator.Fail, evaluator.Warn, evaluator.Waived} {
		sortFindings(byStatus[s], order)
		for _, r := range byStatus[s] {
			p.Findings = append(p.Findings, row(r))
		}
	}
	for _, o := range rep.Controls {
		c := o.Control
		if rows := passes[c]; len(rows) > 0 {
			p.Passes = append(p.Passes, htmlPassGroup{ControlID: safe(c.ID), Title: safe(text(lang, c.Title, c.TitleZh)),
				ArticleLabel: safe(Article(c.Article, lang)), Rows: rows})
		}
		status := vocab.Status(o.Status, lang)
		if o.Status == evaluator.NotApplicable {
			status = htmlText(lang, "not applicable")
		}
		p.Controls = append(p.Controls, htmlControl{ID: safe(c.ID), Title: safe(text(lang, c.Title, c.TitleZh)),
			ArticleLabel: safe(Article(c.Article, lang)), SeverityLabel: vocab.Severity(c.Severity, lang),
			Status: o.Status.String(), StatusLabel: status, Counts: o.Counts})
	}
	p.Deployed = buildDeployed(rep, opts, lang)
	for _, wv := range rep.Waivers {
		h := htmlWaiver{ID: safe(wv.ID), Control: safe(wv.Control), Resource: safe(wv.Resource), ApprovedBy: safe(wv.ApprovedBy),
			Reason: safe(wv.Reason), Expires: safe(wv.Expires), Status: safe(string(wv.Status))}
		switch wv.Status {
		case evaluator.WaiverExpired:
			h.StatusLabel = htmlText(lang, "expired: waives nothing")
		case evaluator.WaiverUnused:
			h.StatusLabel = htmlText(lang, "active, but nothing to waive")
		case evaluator.WaiverSuperseded:
			h.StatusLabel = htmlText(lang, "superseded by a later waiver")
		case evaluator.WaiverActive:
			h.StatusLabel = htmlText(lang, "active")
		default:
			h.StatusLabel = safe(string(wv.Status))
		}
		if wv.Location != nil {
			h.Location = safe(fmt.Sprintf("%s:%d", wv.Location.File, wv.Location.Line))
		}
		p.Waivers = append(p.Waivers, h)
	}
	return p
}

// sortedTallies orders tallies by their article or chapter number.
func sortedTallies(m map[string]*htmlTally) []*htmlTally {
	out := make([]*htmlTally, 0, len(m))
	for _, t := range m {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if c := evaluator.CompareArticles(out[i].Key, out[j].Key); c != 0 {
			return c < 0
		}
		return out[i].Key < out[j].Key
	})
	return out
}
