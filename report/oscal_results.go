package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/vocab"
)

// writeOSCALResults writes the report as OSCAL assessment-results. The plan it
// follows (import-ap) is a back-matter resource describing the policy set, so
// the document refers only to itself. One result holds the controls reviewed
// (the not-applicable ones are not), the resources as inventory items, an
// observation per control and resource, a risk per failure, warning and waived
// failure (a waiver is an approved deviation until it expires), and a finding
// per control, satisfied only when every result passes. Input files are
// back-matter resources with their SHA-256. Dates and UUIDs derive from the
// report, never the clock, so the same report gives the same bytes.
func writeOSCALResults(w io.Writer, rep *evaluator.Report, opts Options) error {
	lang := opts.Lang
	collected, ok := oscalDateTime(rep.AsOf)
	if !ok {
		return fmt.Errorf("the report's as-of date %q is not a date written YYYY-MM-DD", rep.AsOf)
	}
	for _, o := range rep.Controls {
		if err := checkOSCALToken(o.Control.ID); err != nil {
			return err
		}
	}
	b := &oscalResults{rep: rep, opts: opts, lang: lang, collected: collected,
		scope: uuid5(oscalNamespaceUUID, oscalName("assessment", opts.Organization, rep.AsOf, strings.Join(opts.Inputs, "\x00"))),
		files: map[string]string{}}
	plan := b.planResource()
	back := []OSCALResource{plan}
	for _, f := range opts.Files {
		if _, dup := b.files[f.Path]; dup {
			continue
		}
		r := b.fileResource(f)
		b.files[f.Path] = r.UUID
		back = append(back, r)
	}
	result, err := b.result()
	if err != nil {
		return err
	}
	ar := OSCALAssessmentResults{
		UUID: b.documentUUID(),
		Metadata: OSCALMetadata{
			Title:        b.title(),
			LastModified: collected,
			Version:      rep.AsOf,
			OSCALVersion: OSCALVersion,
			Props:        oscalProps("tool", "baomi", "tool-version", opts.ToolVersion, "organization", opts.Organization),
		},
		ImportAP:   OSCALImportAP{Href: "#" + plan.UUID},
		Results:    []OSCALResult{result},
		BackMatter: OSCALBackMatter{Resources: back},
	}
	return writeIndentedJSON(w, OSCALAssessmentResultsDocument{AssessmentResults: ar})
}

// oscalResults builds one assessment-results document.
type oscalResults struct {
	rep       *evaluator.Report
	opts      Options
	lang      string
	collected string
	// scope is the namespace of the document's UUIDs: the assessment of one
	// organization's inventory paths as of one day.
	scope string
	// files maps an input file's path to its back-matter resource's UUID.
	files map[string]string
}

// uuid is the UUID of the thing a stable name names within the assessment.
func (b *oscalResults) uuid(parts ...string) string {
	return uuid5(b.scope, oscalName(parts...))
}

// documentUUID names this revision of the results: it changes with the tool,
// the policies, the inputs' bytes and what was found.
func (b *oscalResults) documentUUID() string {
	parts := []string{"document", b.opts.ToolVersion, b.rep.PolicyDigest, b.opts.FailOn.String()}
	for _, f := range b.opts.Files {
		parts = append(parts, f.Path, f.SHA256)
	}
	for _, r := range b.rep.Results {
		parts = append(parts, r.Control.ID, r.Resource, r.Status.String(), strconv.FormatBool(r.Baselined))
	}
	return b.uuid(parts...)
}

// title names the assessment: whose, and as of which day.
func (b *oscalResults) title() string {
	if org := oscalLine(b.opts.Organization); org != "" {
		return text(b.lang, "Customer-data confidentiality assessment of "+org+" as of "+b.rep.AsOf,
			org+" 客户资料保密评估("+b.rep.AsOf+")")
	}
	return text(b.lang, "Customer-data confidentiality assessment as of "+b.rep.AsOf, "客户资料保密评估("+b.rep.AsOf+")")
}

