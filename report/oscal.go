package report

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// The parts of NIST OSCAL 1.2.2 that baomi writes: a catalog of its controls
// and the assessment results of a check. Each type is named after the
// schema's definition it stands for (oscal-catalog:catalog is OSCALCatalog);
// empty lists are left out, as the schema wants a list to hold something.

// OSCALVersion is the OSCAL version the documents conform to.
const OSCALVersion = "1.2.2"

// OSCALNamespace qualifies the names of baomi's own props and parts.
const OSCALNamespace = "https://github.com/baomi-dev/baomi/ns/oscal"

// OSCALCatalogDocument is the root of an OSCAL catalog file.
type OSCALCatalogDocument struct {
	Catalog OSCALCatalog `json:"catalog"`
}

// OSCALCatalog is oscal-catalog:catalog.
type OSCALCatalog struct {
	UUID     string        `json:"uuid"`
	Metadata OSCALMetadata `json:"metadata"`
	Groups   []OSCALGroup  `json:"groups,omitempty"`
}

// OSCALMetadata is oscal-metadata:metadata.
type OSCALMetadata struct {
	Title        string          `json:"title"`
	LastModified string          `json:"last-modified"`
	Version      string          `json:"version"`
	OSCALVersion string          `json:"oscal-version"`
	Props        []OSCALProperty `json:"props,omitempty"`
}

// OSCALGroup is oscal-catalog:group.
type OSCALGroup struct {
	ID       string          `json:"id"`
	Class    string          `json:"class,omitempty"`
	Title    string          `json:"title"`
	Props    []OSCALProperty `json:"props,omitempty"`
	Parts    []OSCALPart     `json:"parts,omitempty"`
	Controls []OSCALControl  `json:"controls,omitempty"`
}

// OSCALControl is oscal-catalog:control.
type OSCALControl struct {
	ID    string          `json:"id"`
	Class string          `json:"class,omitempty"`
	Title string          `json:"title"`
	Props []OSCALProperty `json:"props,omitempty"`
	Links []OSCALLink     `json:"links,omitempty"`
	Parts []OSCALPart     `json:"parts,omitempty"`
}

// OSCALPart is oscal-control-common:part.
type OSCALPart struct {
	ID    string          `json:"id,omitempty"`
	Name  string          `json:"name"`
	NS    string          `json:"ns,omitempty"`
	Class string          `json:"class,omitempty"`
	Title string          `json:"title,omitempty"`
	Props []OSCALProperty `json:"props,omitempty"`
	Prose string          `json:"prose,omitempty"`
	Parts []OSCALPart     `json:"parts,omitempty"`
	Links []OSCALLink     `json:"links,omitempty"`
}

// OSCALProperty is oscal-metadata:property.
type OSCALProperty struct {
	Name  string `json:"name"`
	NS    string `json:"ns,omitempty"`
	Value string `json:"value"`
}

// OSCALLink is oscal-metadata:link.
type OSCALLink struct {
	Href string `json:"href"`
	Rel  string `json:"rel,omitempty"`
	Text string `json:"text,omitempty"`
}

// OSCALBackMatter is oscal-metadata:back-matter.
type OSCALBackMatter struct {
	Resources []OSCALResource `json:"resources,omitempty"`
}

// OSCALResource is a resource of oscal-metadata:back-matter.
type OSCALResource struct {
	UUID        string          `json:"uuid"`
	Title       string          `json:"title,omitempty"`
	Description string          `json:"description,omitempty"`
	Props       []OSCALProperty `json:"props,omitempty"`
	RLinks      []OSCALRLink    `json:"rlinks,omitempty"`
}

// OSCALRLink is a resource link (rlink) of a back-matter resource.
type OSCALRLink struct {
	Href   string      `json:"href"`
	Hashes []OSCALHash `json:"hashes,omitempty"`
}

// OSCALHash is oscal-metadata:hash.
type OSCALHash struct {
	Algorithm string `json:"algorithm"`
	Value     string `json:"value"`
}

// OSCALAssessmentResultsDocument is the root of an OSCAL assessment-results file.
type OSCALAssessmentResultsDocument struct {
	AssessmentResults OSCALAssessmentResults `json:"assessment-results"`
}

