package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/baomi-dev/baomi/audit"
	"github.com/baomi-dev/baomi/inventory"
)

// client speaks to a server running in this process over pipes.
type client struct {
	t    *testing.T
	w    *io.PipeWriter
	out  *conn
	in   chan incoming
	done chan error
	next int
	// diagnostics holds the last diagnostics published for each URI, and
	// publications how many times they were.
	diagnostics  map[string][]Diagnostic
	publications map[string]int
}

// incoming is a message from the server: a response or a notification.
type incoming struct {
	ID     *int            `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *rpcError       `json:"error"`
}

// asOf is the day the tests judge dates against.
const asOf = "2026-11-26"

// start runs a server; its session must end within the test.
func start(t *testing.T) *client {
	t.Helper()
	fromServer, serverOut := io.Pipe()
	serverIn, toServer := io.Pipe()
	c := &client{t: t, w: toServer, out: newConn(fromServer, io.Discard), in: make(chan incoming, 100),
		done: make(chan error, 1), diagnostics: map[string][]Diagnostic{}, publications: map[string]int{}}
	var log bytes.Buffer
	go func() {
		err := Serve(context.Background(), serverIn, serverOut, Options{Input: audit.Input{Timeout: time.Minute},
			AsOf: func() string { return asOf }, Name: "baomi", Version: "test", Log: &log})
		serverOut.Close()
		c.done <- err
	}()
	go func() {
		defer close(c.in)
		for {
			body, err := c.out.read()
			if err != nil {
				return
			}
			var m incoming
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("the server sent %q: %v", body, err)
				return
			}
			c.in <- m
		}
	}()
	t.Cleanup(func() {
		toServer.Close()
		fromServer.Close()
		if log.Len() > 0 {
			t.Errorf("the server logged: %s", log.String())
		}
	})
	return c
}

// send writes a message to the server.
func (c *client) send(m map[string]any) {
	c.t.Helper()
	m["jsonrpc"] = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatal(err)
	}
}

// notify sends a notification.
func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"method": method, "params": params})
}

// call sends a request and returns its response, keeping the diagnostics
// published before it.
func (c *client) call(method string, params any) incoming {
	c.t.Helper()
	c.next++
	id := c.next
	c.send(map[string]any{"id": id, "method": method, "params": params})
	timeout := time.After(time.Minute)
	for {
		select {
		case m, ok := <-c.in:
			if !ok {
				c.t.Fatalf("the server closed the session before answering %s", method)
			}
			if m.ID != nil && *m.ID == id {
				return m
			}
			if m.Method == "window/showMessage" {
				c.t.Errorf("the server said %s", m.Params)
			}
			if m.Method == "textDocument/publishDiagnostics" {
				var p publishDiagnosticsParams
				if err := json.Unmarshal(m.Params, &p); err != nil {
					c.t.Fatal(err)
				}
				c.diagnostics[p.URI] = p.Diagnostics
				c.publications[p.URI]++
			}
		case <-timeout:
			c.t.Fatalf("no answer to %s", method)
		}
	}
}

// result calls method and decodes its result into v.
func (c *client) result(method string, params, v any) {
	c.t.Helper()
	m := c.call(method, params)
	if m.Error != nil {
		c.t.Fatalf("%s: %v", method, m.Error)
	}
	if err := json.Unmarshal(m.Result, v); err != nil {
		c.t.Fatalf("%s: %s: %v", method, m.Result, err)
	}
}

// exit ends the session and returns Serve's error.
func (c *client) exit() error {
	c.t.Helper()
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		return err
	case <-time.After(time.Minute):
		c.t.Fatal("the server did not exit")
		return nil
	}
}

// workspace is the test inventory, absolute.
func workspace(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("testdata", "ws"))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// openWorkspace starts a server on the test inventory and opens its files.
func openWorkspace(t *testing.T) (*client, string) {
	t.Helper()
	c := start(t)
	root := workspace(t)
	var init struct {
		Capabilities map[string]any `json:"capabilities"`
	}
	c.result("initialize", map[string]any{"rootUri": pathURI(root)}, &init)
	c.notify("initialized", map[string]any{})
	for _, name := range []string{"sites.hcl", "systems.hcl", "waivers.hcl"} {
		src, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
			"uri": pathURI(filepath.Join(root, name)), "languageId": "baomi-hcl", "version": 1, "text": string(src)}})
	}
	return c, root
}

// at finds where mark ends on the first line of file that holds line (the
// start of mark when it ends in "^"), as an LSP position counted
// independently of the server: UTF-16 code units of the text before it.
func at(t *testing.T, root, file, line, mark string) Position {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, file))
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(src), "\n") {
		if !strings.Contains(l, line) {
			continue
		}
		before := strings.HasSuffix(mark, "^")
		mark = strings.TrimSuffix(mark, "^")
		off := strings.Index(l, mark)
		if off < 0 {
			t.Fatalf("%q is not on line %q", mark, l)
		}
		if !before {
			off += len(mark)
		}
		return Position{Line: i, Character: len(utf16.Encode([]rune(l[:off])))}
	}
	t.Fatalf("no line of %s holds %q", file, line)
	return Position{}
}

// position is the parameters of a request at pos in file.
func position(root, file string, pos Position) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": pathURI(filepath.Join(root, file))}, "position": pos}
}

func TestRoundTrip(t *testing.T) {
	c := start(t)
	root := workspace(t)
	// Before initialize, a request is refused.
	if m := c.call("textDocument/hover", position(root, "sites.hcl", Position{})); m.Error == nil || m.Error.Code != codeServerNotInitialized {
		t.Fatalf("hover before initialize: %+v", m)
	}
	var init struct {
		Capabilities struct {
			TextDocumentSync struct {
				Change int `json:"change"`
			} `json:"textDocumentSync"`
			CompletionProvider struct {
				TriggerCharacters []string `json:"triggerCharacters"`
			} `json:"completionProvider"`
			HoverProvider, DefinitionProvider, ReferencesProvider bool
		} `json:"capabilities"`
		ServerInfo struct{ Name, Version string } `json:"serverInfo"`
	}
	c.result("initialize", map[string]any{"rootUri": pathURI(root), "capabilities": map[string]any{}}, &init)
	caps := init.Capabilities
	if caps.TextDocumentSync.Change != 1 || !caps.HoverProvider || !caps.DefinitionProvider || !caps.ReferencesProvider ||
		!slices.Contains(caps.CompletionProvider.TriggerCharacters, ".") || init.ServerInfo.Name != "baomi" {
		t.Errorf("initialize answered %+v", init)
	}
	c.notify("initialized", map[string]any{})
	// A new document, not yet saved: the server completes from its text.
	uri := pathURI(filepath.Join(root, "sites.hcl"))
	text := "site \"北京\" {\n  name = \"北京 🏢\"\n  kind = \n}\n"
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "baomi-hcl", "version": 1, "text": text}})
	var list CompletionList
	c.result("textDocument/completion", position(root, "sites.hcl", Position{Line: 2, Character: 9}), &list)
	var labels []string
	for _, it := range list.Items {
		labels = append(labels, it.Label)
		if it.TextEdit == nil || it.TextEdit.Range != (Range{Position{2, 9}, Position{2, 9}}) || it.TextEdit.NewText != `"`+it.Label+`"` {
			t.Errorf("item %+v does not insert %q at 3:10", it, it.Label)
		}
	}
	if strings.Join(labels, " ") != "cloud_region datacenter office" {
		t.Errorf("completion of site.kind: %v", labels)
	}
	// Unknown methods are refused; unknown notifications ignored.
	c.notify("workspace/didChangeConfiguration", map[string]any{})
	if m := c.call("textDocument/rename", position(root, "sites.hcl", Position{})); m.Error == nil || m.Error.Code != codeMethodNotFound {
		t.Errorf("rename: %+v", m)
	}
	if m := c.call("shutdown", nil); m.Error != nil || string(m.Result) != "null" {
		t.Errorf("shutdown: %+v", m)
	}
	if m := c.call("textDocument/hover", position(root, "sites.hcl", Position{})); m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Errorf("hover after shutdown: %+v", m)
	}
	if err := c.exit(); err != nil {
		t.Errorf("exit after shutdown: %v", err)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c := start(t)
	c.result("initialize", map[string]any{}, &map[string]any{})
	if err := c.exit(); !errors.Is(err, ErrExitWithoutShutdown) {
		t.Errorf("exit without shutdown: %v", err)
	}
}

func TestBadMessages(t *testing.T) {
	c := start(t)
	// A body that is not JSON: a parse error, with a null id, and the session goes on.
	if _, err := fmt.Fprintf(c.w, "Content-Length: 5\r\n\r\n{nope"); err != nil {
		t.Fatal(err)
	}
	if m := <-c.in; m.ID != nil || m.Error == nil || m.Error.Code != codeParseError {
		t.Errorf("a body that is not JSON: %+v", m)
	}
	// A message with an id and no method is not a request.
	c.send(map[string]any{"id": 99})
	if m := <-c.in; m.ID == nil || *m.ID != 99 || m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Errorf("a message without a method: %+v", m)
	}
	if m := c.call("initialize", map[string]any{"rootUri": 7}); m.Error == nil || m.Error.Code != codeInvalidParams {
		t.Errorf("initialize with a number for rootUri: %+v", m)
	}
	// A header that cannot be read ends the session with an error, not a panic.
	if _, err := fmt.Fprintf(c.w, "Content-Length: many\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-c.done:
		if !errors.Is(err, errBadFrame) {
			t.Errorf("a bad header: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the server did not stop on a bad header")
	}
}

func TestCompletion(t *testing.T) {
	c, root := openWorkspace(t)
	defer c.exit()
	cases := []struct {
		name, file, line, mark string
		want                   []string
		// exact: want is the whole list; otherwise want is in it.
		exact bool
		// edit is the text the items replace: they start where it first occurs on the line.
		edit string
		// blank, when set, is a blank line (0-based) the cursor is on instead, after two spaces.
		blank int
	}{
		{"references after Chinese text and emoji", "systems.hcl", "主站", "site = site.",
			[]string{"site.hz_dc", "site.上海_dc"}, true, "site.上海_dc", 0},
		{"references in a list after a Chinese id", "systems.hcl", "stored_in", ", system.",
			[]string{"system.客户库", "system.账单库"}, true, "system.账单库", 0},
		{"references in a nested block, filtered by what is typed", "systems.hcl", "异地", "site = site.h",
			[]string{"site.hz_dc"}, true, "site.hz_dc", 0},
		{"the controls a waiver may name", "waivers.hcl", "control", `= "`,
			[]string{"BM-4.2.1-04", "BM-4.6.1-01", "endpoint-protection", "storage-encrypted"}, false, "", 0},
		{"a waiver's resource: any type", "waivers.hcl", "resource", "= s",
			[]string{"site.hz_dc", "site.上海_dc", "system.客户库", "system.账单库"}, true, "system.账单库", 0},
		{"enum values", "sites.hcl", `kind = "datacenter"`, `kind = "`,
			[]string{"cloud_region", "datacenter", "office"}, true, "", 0},
		{"attributes not yet set, on the blank line before backup", "systems.hcl", "", "",
			[]string{"access_approval", "audit_logging", "backup", "patch_age_days"}, false, "", 9},
		{"block types", "systems.hcl", "# 系统", "^",
			[]string{"agreement", "channel", "data_asset", "department", "destruction", "device", "disposal", "incident", "loan",
				"organization", "paper_archive", "partner", "removal", "site", "system", "training", "transfer", "waiver"}, true, "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pos := Position{Line: tc.blank, Character: 2}
			if tc.blank == 0 {
				pos = at(t, root, tc.file, tc.line, tc.mark)
			}
			var list CompletionList
			c.result("textDocument/completion", position(root, tc.file, pos), &list)
			var labels []string
			for _, it := range list.Items {
				labels = append(labels, it.Label)
			}
			if tc.exact && !slices.Equal(labels, tc.want) {
				t.Errorf("got %v, want %v", labels, tc.want)
			}
			for _, w := range tc.want {
				if !slices.Contains(labels, w) {
					t.Errorf("%s is not offered: %v", w, labels)
				}
			}
			if tc.blank > 0 && (slices.Contains(labels, "kind") || slices.Contains(labels, "site")) {
				t.Errorf("attributes already set are offered: %v", labels)
			}
			if tc.edit != "" {
				from := at(t, root, tc.file, tc.line, tc.edit+"^")
				for _, it := range list.Items {
					if it.TextEdit.Range.Start != from || it.TextEdit.NewText != it.Label {
						t.Errorf("%s replaces %v with %q, want from %v", it.Label, it.TextEdit.Range, it.TextEdit.NewText, from)
					}
				}
			}
		})
	}
}

