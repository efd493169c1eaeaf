package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/logging"
	"github.com/open-policy-agent/opa/v1/plugins"
	bundleplugin "github.com/open-policy-agent/opa/v1/plugins/bundle"
	"github.com/open-policy-agent/opa/v1/plugins/discovery"
	"github.com/open-policy-agent/opa/v1/plugins/logs"
	"github.com/open-policy-agent/opa/v1/server"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"go.yaml.in/yaml/v3"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/policies"
)

// opaServer is a real OPA server run in-process on a loopback port. It pulls
// its bundle from a local bundle service (ETag, If-None-Match → 304) and sends
// its decision logs to a local collector; both its bundle downloads and its
// log uploads are triggered by hand, so that the test decides when they happen.
type opaServer struct {
	URL     string
	manager *plugins.Manager

	mu     sync.Mutex
	bundle []byte
	// notModified counts the bundle requests answered 304.
	notModified int
	events      []decisionEvent
}

// decisionEvent is the part of an OPA decision log entry the tests read.
type decisionEvent struct {
	DecisionID string `json:"decision_id"`
	Path       string `json:"path"`
	Bundles    map[string]struct {
		Revision string `json:"revision"`
	} `json:"bundles"`
	Input          json.RawMessage `json:"input"`
	RequestContext struct {
		HTTP struct {
			Headers map[string][]string `json:"headers"`
		} `json:"http"`
	} `json:"request_context"`
}

// startOPA starts the bundle service, the log collector and the OPA server,
// and activates the bundle; everything stops when the test ends.
func startOPA(t *testing.T, bundleBytes []byte) *opaServer {
	t.Helper()
	o := &opaServer{bundle: bundleBytes}
	bundles := httptest.NewServer(http.HandlerFunc(o.serveBundle))
	t.Cleanup(bundles.Close)
	collector := httptest.NewServer(http.HandlerFunc(o.collect))
	t.Cleanup(collector.Close)
	config := fmt.Sprintf(`{
		"services": {"bundles": {"url": %q}, "collector": {"url": %q}},
		"bundles": {"baomi": {"service": "bundles", "resource": "/bundles/baomi.tar.gz", "trigger": "manual"}},
		"decision_logs": {"service": "collector", "reporting": {"trigger": "manual", "upload_size_limit_bytes": 67108864},
			"request_context": {"http": {"headers": [%q]}}}
	}`, bundles.URL, collector.URL, evaluator.InputHashHeader)

	ctx, cancel := context.WithCancel(context.Background())
	store := inmem.New()
	quiet := logging.NewNoOpLogger()
	m, err := plugins.New([]byte(config), "baomi-test", store, plugins.Logger(quiet), plugins.ConsoleLogger(quiet))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Init(ctx); err != nil {
		t.Fatal(err)
	}
	disco, err := discovery.New(m)
	if err != nil {
		t.Fatal(err)
	}
	m.Register(discovery.Name, disco)
	if err := m.Start(ctx); err != nil {
		t.Fatal(err)
	}
	o.manager = m
	var ids sync.Mutex
	next := 0
	srv, err := server.New().
		WithStore(store).
		WithManager(m).
		WithAddresses([]string{"127.0.0.1:0"}).
		WithDecisionIDFactory(func() string {
			ids.Lock()
			defer ids.Unlock()
			next++
			return fmt.Sprintf("decision-%d", next)
		}).
		WithDecisionLoggerWithErr(func(ctx context.Context, info *server.Info) error {
			return logs.Lookup(m).Log(ctx, info)
		}).
		Init(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// As opa run does, hand the request's headers to the decision logger.
	handler := srv.Handler
	srv.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rctx := &logging.HTTPRequestContext{Header: r.Header.Clone()}
		handler.ServeHTTP(w, r.WithContext(logging.WithHTTPRequestContext(r.Context(), rctx)))
	})
	loops, err := srv.Listeners()
	if err != nil {
		t.Fatal(err)
	}
	for _, loop := range loops {
		go func() { _ = loop() }()
	}
	t.Cleanup(func() {
		stop, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		_ = srv.Shutdown(stop)
		m.Stop(stop)
		cancel()
	})
	// Each loop listens when it starts: wait, within a bound, for the port.
	for deadline := time.Now().Add(10 * time.Second); len(srv.Addrs()) == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the OPA server did not start listening")
		}
	}
	o.URL = "http://" + srv.Addrs()[0]
	o.activate(t)
	return o
}

