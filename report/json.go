package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"

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
// It streams: each control and result is encoded on its own, so that a report of
// hundreds of thousands of results is never held in memory twice. The bytes are
// those of encoding/json with a two-space indent.
func writeJSON(w io.Writer, rep *evaluator.Report, opts Options) error {
	jw := newJSONWriter(w)
	waivers := rep.Waivers
	if waivers == nil {
		waivers = []*evaluator.WaiverInfo{}
	}
	jw.raw("{\n")
	jw.field("tool", jsonTool{Name: "baomi", Version: opts.ToolVersion}, false)
	jw.field("as_of", rep.AsOf, false)
	jw.field("summary", rep.Summary, false)
	jw.array("controls", len(rep.Controls), func(i int) any {
		o := rep.Controls[i]
		c := o.Control
		return jsonControl{
			ID: c.ID, ShortCode: c.ShortCode, Article: c.Article, RelatedArticles: c.RelatedArticles,
			Title: c.Title, TitleZh: c.TitleZh, Severity: c.Severity, Status: o.Status,
			Pass: o.Pass, Fail: o.Fail, Warn: o.Warn, Waived: o.Waived,
		}
	})
	jw.array("results", len(rep.Results), func(i int) any {
		r := rep.Results[i]
		return jsonResult{
			Control: r.Control.ID, ShortCode: r.Control.ShortCode, Article: r.Control.Article,
			Severity: r.Severity, Status: r.Status, Resource: r.Resource,
			Message: r.Message, MessageZh: r.MessageZh, Attribute: r.Attribute,
			Location: r.Location, Waiver: r.Waiver, Baselined: r.Baselined,
		}
	})
	jw.field("waivers", waivers, true)
	jw.raw("}\n")
	return jw.flush()
}

// jsonWriter writes an indented JSON object a field at a time.
type jsonWriter struct {
	buf *bufio.Writer
	tmp bytes.Buffer
	// encs holds one encoder into tmp per nesting depth.
	encs map[int]*json.Encoder
	err  error
}

func newJSONWriter(w io.Writer) *jsonWriter {
	return &jsonWriter{buf: bufio.NewWriterSize(w, 64<<10), encs: map[int]*json.Encoder{}}
}

func (j *jsonWriter) raw(s string) {
	if j.err == nil {
		_, j.err = j.buf.WriteString(s)
	}
}

// value writes v indented as if nested at depth levels, without a final newline.
func (j *jsonWriter) value(v any, depth int) {
	if j.err != nil {
		return
	}
	enc := j.encs[depth]
	if enc == nil {
		enc = json.NewEncoder(&j.tmp)
		enc.SetEscapeHTML(false)
		enc.SetIndent(strings.Repeat("  ", depth), "  ")
		j.encs[depth] = enc
	}
	j.tmp.Reset()
	if j.err = enc.Encode(v); j.err == nil {
		_, j.err = j.buf.Write(bytes.TrimSuffix(j.tmp.Bytes(), []byte("\n")))
	}
}

// field writes one top-level field.
func (j *jsonWriter) field(name string, v any, last bool) {
	j.raw("  " + strconv.Quote(name) + ": ")
	j.value(v, 1)
	if last {
		j.raw("\n")
	} else {
		j.raw(",\n")
	}
}

// array writes a top-level field holding n elements, each made by elem.
func (j *jsonWriter) array(name string, n int, elem func(int) any) {
	j.raw("  " + strconv.Quote(name) + ": [")
	if n == 0 {
		j.raw("],\n")
		return
	}
	for i := 0; i < n; i++ {
		j.raw("\n    ")
		j.value(elem(i), 2)
		if i < n-1 {
			j.raw(",")
		}
	}
	j.raw("\n  ],\n")
}

func (j *jsonWriter) flush() error {
	if j.err != nil {
		return j.err
	}
	return j.buf.Flush()
}
