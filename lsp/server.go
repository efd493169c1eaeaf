// Package lsp is baomi's language server for inventory files: completion,
// hover, go-to-definition, find-references and diagnostics over stdio
// (JSON-RPC 2.0 framed by Content-Length, as LSP 3.17 frames it).
package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/baomi-dev/baomi/audit"
	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/policies"
)

// Options configure a server.
type Options struct {
	// Input is what a save evaluates, as check does: the limits, policy
	// folders, settings, skipped controls, Terraform inputs and the timeout
	// of each evaluation, which must be set. Its paths are the workspace
	// folder's; its as-of date comes from AsOf.
	Input audit.Input
	// AsOf returns the day an evaluation judges dates against.
	AsOf func() string
	// Name and Version identify the server to the client.
	Name, Version string
	// Log receives what the server cannot tell the client.
	Log io.Writer
}

// ErrExitWithoutShutdown is the client asking the server to exit without
// shutting it down first, or the input ending: LSP's exit status 1.
var ErrExitWithoutShutdown = errors.New("lsp: exit without shutdown")

// server is the state of one session.
type server struct {
	conn *conn
	opts Options
	// cwd resolves the file names the inventory decoder gives, relative to it.
	cwd string

	initialized, shuttingDown bool
	// snippets is true when the client takes completions with tab stops.
	snippets bool
	// root is the workspace folder, absolute: the inventory the files belong to.
	root string
	// open holds the text of each open document, by absolute path.
	open map[string][]byte
	// texts holds every file of the inventory as last read, by absolute path.
	texts    map[string]*text
	policies *evaluator.Policies
	// extras are what the policies add to the language: the controls that
	// read each attribute, and those a waiver may name.
	extras extras
	lang   *language
	// stale is true when a document changed since the files were last read.
	stale bool
	// findings are the failing controls found by the last save, by absolute
	// path, kept until the file changes.
	findings map[string][]Diagnostic
	// published holds the diagnostics the client shows, by absolute path.
	published map[string][]Diagnostic
}