func TestHover(t *testing.T) {
	c, root := openWorkspace(t)
	defer c.exit()
	cases := []struct {
		name, file, line, mark string
		want                   []string
		// start is where the range shown begins.
		start string
	}{
		{"an attribute after Chinese text and emoji", "systems.hcl", "未加密", "encryption_",
			[]string{"**encryption_at_rest**", "The algorithm protecting data at rest, or none (4.2.1).", "Judged by:",
				"`BM-4.2.1-04` Stored customer data is encrypted at rest (article 4.2.1, high)"}, "encryption_at_rest^"},
		{"an attribute of a nested block", "systems.hcl", "frequency", "freq",
			[]string{"How often the backup is taken (4.2.3).", "`BM-4.2.3-01`"}, "frequency^"},
		{"an attribute that holds a reference", "systems.hcl", "主站", "*/ si",
			[]string{"The site where the primary copy lives.", "`BM-4.2.3-03`"}, "site = ^"},
		{"a reference", "systems.hcl", "主站", "site.上",
			[]string{"`site.上海_dc`"}, "site.上海_dc^"},
		{"a block type", "sites.hcl", `site "上海_dc"`, "si",
			[]string{"A place where customer data is kept"}, "site^"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var h *Hover
			c.result("textDocument/hover", position(root, tc.file, at(t, root, tc.file, tc.line, tc.mark)), &h)
			if h == nil {
				t.Fatal("no hover")
			}
			for _, w := range tc.want {
				if !strings.Contains(h.Contents.Value, w) {
					t.Errorf("hover lacks %q:\n%s", w, h.Contents.Value)
				}
			}
			if h.Contents.Kind != "markdown" || h.Range == nil || h.Range.Start != at(t, root, tc.file, tc.line, tc.start) {
				t.Errorf("hover %s at %v, want from %v", h.Contents.Kind, h.Range, at(t, root, tc.file, tc.line, tc.start))
			}
		})
	}
	var h *Hover
	c.result("textDocument/hover", position(root, "systems.hcl", Position{Line: 0, Character: 3}), &h)
	if h != nil {
		t.Errorf("hover on a comment: %+v", h)
	}
}