// planResource describes the policy set, the assessment plan the results follow.
func (b *oscalResults) planResource() OSCALResource {
	desc := fmt.Sprintf("The assessment plan: the Rego policy set of baomi%s, whose controls test %s, "+
		"evaluated against the inventory files listed in the back matter, judging dates as of %s. "+
		"Each control of the catalog that baomi controls --format oscal writes is tested on every resource it applies to; "+
		"failures at or above the fail_on severity fail the run.", strings.TrimRight(" "+oscalLine(b.opts.ToolVersion), " "), regulationTitle, b.rep.AsOf)
	props := oscalProps("policy-sha256", b.rep.PolicyDigest, "fail-on", gateSeverity(b.opts).String())
	for _, p := range b.opts.UserPolicies {
		props = append(props, oscalProps("user-policy", filepath.ToSlash(p))...)
	}
	for _, id := range b.rep.Skipped {
		props = append(props, oscalProps("skipped-control", id)...)
	}
	keys := make([]string, 0, len(b.rep.Settings))
	for k := range b.rep.Settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v, err := json.Marshal(b.rep.Settings[k])
		if err == nil {
			props = append(props, oscalProps("setting", k+"="+string(v))...)
		}
	}
	return OSCALResource{UUID: b.uuid("policy-set"), Title: "baomi policy set", Description: desc, Props: props}
}

// fileResource is an input file with its SHA-256.
func (b *oscalResults) fileResource(f JSONInput) OSCALResource {
	r := OSCALResource{UUID: b.uuid("input", f.Path), Title: oscalLine(f.Path), Props: oscalProps("kind", f.Kind)}
	link := OSCALRLink{Href: fileHref(f.Path)}
	if f.SHA256 != "" {
		link.Hashes = []OSCALHash{{Algorithm: "SHA-256", Value: f.SHA256}}
	}
	r.RLinks = []OSCALRLink{link}
	return r
}

// fileHref is a file's path as a URI reference: relative paths stay relative.
func fileHref(p string) string {
	p = filepath.ToSlash(p)
	if strings.HasPrefix(p, "/") {
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: p}).String()
}

// result is the one result of the assessment.
func (b *oscalResults) result() (OSCALResult, error) {
	rep, lang := b.rep, b.lang
	verdict := rep.Verdict(gateSeverity(b.opts))
	res := OSCALResult{
		UUID:        b.uuid("result"),
		Title:       b.title(),
		Description: verdictText(rep, b.opts, lang) + "\n\n" + summaryLine(rep.Summary, lang),
		Start:       b.collected,
		Props:       oscalProps("verdict", verdict.Status.String(), "fail-on", gateSeverity(b.opts).String()),
	}
	items := b.inventoryItems()
	if len(items) > 0 {
		res.LocalDefinitions = &OSCALLocalDefinitions{InventoryItems: items}
	}
	res.ReviewedControls = b.reviewedControls()
	observations := map[string][]OSCALRelatedObservation{}
	risks := map[string][]OSCALAssociatedRisk{}
	for _, r := range rep.Results {
		obs := b.observation(r)
		res.Observations = append(res.Observations, obs)
		observations[r.Control.ID] = append(observations[r.Control.ID], OSCALRelatedObservation{ObservationUUID: obs.UUID})
		if r.Status == evaluator.Pass {
			continue
		}
		risk, err := b.risk(r, obs.UUID)
		if err != nil {
			return res, err
		}
		res.Risks = append(res.Risks, risk)
		risks[r.Control.ID] = append(risks[r.Control.ID], OSCALAssociatedRisk{RiskUUID: risk.UUID})
	}
	for _, o := range rep.Controls {
		if o.Status == evaluator.NotApplicable {
			continue
		}
		f := b.finding(o)
		f.RelatedObservations, f.RelatedRisks = observations[o.Control.ID], risks[o.Control.ID]
		res.Findings = append(res.Findings, f)
	}
	return res, nil
}

