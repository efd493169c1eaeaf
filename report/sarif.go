package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/baomi-dev/baomi/evaluator"
)

// The SARIF 2.1.0 log, reduced to the parts GitHub code scanning reads.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                `json:"tool"`
	AutomationDetails  sarifAutomation          `json:"automationDetails"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds"`
	Language           string                   `json:"language"`
	ColumnKind         string                   `json:"columnKind"`
	Results            []sarifResult            `json:"results"`
	Properties         sarifRunProps            `json:"properties"`
}

// sarifAutomation names the run; its id's part before the last slash is the
// category GitHub code scanning keeps apart, one per inventory path.
type sarifAutomation struct {
	ID string `json:"id"`
}

type sarifRunProps struct {
	AsOf    string             `json:"as_of"`
	FailOn  evaluator.Severity `json:"fail_on"`
	Verdict evaluator.Verdict  `json:"verdict"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifText         `json:"help"`
	HelpURI              string            `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	SecuritySeverity string   `json:"security-severity"`
	Tags             []string `json:"tags"`
	Precision        string   `json:"precision"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	BaselineState       string             `json:"baselineState,omitempty"`
	Properties          sarifResultProps   `json:"properties"`
}

type sarifResultProps struct {
	// Severity is the result's own severity, one level above the rule's when
	// the resource holds top_secret data.
	Severity evaluator.Severity `json:"severity"`
	// SecuritySeverity, BaseSeverity and RaisedBy are set on a result whose
	// severity was raised: its own score, the rule's severity, and the
	// top_secret assets that raised it.
	SecuritySeverity string             `json:"security-severity,omitempty"`
	BaseSeverity     evaluator.Severity `json:"base_severity,omitempty"`
	RaisedBy         []string           `json:"raised_by,omitempty"`
	// ResourceName is the resource's name, beside the address of the logical location.
	ResourceName string `json:"resource_name,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI         string     `json:"uri,omitempty"`
	URIBaseID   string     `json:"uriBaseId,omitempty"`
	Description *sarifText `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification"`
}

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	toolInfoURI  = "https://github.com/baomi-dev/baomi"
	// DefaultHelpURL is the catalog page SARIF rules link to by default.
	DefaultHelpURL = "https://github.com/baomi-dev/baomi/blob/main/docs/controls.md"
	// srcRoot is the uriBaseId GitHub code scanning resolves against the checkout.
	srcRoot = "%SRCROOT%"
)

// securitySeverity is GitHub's numeric severity for each level: above 9.0 is
// critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, below 4.0 low.
var securitySeverity = map[evaluator.Severity]string{
	evaluator.Critical: "9.5", evaluator.High: "8.0", evaluator.Medium: "5.5", evaluator.Low: "3.0",
}

