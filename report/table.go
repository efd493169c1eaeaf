package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/textsafe"
	"github.com/baomi-dev/baomi/internal/vocab"
)

var tableHeaders = map[string][]string{
	"en": {"Severity", "Status", "Control", "Resource", "Finding"},
	"zh": {"严重程度", "状态", "控制项", "资源", "发现"},
}

const (
	// DefaultWidth is the width of a table written anywhere but a terminal.
	DefaultWidth = 100
	// minColumnWidth bounds how narrow a column is squeezed before its words break.
	minColumnWidth = 14
)

// writeTable writes failures and warnings (everything with ShowAll) as a table
// that fits opts.Width, then expired waivers, the summary, the controls that
// applied to nothing and the verdict. Text from the inventory or a policy goes
// through textsafe.Line.
func writeTable(w io.Writer, rep *evaluator.Report, opts Options) error {
	lang := opts.Lang
	if lang != "zh" {
		lang = "en"
	}
	failOn := gateSeverity(opts)
	var rows [][]string
	for _, r := range rep.Results {
		if !opts.ShowAll && r.Status != evaluator.Fail && r.Status != evaluator.Warn {
			continue
		}
		c := r.Control
		finding := findingText(r, lang)
		if r.Waiver != nil && r.Status == evaluator.Waived {
			finding = fmt.Sprintf("%s (%s %s, %s %s)", finding, text(lang, "waived by", "豁免:"), r.Waiver.ID, text(lang, "until", "有效期至"), r.Waiver.Expires)
		}
		status := vocab.Status(r.Status, lang)
		switch {
		case r.Baselined:
			status += text(lang, " (baseline)", "(基线)")
		case r.Status == evaluator.Fail && !r.FailsGate(failOn):
			status += text(lang, " (below fail_on)", "(低于阈值)")
		}
		resource := textsafe.Line(resourceText(r))
		if r.Location != nil {
			resource += "\n" + textsafe.Line(locationText(r.Location))
		}
		rows = append(rows, []string{
			severityText(r, lang),
			status,
			textsafe.Line(c.ID) + "\n" + textsafe.Line(Article(c.Article, lang)),
			resource,
			textsafe.Line(finding),
		})
	}
	width := opts.Width
	if width <= 0 {
		width = DefaultWidth
	}
	if len(rows) > 0 {
		headers := tableHeaders[lang]
		fitTable(headers, rows, width)
		if err := writeBox(w, headers, rows); err != nil {
			return err
		}
	}
	var after []string
	for _, wv := range rep.Waivers {
		if wv.Status != "expired" {
			continue
		}
		after = append(after, fmt.Sprintf(text(lang, "waiver %s (%s on %s) expired on %s and waives nothing", "豁免 %s(%s,%s)已于 %s 过期,不再豁免任何结果"),
			textsafe.Line(wv.ID), textsafe.Line(wv.Control), textsafe.Line(wv.Resource), textsafe.Line(wv.Expires)))
	}
	after = append(after, summaryLine(rep.Summary, lang))
	var na []string
	for _, o := range rep.Controls {
		if o.Status == evaluator.NotApplicable {
			na = append(na, textsafe.Line(o.Control.ID))
		}
	}
	if len(na) > 0 {
		after = append(after, text(lang, "not applicable: ", "不适用:")+strings.Join(na, text(lang, ", ", "、")))
	}
	after = append(after, text(lang, "verdict: ", "结论:")+verdictText(rep, opts, lang))
	for _, line := range after {
		if _, err := fmt.Fprintln(w, strings.Join(wrapText(line, width), "\n")); err != nil {
			return err
		}
	}
	return nil
}

