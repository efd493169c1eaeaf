package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"runtime"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/baomi-dev/baomi/evaluator"
)

// JSONReport is the JSON output contract (`baomi check --format json`): what
// writeJSON writes and ReadJSON reads back. It records how the report was made
// and carries each control's texts, so that a saved report can be compared and
// rendered into every other format without the policies.
type JSONReport struct {
	Tool JSONTool `json:"tool"`
	AsOf string   `json:"as_of"`
	// Organization is the name of the organization audited.
	Organization string `json:"organization,omitempty"`
	// Paths are the inventory paths checked, as given on the command line.
	Paths []string `json:"paths,omitempty"`
	// RepoDir is the working directory's path below the root of the git work
	// tree that holds it; absent at the root and outside a git work tree.
	RepoDir string `json:"repo_dir,omitempty"`
	// Inputs lists every file read.
	Inputs   []JSONInput    `json:"inputs"`
	Policies *JSONPolicies  `json:"policies"`
	Settings map[string]any `json:"settings"`
	// Skipped lists the ids of the controls --skip left out.
	Skipped []string           `json:"skipped"`
	FailOn  evaluator.Severity `json:"fail_on"`
	Verdict *evaluator.Verdict `json:"verdict"`
	Summary evaluator.Summary  `json:"summary"`
	// Controls lists every control evaluated with its outcome.
	Controls []JSONControl `json:"controls"`
	// Results holds every result, passes included.
	Results []JSONResult            `json:"results"`
	Waivers []*evaluator.WaiverInfo `json:"waivers"`
	// RemoteModules lists the remote Terraform modules that were not read;
	// absent when there are none.
	RemoteModules []RemoteModule `json:"remote_modules,omitempty"`
}

// RemoteModule is a Terraform module call whose source is not a local folder:
// it was not read, so its resources are not in the report.
type RemoteModule struct {
	Address  string              `json:"address"`
	Source   string              `json:"source"`
	Location *evaluator.Location `json:"location"`
}

// JSONTool names the program that wrote a report.
type JSONTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// JSONInput is one file read: its path relative to the working directory, its
// kind ("inventory", or "terraform" for a .tf, tfvars or plan file) and the
// sha256 of its bytes.
type JSONInput struct {
	Path   string `json:"path"`
	Kind   string `json:"kind"`
	SHA256 string `json:"sha256"`
}

// JSONPolicies identifies the policy set: a digest over every policy file's
// path and bytes, and the user policy folders given.
type JSONPolicies struct {
	SHA256 string   `json:"sha256"`
	User   []string `json:"user"`
}

// JSONControl is a control with its outcome.
type JSONControl struct {
	ID              string             `json:"id"`
	ShortCode       string             `json:"short_code"`
	Article         string             `json:"article"`
	RelatedArticles []string           `json:"related_articles,omitempty"`
	Title           string             `json:"title"`
	TitleZh         string             `json:"title_zh"`
	Severity        evaluator.Severity `json:"severity"`
	Status          evaluator.Status   `json:"status"`
	evaluator.Counts
	Description   string `json:"description"`
	Remediation   string `json:"remediation"`
	RemediationZh string `json:"remediation_zh"`
	Package       string `json:"package"`
	File          string `json:"file"`
	Builtin       bool   `json:"builtin"`
}

// JSONResult is one control's outcome on one resource.
type JSONResult struct {
	Control   string             `json:"control"`
	ShortCode string             `json:"short_code"`
	Article   string             `json:"article"`
	Severity  evaluator.Severity `json:"severity"`
	// BaseSeverity is the control's own severity; Severity is one level above
	// it when the top_secret assets RaisedBy are involved.
	BaseSeverity evaluator.Severity    `json:"base_severity"`
	RaisedBy     []string              `json:"raised_by,omitempty"`
	Status       evaluator.Status      `json:"status"`
	Resource     string                `json:"resource"`
	ResourceName string                `json:"resource_name"`
	Message      string                `json:"message"`
	MessageZh    string                `json:"message_zh"`
	Attribute    string                `json:"attribute,omitempty"`
	Location     *evaluator.Location   `json:"location"`
	Waiver       *evaluator.WaiverInfo `json:"waiver"`
	Baselined    bool                  `json:"baselined,omitempty"`
	// Terraform is present on a result on a Terraform resource: the system it is
	// linked to ("" for none).
	Terraform *evaluator.TerraformLink `json:"terraform,omitempty"`
}

