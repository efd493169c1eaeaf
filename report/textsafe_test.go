package report_test

import (
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/report"
)

// Terminal attacks: colour and screen escapes, a window title, a carriage
// return that overwrites the line, a C1 control, a right-to-left override.
const (
	ansiRed   = "\x1b[31mRED\x1b[0m"
	clearLine = "\x1b[2K\rPASS"
	oscTitle  = "\x1b]0;pwned\x07"
	c1CSI     = "\u009b2J"
	rlo       = "\u202eexe.txt"
)

// markdownAttack closes the collapsed section and runs script where HTML is
// rendered; the pipe, backtick and newline break a table row.
const markdownAttack = "</details><img src=x onerror=alert(1)> | `x` \n| injected |"

// terminalReport is a report whose every text from an inventory, a waiver or a
// user policy carries hostile text.
func terminalReport() *evaluator.Report {
	h := strings.Join([]string{ansiRed, clearLine, oscTitle, c1CSI, rlo, markdownAttack, "客户资料"}, " ")
	c := &evaluator.Control{ID: "BM-9.1-01" + ansiRed, ShortCode: "x" + h, Article: "9.1", Severity: evaluator.High,
		Title: "title " + h, TitleZh: "标题 " + h, Remediation: "fix " + h, RemediationZh: "整改 " + h}
	active := &evaluator.WaiverInfo{ID: "waiver.a" + h, Control: c.ID, Resource: "system.w" + h, Reason: "reason " + h,
		ApprovedBy: "boss " + h, Expires: "2027-01-01" + h, Status: "active"}
	expired := &evaluator.WaiverInfo{ID: "waiver.e" + h, Control: c.ID + h, Resource: "system.e" + h, Reason: "old " + h,
		ApprovedBy: "boss " + h, Expires: "2026-01-01" + h, Status: "expired"}
	loc := &evaluator.Location{File: "inv/" + h + ".hcl", Line: 7, Column: 3}
	return &evaluator.Report{
		AsOf:     "2026-11-26",
		Summary:  evaluator.Summary{Controls: 1, Results: 4, Counts: evaluator.Counts{Pass: 1, Fail: 2, Waived: 1}},
		Controls: []*evaluator.ControlOutcome{{Control: c, Status: evaluator.Fail, Counts: evaluator.Counts{Pass: 1, Fail: 2, Waived: 1}}},
		Results: []*evaluator.Result{
			{Control: c, Resource: "system.f" + h, ResourceName: "name " + h, Status: evaluator.Fail, Severity: evaluator.High,
				Message: "message " + h, MessageZh: "消息 " + h, Location: loc, Waiver: expired},
			{Control: c, Resource: "system.b" + h, Status: evaluator.Fail, Severity: evaluator.High, Message: "baselined " + h,
				Location: loc, Baselined: true},
			{Control: c, Resource: "system.p" + h, Status: evaluator.Pass, Severity: evaluator.High, Location: loc},
			{Control: c, Resource: "system.w" + h, Status: evaluator.Waived, Severity: evaluator.High, Message: h, Location: loc, Waiver: active},
		},
		Waivers: []*evaluator.WaiverInfo{active, expired},
	}
}

// terminalUnsafe are the characters that must never reach a terminal as they are.
var terminalUnsafe = []string{"\x1b", "\r", "\x07", "\u009b", "\u202e"}

func TestTextWritersNeutraliseHostileText(t *testing.T) {
	rep := terminalReport()
	for _, format := range []string{"table", "markdown"} {
		for _, lang := range []string{"en", "zh"} {
			out := renderWith(t, format, rep, report.Options{Lang: lang, ShowAll: true})
			for _, bad := range terminalUnsafe {
				if strings.Contains(out, bad) {
					t.Errorf("%s %s: %q reached the output as it is", format, lang, bad)
				}
			}
			if !strings.Contains(out, "客户资料") {
				t.Errorf("%s %s: the Chinese text was lost", format, lang)
			}
			if format != "markdown" {
				continue
			}
			for _, bad := range []string{"</details><img", "<img", "`x`", "\n| injected"} {
				if strings.Contains(out, bad) {
					t.Errorf("markdown %s: %q reached the page as markup", lang, bad)
				}
			}
			if !strings.Contains(out, "&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;") {
				t.Errorf("markdown %s: the hostile text is not shown escaped", lang)
			}
			// Every row of a table keeps its cells: the unescaped pipes are
			// exactly the header's.
			var cells int
			for _, line := range strings.Split(out, "\n") {
				if !strings.HasPrefix(line, "|") {
					cells = 0
					continue
				}
				n := strings.Count(line, "|") - strings.Count(line, `\|`)
				if cells == 0 {
					cells = n
				} else if n != cells {
					t.Errorf("markdown %s: a row has %d cell borders, its header %d: %s", lang, n, cells, line)
				}
			}
		}
	}
}