// serveBundle serves the current bundle with its sha256 as ETag.
func (o *opaServer) serveBundle(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/bundles/baomi.tar.gz" {
		http.NotFound(w, r)
		return
	}
	o.mu.Lock()
	b := o.bundle
	sum := sha256.Sum256(b)
	etag := `"` + hex.EncodeToString(sum[:]) + `"`
	if r.Header.Get("If-None-Match") == etag {
		o.notModified++
		o.mu.Unlock()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	o.mu.Unlock()
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "application/gzip")
	_, _ = w.Write(b)
}

// collect receives an upload of decision logs: a gzipped JSON array of events.
func (o *opaServer) collect(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/logs" {
		http.NotFound(w, r)
		return
	}
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var events []decisionEvent
	if err := json.NewDecoder(zr).Decode(&events); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	o.mu.Lock()
	o.events = append(o.events, events...)
	o.mu.Unlock()
}

// serve swaps the bundle the bundle service serves and has OPA fetch it.
func (o *opaServer) serve(t *testing.T, b []byte) {
	t.Helper()
	o.mu.Lock()
	o.bundle = b
	o.mu.Unlock()
	o.activate(t)
}

// activate has OPA download the bundle now, then waits, within a bound, for
// /health?bundles to report it activated.
func (o *opaServer) activate(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := bundleplugin.Lookup(o.manager).Trigger(ctx); err != nil {
		t.Fatalf("OPA cannot activate the bundle: %v", err)
	}
	for {
		resp, err := http.Get(o.URL + "/health?bundles")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("OPA did not report the bundle activated: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// decisions uploads OPA's decision logs now and returns every event received.
func (o *opaServer) decisions(t *testing.T) []decisionEvent {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := logs.Lookup(o.manager).Trigger(ctx); err != nil {
		t.Fatalf("uploading the decision logs: %v", err)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]decisionEvent(nil), o.events...)
}

// buildBundle runs baomi bundle build with args and returns the bundle's bytes.
func buildBundle(t *testing.T, args ...string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "baomi.tar.gz")
	if code, _, errOut := runBaomi(t, append([]string{"bundle", "build", "-o", out}, args...)...); code != 0 {
		t.Fatalf("bundle build: exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkRun is one baomi check's outcome.
type checkRun struct {
	code           int
	stderr, report string
	wrote          bool
}

// runCheckJSON runs baomi check with args, writing the JSON report to a new file.
func runCheckJSON(t *testing.T, args ...string) checkRun {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.json")
	code, _, errOut := runBaomi(t, append([]string{"check", "--format", "json", "-o", out}, args...)...)
	b, err := os.ReadFile(out)
	return checkRun{code: code, stderr: errOut, report: string(b), wrote: err == nil}
}

// scenarioArgs lists check's arguments for fixtures/acme and for every
// scenario below fixtures/ (each folder with an expected.yaml), with its as-of
// date, settings (in a config file) and Terraform inputs, by name.
func scenarioArgs(t *testing.T) map[string][]string {
	t.Helper()
	cases := map[string][]string{"acme": {"fixtures/acme", "--as-of", "2026-11-26"}}
	err := filepath.WalkDir("fixtures", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "expected.yaml" {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var exp struct {
			AsOf      string         `yaml:"as_of"`
			Settings  map[string]any `yaml:"settings"`
			Terraform []string       `yaml:"terraform"`
		}
		if err := yaml.Unmarshal(raw, &exp); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		dir := filepath.Dir(p)
		args := []string{dir, "--as-of", exp.AsOf}
		if len(exp.Settings) > 0 {
			conf, err := yaml.Marshal(map[string]any{"settings": exp.Settings})
			if err != nil {
				return err
			}
			name := filepath.Join(t.TempDir(), "baomi.yaml")
			if err := os.WriteFile(name, conf, 0o644); err != nil {
				return err
			}
			args = append(args, "--config", name)
		}
		for _, tf := range exp.Terraform {
			args = append(args, "--terraform", filepath.Join(dir, filepath.FromSlash(tf)))
		}
		if len(exp.Terraform) == 0 {
			if info, err := os.Stat(filepath.Join(dir, "infra")); err == nil && info.IsDir() {
				args = append(args, "--terraform", filepath.Join(dir, "infra"))
			}
		}
		cases[filepath.ToSlash(dir)] = args
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 2 {
		t.Fatal("no scenarios found")
	}
	return cases
}

// excerpt is the text of s around byte i.
func excerpt(s string, i int) string {
	return s[max(0, i-80):min(len(s), i+80)]
}

// TestCheckOPAURL: check --opa-url on a real OPA server that serves the bundle
// of bundle build writes the JSON report a local check writes, byte for byte,
// on acme and on every scenario; OPA's decision log holds one decision per
// check, with the bundle's revision; a server serving other policies, an
// unreachable one, and one that answers an error or garbage are exit 2 with
// no report written.
func TestCheckOPAURL(t *testing.T) {
	repoRoot(t)
	ps, err := evaluator.Load(context.Background(), policies.FS, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	digest := ps.Digest()
	built := buildBundle(t)
	opa := startOPA(t, built)

	cases := scenarioArgs(t)
	t.Run("same report as a local check", func(t *testing.T) {
		// Two scenarios at a time: each check is mostly the loading of the
		// policies, on one core.
		slots := make(chan struct{}, 2)
		var wg sync.WaitGroup
		for name, args := range cases {
			wg.Add(1)
			slots <- struct{}{}
			go func() {
				defer func() { <-slots; wg.Done() }()
				local := runCheckJSON(t, args...)
				remote := runCheckJSON(t, append(args, "--opa-url", opa.URL)...)
				switch {
				case local.code > exitFindings || !local.wrote:
					t.Errorf("%s: the local check failed: exit %d: %s", name, local.code, local.stderr)
				case remote.code != local.code:
					t.Errorf("%s: exit %d with --opa-url, %d locally: %s", name, remote.code, local.code, remote.stderr)
				case remote.report != local.report:
					i := firstDifference(local.report, remote.report)
					t.Errorf("%s: the reports differ at byte %d: local %q, remote %q", name, i, excerpt(local.report, i), excerpt(remote.report, i))
				case remote.stderr != local.stderr:
					t.Errorf("%s: stderr %q with --opa-url, %q locally", name, remote.stderr, local.stderr)
				}
			}()
		}
		wg.Wait()
	})

	t.Run("one decision per check, with the bundle's revision", func(t *testing.T) {
		events := opa.decisions(t)
		if len(events) != len(cases) {
			t.Fatalf("%d decisions logged for %d checks", len(events), len(cases))
		}
		seen := map[string]bool{}
		for _, e := range events {
			if e.Path != "baomi/meta/check/result" {
				t.Errorf("decision %s on %q, want baomi/meta/check/result", e.DecisionID, e.Path)
			}
			if got := e.Bundles["baomi"].Revision; got != digest {
				t.Errorf("decision %s: bundle revision %q, want the policy set's digest %s", e.DecisionID, got, digest)
			}
			// The input hash header names the input the decision judged.
			var input map[string]any
			dec := json.NewDecoder(bytes.NewReader(e.Input))
			dec.UseNumber()
			if err := dec.Decode(&input); err != nil || input["as_of"] == nil || input["settings"] == nil {
				t.Errorf("decision %s: the logged input is not the input document: %v", e.DecisionID, err)
			}
			doc, _ := json.Marshal(input)
			sum := sha256.Sum256(doc)
			if got := e.RequestContext.HTTP.Headers[evaluator.InputHashHeader]; len(got) != 1 || got[0] != hex.EncodeToString(sum[:]) {
				t.Errorf("decision %s: %s %v, want the sha256 of the logged input %x", e.DecisionID, evaluator.InputHashHeader, got, sum)
			}
			if seen[e.DecisionID] {
				t.Errorf("decision %s logged twice", e.DecisionID)
			}
			seen[e.DecisionID] = true
		}
	})

	acme := cases["acme"]
	t.Run("another revision is refused unless allowed", func(t *testing.T) {
		other := buildBundle(t, "--policy", "evaluator/testdata/user")
		opa.serve(t, other)
		defer opa.serve(t, built)
		userPolicies, err := evaluator.Load(context.Background(), policies.FS, []string{"evaluator/testdata/user"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		refused := runCheckJSON(t, append(acme, "--opa-url", opa.URL)...)
		if refused.code != exitError || refused.wrote {
			t.Errorf("exit %d, report written %v; want exit 2 and no report", refused.code, refused.wrote)
		}
		for _, want := range []string{opa.URL, digest, userPolicies.Digest(), "--allow-revision"} {
			if !strings.Contains(refused.stderr, want) {
				t.Errorf("the refusal does not name %s: %q", want, refused.stderr)
			}
		}
		local := runCheckJSON(t, acme...)
		allowed := runCheckJSON(t, append(acme, "--opa-url", opa.URL, "--allow-revision")...)
		if allowed.code != local.code || allowed.report != local.report {
			t.Errorf("--allow-revision: exit %d (local %d), same report %v: %s", allowed.code, local.code, allowed.report == local.report, allowed.stderr)
		}
		if !strings.Contains(allowed.stderr, "warning") || !strings.Contains(allowed.stderr, userPolicies.Digest()) {
			t.Errorf("--allow-revision does not warn of the revision: %q", allowed.stderr)
		}
	})

	t.Run("a control that breaks the contract fails alike", func(t *testing.T) {
		// deny is an array, not a set: JSON cannot tell them apart, the entry
		// module's tags can, so the server's answer is refused like a local one.
		dir := "cmd/baomi/testdata/deny-array"
		opa.serve(t, buildBundle(t, "--policy", dir))
		defer opa.serve(t, built)
		args := append(slices.Clone(acme), "--policy", dir)
		local := runCheckJSON(t, args...)
		remote := runCheckJSON(t, append(args, "--opa-url", opa.URL)...)
		if local.code != exitError || !strings.Contains(local.stderr, "deny must be a set of findings") {
			t.Fatalf("locally: exit %d, %q; want the contract error", local.code, local.stderr)
		}
		if remote.code != exitError || remote.wrote || remote.stderr != local.stderr {
			t.Errorf("with --opa-url: exit %d, report written %v, %q; want the local error %q", remote.code, remote.wrote, remote.stderr, local.stderr)
		}
	})

	t.Run("the bundle service is polled with its ETag", func(t *testing.T) {
		opa.activate(t)
		opa.mu.Lock()
		n := opa.notModified
		opa.mu.Unlock()
		if n == 0 {
			t.Error("OPA fetched the unchanged bundle again instead of getting 304 Not Modified")
		}
		if r := runCheckJSON(t, append(acme, "--opa-url", opa.URL)...); r.code != exitFindings {
			t.Errorf("after a 304 the server no longer evaluates: exit %d: %s", r.code, r.stderr)
		}
	})

	t.Run("connection refused", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		closed := "http://" + l.Addr().String()
		l.Close()
		r := runCheckJSON(t, append(acme, "--opa-url", closed)...)
		if r.code != exitError || r.wrote || !strings.Contains(r.stderr, closed) || !strings.Contains(r.stderr, "connection refused") {
			t.Errorf("exit %d, report written %v, %q; want exit 2 naming the URL and the cause, no report", r.code, r.wrote, r.stderr)
		}
	})

	for _, c := range []struct {
		name, want string
		answer     func(http.ResponseWriter, *http.Request)
	}{
		{"an error status", "500 Internal Server Error: internal_error: boom", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = io.WriteString(w, `{"code": "internal_error", "message": "boom"}`)
		}},
		{"garbage", "not JSON", func(w http.ResponseWriter, _ *http.Request) {
			_, _ = io.WriteString(w, "<html>hello</html>")
		}},
		{"an undefined result", "is undefined", func(w http.ResponseWriter, _ *http.Request) {
			fmt.Fprintf(w, `{"provenance": {"bundles": {"baomi": {"revision": %q}}}}`, digest)
		}},
		{"a result of another shape", "not what baomi bundle build's entry module gives", func(w http.ResponseWriter, _ *http.Request) {
			fmt.Fprintf(w, `{"result": {"out": {"BM-2.1-01": [[], [], []]}, "facts": {}}, "provenance": {"bundles": {"baomi": {"revision": %q}}}}`, digest)
		}},
		{"a result without a control", "the server's policies lack it", func(w http.ResponseWriter, _ *http.Request) {
			fmt.Fprintf(w, `{"result": {"out": {}, "facts": {"organization": "", "nda_expiry_warning_days": 30, "resources": {}}}, "provenance": {"bundles": {"baomi": {"revision": %q}}}}`, digest)
		}},
		{"no answer within the timeout", "timeout", func(_ http.ResponseWriter, r *http.Request) {
			// Reading the body lets the server notice the client hang up.
			_, _ = io.Copy(io.Discard, r.Body)
			select {
			case <-r.Context().Done():
			case <-time.After(20 * time.Second):
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(c.answer))
			defer srv.Close()
			r := runCheckJSON(t, append(acme, "--opa-url", srv.URL, "--timeout", "2s")...)
			if r.code != exitError || r.wrote || !strings.Contains(r.stderr, srv.URL) || !strings.Contains(r.stderr, c.want) {
				t.Errorf("exit %d, report written %v, %q; want exit 2 naming the URL and %q, no report", r.code, r.wrote, r.stderr, c.want)
			}
		})
	}
}

// TestCheckOPAURLRefusesBadURLs: --opa-url takes an http or https URL with a
// host; --allow-revision goes with it.
func TestCheckOPAURLRefusesBadURLs(t *testing.T) {
	for _, u := range []string{"opa:8181", "ftp://opa", "http://", "http://opa:8181/?x=1"} {
		code, _, errOut := runBaomi(t, "check", "../../fixtures/acme", "--opa-url", u)
		if code != exitError || !strings.Contains(errOut, "--opa-url") {
			t.Errorf("--opa-url %s: exit %d, %q; want exit 2 naming the flag", u, code, errOut)
		}
	}
	if code, _, errOut := runBaomi(t, "check", "../../fixtures/acme", "--allow-revision"); code != exitError || !strings.Contains(errOut, "--opa-url") {
		t.Errorf("--allow-revision alone: exit %d, %q; want exit 2 naming --opa-url", code, errOut)
	}
}

// TestBundleEntryModule: the bundle holds the entry module of check --opa-url,
// which OPA evaluates to every control's parts and the facts.
func TestBundleEntryModule(t *testing.T) {
	repoRoot(t)
	b := buildBundle(t)
	ps, err := evaluator.Load(context.Background(), policies.FS, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ps.EntryModule()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "b.tar.gz")
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var got []byte
	for _, m := range readBundle(t, name).Modules {
		if m.Path == "/"+evaluator.EntryFile {
			got = m.Raw
		}
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("the bundle's %s is not the entry module:\n%s", evaluator.EntryFile, got)
	}
	if !bytes.Contains(got, []byte("package "+evaluator.EntryPackage)) {
		t.Errorf("the entry module is not package %s", evaluator.EntryPackage)
	}
	for _, c := range ps.Controls {
		if !bytes.Contains(got, []byte(fmt.Sprintf("%q: [part(data.%s.applicable)", c.ID, c.Package))) {
			t.Errorf("the entry module lacks control %s", c.ID)
		}
	}
}