// jsonControl describes an outcome in the contract.
func jsonControl(o *evaluator.ControlOutcome) JSONControl {
	c := o.Control
	return JSONControl{
		ID: c.ID, ShortCode: c.ShortCode, Article: c.Article, RelatedArticles: c.RelatedArticles,
		Title: c.Title, TitleZh: c.TitleZh, Severity: c.Severity, Status: o.Status, Counts: o.Counts,
		Description: c.Description, Remediation: c.Remediation, RemediationZh: c.RemediationZh,
		Package: c.Package, File: c.File, Builtin: c.Builtin,
	}
}

// writeJSON writes every result, passes included, in the JSON output contract.
// It streams: each control and result is encoded on its own, so that a report of
// hundreds of thousands of results is never held in memory twice. The bytes are
// those of encoding/json with a two-space indent.
func writeJSON(w io.Writer, rep *evaluator.Report, opts Options) error {
	jw := newJSONWriter(w)
	failOn := gateSeverity(opts)
	verdict := rep.Verdict(failOn)
	jw.raw("{\n")
	jw.field("tool", JSONTool{Name: "baomi", Version: opts.ToolVersion}, false)
	jw.field("as_of", rep.AsOf, false)
	if opts.Organization != "" {
		jw.field("organization", opts.Organization, false)
	}
	if len(opts.Inputs) > 0 {
		jw.field("paths", opts.Inputs, false)
	}
	if opts.RepoDir != "" {
		jw.field("repo_dir", opts.RepoDir, false)
	}
	jw.field("inputs", nonNil(opts.Files), false)
	jw.field("policies", JSONPolicies{SHA256: rep.PolicyDigest, User: nonNil(opts.UserPolicies)}, false)
	settings := rep.Settings
	if settings == nil {
		settings = map[string]any{}
	}
	jw.field("settings", settings, false)
	jw.field("skipped", nonNil(rep.Skipped), false)
	jw.field("fail_on", failOn, false)
	jw.field("verdict", verdict, false)
	jw.field("summary", rep.Summary, false)
	jw.array("controls", len(rep.Controls), func(i int) any { return jsonControl(rep.Controls[i]) })
	jw.results(rep.Results)
	jw.field("waivers", nonNil(rep.Waivers), len(opts.RemoteModules) == 0)
	if len(opts.RemoteModules) > 0 {
		jw.field("remote_modules", opts.RemoteModules, true)
	}
	jw.raw("}\n")
	return jw.flush()
}