func TestDefinitionAndReferences(t *testing.T) {
	c, root := openWorkspace(t)
	defer c.exit()
	loc := func(file, line string) Location {
		return Location{URI: pathURI(filepath.Join(root, file)),
			Range: Range{Start: at(t, root, file, line, line+"^"), End: at(t, root, file, line, line)}}
	}
	defs := []struct {
		name, file, line, mark string
		want                   Location
	}{
		{"a reference after emoji, to another file", "systems.hcl", "异地", "site.hz", loc("sites.hcl", `site "hz_dc"`)},
		{"a Chinese id in a list", "systems.hcl", "stored_in", "system.账", loc("systems.hcl", `system "账单库"`)},
		{"a Chinese id", "sites.hcl", "lead_department", "department.法", loc("sites.hcl", `department "法务部"`)},
	}
	for _, tc := range defs {
		t.Run(tc.name, func(t *testing.T) {
			var got []Location
			c.result("textDocument/definition", position(root, tc.file, at(t, root, tc.file, tc.line, tc.mark)), &got)
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
	origin := func(file, line, mark string) Location {
		return Location{URI: pathURI(filepath.Join(root, file)),
			Range: Range{Start: at(t, root, file, line, mark+"^"), End: at(t, root, file, line, mark)}}
	}
	refs := []struct {
		name, file, line, mark string
		declaration            bool
		want                   []Location
	}{
		{"of a block, from its header", "sites.hcl", `site "hz_dc"`, "si", true, []Location{
			loc("sites.hcl", `site "hz_dc"`),
			origin("systems.hcl", "异地", "site.hz_dc"),
			origin("systems.hcl", "  site = site.hz_dc", "site.hz_dc")}},
		{"of a block, from a reference to it", "systems.hcl", "主站", "site.上", false, []Location{
			origin("systems.hcl", "主站", "site.上海_dc")}},
	}
	for _, tc := range refs {
		t.Run(tc.name, func(t *testing.T) {
			var got []Location
			c.result("textDocument/references", map[string]any{
				"textDocument": map[string]any{"uri": pathURI(filepath.Join(root, tc.file))},
				"position":     at(t, root, tc.file, tc.line, tc.mark),
				"context":      map[string]any{"includeDeclaration": tc.declaration}}, &got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
	// A Chinese id, referred to from two files.
	var got []Location
	c.result("textDocument/references", map[string]any{
		"textDocument": map[string]any{"uri": pathURI(filepath.Join(root, "sites.hcl"))},
		"position":     at(t, root, "sites.hcl", `department "法务部"`, "dep"),
		"context":      map[string]any{"includeDeclaration": false}}, &got)
	if !slices.Equal(got, []Location{origin("sites.hcl", "lead_department", "department.法务部"), origin("systems.hcl", "owner", "department.法务部")}) {
		t.Errorf("references to department.法务部: %+v", got)
	}
}

func TestDiagnostics(t *testing.T) {
	c, root := openWorkspace(t)
	defer c.exit()
	sites, systems := filepath.Join(root, "sites.hcl"), filepath.Join(root, "systems.hcl")
	c.call("textDocument/hover", position(root, "sites.hcl", Position{}))
	for _, uri := range []string{pathURI(sites), pathURI(systems)} {
		if ds, ok := c.diagnostics[uri]; ok && len(ds) > 0 {
			t.Errorf("a valid inventory has diagnostics in %s: %+v", uri, ds)
		}
	}
	// A typo after Chinese text and an emoji of two code points on its line.
	src, err := os.ReadFile(systems)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(src), `/* 未加密 🔓 */ encryption_at_rest = "none"`, `/* 未加密 🖥️ */ encryption_at_rest = "nope"`, 1)
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": pathURI(systems), "version": 2},
		"contentChanges": []map[string]any{{"text": broken}}})
	c.call("textDocument/hover", position(root, "sites.hcl", Position{}))
	// What validate prints for the same text: file:line:column: error: message.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "systems.hcl"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sites.hcl"), mustRead(t, sites), 0o644); err != nil {
		t.Fatal(err)
	}
	inv, diags := inventory.Load([]string{dir})
	var buf bytes.Buffer
	if err := inv.WriteDiagnostics(&buf, diags); err != nil {
		t.Fatal(err)
	}
	first := strings.SplitN(buf.String(), "\n", 2)[0]
	var line, col int
	var msg string
	if _, err := fmt.Sscanf(first[strings.Index(first, "systems.hcl:")+len("systems.hcl:"):], "%d:%d:", &line, &col); err != nil {
		t.Fatalf("validate printed %q: %v", first, err)
	}
	msg = first[strings.Index(first, ": error: ")+len(": error: "):]
	got := c.diagnostics[pathURI(systems)]
	if len(got) != 1 || len(diags) != 1 {
		t.Fatalf("diagnostics %+v, validate %q", got, buf.String())
	}
	want := at(t, root, "systems.hcl", "未加密", `"none"^`)
	want.Character++ // 🖥️ is one UTF-16 unit longer than 🔓
	if got[0].Message != msg || got[0].Severity != severityError || got[0].Range.Start != want {
		t.Errorf("diagnostic %+v, want %q at %v", got[0], msg, want)
	}
	if line != 29 || col != 36 || !strings.Contains(msg, `Did you mean "none"`) {
		t.Errorf("validate: %q", first)
	}
	// The same problems again are not sent again.
	n := c.publications[pathURI(systems)]
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": pathURI(systems), "version": 3},
		"contentChanges": []map[string]any{{"text": broken + "\n"}}})
	c.call("textDocument/hover", position(root, "sites.hcl", Position{}))
	if c.publications[pathURI(systems)] != n {
		t.Errorf("unchanged diagnostics published again: %+v", c.diagnostics[pathURI(systems)])
	}
	// Fixing the typo clears the file's diagnostics.
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": pathURI(systems), "version": 3},
		"contentChanges": []map[string]any{{"text": string(src)}}})
	c.call("textDocument/hover", position(root, "sites.hcl", Position{}))
	if ds, ok := c.diagnostics[pathURI(systems)]; !ok || len(ds) != 0 {
		t.Errorf("after the fix: %+v", ds)
	}
	// On save, the failing controls of each file, where check places them.
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": pathURI(systems)}})
	c.call("textDocument/hover", position(root, "sites.hcl", Position{}))
	var found *Diagnostic
	for i, d := range c.diagnostics[pathURI(systems)] {
		if d.Code == "BM-4.2.1-04" {
			found = &c.diagnostics[pathURI(systems)][i]
		}
	}
	if found == nil {
		t.Fatalf("no BM-4.2.1-04 on save: %+v", c.diagnostics[pathURI(systems)])
	}
	if found.Range.Start != at(t, root, "systems.hcl", "未加密", "encryption_at_rest^") || found.Source != "baomi check" ||
		!strings.Contains(found.Message, "system.账单库") {
		t.Errorf("BM-4.2.1-04: %+v", found)
	}
	var orgFailures []string
	for _, d := range c.diagnostics[pathURI(sites)] {
		orgFailures = append(orgFailures, d.Code)
	}
	if !slices.Contains(orgFailures, "BM-2.1-01") {
		t.Errorf("sites.hcl on save: %v", orgFailures)
	}
	// A change drops the changed file's findings: their places may have moved.
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": pathURI(systems), "version": 4},
		"contentChanges": []map[string]any{{"text": "\n" + string(src)}}})
	c.call("textDocument/hover", position(root, "sites.hcl", Position{}))
	if ds := c.diagnostics[pathURI(systems)]; len(ds) != 0 {
		t.Errorf("findings kept after a change: %+v", ds)
	}
}