// Serve answers the client on r and w until it sends exit, which returns nil
// after a shutdown request and ErrExitWithoutShutdown otherwise, or until r
// ends (ErrExitWithoutShutdown) or cannot be read.
func Serve(ctx context.Context, r io.Reader, w io.Writer, opts Options) error {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.AsOf == nil {
		opts.AsOf = func() string { return "" }
	}
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	s := &server{conn: newConn(r, w), opts: opts, cwd: cwd, open: map[string][]byte{}, texts: map[string]*text{},
		findings: map[string][]Diagnostic{}, published: map[string][]Diagnostic{}}
	msgs, done := make(chan read, 16), make(chan struct{})
	defer close(done)
	go s.readAll(msgs, done)
	for {
		var in read
		select {
		case in = <-msgs:
		default:
			// Nothing waits: the time to check what changed. While the
			// client sends faster than that, changes pile up and only the
			// last is checked.
			if s.stale {
				s.safely("checking the inventory", func() { s.refresh(ctx) })
			}
			select {
			case in = <-msgs:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if errors.Is(in.err, io.EOF) {
			return ErrExitWithoutShutdown
		}
		if in.err != nil {
			return in.err
		}
		var m message
		if err := json.Unmarshal(in.body, &m); err != nil {
			s.reply(nil, nil, &rpcError{Code: codeParseError, Message: "not JSON: " + err.Error()})
			continue
		}
		if m.Method == "" {
			if m.ID != nil {
				s.reply(m.ID, nil, &rpcError{Code: codeInvalidRequest, Message: "a request names its method"})
			}
			continue
		}
		if m.Method == "exit" {
			if s.shuttingDown {
				return nil
			}
			return ErrExitWithoutShutdown
		}
		result, rerr := s.handle(ctx, &m)
		if m.ID != nil {
			s.reply(m.ID, result, rerr)
		}
	}
}

// read is one message's body as read, or why none could be.
type read struct {
	body []byte
	err  error
}

// readAll reads messages into msgs until the input fails or done is closed.
func (s *server) readAll(msgs chan<- read, done <-chan struct{}) {
	for {
		body, err := s.conn.read()
		select {
		case msgs <- read{body, err}:
		case <-done:
			return
		}
		if err != nil {
			return
		}
	}
}

// reply answers the request id.
func (s *server) reply(id *json.RawMessage, result any, rerr *rpcError) {
	if id == nil {
		null := json.RawMessage("null")
		id = &null
	}
	var err error
	if rerr != nil {
		err = s.conn.write(errorResponse{JSONRPC: "2.0", ID: id, Error: rerr})
	} else {
		err = s.conn.write(response{JSONRPC: "2.0", ID: id, Result: result})
	}
	if err != nil {
		fmt.Fprintf(s.opts.Log, "baomi lsp: %v\n", err)
	}
}

// notify sends a notification.
func (s *server) notify(method string, params any) {
	if err := s.conn.write(notification{JSONRPC: "2.0", Method: method, Params: params}); err != nil {
		fmt.Fprintf(s.opts.Log, "baomi lsp: %v\n", err)
	}
}

// safely runs work and turns a panic in it into a line on the log: a bug in
// one request must not end the session.
func (s *server) safely(what string, work func()) (failed error) {
	defer func() {
		if p := recover(); p != nil {
			buf := make([]byte, 4096)
			buf = buf[:runtime.Stack(buf, false)]
			fmt.Fprintf(s.opts.Log, "baomi lsp: %s failed: %v\n%s\n", what, p, buf)
			failed = fmt.Errorf("%s failed: %v", what, p)
		}
	}()
	work()
	return nil
}

// handle runs one request or notification. A panic in a handler answers
// the request with an internal error instead of ending the session.
func (s *server) handle(ctx context.Context, m *message) (result any, rerr *rpcError) {
	if err := s.safely(m.Method, func() { result, rerr = s.dispatch(ctx, m) }); err != nil {
		return nil, &rpcError{Code: codeInternalError, Message: err.Error()}
	}
	return result, rerr
}

// dispatch runs one request or notification.
func (s *server) dispatch(ctx context.Context, m *message) (any, *rpcError) {
	switch {
	case m.Method == "initialize":
		var p initializeParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		return s.initialize(ctx, &p), nil
	case !s.initialized:
		return nil, &rpcError{Code: codeServerNotInitialized, Message: "the server is not initialized"}
	case s.shuttingDown:
		return nil, &rpcError{Code: codeInvalidRequest, Message: "the server is shutting down"}
	case m.Method == "shutdown":
		s.shuttingDown = true
		return nil, nil
	}
	if m.ID != nil && s.stale {
		// A request answers about the documents as they are now.
		s.refresh(ctx)
	}
	params, ok := handlers[m.Method]
	switch {
	case !ok && m.ID != nil:
		return nil, &rpcError{Code: codeMethodNotFound, Message: "no method " + m.Method}
	case !ok:
		// A notification the server does not take, such as $/cancelRequest.
		return nil, nil
	}
	p := params.new()
	if len(m.Params) > 0 {
		if err := json.Unmarshal(m.Params, p); err != nil {
			return nil, invalidParams(err)
		}
	}
	return params.run(ctx, s, p), nil
}

// invalidParams is the error for parameters that do not decode.
func invalidParams(err error) *rpcError {
	return &rpcError{Code: codeInvalidParams, Message: "invalid parameters: " + err.Error()}
}

// handler decodes a method's parameters into what new returns and runs it.
type handler struct {
	new func() any
	run func(ctx context.Context, s *server, params any) any
}

// on makes the handler of a method whose parameters are a P.
func on[P any](run func(ctx context.Context, s *server, p *P) any) handler {
	return handler{new: func() any { return new(P) }, run: func(ctx context.Context, s *server, p any) any { return run(ctx, s, p.(*P)) }}
}

// handlers are the methods served once initialized.
var handlers = map[string]handler{
	"initialized": on(func(_ context.Context, s *server, _ *struct{}) any {
		s.stale = true
		return nil
	}),
	"textDocument/didOpen": on(func(_ context.Context, s *server, p *didOpenParams) any {
		s.opened(p.TextDocument.URI, []byte(p.TextDocument.Text))
		return nil
	}),
	"textDocument/didChange": on(func(_ context.Context, s *server, p *didChangeParams) any {
		if n := len(p.ContentChanges); n > 0 && p.ContentChanges[n-1].Range == nil {
			s.opened(p.TextDocument.URI, []byte(p.ContentChanges[n-1].Text))
		}
		return nil
	}),
	"textDocument/didSave": on(func(ctx context.Context, s *server, p *didSaveParams) any {
		s.saved(ctx, p.TextDocument.URI)
		return nil
	}),
	"textDocument/didClose": on(func(_ context.Context, s *server, p *didCloseParams) any {
		if path, ok := uriPath(p.TextDocument.URI); ok {
			delete(s.open, path)
			s.stale = true
		}
		return nil
	}),
	"workspace/didChangeWatchedFiles": on(func(_ context.Context, s *server, _ *struct{}) any {
		s.stale = true
		return nil
	}),
	"textDocument/completion": on(func(_ context.Context, s *server, p *textDocumentPositionParams) any {
		return s.completion(p)
	}),
	"textDocument/hover": on(func(_ context.Context, s *server, p *textDocumentPositionParams) any {
		return s.hover(p)
	}),
	"textDocument/definition": on(func(_ context.Context, s *server, p *textDocumentPositionParams) any {
		path, _, pos, ok := s.at(p)
		if !ok {
			return []Location{}
		}
		return s.locations(s.lang.definitions(path, pos))
	}),
	"textDocument/references": on(func(_ context.Context, s *server, p *referenceParams) any {
		path, _, pos, ok := s.at(&p.textDocumentPositionParams)
		if !ok {
			return []Location{}
		}
		return s.locations(s.lang.references(path, pos, p.Context.IncludeDeclaration))
	}),
}

// initialize takes the workspace folder and loads the policies, whose
// controls hover names.
func (s *server) initialize(ctx context.Context, p *initializeParams) any {
	s.initialized = true
	s.snippets = p.Capabilities.TextDocument.Completion.CompletionItem.SnippetSupport
	for _, u := range []string{p.RootURI, firstFolder(p.WorkspaceFolders)} {
		if path, ok := uriPath(u); ok {
			s.root = path
		}
	}
	if s.root == "" && p.RootPath != "" {
		s.root, _ = filepath.Abs(p.RootPath)
	}
	ps, err := evaluator.Load(ctx, policies.FS, s.opts.Input.Policies, io.Discard)
	if err != nil {
		s.notify("window/showMessage", map[string]any{"type": 1, "message": "baomi: the policies do not load, so saving checks no control: " + err.Error()})
	} else {
		s.policies = ps
		s.extras.describe = readers(ps, inventory.BlockTypes()).describe
		for _, c := range ps.Controls {
			s.extras.controls = append(s.extras.controls, value{Name: c.ID, Doc: c.Title}, value{Name: c.ShortCode, Doc: c.ID + ": " + c.Title})
		}
	}
	s.lang = newLanguage(s.root, inventory.BlockTypes(), s.extras)
	return map[string]any{
		"capabilities": map[string]any{
			"textDocumentSync":   map[string]any{"openClose": true, "change": 1, "save": map[string]any{"includeText": false}},
			"completionProvider": map[string]any{"triggerCharacters": []string{".", "\"", "="}},
			"hoverProvider":      true,
			"definitionProvider": true,
			"referencesProvider": true,
		},
		"serverInfo": map[string]any{"name": s.opts.Name, "version": s.opts.Version},
	}
}

// firstFolder is the URI of the first workspace folder, or "".
func firstFolder(folders []workspaceFolder) string {
	if len(folders) == 0 {
		return ""
	}
	return folders[0].URI
}

// uriPath is the absolute path of a file: URI.
func uriPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", false
	}
	p := u.Path
	if isDrivePath(p) {
		p = p[1:] // file:///C:/x is C:/x on Windows
	}
	return filepath.Clean(filepath.FromSlash(p)), true
}