// writeSARIF writes one SARIF run with a rule per evaluated control and a result
// per failure, warning and waived failure; waived ones carry a suppression.
// Files are named relative to the root of the git work tree (%SRCROOT%) when
// the working directory is inside one, else relative to the working directory.
func writeSARIF(w io.Writer, rep *evaluator.Report, opts Options) error {
	lang := opts.Lang
	if lang == "" {
		lang = "en"
	}
	helpURL := opts.HelpURL
	if helpURL == "" {
		helpURL = DefaultHelpURL
	}
	failOn := gateSeverity(opts)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "baomi", Version: opts.ToolVersion, InformationURI: toolInfoURI,
			Rules: make([]sarifRule, 0, len(rep.Controls)),
		}},
		AutomationDetails: sarifAutomation{ID: automationID(opts)},
		OriginalURIBaseIDs: map[string]sarifArtifact{srcRoot: {Description: &sarifText{
			Text: "The root of the git work tree baomi check ran in; its working directory outside a git work tree."}}},
		Language:   lang,
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
		Properties: sarifRunProps{AsOf: rep.AsOf, FailOn: failOn, Verdict: rep.Verdict(failOn)},
	}
	ruleIndex := make(map[string]int, len(rep.Controls))
	for i, o := range rep.Controls {
		ruleIndex[o.Control.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleFor(o.Control, lang, helpURL))
	}
	withBaseline := rep.Summary.Baselined > 0
	for _, r := range rep.Results {
		level := ""
		switch r.Status {
		case evaluator.Fail, evaluator.Waived:
			level = "error"
		case evaluator.Warn:
			level = "warning"
		default:
			continue
		}
		c := r.Control
		index, ok := ruleIndex[c.ID]
		if !ok {
			continue
		}
		res := sarifResult{
			RuleID:              c.ID,
			RuleIndex:           index,
			Level:               level,
			Message:             sarifText{Text: findingText(r, lang)},
			PartialFingerprints: map[string]string{"primaryLocationLineHash": fingerprint(c.ID, r.Resource)},
			Properties:          sarifResultProps{Severity: r.Severity, ResourceName: r.ResourceName},
		}
		if r.Severity != c.Severity {
			res.Properties.SecuritySeverity = securitySeverity[r.Severity]
			res.Properties.BaseSeverity, res.Properties.RaisedBy = r.BaseSeverity, r.RaisedBy
		}
		if r.Location != nil {
			res.Locations = []sarifLocation{{
				PhysicalLocation: sarifPhysicalFor(r.Location, opts.RepoDir),
				LogicalLocations: []sarifLogical{{FullyQualifiedName: r.Resource, Kind: "resource"}},
			}}
		}
		if r.Status == evaluator.Waived && r.Waiver != nil {
			wv := r.Waiver
			res.Suppressions = []sarifSuppression{{
				Kind: "external", Status: "accepted",
				Justification: fmt.Sprintf("%s (approved by %s, expires %s, %s)", wv.Reason, wv.ApprovedBy, wv.Expires, wv.ID),
			}}
		}
		if withBaseline && r.Status == evaluator.Fail {
			res.BaselineState = "new"
			if r.Baselined {
				res.BaselineState = "unchanged"
			}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// sarifRuleFor describes a control as a SARIF rule. The help carries the
// remediation in both languages, whatever the report's language; a built-in
// control's helpUri is its section of the catalog page at helpURL (a user
// control is not in that page, and has none).
func sarifRuleFor(c *evaluator.Control, lang, helpURL string) sarifRule {
	help := sarifText{Text: c.Remediation, Markdown: "**How to fix:** " + c.Remediation}
	if c.RemediationZh != "" {
		help.Text += "\n\n" + c.RemediationZh
		help.Markdown += "\n\n**整改建议:**" + c.RemediationZh
	}
	tags := []string{"security", "compliance"}
	for _, a := range c.Articles() {
		tags = append(tags, "article-"+a)
	}
	help.Markdown += fmt.Sprintf("\n\nArticle %s (%s), severity %s. Policy: `%s`.",
		strings.Join(c.Articles(), ", "), Article(c.Article, "zh"), c.Severity, c.File)
	helpURI := ""
	if c.Builtin {
		helpURI = helpURL + "#" + anchor(c.ID)
	}
	return sarifRule{
		ID:                   c.ID,
		Name:                 pascalCase(c.ShortCode),
		HelpURI:              helpURI,
		ShortDescription:     sarifText{Text: text(lang, c.Title, c.TitleZh)},
		FullDescription:      sarifText{Text: unwrap(c.Description)},
		Help:                 help,
		DefaultConfiguration: sarifRuleConfig{Level: "error"},
		Properties: sarifRuleProperty{
			SecuritySeverity: securitySeverity[c.Severity],
			Tags:             tags,
			Precision:        "very-high",
		},
	}
}

// sarifPhysicalFor places a result in its file. A relative file name, joined
// to repoDir, resolves against the checkout (%SRCROOT%); an absolute one, or
// one that leaves the work tree, becomes a file URI or stays relative. The
// region spans the first character at the location: results carry no end.
func sarifPhysicalFor(l *evaluator.Location, repoDir string) sarifPhysical {
	var p sarifPhysical
	switch file := repoPath(l.File, repoDir); {
	case strings.HasPrefix(l.File, "/"):
		p.ArtifactLocation.URI = (&url.URL{Scheme: "file", Path: l.File}).String()
	case file == ".." || strings.HasPrefix(file, "../"):
		p.ArtifactLocation.URI = (&url.URL{Path: l.File}).String()
	default:
		p.ArtifactLocation = sarifArtifact{URI: (&url.URL{Path: file}).String(), URIBaseID: srcRoot}
	}
	if l.Line >= 1 {
		p.Region = &sarifRegion{StartLine: l.Line, EndLine: l.Line}
		if l.Column >= 1 {
			p.Region.StartColumn, p.Region.EndColumn = l.Column, l.Column+1
		}
	}
	return p
}

// repoPath names a path relative to the working directory relative to the
// root of the git work tree, repoDir being the working directory below it.
func repoPath(p, repoDir string) string {
	return path.Join(repoDir, p)
}

// automationID identifies the run by the inventory paths checked, relative to
// the work tree's root, so that runs over different inventories of one
// repository are uploaded side by side: "baomi/team/".
func automationID(opts Options) string {
	paths := make([]string, 0, len(opts.Inputs))
	for _, p := range opts.Inputs {
		if p = repoPath(filepath.ToSlash(p), opts.RepoDir); p != "." {
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		return "baomi/"
	}
	return "baomi/" + strings.Join(paths, "+") + "/"
}

// fingerprint identifies a finding by control and resource, so that an alert
// keeps its identity when the inventory's lines move.
func fingerprint(control, resource string) string {
	sum := sha256.Sum256([]byte(control + "\x00" + resource))
	return hex.EncodeToString(sum[:16]) + ":1"
}

// pascalCase turns a short code such as "backup-encrypted" into "BackupEncrypted".
func pascalCase(s string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' }) {
		r, n := utf8.DecodeRuneInString(part)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(part[n:])
	}
	return b.String()
}

// unwrap joins the hard-wrapped lines of each paragraph of a METADATA text.
func unwrap(s string) string {
	paras := strings.Split(strings.TrimSpace(s), "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n\n")
}