// nonNil writes an absent list as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// jsonWriter writes an indented JSON object a field at a time.
type jsonWriter struct {
	buf *bufio.Writer
	tmp bytes.Buffer
	// line is the buffer a result is written into.
	line []byte
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

// resultsChunk is how many results one goroutine encodes at a time.
const resultsChunk = 1024

// results writes the top-level results field. Each result is written by hand,
// in the bytes encoding/json gives its JSONResult (TestResultJSONMatchesEncoder):
// a report holds hundreds of thousands of them, and encoding/json's reflection
// and indenting pass cost more than the rest of the report. Chunks of results
// are encoded on every core and written in order; at most two chunks per core
// wait to be written.
func (j *jsonWriter) results(rs []*evaluator.Result) {
	j.raw(`  "results": [`)
	if len(rs) == 0 {
		j.raw("],\n")
		return
	}
	chunks := (len(rs) + resultsChunk - 1) / resultsChunk
	workers := min(runtime.GOMAXPROCS(0), chunks)
	type chunk struct {
		text *bytes.Buffer
		err  error
	}
	encoded := make([]chan chunk, chunks)
	for k := range encoded {
		encoded[k] = make(chan chunk, 1)
	}
	next := make(chan int)
	waiting := make(chan struct{}, 2*workers)
	go func() {
		for k := range chunks {
			waiting <- struct{}{}
			next <- k
		}
		close(next)
	}()
	free := make(chan *bytes.Buffer, 2*workers)
	for range workers {
		go func() {
			cw := newJSONWriter(nil)
			for k := range next {
				var b *bytes.Buffer
				select {
				case b = <-free:
					b.Reset()
				default:
					b = &bytes.Buffer{}
				}
				cw.buf.Reset(b)
				for i := k * resultsChunk; i < min(len(rs), (k+1)*resultsChunk); i++ {
					cw.raw("\n    ")
					cw.result(rs[i])
					if i < len(rs)-1 {
						cw.raw(",")
					}
				}
				encoded[k] <- chunk{b, cw.flush()}
			}
		}()
	}
	for k := range chunks {
		c := <-encoded[k]
		if c.err != nil && j.err == nil {
			j.err = c.err
		}
		j.write(c.text.Bytes())
		select {
		case free <- c.text:
		default:
		}
		<-waiting
	}
	j.raw("\n  ],\n")
}

// result writes one result as encoding/json writes its JSONResult at depth 2.
func (j *jsonWriter) result(r *evaluator.Result) {
	const next = ",\n      "
	b := append(j.line[:0], '{')
	b = appendField(b, "\n      ", "control", r.Control.ID)
	b = appendField(b, next, "short_code", r.Control.ShortCode)
	b = appendField(b, next, "article", r.Control.Article)
	b = appendField(b, next, "severity", r.Severity.String())
	b = appendField(b, next, "base_severity", r.BaseSeverity.String())
	if len(r.RaisedBy) > 0 {
		b = append(b, next+`"raised_by": [`...)
		for i, a := range r.RaisedBy {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n        "...)
			b = appendJSONString(b, a)
		}
		b = append(b, "\n      ]"...)
	}
	b = appendField(b, next, "status", r.Status.String())
	b = appendField(b, next, "resource", r.Resource)
	b = appendField(b, next, "resource_name", r.ResourceName)
	b = appendField(b, next, "message", r.Message)
	b = appendField(b, next, "message_zh", r.MessageZh)
	if r.Attribute != "" {
		b = appendField(b, next, "attribute", r.Attribute)
	}
	if l := r.Location; l != nil {
		b = append(b, next+`"location": {`...)
		b = appendField(b, "\n        ", "file", l.File)
		b = append(b, ",\n        \"line\": "...)
		b = strconv.AppendInt(b, int64(l.Line), 10)
		b = append(b, ",\n        \"column\": "...)
		b = strconv.AppendInt(b, int64(l.Column), 10)
		b = append(b, "\n      }"...)
	} else {
		b = append(b, next+`"location": null`...)
	}
	b = append(b, next+`"waiver": `...)
	if r.Waiver == nil {
		b = append(b, "null"...)
	} else {
		j.write(b)
		j.value(r.Waiver, 3)
		b = b[:0]
	}
	if r.Baselined {
		b = append(b, next+`"baselined": true`...)
	}
	if t := r.Terraform; t != nil {
		b = append(b, next+`"terraform": {`...)
		b = appendField(b, "\n        ", "system", t.System)
		b = append(b, "\n      }"...)
	}
	b = append(b, "\n    }"...)
	j.write(b)
	j.line = b
}

func (j *jsonWriter) write(b []byte) {
	if j.err == nil {
		_, j.err = j.buf.Write(b)
	}
}

// appendField appends sep, the quoted name, a colon and s as a JSON string.
func appendField(b []byte, sep, name, s string) []byte {
	b = append(b, sep...)
	b = append(b, '"')
	b = append(b, name...)
	b = append(b, `": `...)
	return appendJSONString(b, s)
}

// appendJSONString appends s quoted as encoding/json quotes it without HTML
// escaping. Strings it would escape (quotes, backslashes, control characters,
// invalid UTF-8, U+2028 and U+2029) are left to encoding/json itself; the rest,
// almost every string of a report, are copied as they are.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' {
				return appendEncoded(b, s)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return appendEncoded(b, s)
		}
		i += size
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendEncoded appends s as encoding/json encodes it without HTML escaping.
func appendEncoded(b []byte, s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

func (j *jsonWriter) flush() error {
	if j.err != nil {
		return j.err
	}
	return j.buf.Flush()
}