// writeBox draws the header and the rows, whose cells fitTable has wrapped,
// in a box of light lines: a column as wide as its widest line, a space either
// side, the header ruled off from the rows. It draws what tablewriter draws by
// default, a line at a time: tablewriter measured and laid out every cell again
// and took 4.6 s for the 40,000 failures of a 100,000-resource inventory.
func writeBox(w io.Writer, headers []string, rows [][]string) error {
	widths := make([]int, len(headers))
	for i, h := range headers {
		widths[i] = displayWidth(h)
	}
	cells := make([][][]string, len(rows))
	for r, row := range rows {
		cells[r] = make([][]string, len(row))
		for i, cell := range row {
			cells[r][i] = strings.Split(cell, "\n")
			for _, line := range cells[r][i] {
				widths[i] = max(widths[i], displayWidth(line))
			}
		}
	}
	bw := bufio.NewWriter(w)
	rule := func(left, mid, right string) {
		bw.WriteString(left)
		for i, wd := range widths {
			if i > 0 {
				bw.WriteString(mid)
			}
			bw.WriteString(strings.Repeat("─", wd+2))
		}
		bw.WriteString(right + "\n")
	}
	line := func(row [][]string, k int) {
		for i, lines := range row {
			text := ""
			if k < len(lines) {
				text = lines[k]
			}
			bw.WriteString("│ ")
			bw.WriteString(text)
			bw.WriteString(strings.Repeat(" ", widths[i]-displayWidth(text)+1))
		}
		bw.WriteString("│\n")
	}
	rule("┌", "┬", "┐")
	head := make([][]string, len(headers))
	for i, h := range headers {
		head[i] = []string{h}
	}
	line(head, 0)
	rule("├", "┼", "┤")
	for _, row := range cells {
		height := 0
		for _, lines := range row {
			height = max(height, len(lines))
		}
		for k := 0; k < height; k++ {
			line(row, k)
		}
	}
	rule("└", "┴", "┘")
	return bw.Flush()
}

// fitTable wraps the cells of rows so that the table, borders and padding
// included, is at most width columns wide. The label columns give way first,
// then the last two, the widest first; none is squeezed below its header, nor
// below minColumnWidth for a label or its longest word (up to minColumnWidth)
// for the others, so a very narrow width yields a table as narrow as that allows.
func fitTable(headers []string, rows [][]string, width int) {
	n := len(headers)
	natural := make([]int, n)
	least := make([]int, n)
	for i, h := range headers {
		natural[i] = displayWidth(h)
		least[i] = natural[i]
	}
	for _, row := range rows {
		for i, cell := range row {
			for _, line := range strings.Split(cell, "\n") {
				natural[i] = max(natural[i], displayWidth(line))
				if i < n-2 {
					// A label is kept whole up to minColumnWidth.
					least[i] = max(least[i], min(displayWidth(line), minColumnWidth))
					continue
				}
				if least[i] >= minColumnWidth {
					// No piece can raise it further.
					continue
				}
				for _, p := range pieces(line) {
					least[i] = max(least[i], min(displayWidth(p.text), minColumnWidth))
				}
			}
		}
	}
	widths := append([]int(nil), natural...)
	// Each column takes its text, a space either side and a border; one more
	// border closes the row.
	avail := width - 3*n - 1
	total := 0
	for _, w := range widths {
		total += w
	}
	// The first columns are short labels; the last two, the resource and
	// the finding, carry the text and give way only once the labels have.
	for _, flexible := range []bool{false, true} {
		for total > avail {
			widest := -1
			for i := range widths {
				if (i >= n-2) == flexible && widths[i] > least[i] && (widest < 0 || widths[i] > widths[widest]) {
					widest = i
				}
			}
			if widest < 0 {
				break
			}
			widths[widest]--
			total--
		}
	}
	for _, row := range rows {
		for i, cell := range row {
			var lines []string
			for _, line := range strings.Split(cell, "\n") {
				lines = append(lines, wrapText(line, widths[i])...)
			}
			row[i] = strings.Join(lines, "\n")
		}
	}
}

// displayWidth is how many terminal columns s takes, measured as the table
// renderer measures it: CJK characters take two.
func displayWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c >= utf8.RuneSelf {
			return twwidth.Width(s)
		}
	}
	// Printable ASCII takes a column a byte, without the renderer's cache.
	return len(s)
}