// isDrivePath reports whether p is a URI's path to a Windows drive: /C:/...
func isDrivePath(p string) bool {
	return runtime.GOOS == "windows" && len(p) >= 3 && p[0] == '/' && p[2] == ':'
}

// pathURI is the file: URI of an absolute path.
func pathURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// absolute resolves a file name as the decoder gives it.
func (s *server) absolute(name string) string {
	if filepath.IsAbs(name) {
		return filepath.Clean(name)
	}
	return filepath.Join(s.cwd, name)
}

// opened takes a document's new text; the inventory is checked again once
// no message waits, or before the next request.
func (s *server) opened(uri string, src []byte) {
	path, ok := uriPath(uri)
	if !ok {
		return
	}
	if s.root == "" {
		s.root = filepath.Dir(path)
		s.lang = newLanguage(s.root, inventory.BlockTypes(), s.extras)
	}
	s.open[path] = src
	delete(s.findings, path)
	s.stale = true
}

// overlay is the open documents keyed by the names the decoder gives files.
func (s *server) overlay() map[string][]byte {
	out := make(map[string][]byte, len(s.open))
	for path, src := range s.open {
		out[inventory.DisplayName(path)] = src
	}
	return out
}

// refresh reads the inventory's files again, open documents as the editor
// holds them, and publishes the decoder's diagnostics beside the findings
// of the last save.
func (s *server) refresh(ctx context.Context) {
	s.stale = false
	if s.root == "" {
		return
	}
	limits := s.opts.Input.Limits
	limits.Overlay = s.overlay()
	inv, diags, err := inventory.LoadContext(ctx, []string{s.root}, limits)
	if err != nil {
		return
	}
	if s.policies != nil {
		for _, p := range s.policies.CheckInput(inv.Document) {
			diags = append(diags, inv.Diagnostic(p.Address, p.Attribute, "Invalid waiver", p.Message))
		}
	}
	s.texts = map[string]*text{}
	srcs := map[string][]byte{}
	for _, name := range inv.Files {
		path := s.absolute(name)
		src, ok := s.open[path]
		if !ok {
			var d *hcl.Diagnostic
			if src, _, d = inventory.ReadSource(name, s.opts.Input.Limits); d != nil {
				continue
			}
		}
		s.texts[path] = newText(src)
		srcs[path] = src
	}
	s.lang.load(srcs)
	s.publish(diags)
}

