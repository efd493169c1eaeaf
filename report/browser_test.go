package report_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// rowState is what the browser shows of one result row.
type rowState struct {
	Found   bool `json:"found"`
	Visible bool `json:"visible"`
}

// rowScript finds the result row of control on resource in section and says
// whether a reader sees it: a row the filters hide has no offsetParent, and
// checkVisibility is false too for one inside a closed <details>.
func rowScript(section, control, resource string) string {
	return fmt.Sprintf(`(() => {
		const row = [...document.querySelectorAll(%q)].find(r => r.dataset.control === %q && r.querySelector(".res").textContent === %q);
		return {found: !!row, visible: !!row && row.offsetParent !== null && row.checkVisibility({visibilityProperty: true})};
	})()`, "#"+section+" tr.r", control, resource)
}

// TestHTMLInChromium opens the acme report from a file in headless Chromium
// and checks what a reader sees: the summary, a failing resource, and filters
// that really hide rows. It saves a screenshot (report/testdata/acme-html.png
// with -update).
func TestHTMLInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the browser test of the HTML report")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed, so the HTML report is not checked in a browser " +
			"(Debian: apt-get install chromium; .ci/run installs it)")
	}
	rep := acme(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "acme.html")
	if err := os.WriteFile(page, renderHTML(t, "en", rep), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(1280, 1000),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	defer cancelTab()

	// Record every request and every error the page causes.
	var mu sync.Mutex
	var requests, problems []string
	err = chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			requests = append(requests, ev.Request.URL)
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				problems = append(problems, fmt.Sprintf("%s %s: %s", ev.Entry.Source, ev.Entry.Level, ev.Entry.Text))
			}
		}
	})
	if err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	start := time.Now()
	fileURL := (&url.URL{Scheme: "file", Path: page}).String()
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL), chromedp.WaitVisible(chromedp.ID("filters"))); err != nil {
		t.Fatalf("loading the report: %v (a script that does not run leaves the filters hidden)", err)
	}

	text := func(id string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID(id)))
		if err != nil {
			t.Fatalf("#%s: %v", id, err)
		}
		return s
	}
	row := func(section, control, resource string) rowState {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[rowState](rowScript(section, control, resource)))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	for id, want := range map[string]string{
		"count-fail": fmt.Sprint(rep.Summary.Fail), "count-pass": fmt.Sprint(rep.Summary.Pass),
		"count-warn": fmt.Sprint(rep.Summary.Warn), "count-waived": fmt.Sprint(rep.Summary.Waived),
		"compliance": "65.0%", "shown": fmt.Sprint(len(rep.Results)),
	} {
		if got := text(id); got != want {
			t.Errorf("#%s shows %q, want %q", id, got, want)
		}
	}
	if rep.Summary.Fail != 58 || rep.Summary.Pass != 107 {
		t.Errorf("acme has %d failures and %d passes, want 58 and 107", rep.Summary.Fail, rep.Summary.Pass)
	}

	failing := func() rowState { return row("findings", "BM-4.2.1-02", "system.sales_shared_pc") }
	passing := func() rowState { return row("passes", "BM-2.1-01", "organization.acme") }
	if s := failing(); !s.Found || !s.Visible {
		t.Errorf("the failure of BM-4.2.1-02 on system.sales_shared_pc: %+v, want it shown", s)
	}
	if s := passing(); !s.Found || s.Visible {
		t.Errorf("the pass of BM-2.1-01 on organization.acme: %+v, want it collapsed at first", s)
	}
	do("opening the passes of BM-2.1-01", chromedp.Click(chromedp.CSS(`details[data-control="BM-2.1-01"] > summary`)))
	if s := passing(); !s.Visible {
		t.Errorf("the pass of BM-2.1-01 is not shown once its group is opened: %+v", s)
	}

	do("unticking pass", chromedp.Click(chromedp.ID("f-status-pass")))
	if s := passing(); s.Visible {
		t.Error("the status filter without pass still shows a pass")
	}
	if s := failing(); !s.Visible {
		t.Error("the status filter without pass hides a failure")
	}
	if got, want := text("shown"), fmt.Sprint(rep.Summary.Fail+rep.Summary.Warn+rep.Summary.Waived); got != want {
		t.Errorf("without passes %s results are counted as shown, want %s", got, want)
	}

	do("choosing article 4.5.1", chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.getElementById("f-article");
		s.value = "4.5.1";
		s.dispatchEvent(new Event("change", {bubbles: true}));
	})()`))
	if s := failing(); s.Visible {
		t.Error("the article filter 4.5.1 still shows a failure of 4.2.1")
	}
	if s := row("findings", "BM-4.5.1-01", "partner.insight_labs"); !s.Visible {
		t.Errorf("the article filter 4.5.1 hides a failure of 4.5.1: %+v", s)
	}

	do("showing everything", chromedp.Click(chromedp.ID("show-all")))
	if got := text("shown"); got != fmt.Sprint(len(rep.Results)) || !failing().Visible || !passing().Visible {
		t.Errorf("after the reset %s results are shown, want all %d", got, len(rep.Results))
	}

	do("scrolling to the top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	shot := filepath.Join(dir, "acme-html.png")
	if *update {
		shot = filepath.Join("report", "testdata", "acme-html.png")
	}
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("checked in Chromium in %v; screenshot %s", time.Since(start).Round(time.Millisecond), shot)

	mu.Lock()
	defer mu.Unlock()
	for _, u := range requests {
		if u != fileURL {
			t.Errorf("the page requested %s; it must load nothing but itself", u)
		}
	}
	for _, p := range problems {
		t.Errorf("the browser reported %s", p)
	}
}
