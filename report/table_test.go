package report_test

import (
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/report"
)

// termWidth counts terminal columns as a terminal does, independently of the
// writer: East Asian wide and fullwidth characters take two.
func termWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0xa4cf && r != 0x303f, r >= 0xac00 && r <= 0xd7a3,
			r >= 0xf900 && r <= 0xfaff, r >= 0xfe30 && r <= 0xfe4f, r >= 0xff00 && r <= 0xff60, r >= 0xffe0 && r <= 0xffe6:
			n += 2
		default:
			n++
		}
	}
	return n
}

// tableRows reads the rows of a rendered table back: each row's cells, the
// lines of a cell joined without spaces, so that wrapping is undone. A row
// starts with a control id in the third column.
func tableRows(out string) [][]string {
	var rows [][]string
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "│") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "│"), "│")
		for i := range cells {
			cells[i] = strings.ReplaceAll(cells[i], " ", "")
		}
		if len(rows) == 0 || strings.HasPrefix(cells[2], "BM-") {
			rows = append(rows, cells)
			continue
		}
		last := rows[len(rows)-1]
		for i := range cells {
			last[i] += cells[i]
		}
	}
	return rows
}

func TestTableFitsTheWidth(t *testing.T) {
	rep := acme(t)
	for _, lang := range []string{"en", "zh"} {
		for _, width := range []int{80, 100, 132} {
			out := renderWith(t, "table", rep, report.Options{Lang: lang, ShowAll: true, Width: width})
			widest := 0
			for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				if w := termWidth(line); w > width {
					t.Errorf("%s at %d: a line is %d wide: %s", lang, width, w, line)
				} else {
					widest = max(widest, w)
				}
			}
			if widest < width*9/10 {
				t.Errorf("%s at %d: the widest line is %d: the table does not use the room it has", lang, width, widest)
			}
			// Wrapping loses nothing: each result is one row whose finding
			// reads, spaces aside, as the policy wrote it.
			rows := tableRows(out)
			if len(rows) != len(rep.Results)+1 {
				t.Fatalf("%s at %d: %d rows, want a header and %d results", lang, width, len(rows), len(rep.Results))
			}
			for i, r := range rep.Results {
				msg := r.Message
				if lang == "zh" {
					msg = r.MessageZh
				}
				if msg == "" {
					continue
				}
				if got := rows[i+1][4]; !strings.HasPrefix(got, strings.ReplaceAll(msg, " ", "")) {
					t.Errorf("%s at %d: finding of %s on %s reads %q, want %q", lang, width, r.Control.ID, r.Resource, got, msg)
				}
				if got := rows[i+1][3]; !strings.HasPrefix(got, r.Resource) {
					t.Errorf("%s at %d: resource cell %q does not start with %s", lang, width, got, r.Resource)
				}
			}
		}
	}
}

func TestTableDefaultWidth(t *testing.T) {
	rep := acme(t)
	narrow := renderWith(t, "table", rep, report.Options{})
	if hundred := renderWith(t, "table", rep, report.Options{Width: report.DefaultWidth}); narrow != hundred {
		t.Error("a table without a width is not the 100-column one")
	}
	if report.DefaultWidth != 100 {
		t.Errorf("DefaultWidth = %d, want 100", report.DefaultWidth)
	}
	if tiny := renderWith(t, "table", rep, report.Options{Width: 20}); !strings.Contains(tiny, "BM-4.2.1-02") {
		t.Error("a table narrower than its labels still lists the results")
	}
}

func TestTableStatesTheVerdict(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		lines []string
	}{
		{"en", []string{
			"verdict: FAIL — 1 failure at or above fail_on high; 1 baselined, 1 waived, 1 below the threshold\n",
			"│ critical ↑ │ fail",
			"│ top_secret │",
			"system.crm_db (Customer",
			"│ low        │ fail (below",
			"│ high       │ fail",
			"(baseline)",
		}},
		{"zh", []string{
			"结论:未通过 — 1 条未通过项达到 fail_on 阈值(高)及以上;1 条已列入基线,1 条已豁免,1 条低于阈值\n",
			"│ 严重 ↑ 绝密 │ 未通过",
			"未通过(基线)",
			"未通过(低于阈值)",
		}},
	} {
		out := renderWith(t, "table", gateReport(), report.Options{Lang: tc.lang, FailOn: evaluator.High})
		for _, want := range tc.lines {
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %q in\n%s", tc.lang, want, out)
			}
		}
	}
}

func TestTableListsNotApplicableControls(t *testing.T) {
	rep := sample()
	na := rep.Controls[1].Control
	rep.Controls = append(rep.Controls, &evaluator.ControlOutcome{Control: &evaluator.Control{ID: "BM-9.3-01", Article: "9.3"}, Status: evaluator.NotApplicable})
	rep.Summary.NotApplicable = 2
	for lang, want := range map[string]string{
		"en": "\nnot applicable: " + na.ID + ", BM-9.3-01\n",
		"zh": "\n不适用:" + na.ID + "、BM-9.3-01\n",
	} {
		if out := renderWith(t, "table", rep, report.Options{Lang: lang}); !strings.Contains(out, want) {
			t.Errorf("%s: no line %q in\n%s", lang, want, out)
		}
	}
	if out := renderWith(t, "table", gateReport(), report.Options{}); strings.Contains(out, "not applicable:") {
		t.Error("a not-applicable line without such controls")
	}
}