// mustRead reads a file.
func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFilesChangedOnDisk(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"sites.hcl", "systems.hcl"} {
		if err := os.WriteFile(filepath.Join(root, name), mustRead(t, filepath.Join("testdata", "ws", name)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A file the editor will not open.
	extra := filepath.Join(root, "channels.hcl")
	if err := os.WriteFile(extra, []byte("channel \"邮件\" {\n  kind = \"e-mail\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := start(t)
	defer c.exit()
	c.result("initialize", map[string]any{"rootUri": pathURI(root)}, &map[string]any{})
	// Once initialized (its params left out, as some clients do), the server reads the folder.
	c.send(map[string]any{"method": "initialized"})
	c.call("textDocument/hover", position(root, "sites.hcl", Position{}))
	got := c.diagnostics[pathURI(extra)]
	if len(got) != 1 || got[0].Range.Start != (Position{1, 9}) || !strings.Contains(got[0].Message, `Did you mean "email"?`) {
		t.Errorf("diagnostics of a file the editor has not opened: %+v", got)
	}
	// Definitions reach files the editor has not opened.
	var defs []Location
	c.result("textDocument/definition", position(root, "systems.hcl", at(t, root, "systems.hcl", "异地", "site.hz")), &defs)
	if len(defs) != 1 || defs[0].URI != pathURI(filepath.Join(root, "sites.hcl")) {
		t.Errorf("definition in an unopened file: %+v", defs)
	}
	// Another program mends the file.
	if err := os.WriteFile(extra, []byte("channel \"邮件\" {\n  kind = \"email\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": pathURI(extra), "type": 2}}})
	c.call("textDocument/hover", position(root, "sites.hcl", Position{}))
	if got := c.diagnostics[pathURI(extra)]; len(got) != 0 {
		t.Errorf("diagnostics of a file mended on disk: %+v", got)
	}
}

func TestCompletionSnippets(t *testing.T) {
	c := start(t)
	defer c.exit()
	root := workspace(t)
	c.result("initialize", map[string]any{"rootUri": pathURI(root), "capabilities": map[string]any{
		"textDocument": map[string]any{"completion": map[string]any{"completionItem": map[string]any{"snippetSupport": true}}}}}, &map[string]any{})
	c.notify("initialized", map[string]any{})
	var list CompletionList
	c.result("textDocument/completion", position(root, "systems.hcl", Position{Line: 1, Character: 0}), &list)
	for _, it := range list.Items {
		if it.Label == "site" {
			if it.InsertTextFormat != insertSnippet || it.TextEdit.NewText != "site \"${1:id}\" {\n  ${2}\n}" {
				t.Errorf("site: %+v", it.TextEdit)
			}
			return
		}
	}
	t.Errorf("no site in %+v", list.Items)
}

func TestAPanicIsAnError(t *testing.T) {
	var log bytes.Buffer
	s := &server{opts: Options{Log: &log}}
	err := s.safely("hover", func() { panic("boom") })
	if err == nil || err.Error() != "hover failed: boom" || !strings.Contains(log.String(), "baomi lsp: hover failed: boom\ngoroutine ") {
		t.Errorf("safely: %v; log %q", err, log.String())
	}
	if err := s.safely("hover", func() {}); err != nil {
		t.Errorf("safely without a panic: %v", err)
	}
}