// OSCALAssessmentResults is oscal-ar:assessment-results.
type OSCALAssessmentResults struct {
	UUID       string          `json:"uuid"`
	Metadata   OSCALMetadata   `json:"metadata"`
	ImportAP   OSCALImportAP   `json:"import-ap"`
	Results    []OSCALResult   `json:"results"`
	BackMatter OSCALBackMatter `json:"back-matter"`
}

// OSCALImportAP is oscal-ar:import-ap, the assessment plan the results follow.
type OSCALImportAP struct {
	Href string `json:"href"`
}

// OSCALResult is oscal-ar:result.
type OSCALResult struct {
	UUID             string                 `json:"uuid"`
	Title            string                 `json:"title"`
	Description      string                 `json:"description"`
	Start            string                 `json:"start"`
	Props            []OSCALProperty        `json:"props,omitempty"`
	LocalDefinitions *OSCALLocalDefinitions `json:"local-definitions,omitempty"`
	ReviewedControls OSCALReviewedControls  `json:"reviewed-controls"`
	Observations     []OSCALObservation     `json:"observations,omitempty"`
	Risks            []OSCALRisk            `json:"risks,omitempty"`
	Findings         []OSCALFinding         `json:"findings,omitempty"`
}

// OSCALLocalDefinitions are the local-definitions of oscal-ar:result.
type OSCALLocalDefinitions struct {
	InventoryItems []OSCALInventoryItem `json:"inventory-items,omitempty"`
}

// OSCALInventoryItem is oscal-implementation-common:inventory-item.
type OSCALInventoryItem struct {
	UUID        string          `json:"uuid"`
	Description string          `json:"description"`
	Props       []OSCALProperty `json:"props,omitempty"`
}

// OSCALReviewedControls is oscal-assessment-common:reviewed-controls.
type OSCALReviewedControls struct {
	Description       string                  `json:"description,omitempty"`
	ControlSelections []OSCALControlSelection `json:"control-selections"`
}

// OSCALControlSelection is one of the control-selections of reviewed-controls:
// the controls included, or all but those excluded.
type OSCALControlSelection struct {
	IncludeAll      *struct{}                `json:"include-all,omitempty"`
	IncludeControls []OSCALSelectControlByID `json:"include-controls,omitempty"`
	ExcludeControls []OSCALSelectControlByID `json:"exclude-controls,omitempty"`
}

// OSCALSelectControlByID is oscal-assessment-common:select-control-by-id.
type OSCALSelectControlByID struct {
	ControlID string `json:"control-id"`
}

// OSCALObservation is oscal-assessment-common:observation.
type OSCALObservation struct {
	UUID             string                  `json:"uuid"`
	Title            string                  `json:"title,omitempty"`
	Description      string                  `json:"description"`
	Props            []OSCALProperty         `json:"props,omitempty"`
	Methods          []string                `json:"methods"`
	Types            []string                `json:"types,omitempty"`
	Subjects         []OSCALSubjectReference `json:"subjects,omitempty"`
	RelevantEvidence []OSCALRelevantEvidence `json:"relevant-evidence,omitempty"`
	Collected        string                  `json:"collected"`
}

// OSCALSubjectReference is oscal-assessment-common:subject-reference.
type OSCALSubjectReference struct {
	SubjectUUID string `json:"subject-uuid"`
	Type        string `json:"type"`
	Title       string `json:"title,omitempty"`
}

// OSCALRelevantEvidence is the relevant-evidence of an observation: where the
// observed fact is written.
type OSCALRelevantEvidence struct {
	Href        string `json:"href,omitempty"`
	Description string `json:"description"`
}

// OSCALRisk is oscal-assessment-common:risk.
type OSCALRisk struct {
	UUID                string                    `json:"uuid"`
	Title               string                    `json:"title"`
	Description         string                    `json:"description"`
	Statement           string                    `json:"statement"`
	Props               []OSCALProperty           `json:"props,omitempty"`
	Status              string                    `json:"status"`
	Deadline            string                    `json:"deadline,omitempty"`
	Remediations        []OSCALResponse           `json:"remediations,omitempty"`
	RelatedObservations []OSCALRelatedObservation `json:"related-observations,omitempty"`
}

