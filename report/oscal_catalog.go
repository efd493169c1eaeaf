package report

import (
	"encoding/json"
	"fmt"
	"github.com/baomi-dev/baomi/internal/vocab"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/regulation"
)

// regulationTitle names the regulation the catalog's controls test.
const regulationTitle = "企业客户资料保密管理办法 (customer-data confidentiality measures)"

// writeOSCALCatalog writes the control catalog as an OSCAL catalog: a group per
// chapter of the regulation holding the chapter's articles, as the statements
// the controls test, and the controls themselves, each with its statement and
// remediation in English and Chinese and its article, short code and severity
// as props. last-modified is midnight UTC of opts.Date.
func writeOSCALCatalog(w io.Writer, controls []*evaluator.Control, opts CatalogOptions) error {
	modified, ok := oscalDateTime(opts.Date)
	if !ok {
		return fmt.Errorf("the catalog's date %q is not a date written YYYY-MM-DD", opts.Date)
	}
	version := opts.ToolVersion
	if version == "" {
		version = "unknown"
	}
	for _, c := range controls {
		if err := checkOSCALToken(c.ID); err != nil {
			return err
		}
	}
	identity, err := json.Marshal(controls)
	if err != nil {
		return err
	}
	cat := OSCALCatalog{
		UUID: uuid5(oscalNamespaceUUID, oscalName("catalog", version, opts.Date, string(identity))),
		Metadata: OSCALMetadata{
			Title:        "baomi controls: " + regulationTitle,
			LastModified: modified,
			Version:      version,
			OSCALVersion: OSCALVersion,
			Props:        oscalProps("tool", "baomi", "tool-version", opts.ToolVersion),
		},
		Groups: oscalGroups(controls),
	}
	return writeIndentedJSON(w, OSCALCatalogDocument{Catalog: cat})
}

// oscalGroups makes a group per chapter: the regulation's chapters, and any
// other a user control cites, in chapter order.
func oscalGroups(controls []*evaluator.Control) []OSCALGroup {
	byChapter := map[string]*OSCALGroup{}
	var chapters []string
	group := func(ch string) *OSCALGroup {
		if g := byChapter[ch]; g != nil {
			return g
		}
		g := &OSCALGroup{ID: "chapter-" + ch, Class: "chapter", Title: "Chapter " + ch,
			Props: []OSCALProperty{{Name: "label", Value: Article(ch, "zh")}}}
		if en, ok := vocab.Chapter(ch, "en"); ok {
			zh, _ := vocab.Chapter(ch, "zh")
			g.Title += ": " + en
			g.Props = append(g.Props, oscalProps("title-zh", zh)...)
		}
		byChapter[ch] = g
		chapters = append(chapters, ch)
		return g
	}
	articles := map[string]bool{}
	for _, a := range regulation.Articles() {
		g := group(chapterOf(a.Number))
		g.Parts = append(g.Parts, oscalArticle(a))
		articles[a.Number] = true
	}
	for _, c := range controls {
		g := group(chapterOf(c.Article))
		g.Controls = append(g.Controls, oscalControl(c, articles))
	}
	sort.SliceStable(chapters, func(i, j int) bool { return evaluator.CompareArticles(chapters[i], chapters[j]) < 0 })
	groups := make([]OSCALGroup, 0, len(chapters))
	for _, ch := range chapters {
		groups = append(groups, *byChapter[ch])
	}
	return groups
}

// chapterOf is the chapter of an article: "4" of "4.2.3".
func chapterOf(article string) string {
	return strings.SplitN(article, ".", 2)[0]
}

// oscalArticle is an article of the regulation as a statement part: its
// title in English, with the Chinese title as a part of its own, and whether
// it is definitional (nothing to test).
func oscalArticle(a regulation.Article) OSCALPart {
	return OSCALPart{
		ID:    articleID(a.Number),
		Name:  "statement",
		Title: Article(a.Number, "en") + " " + Article(a.Number, "zh"),
		Props: append([]OSCALProperty{{Name: "label", Value: a.Number}},
			oscalProps("definitional", strconv.FormatBool(a.Definitional))...),
		Prose: a.Title,
		Parts: []OSCALPart{{ID: articleID(a.Number) + ".zh", Name: "item", Class: "zh", Prose: a.TitleZh}},
	}
}

// oscalControl is a baomi control: its statement (what the control requires,
// in English; its Chinese title) linked to the articles it tests, its
// remediation in both languages, and its article, short code and severity.
func oscalControl(c *evaluator.Control, articles map[string]bool) OSCALControl {
	oc := OSCALControl{
		ID:    c.ID,
		Class: "baomi-control",
		Title: oscalLine(c.Title),
		Props: oscalProps("article", c.Article),
	}
	for _, a := range c.RelatedArticles {
		oc.Props = append(oc.Props, oscalProps("related-article", a)...)
	}
	oc.Props = append(oc.Props, oscalProps("short-code", c.ShortCode, "severity", c.Severity.String(), "policy", c.File)...)
	var links []OSCALLink
	for i, a := range c.Articles() {
		if !articles[a] {
			continue
		}
		rel := "reference"
		if i > 0 {
			rel = "related"
		}
		links = append(links, OSCALLink{Href: "#" + articleID(a), Rel: rel, Text: Article(a, "en")})
	}
	stmt := OSCALPart{ID: statementID(c.ID), Name: "statement", Prose: unwrap(c.Description), Links: links}
	if stmt.Prose == "" {
		stmt.Prose = oscalLine(c.Title)
	}
	if zh := oscalLine(c.TitleZh); zh != "" {
		stmt.Parts = []OSCALPart{{ID: statementID(c.ID) + ".zh", Name: "item", Class: "zh", Prose: zh}}
	}
	oc.Parts = []OSCALPart{stmt}
	if c.Remediation != "" || c.RemediationZh != "" {
		rem := OSCALPart{ID: c.ID + "_rem", Name: "remediation", NS: OSCALNamespace, Prose: strings.TrimSpace(c.Remediation)}
		if zh := strings.TrimSpace(c.RemediationZh); zh != "" {
			rem.Parts = []OSCALPart{{ID: c.ID + "_rem.zh", Name: "remediation", NS: OSCALNamespace, Class: "zh", Prose: zh}}
		}
		oc.Parts = append(oc.Parts, rem)
	}
	return oc
}