// inventoryItems are the resources the results concern, by address.
func (b *oscalResults) inventoryItems() []OSCALInventoryItem {
	names := map[string]string{}
	for _, r := range b.rep.Results {
		if _, ok := names[r.Resource]; !ok || names[r.Resource] == "" {
			names[r.Resource] = shownName(r)
		}
	}
	addrs := make([]string, 0, len(names))
	for a := range names {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	items := make([]OSCALInventoryItem, 0, len(addrs))
	for _, a := range addrs {
		desc := a
		if names[a] != "" {
			desc += " (" + names[a] + ")"
		}
		kind, _, _ := strings.Cut(a, ".")
		items = append(items, OSCALInventoryItem{
			UUID:        b.uuid("inventory-item", a),
			Description: desc,
			Props:       append([]OSCALProperty{{Name: "asset-id", Value: oscalLine(a)}}, oscalProps("resource-type", kind)...),
		})
	}
	return items
}

// reviewedControls selects the controls that applied to something; the
// not-applicable ones were not reviewed.
func (b *oscalResults) reviewedControls() OSCALReviewedControls {
	var include, exclude []OSCALSelectControlByID
	for _, o := range b.rep.Controls {
		sel := OSCALSelectControlByID{ControlID: o.Control.ID}
		if o.Status == evaluator.NotApplicable {
			exclude = append(exclude, sel)
		} else {
			include = append(include, sel)
		}
	}
	rc := OSCALReviewedControls{Description: text(b.lang,
		fmt.Sprintf("The %d controls that applied to the inventory; %d not applicable, %d skipped.", len(include), len(exclude), len(b.rep.Skipped)),
		fmt.Sprintf("适用于清单的 %d 项控制;%d 项不适用,%d 项已跳过。", len(include), len(exclude), len(b.rep.Skipped)))}
	if len(include) == 0 {
		// Nothing applied: all of the catalog but what did not apply, which is
		// nothing the catalog holds beyond the excluded.
		rc.ControlSelections = []OSCALControlSelection{{IncludeAll: &struct{}{}, ExcludeControls: exclude}}
		return rc
	}
	rc.ControlSelections = []OSCALControlSelection{{IncludeControls: include}}
	return rc
}

// observation is what testing a control on a resource found.
func (b *oscalResults) observation(r *evaluator.Result) OSCALObservation {
	c := r.Control
	obs := OSCALObservation{
		UUID:        b.uuid("observation", c.ID, r.Resource),
		Title:       oscalLine(c.ID + " " + r.Resource),
		Description: vocab.Status(r.Status, b.lang) + ": " + strings.TrimSpace(findingText(r, b.lang)),
		Props: oscalProps("control", c.ID, "status", r.Status.String(), "severity", r.Severity.String(),
			"base-severity", r.BaseSeverity.String(), "raised-by", strings.Join(r.RaisedBy, ", "),
			"baselined", boolProp(r.Baselined)),
		Methods: []string{"TEST"},
		Subjects: []OSCALSubjectReference{{SubjectUUID: b.uuid("inventory-item", r.Resource), Type: "inventory-item",
			Title: oscalLine(r.Resource)}},
		Collected: b.collected,
	}
	if r.Status != evaluator.Pass {
		obs.Types = []string{"finding"}
	}
	if l := r.Location; l != nil {
		ev := OSCALRelevantEvidence{Description: locationText(l)}
		if r.Attribute != "" {
			ev.Description += " (" + r.Attribute + ")"
		}
		if id, ok := b.files[l.File]; ok {
			ev.Href = "#" + id
		}
		obs.RelevantEvidence = []OSCALRelevantEvidence{ev}
	}
	return obs
}

// boolProp is "true" for true and "" (no prop) for false.
func boolProp(v bool) string {
	if v {
		return "true"
	}
	return ""
}

// risk is a failure, warning or waived failure: open, or an approved
// deviation until its waiver expires, with the control's remediation.
func (b *oscalResults) risk(r *evaluator.Result, observation string) (OSCALRisk, error) {
	c, lang := r.Control, b.lang
	statement := unwrap(c.Description)
	if statement == "" {
		statement = oscalLine(text(lang, c.Title, c.TitleZh))
	}
	risk := OSCALRisk{
		UUID:                b.uuid("risk", c.ID, r.Resource),
		Title:               oscalLine(c.ID + " " + r.Resource + ": " + text(lang, c.Title, c.TitleZh)),
		Description:         cmp.Or(strings.TrimSpace(findingText(r, lang)), c.ID),
		Statement:           statement,
		Props:               oscalProps("control", c.ID, "resource", r.Resource, "severity", r.Severity.String(), "baselined", boolProp(r.Baselined)),
		Status:              "open",
		RelatedObservations: []OSCALRelatedObservation{{ObservationUUID: observation}},
	}
	if wv := r.Waiver; wv != nil {
		risk.Props = append(risk.Props, oscalProps("waiver", wv.ID, "waiver-status", string(wv.Status))...)
		deadline, ok := oscalDateTime(wv.Expires)
		switch {
		case r.Status != evaluator.Waived:
			risk.Description += fmt.Sprintf("\n\nThe waiver %s expired on %s: it waives nothing.", wv.ID, wv.Expires)
		case !ok:
			return risk, fmt.Errorf("waiver %s of %s on %s: expires %q is not a date written YYYY-MM-DD", wv.ID, c.ID, r.Resource, wv.Expires)
		default:
			risk.Status, risk.Deadline = "deviation-approved", deadline
			risk.Description += fmt.Sprintf("\n\nWaived by %s, approved by %s until %s: %s", wv.ID, wv.ApprovedBy, wv.Expires, wv.Reason)
		}
	}
	if rem := strings.TrimSpace(strings.TrimSpace(c.Remediation) + "\n\n" + strings.TrimSpace(c.RemediationZh)); rem != "" {
		risk.Remediations = []OSCALResponse{{
			UUID: b.uuid("remediation", c.ID, r.Resource), Lifecycle: "recommendation",
			Title: text(lang, "How to fix", "整改建议"), Description: rem,
		}}
	}
	return risk, nil
}

// finding judges a reviewed control: satisfied when every result passed. A
// failure, a warning (what decides could not be shown) and a waived failure
// (an approved deviation, not compliance) each leave it not satisfied.
func (b *oscalResults) finding(o *evaluator.ControlOutcome) OSCALFinding {
	c, lang := o.Control, b.lang
	status := OSCALObjectiveStatus{State: "not-satisfied", Reason: "fail"}
	switch o.Status {
	case evaluator.Pass:
		status = OSCALObjectiveStatus{State: "satisfied", Reason: "pass"}
	case evaluator.Warn:
		status.Reason, status.Remarks = "other", "Some results warn, and a warning is not a pass: see the related observations."
	case evaluator.Waived:
		status.Reason, status.Remarks = "other", "Every failure is waived: an approved deviation until the waiver expires."
	}
	return OSCALFinding{
		UUID:  b.uuid("finding", c.ID),
		Title: oscalLine(c.ID + " " + text(lang, c.Title, c.TitleZh)),
		Description: text(lang,
			fmt.Sprintf("%s: %d pass, %d fail, %d warn, %d waived.", o.Status, o.Pass, o.Fail, o.Warn, o.Waived),
			fmt.Sprintf("%s:通过 %d,未通过 %d,警告 %d,已豁免 %d。", vocab.Status(o.Status, "zh"), o.Pass, o.Fail, o.Warn, o.Waived)),
		Props:  oscalProps("control", c.ID, "status", o.Status.String(), "severity", c.Severity.String()),
		Target: OSCALFindingTarget{Type: "statement-id", TargetID: statementID(c.ID), Status: status},
	}
}
