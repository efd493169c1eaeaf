package report

import (
	"encoding/json"
	"io"

	"github.com/baomi-dev/baomi/evaluator"
)

type jsonReport struct {
	Tool     jsonTool                `json:"tool"`
	AsOf     string                  `json:"as_of"`
	Summary  evaluator.Summary       `json:"summary"`
	Controls []jsonControl           `json:"controls"`
	Results  []jsonResult            `json:"results"`
	Waivers  []*evaluator.WaiverInfo `json:"waivers"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonControl struct {
	ID              string             `json:"id"`
	ShortCode       string             `json:"short_code"`
	Article         string             `json:"article"`
	RelatedArticles []string           `json:"related_articles,omitempty"`
	Title           string             `json:"title"`
	TitleZh         string             `json:"title_zh"`
	Severity        evaluator.Severity `json:"severity"`
	Status          evaluator.Status   `json:"status"`
	Pass            int                `json:"pass"`
	Fail            int                `json:"fail"`
	Warn            int                `json:"warn"`
	Waived          int                `json:"waived"`
}

type jsonResult struct {
	Control   string                `json:"control"`
	ShortCode string                `json:"short_code"`
	Article   string                `json:"article"`
	Severity  evaluator.Severity    `json:"severity"`
	Status    evaluator.Status      `json:"status"`
	Resource  string                `json:"resource"`
	Message   string                `json:"message"`
	MessageZh string                `json:"message_zh"`
	Attribute string                `json:"attribute,omitempty"`
	Location  *evaluator.Location   `json:"location"`
	Waiver    *evaluator.WaiverInfo `json:"waiver"`
	Baselined bool                  `json:"baselined,omitempty"`
}

// writeJSON writes every result, passes included, in the JSON output contract.
func writeJSON(w io.Writer, rep *evaluator.Report, opts Options) error {
	out := jsonReport{
		Tool:     jsonTool{Name: "baomi", Version: opts.ToolVersion},
		AsOf:     rep.AsOf,
		Summary:  rep.Summary,
		Controls: make([]jsonControl, 0, len(rep.Controls)),
		Results:  make([]jsonResult, 0, len(rep.Results)),
		Waivers:  rep.Waivers,
	}
	if out.Waivers == nil {
		out.Waivers = []*evaluator.WaiverInfo{}
	}
	for _, o := range rep.Controls {
		c := o.Control
		out.Controls = append(out.Controls, jsonControl{
			ID: c.ID, ShortCode: c.ShortCode, Article: c.Article, RelatedArticles: c.RelatedArticles,
			Title: c.Title, TitleZh: c.TitleZh, Severity: c.Severity, Status: o.Status,
			Pass: o.Pass, Fail: o.Fail, Warn: o.Warn, Waived: o.Waived,
		})
	}
	for _, r := range rep.Results {
		out.Results = append(out.Results, jsonResult{
			Control: r.Control.ID, ShortCode: r.Control.ShortCode, Article: r.Control.Article,
			Severity: r.Severity, Status: r.Status, Resource: r.Resource,
			Message: r.Message, MessageZh: r.MessageZh, Attribute: r.Attribute,
			Location: r.Location, Waiver: r.Waiver, Baselined: r.Baselined,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