// piece is a run of text that wraps as a whole: a word, or one wide character,
// which may break from its neighbours without a space.
type piece struct {
	text string
	// spaced is true when a space separates the piece from the one before.
	spaced bool
}

// Punctuation that never ends a line (opening) or starts one (closing).
const (
	openingPunct = "(「『【《“‘〈"
	closingPunct = ",。、;:!?)」』】》”’〉…"
)

// asciiPunct marks the ASCII characters among openingPunct and closingPunct.
var asciiPunct = func() (marks [utf8.RuneSelf]bool) {
	for _, r := range openingPunct + closingPunct {
		if r < utf8.RuneSelf {
			marks[r] = true
		}
	}
	return marks
}()

// pieces splits a line into the pieces it may wrap between: words, and wide
// characters one by one, punctuation kept with the character it belongs to.
func pieces(line string) []piece {
	var out []piece
	var cur strings.Builder
	spaced := false
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, piece{text: cur.String(), spaced: spaced})
			cur.Reset()
			spaced = false
		}
	}
	for _, r := range line {
		// ASCII is never wide, and only its characters in asciiPunct are
		// punctuation: the rest skips the width and punctuation lookups.
		ascii := r < utf8.RuneSelf
		punct := !ascii || asciiPunct[r]
		closing := punct && strings.ContainsRune(closingPunct, r)
		opening := punct && strings.ContainsRune(openingPunct, r)
		wide := !ascii && displayWidth(string(r)) > 1
		switch {
		case unicode.IsSpace(r):
			flush()
			spaced = len(out) > 0
		case closing && cur.Len() == 0 && !spaced && len(out) > 0:
			out[len(out)-1].text += string(r)
		case closing:
			cur.WriteRune(r)
		case opening:
			flush()
			cur.WriteRune(r)
		case wide && cur.Len() > 0 && strings.ContainsRune(openingPunct, lastRune(cur.String())):
			cur.WriteRune(r)
			flush()
		case wide:
			flush()
			out = append(out, piece{text: string(r), spaced: spaced})
			spaced = false
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

// lastRune is the last character of s.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// wrapText breaks line into lines at most width columns wide, between words
// and between wide characters; a word longer than width is cut, after a "/",
// ".", "_", ":" or "-" where one falls late enough.
func wrapText(line string, width int) []string {
	if displayWidth(line) <= width {
		return []string{line}
	}
	var lines []string
	var cur strings.Builder
	curWidth := 0
	for _, p := range pieces(line) {
		pw := displayWidth(p.text)
		sep := 0
		if p.spaced && cur.Len() > 0 {
			sep = 1
		}
		if curWidth+sep+pw <= width {
			if sep > 0 {
				cur.WriteByte(' ')
			}
			cur.WriteString(p.text)
			curWidth += sep + pw
			continue
		}
		if cur.Len() > 0 {
			lines = append(lines, cur.String())
			cur.Reset()
			curWidth = 0
		}
		rest := p.text
		for displayWidth(rest) > width {
			head := cutWord(rest, width)
			lines = append(lines, head)
			rest = rest[len(head):]
		}
		cur.WriteString(rest)
		curWidth = displayWidth(rest)
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// separatorRank orders the characters a long word is best cut after.
var separatorRank = map[rune]int{'/': 0, '.': 1, '_': 1, '-': 1, ':': 2}

// cutWord is the longest start of word at most width columns wide, ending
// after a separator when one lies in its second half: a "/" by preference,
// then ".", "_" or "-", then ":".
func cutWord(word string, width int) string {
	end, w := 0, 0
	var after [3]int
	for i, r := range word {
		rw := displayWidth(string(r))
		if w+rw > width {
			break
		}
		w += rw
		end = i + utf8.RuneLen(r)
		if rank, ok := separatorRank[r]; ok && w*2 >= width {
			after[rank] = end
		}
	}
	if end == 0 {
		// A character wider than the column still goes somewhere.
		_, size := utf8.DecodeRuneInString(word)
		return word[:size]
	}
	for _, cut := range after {
		if cut > 0 {
			return word[:cut]
		}
	}
	return word[:end]
}