// publish sends each file's diagnostics, and empty lists for the files
// whose problems are gone.
func (s *server) publish(diags hcl.Diagnostics) {
	byFile := map[string][]Diagnostic{}
	for path, fs := range s.findings {
		byFile[path] = append(byFile[path], fs...)
	}
	inventory.SortDiagnostics(diags)
	for _, d := range diags {
		path, rng := s.root, Range{}
		if d.Subject != nil && d.Subject.Filename != "" {
			path = s.absolute(d.Subject.Filename)
			if t := s.texts[path]; t != nil && d.Subject.Start.Line > 0 {
				rng = t.lspRange(*d.Subject)
			}
		}
		sev := severityError
		if d.Severity == hcl.DiagWarning {
			sev = severityWarning
		}
		byFile[path] = append(byFile[path], Diagnostic{Range: rng, Severity: sev, Source: "baomi", Message: inventory.Message(d)})
	}
	paths := make([]string, 0, len(byFile)+len(s.published))
	for path := range byFile {
		paths = append(paths, path)
	}
	for path := range s.published {
		if byFile[path] == nil {
			paths = append(paths, path)
		}
	}
	sort.Strings(paths)
	for _, path := range paths {
		list, shown := byFile[path], s.published[path]
		if list != nil && slices.Equal(list, shown) {
			continue // the client shows them already
		}
		if list == nil {
			list = []Diagnostic{}
			delete(s.published, path)
		} else {
			s.published[path] = list
		}
		s.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: pathURI(path), Diagnostics: list})
	}
}