// OSCALResponse is oscal-assessment-common:response, a risk's remediation.
type OSCALResponse struct {
	UUID        string `json:"uuid"`
	Lifecycle   string `json:"lifecycle"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

// OSCALFinding is oscal-assessment-common:finding.
type OSCALFinding struct {
	UUID                string                    `json:"uuid"`
	Title               string                    `json:"title"`
	Description         string                    `json:"description"`
	Props               []OSCALProperty           `json:"props,omitempty"`
	Target              OSCALFindingTarget        `json:"target"`
	RelatedObservations []OSCALRelatedObservation `json:"related-observations,omitempty"`
	RelatedRisks        []OSCALAssociatedRisk     `json:"related-risks,omitempty"`
}

// OSCALFindingTarget is oscal-assessment-common:finding-target.
type OSCALFindingTarget struct {
	Type     string               `json:"type"`
	TargetID string               `json:"target-id"`
	Status   OSCALObjectiveStatus `json:"status"`
}

// OSCALObjectiveStatus is the status of a finding-target.
type OSCALObjectiveStatus struct {
	State   string `json:"state"`
	Reason  string `json:"reason,omitempty"`
	Remarks string `json:"remarks,omitempty"`
}

// OSCALRelatedObservation is oscal-assessment-common:related-observation.
type OSCALRelatedObservation struct {
	ObservationUUID string `json:"observation-uuid"`
}

// OSCALAssociatedRisk is oscal-assessment-common:associated-risk.
type OSCALAssociatedRisk struct {
	RiskUUID string `json:"risk-uuid"`
}

// uuidNamespaceURL is RFC 9562's namespace for names that are URLs.
const uuidNamespaceURL = "6ba7b811-9dad-11d1-80b4-00c04fd430c8"

// oscalNamespaceUUID is the namespace of every UUID baomi derives: the
// version 5 UUID of the project's URL.
var oscalNamespaceUUID = uuid5(uuidNamespaceURL, toolInfoURI)

// uuid5 is the version 5 UUID of name in namespace (RFC 9562, section 5.5):
// the first 16 bytes of the SHA-1 of the namespace's bytes and the name, with
// the version and variant bits set. The same name gives the same UUID.
func uuid5(namespace, name string) string {
	ns, err := hex.DecodeString(strings.ReplaceAll(namespace, "-", ""))
	if err != nil || len(ns) != 16 {
		panic("uuid5: namespace " + namespace + " is not a UUID")
	}
	sum := sha1.Sum(append(ns, name...))
	u := sum[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// oscalName joins the parts of a stable name with NUL bytes, which no part holds.
func oscalName(parts ...string) string {
	return strings.Join(parts, "\x00")
}

// oscalDateTime is midnight UTC of a date written YYYY-MM-DD, as OSCAL's
// date-time-with-timezone, or false when date is not such a date in the
// years OSCAL can write (1900 to 2999).
func oscalDateTime(date string) (string, bool) {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil || d.Year() < 1900 || d.Year() > 2999 {
		return "", false
	}
	return d.Format(time.DateOnly) + "T00:00:00Z", true
}

// oscalLine makes s a single line without leading or trailing space, as
// OSCAL's markup-line and string types want.
func oscalLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// oscalProps builds baomi-namespaced props from name, value pairs, leaving
// out those whose value is empty (a prop must have one).
func oscalProps(pairs ...string) []OSCALProperty {
	var props []OSCALProperty
	for i := 0; i+1 < len(pairs); i += 2 {
		if v := oscalLine(pairs[i+1]); v != "" {
			props = append(props, OSCALProperty{Name: pairs[i], NS: OSCALNamespace, Value: v})
		}
	}
	return props
}

// oscalToken is OSCAL's token type: a control's id must be one.
var oscalToken = regexp.MustCompile(`^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`)

// checkOSCALToken says why a control id cannot be an OSCAL control id. A
// policy's id always can; one edited into a saved JSON report may not.
func checkOSCALToken(id string) error {
	if !oscalToken.MatchString(id) {
		return fmt.Errorf("control id %q cannot be an OSCAL control id: want a letter or _ followed by letters, digits, '.', '-' or '_'", id)
	}
	return nil
}

// articleID is the id of an article's part in the catalog: "art-4.2.3".
func articleID(article string) string {
	return "art-" + article
}

// statementID is the id of a control's statement part, the target of its finding.
func statementID(control string) string {
	return control + "_smt"
}
