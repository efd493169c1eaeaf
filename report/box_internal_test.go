package report

import (
	"bytes"
	"testing"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/tw"
)

// TestBoxDrawsWhatTablewriterDraws: writeBox, which replaced tablewriter for
// the results table, draws byte for byte what tablewriter's default renderer
// drew with the configuration the table used: multi-line cells, empty cells,
// CJK text two columns wide, a cell wider than its header and one narrower.
func TestBoxDrawsWhatTablewriterDraws(t *testing.T) {
	cases := map[string]struct {
		headers []string
		rows    [][]string
	}{
		"english": {tableHeaders["en"], [][]string{
			{"high", "fail", "BM-4.2.1-04\nArt. 4.2.1", "system.shop_db\ninfra.hcl:12:1", "not encrypted at rest"},
			{"critical (raised)", "warn", "BM-4.5.1-01", "", "expires in\n3 days"},
		}},
		"chinese": {tableHeaders["zh"], [][]string{
			{"高", "不通过", "BM-2.2-02\n第 2.2 条", "incident.事件_1\n数据.hcl:3:5", "事件仍未关闭,已超过 30 天"},
			{"低", "警告(基线)", "BM-5.1-01", "training.培训", "🙂 emoji 与中文"},
		}},
		"one row": {[]string{"A", "Wide header"}, [][]string{{"x", ""}}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var want, got bytes.Buffer
			tbl := tablewriter.NewTable(&want, tablewriter.WithConfig(tablewriter.Config{
				Header: tw.CellConfig{
					Formatting: tw.CellFormatting{AutoFormat: tw.Off, AutoWrap: tw.WrapNone},
					Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
				},
				Row: tw.CellConfig{
					Formatting: tw.CellFormatting{AutoWrap: tw.WrapNone},
					Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
				},
			}))
			tbl.Header(c.headers)
			if err := tbl.Bulk(c.rows); err != nil {
				t.Fatal(err)
			}
			if err := tbl.Render(); err != nil {
				t.Fatal(err)
			}
			if err := writeBox(&got, c.headers, c.rows); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("writeBox drew\n%s\ntablewriter drew\n%s", got.String(), want.String())
			}
		})
	}
}

// TestDisplayWidthMatchesTheRenderersMeasure: the ASCII shortcut of
// displayWidth gives what the renderer's measure gives.
func TestDisplayWidthMatchesTheRenderersMeasure(t *testing.T) {
	for _, s := range []string{"", "system.shop_db", "a b\tc", "中文", "mixed 中文 text", "🙂", "e\u0301"} {
		if got, want := displayWidth(s), twwidth.Width(s); got != want {
			t.Errorf("displayWidth(%q) = %d, want %d", s, got, want)
		}
	}
}