// saved evaluates the inventory as check does and publishes the failing
// controls of each file beside the decoder's diagnostics.
func (s *server) saved(ctx context.Context, uri string) {
	if path, ok := uriPath(uri); ok {
		if src, err := os.ReadFile(path); err == nil && s.open[path] != nil && !bytes.Equal(src, s.open[path]) {
			s.open[path] = src
			s.stale = true
		}
	}
	if s.root == "" || s.policies == nil {
		s.refresh(ctx)
		return
	}
	if s.stale {
		// The findings are placed in the texts as saved.
		s.refresh(ctx)
	}
	in := s.opts.Input
	in.Paths = []string{s.root}
	in.Limits.Overlay = s.overlay()
	in.Eval.AsOf = s.opts.AsOf()
	in.Warnings = io.Discard
	res, err := audit.Evaluate(ctx, in)
	s.findings = map[string][]Diagnostic{}
	var ierr *audit.InputError
	switch {
	case errors.As(err, &ierr):
	case err != nil:
		s.notify("window/showMessage", map[string]any{"type": 1, "message": "baomi: the controls were not evaluated: " + err.Error()})
	default:
		s.findings = s.failures(res.Report)
	}
	s.refresh(ctx)
}

// failures are the failing and warning results of a report as diagnostics,
// by absolute path: each at the attribute or block the result points at.
func (s *server) failures(rep *evaluator.Report) map[string][]Diagnostic {
	out := map[string][]Diagnostic{}
	for _, r := range rep.Results {
		if (r.Status != evaluator.Fail && r.Status != evaluator.Warn) || r.Location == nil || r.Location.File == "" {
			continue
		}
		path := s.absolute(r.Location.File)
		t := s.texts[path]
		if t == nil {
			continue
		}
		start := hcl.Pos{Line: r.Location.Line, Column: r.Location.Column}
		line, _ := t.line(start.Line - 1)
		end := hcl.Pos{Line: start.Line, Column: inventory.Column(line, len(line))}
		sev := severityError
		if r.Status == evaluator.Warn {
			sev = severityWarning
		}
		out[path] = append(out[path], Diagnostic{Range: t.lspRange(hcl.Range{Start: start, End: end}), Severity: sev,
			Code: r.Control.ID, Source: "baomi check",
			Message: fmt.Sprintf("%s (%s, article %s): %s", r.Control.Title, r.Severity, r.Control.Article, r.Message)})
	}
	return out
}

// at resolves a request's document and position.
func (s *server) at(p *textDocumentPositionParams) (string, *text, hcl.Pos, bool) {
	path, ok := uriPath(p.TextDocument.URI)
	if !ok || s.lang == nil {
		return "", nil, hcl.Pos{}, false
	}
	t := s.texts[path]
	if t == nil {
		return "", nil, hcl.Pos{}, false
	}
	return path, t, t.hclPos(p.Position), true
}

// completion answers textDocument/completion.
func (s *server) completion(p *textDocumentPositionParams) CompletionList {
	list := CompletionList{Items: []CompletionItem{}}
	path, t, pos, ok := s.at(p)
	if !ok {
		return list
	}
	for _, c := range s.lang.complete(path, pos) {
		item := CompletionItem{Label: c.Label, Kind: c.Kind, Detail: c.Detail,
			TextEdit: &TextEdit{Range: t.lspRange(c.Edit), NewText: c.NewText}}
		if s.snippets && c.Snippet != "" && c.Snippet != c.NewText {
			item.TextEdit.NewText, item.InsertTextFormat = c.Snippet, insertSnippet
		}
		if c.Doc != "" {
			item.Documentation = markup(c.Doc, c.Markdown)
		}
		list.Items = append(list.Items, item)
	}
	return list
}

// markup is text to show, Markdown or plain.
func markup(value string, markdown bool) *MarkupContent {
	if markdown {
		return &MarkupContent{Kind: "markdown", Value: value}
	}
	return &MarkupContent{Kind: "plaintext", Value: value}
}

// hover answers textDocument/hover: null where there is nothing to say.
func (s *server) hover(p *textDocumentPositionParams) *Hover {
	path, t, pos, ok := s.at(p)
	if !ok {
		return nil
	}
	value, rng, ok := s.lang.hover(path, pos)
	if !ok {
		return nil
	}
	r := t.lspRange(rng)
	return &Hover{Contents: *markup(value, true), Range: &r}
}

// locations converts ranges in the inventory's files into LSP locations.
func (s *server) locations(rngs []hcl.Range) []Location {
	out := []Location{}
	for _, r := range rngs {
		if t := s.texts[r.Filename]; t != nil {
			out = append(out, Location{URI: pathURI(r.Filename), Range: t.lspRange(r)})
		}
	}
	return out
}
