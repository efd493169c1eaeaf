package inventory

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// The fast path reads the common, simple form of the language — blocks with one
// label, attributes holding string, number, bool and null literals, bare
// references and lists of them, nested blocks without labels — straight into
// resources, without hclsyntax's token arrays, which cost seconds and gigabytes on
// large inventories. It handles only blocks that decode without any problem: at
// the first thing it does not know, or anything the decoder would report, it
// hands the block to hclsyntax and the full decoder, so every diagnostic still
// comes from one place. TestFastPathMatchesHCL holds the two paths to the same
// result.

// decodeSource decodes one file's source, taking the fast path block by block
// and hclsyntax for the blocks the fast path declines. It stops early, with what
// it has read, when ctx is done (the caller reports ctx's error instead).
func decodeSource(ctx context.Context, src []byte, name string, slowOnly bool) ([]*resource, hcl.Diagnostics) {
	return decodeNoting(ctx, src, name, slowOnly, nil)
}

// decodeNoting is decodeSource that, unless declined is nil, calls it with the
// byte offset of each text the fast path declines and hands to hclsyntax: 0 for
// a file it does not read at all. TestFastPathReadsWholeInventories uses it to
// show that no common inventory falls back, silently, to the slow path.
func decodeNoting(ctx context.Context, src []byte, name string, slowOnly bool, declined func(off int)) ([]*resource, hcl.Diagnostics) {
	if slowOnly || !plainText(src) {
		if declined != nil && !slowOnly {
			declined(0)
		}
		rs, diags, _ := slowDecode(src, name, hcl.Pos{Line: 1, Column: 1})
		return rs, diags
	}
	out, diags, ok := newFastParser(src, name, 0, len(src), 1).decode(ctx, declined)
	switch {
	case !ok && stoppedAtJunk(diags):
		// Junk after blocks the fast path read: its look at the junk stands,
		// rather than hclsyntax lexing it all from the file's first line.
		return nil, diags
	case !ok:
		out, diags, _ = slowDecode(src, name, hcl.Pos{Line: 1, Column: 1})
	}
	return out, diags
}

// decode reads the blocks from the parser's position to its stop, taking the
// fast path block by block and hclsyntax for the blocks the fast path declines.
// ok is false when the text has a syntax error, which only hclsyntax reading the
// whole file reports as it should, or, when the parser stops before the end of
// the file, when a block or a text that hclsyntax must read crosses the stop.
func (p *fastParser) decode(ctx context.Context, declined func(off int)) (out []*resource, diags hcl.Diagnostics, ok bool) {
	src := p.src
	whole := p.stop == len(src)
	for n := 1; ; n++ {
		if n%ctxCheckBlocks == 0 && ctx.Err() != nil {
			return out, diags, whole
		}
		if !whole && p.pos >= p.stop {
			return out, diags, p.pos == p.stop
		}
		chunk := *p
		if !p.skipSpaceAndNewlines() {
			if declined != nil {
				declined(chunk.pos)
			}
			if !whole {
				return nil, nil, false
			}
			return p.finishSlow(out, diags, chunk.pos, len(src), chunk.here())
		}
		if p.pos >= len(src) {
			return out, diags, true
		}
		blockStart := p.pos
		if r, ok := p.topBlock(); ok {
			out = append(out, r)
			continue
		}
		if declined != nil {
			declined(blockStart)
		}
		end, ok := blockEnd(src, blockStart)
		if !ok {
			if !whole {
				return nil, nil, false
			}
			return p.finishSlow(out, diags, chunk.pos, len(src), chunk.here())
		}
		if end > p.stop {
			return nil, nil, false
		}
		rs, ds, parsed := slowDecode(src[chunk.pos:end], p.name, chunk.here())
		if !parsed {
			return nil, nil, false
		}
		out, diags = append(out, rs...), append(diags, ds...)
		*p = chunk
		p.advanceTo(end)
	}
}

// ctxCheckBlocks is how many blocks decodeSource reads between two looks at
// its context.
const ctxCheckBlocks = 256

// finishSlow decodes src[from:to] with hclsyntax and adds it to what the fast
// path read. ok is false for a syntax error, which makes the whole file go
// through hclsyntax, so that a broken file is reported exactly as hclsyntax
// reports it; the diagnostics returned then are those of a text of junk, which
// stand instead (see stoppedAtJunk).
func (p *fastParser) finishSlow(out []*resource, diags hcl.Diagnostics, from, to int, pos hcl.Pos) ([]*resource, hcl.Diagnostics, bool) {
	rs, ds, parsed := slowDecode(p.src[from:to], p.name, pos)
	if !parsed {
		if stoppedAtJunk(ds) {
			return nil, ds, false
		}
		return nil, nil, false
	}
	return append(out, rs...), append(diags, ds...), true
}

// junkPrefix is how much of a longer text parseConfig lexes, where the text
// stops being a run of blocks, before it parses all of it. hclsyntax makes a
// token and a diagnostic of each character it does not know, gigabytes for a
// file of tens of megabytes of junk; a text whose 64 KiB there hold more errors
// than a file shows is not read further.
const junkPrefix = 64 << 10

// slowDecode parses src with hclsyntax, starting at pos, and decodes it. parsed
// is false when the text has syntax errors; then only those are returned.
func slowDecode(src []byte, name string, pos hcl.Pos) (rs []*resource, diags hcl.Diagnostics, parsed bool) {
	f, diags := parseConfig(src, name, pos)
	if diags.HasErrors() || f == nil {
		return nil, diags, false
	}
	rs, diags = decodeFile(f)
	return rs, diags, true
}

// parseConfig is hclsyntax.ParseConfig for a text that may end in junk: where
// the text stops being a run of blocks (blocksEnd), junkPrefix bytes are lexed
// first, and when they hold more errors than a file shows, the text is not
// parsed: its diagnostics are those of the blocks before, then those of the
// junk's beginning.
func parseConfig(src []byte, name string, pos hcl.Pos) (*hcl.File, hcl.Diagnostics) {
	if len(src) > junkPrefix {
		if at := blocksEnd(src); len(src)-at > junkPrefix {
			if _, lexed := hclsyntax.LexConfig(src[at:at+junkPrefix], name, posAfter(pos, src, at)); len(lexed.Errs()) > maxFileDiagnostics {
				var diags hcl.Diagnostics
				if at > 0 {
					_, diags = hclsyntax.ParseConfig(src[:at], name, pos)
				}
				return nil, notReadToTheEnd(append(diags, lexed...), len(src)-at-junkPrefix)
			}
		}
	}
	return hclsyntax.ParseConfig(src, name, pos)
}

// blocksEnd is the offset at which src stops being a run of top-level blocks,
// with spaces, newlines and comments between them: where something else
// begins, or len(src).
func blocksEnd(src []byte) int {
	i := 0
	for {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r' || src[i] == '\n') {
			i++
		}
		if i == len(src) {
			return i
		}
		if src[i] == '#' || src[i] == '/' {
			if end, isComment, closed := commentEnd(src, i); isComment && closed {
				i = end
				continue
			}
		}
		end, ok := blockEnd(src, i)
		if !ok {
			return i
		}
		i = end
	}
}

// posAfter is the position of the byte at offset in src, a text that begins at
// pos.
func posAfter(pos hcl.Pos, src []byte, offset int) hcl.Pos {
	at := posAt(src, offset)
	if at.Line == 1 {
		at.Column += pos.Column - 1
	}
	return hcl.Pos{Line: pos.Line + at.Line - 1, Column: at.Column, Byte: pos.Byte + offset}
}

// ParseText parses one file's HCL text as Load does, for a reader of other HCL
// files (Terraform's) or of the text itself (fmt): a text that is not UTF-8 is
// one error, and of hclsyntax's problems the first maxFileDiagnostics are
// kept and one stands for the rest. The file is nil when the text is refused.
func ParseText(src []byte, name string) (*hcl.File, hcl.Diagnostics) {
	if d := checkEncoding(src, name); d != nil {
		return nil, hcl.Diagnostics{d}
	}
	f, diags := parseConfig(src, name, hcl.InitialPos)
	return f, limitDiagnostics(diags)
}

// notReadToTheEnd is what is reported of a text of junk: the first of the
// lexer's diagnostics of its beginning, and one that stands for the others and
// says that its last unread bytes were not read.
func notReadToTheEnd(lexed hcl.Diagnostics, unread int) hcl.Diagnostics {
	diags := limitDiagnostics(lexed)
	more := diags[len(diags)-1]
	more.Extra = notShown{errors: more.Extra.(notShown).errors, unread: unread}
	more.Detail = fmt.Sprintf("%d more problems from here on are not shown, and the last %d bytes of this file were not read: is this file HCL at all?",
		len(lexed)-maxFileDiagnostics, unread)
	return diags
}

// stoppedAtJunk reports whether diags are those of a text of junk that was not
// read to its end (notReadToTheEnd).
func stoppedAtJunk(diags hcl.Diagnostics) bool {
	if len(diags) == 0 {
		return false
	}
	more, ok := diags[len(diags)-1].Extra.(notShown)
	return ok && more.unread > 0
}

// plainText reports whether src is valid UTF-8 without control characters other
// than tab, newline and carriage return: anything else goes to hclsyntax, which
// reports it.
func plainText(src []byte) bool {
	ascii := true
	for _, c := range src {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			return false
		}
		if c >= 0x80 {
			ascii = false
		}
	}
	return ascii || utf8.Valid(src)
}

// fastParser walks one file's source for the fast path.
type fastParser struct {
	src  []byte
	name string
	pos  int
	// stop is where decode stops: the end of src, or the start of the next
	// chunk of a file decoded in chunks.
	stop      int
	line      int
	lineStart int
	// colLine, colOff and colCol remember the last column computed: on the
	// line that starts at colLine, offset colOff is column colCol.
	colLine, colOff, colCol int
	// The buffers below hold what topBlock reads of one block, and are reused
	// for the next: the attributes of its body and of its nested blocks, its
	// nested blocks, the elements of its lists, its source map and references.
	attrBuf, innerBuf []fastAttr
	blockBuf          []fastBlock
	elemBuf           []fastValue
	locBuf            []location
	refBuf            []pendingRef
	// locSlab and refSlab hold the source maps and references of the
	// resources read, many to an allocation.
	locSlab []location
	refSlab []pendingRef
	// texts shares the texts that repeat across the blocks read; dates holds
	// the dates among them, each checked once.
	texts, dates texts
	// ids holds the numbers of the source map's paths.
	ids pathIDs
}

// newFastParser starts a parser at offset from, which begins the given line,
// to read up to offset stop.
func newFastParser(src []byte, name string, from, stop, line int) *fastParser {
	return &fastParser{src: src, name: name, pos: from, line: line, lineStart: from, colLine: -1, stop: stop, texts: texts{}, dates: texts{}, ids: pathIDs{}}
}

// fastValue is a literal read by the fast path.
type fastValue struct {
	kind fastKind
	// str is a string's value, unless written is set: then the value is raw,
	// the text between the quotes, ASCII without escapes.
	str     string
	written bool
	raw     []byte
	num     int64
	bool    bool
	// root and attr are the two names of a reference, in the source.
	root, attr []byte
	elems      []fastValue
	rng        hcl.Range
}

type fastKind int

const (
	fastString fastKind = iota
	fastNumber
	fastBool
	fastNull
	fastTraversal
	fastList
)

// text is a string's value.
func (v *fastValue) text() string {
	if v.written {
		return string(v.raw)
	}
	return v.str
}

// is reports whether a string's value is s.
func (v *fastValue) is(s string) bool {
	if v.written {
		return string(v.raw) == s
	}
	return v.str == s
}

// fastAttr is an attribute read by the fast path; its name is in the source.
type fastAttr struct {
	name      []byte
	nameRange hcl.Range
	value     fastValue
}

// fastBlock is a nested block read by the fast path; its type is in the source.
type fastBlock struct {
	typ      []byte
	defRange hcl.Range
	attrs    []fastAttr
}

// here is the position of the parser.
func (p *fastParser) here() hcl.Pos {
	return hcl.Pos{Line: p.line, Column: p.column(p.pos), Byte: p.pos}
}

// column counts grapheme clusters from the line's start, as hcl does. It goes
// on from the last column computed on the same line when it can, so that a line
// of many tokens costs time in proportion to its length, not to its square.
func (p *fastParser) column(off int) int {
	from, col := p.lineStart, 1
	if p.colLine == p.lineStart && p.colOff <= off && p.clusterBoundary(p.colOff) {
		from, col = p.colOff, p.colCol
	}
	col += clusters(p.src[from:off])
	p.colLine, p.colOff, p.colCol = p.lineStart, off, col
	return col
}

// clusterBoundary reports whether a grapheme cluster surely begins at off: at
// the line's start, or between two ASCII characters other than CR LF.
func (p *fastParser) clusterBoundary(off int) bool {
	if off == p.lineStart {
		return true
	}
	prev := p.src[off-1]
	return prev < 0x80 && prev != '\r' && (off == len(p.src) || p.src[off] < 0x80)
}

// clusters counts the grapheme clusters of seg.
func clusters(seg []byte) int {
	for _, c := range seg {
		if c >= 0x80 {
			n := 0
			for len(seg) > 0 {
				adv, _, _ := scanGraphemeClusters(seg, true)
				seg = seg[adv:]
				n++
			}
			return n
		}
	}
	return len(seg)
}

// rangeFrom is the range from start to the parser's position, on one line.
func (p *fastParser) rangeFrom(start hcl.Pos) hcl.Range {
	return hcl.Range{Filename: p.name, Start: start, End: p.here()}
}

// advanceTo moves to off, counting the newlines passed.
func (p *fastParser) advanceTo(off int) {
	for ; p.pos < off; p.pos++ {
		if p.src[p.pos] == '\n' {
			p.line++
			p.lineStart = p.pos + 1
		}
	}
}

func (p *fastParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

// skipSpace skips blanks and comments but not newlines; a block comment may
// span lines.
func (p *fastParser) skipSpace() bool {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == ' ' || c == '\t' || (c == '\r' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '\n'):
			p.pos++
		case c == '#' || c == '/':
			end, isComment, closed := commentEnd(p.src, p.pos)
			if !isComment {
				return true
			}
			if !closed {
				return false
			}
			p.advanceTo(end)
		default:
			return true
		}
	}
	return true
}

// skipSpaceAndNewlines skips blanks, comments and newlines.
func (p *fastParser) skipSpaceAndNewlines() bool {
	for {
		if !p.skipSpace() {
			return false
		}
		if p.peek() != '\n' {
			return true
		}
		p.advanceTo(p.pos + 1)
	}
}

// newline consumes the end of a line (or of the file) after optional blanks.
func (p *fastParser) newline() bool {
	if !p.skipSpace() {
		return false
	}
	switch {
	case p.pos >= len(p.src):
		return true
	case p.src[p.pos] == '\n':
		p.advanceTo(p.pos + 1)
		return true
	}
	return false
}

// ident reads an ASCII identifier, which it returns as a slice of the source.
func (p *fastParser) ident() ([]byte, hcl.Range, bool) {
	start := p.here()
	i := p.pos
	if i >= len(p.src) || !(isLetter(p.src[i]) || p.src[i] == '_') {
		return nil, hcl.Range{}, false
	}
	for i < len(p.src) && isIdentByte(p.src[i]) {
		i++
	}
	if i < len(p.src) && p.src[i] >= 0x80 {
		return nil, hcl.Range{}, false
	}
	name := p.src[p.pos:i:i]
	p.pos = i
	return name, p.rangeFrom(start), true
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// topBlock reads one top-level block and decodes it, or declines.
func (p *fastParser) topBlock() (*resource, bool) {
	typ, typeRange, ok := p.ident()
	if !ok {
		return nil, false
	}
	bt := blockTypeByName(string(typ))
	if bt == nil || !p.skipSpace() {
		return nil, false
	}
	var address string
	var labelRange hcl.Range
	if p.peek() == '"' {
		v, ok := p.quoted()
		if !ok || !v.is(string(p.src[v.rng.Start.Byte+1:v.rng.End.Byte-1])) {
			return nil, false
		}
		address, labelRange = bt.name+"."+v.text(), v.rng
	} else {
		var id []byte
		if id, labelRange, ok = p.ident(); !ok {
			return nil, false
		}
		address = bt.name + "." + string(id)
	}
	if !validID(address[len(bt.name)+1:]) || !p.skipSpace() || p.peek() != '{' {
		return nil, false
	}
	p.pos++
	p.innerBuf, p.elemBuf = p.innerBuf[:0], p.elemBuf[:0]
	attrs, blocks, ok := p.body(true)
	if !ok {
		return nil, false
	}
	r := &resource{typ: bt, address: address, value: make(map[string]any, len(attrs)+len(bt.blocks)),
		defRng: hcl.RangeBetween(typeRange, labelRange), locs: p.locBuf[:0], refs: p.refBuf[:0]}
	if !p.fastAttrs(r, "", bt.attrs, attrs, r.value) {
		return nil, false
	}
	for _, name := range bt.required {
		if !filled(r.value, name) {
			return nil, false
		}
	}
	if !p.fastNested(r, bt, blocks) {
		return nil, false
	}
	p.locBuf, p.refBuf = r.locs[:0], r.refs[:0]
	r.locs, r.refs = keep(&p.locSlab, r.locs), keep(&p.refSlab, r.refs)
	return r, true
}

// slabLen is how many source map entries or references one allocation holds
// for the resources a parser reads.
const slabLen = 1024

// keep copies s, which lies in one of the parser's buffers, into the free end
// of slab, an array that the next resources share, and returns the copy, whose
// capacity is its length; nil when s is empty.
func keep[T any](slab *[]T, s []T) []T {
	if len(s) == 0 {
		return nil
	}
	if cap(*slab)-len(*slab) < len(s) {
		*slab = make([]T, 0, max(slabLen, len(s)))
	}
	start := len(*slab)
	*slab = append(*slab, s...)
	return (*slab)[start:len(*slab):len(*slab)]
}

// body reads a block's body after its opening brace, through the closing brace
// and the newline after it. Nested blocks are allowed one level down only. What
// it returns lies in the parser's buffers, until the next top-level block.
func (p *fastParser) body(top bool) ([]fastAttr, []fastBlock, bool) {
	buf := &p.innerBuf
	if top {
		buf = &p.attrBuf
		p.attrBuf, p.blockBuf = p.attrBuf[:0], p.blockBuf[:0]
	}
	first := len(*buf)
	if !p.skipSpace() {
		return nil, nil, false
	}
	if p.peek() == '}' {
		p.pos++
		return nil, nil, p.newline()
	}
	if !p.newline() {
		return nil, nil, false
	}
	for {
		if !p.skipSpaceAndNewlines() || p.pos >= len(p.src) {
			return nil, nil, false
		}
		if p.peek() == '}' {
			p.pos++
			attrs := (*buf)[first:len(*buf):len(*buf)]
			if top {
				return attrs, p.blockBuf, p.newline()
			}
			return attrs, nil, p.newline()
		}
		name, nameRange, ok := p.ident()
		if !ok || !p.skipSpace() {
			return nil, nil, false
		}
		switch p.peek() {
		case '=':
			p.pos++
			if !p.skipSpace() {
				return nil, nil, false
			}
			v, ok := p.value(true)
			if !ok || !p.newline() {
				return nil, nil, false
			}
			*buf = append(*buf, fastAttr{name: name, nameRange: nameRange, value: v})
		case '{':
			if !top {
				return nil, nil, false
			}
			p.pos++
			inner, nested, ok := p.body(false)
			if !ok || len(nested) > 0 {
				return nil, nil, false
			}
			p.blockBuf = append(p.blockBuf, fastBlock{typ: name, defRange: nameRange, attrs: inner})
		default:
			return nil, nil, false
		}
	}
}

// value reads a literal, a bare reference TYPE.ID, or (when lists are allowed)
// a list of them.
func (p *fastParser) value(listOK bool) (fastValue, bool) {
	start := p.here()
	switch c := p.peek(); {
	case c == '"':
		v, ok := p.quoted()
		return v, ok && p.endOfOperand()
	case isDigit(c):
		i := p.pos
		for i < len(p.src) && isDigit(p.src[i]) {
			i++
		}
		if i-p.pos > 15 || (i < len(p.src) && (p.src[i] == '.' || p.src[i] == 'e' || p.src[i] == 'E' || isLetter(p.src[i]) || p.src[i] == '_')) {
			return fastValue{}, false
		}
		n, err := strconv.ParseInt(string(p.src[p.pos:i]), 10, 64)
		if err != nil {
			return fastValue{}, false
		}
		p.pos = i
		return fastValue{kind: fastNumber, num: n, rng: p.rangeFrom(start)}, true
	case c == '[' && listOK:
		p.pos++
		first := len(p.elemBuf)
		for {
			if !p.skipSpaceAndNewlines() {
				return fastValue{}, false
			}
			if p.peek() == ']' {
				p.pos++
				end := len(p.elemBuf)
				return fastValue{kind: fastList, elems: p.elemBuf[first:end:end], rng: p.rangeFrom(start)}, true
			}
			v, ok := p.value(false)
			if !ok || !p.skipSpaceAndNewlines() {
				return fastValue{}, false
			}
			p.elemBuf = append(p.elemBuf, v)
			switch p.peek() {
			case ',':
				p.pos++
			case ']':
			default:
				return fastValue{}, false
			}
		}
	case isLetter(c) || c == '_':
		name, _, ok := p.ident()
		if !ok {
			return fastValue{}, false
		}
		switch string(name) {
		case "true", "false":
			return fastValue{kind: fastBool, bool: string(name) == "true", rng: p.rangeFrom(start)}, p.endOfOperand()
		case "null":
			return fastValue{kind: fastNull, rng: p.rangeFrom(start)}, p.endOfOperand()
		}
		if p.peek() != '.' {
			return fastValue{}, false
		}
		p.pos++
		attr, _, ok := p.ident()
		if !ok {
			return fastValue{}, false
		}
		return fastValue{kind: fastTraversal, root: name, attr: attr, rng: p.rangeFrom(start)}, p.endOfOperand()
	}
	return fastValue{}, false
}

// endOfOperand checks that nothing continues an operand: no traversal step,
// index, call or operator follows it on the line.
func (p *fastParser) endOfOperand() bool {
	i := p.pos
	for i < len(p.src) && (p.src[i] == ' ' || p.src[i] == '\t') {
		i++
	}
	if i >= len(p.src) {
		return true
	}
	switch p.src[i] {
	case '\n', '\r', ',', ']', '#', '/':
		return p.src[i] != '/' || (i+1 < len(p.src) && (p.src[i+1] == '/' || p.src[i+1] == '*'))
	}
	return false
}

// quoted reads a string literal without interpolation; it declines escapes other
// than \n \r \t \" and \\.
func (p *fastParser) quoted() (fastValue, bool) {
	start := p.here()
	var buf []byte
	plain := true
	i := p.pos + 1
	for ; i < len(p.src); i++ {
		c := p.src[i]
		switch {
		case c == '"' && buf == nil && plain:
			// The value is the text as written: a string only where one is kept.
			p.pos = i + 1
			return fastValue{kind: fastString, written: true, raw: p.src[start.Byte+1 : i : i], rng: p.rangeFrom(start)}, true
		case c == '"':
			s := string(p.src[p.pos+1 : i])
			if buf != nil {
				s = string(buf)
			}
			if !plain {
				s = cty.StringVal(s).AsString()
			}
			p.pos = i + 1
			return fastValue{kind: fastString, str: s, rng: p.rangeFrom(start)}, true
		case c == '\n' || c == '\r':
			return fastValue{}, false
		case c == '$' || c == '%':
			// An interpolation, a directive or an escaped one: not a plain literal.
			if n, _ := templateSequence(p.src, i); n > 0 {
				return fastValue{}, false
			}
			if buf != nil {
				buf = append(buf, c)
			}
		case c == '\\':
			if i+1 >= len(p.src) {
				return fastValue{}, false
			}
			if buf == nil {
				buf = append([]byte{}, p.src[p.pos+1:i]...)
			}
			switch p.src[i+1] {
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case '"':
				buf = append(buf, '"')
			case '\\':
				buf = append(buf, '\\')
			default:
				return fastValue{}, false
			}
			i++
		default:
			if c >= 0x80 {
				plain = false
			}
			if buf != nil {
				buf = append(buf, c)
			}
		}
	}
	return fastValue{}, false
}

// fastAttrs converts the attributes of one body by the schema, as decodeAttrs
// does, or declines at the first unknown, repeated or ill-typed attribute.
func (p *fastParser) fastAttrs(r *resource, prefix string, specs []attribute, attrs []fastAttr, into map[string]any) bool {
	for i := range attrs {
		for j := range i {
			if bytes.Equal(attrs[i].name, attrs[j].name) {
				return false
			}
		}
	}
	known := 0
	for _, spec := range specs {
		a := findAttr(attrs, spec.name)
		if a == nil {
			continue
		}
		known++
		path := spec.name
		if prefix != "" {
			path = p.texts.join(prefix, spec.name)
		}
		r.addLoc(p.ids.id(path), a.nameRange)
		v, ok := p.fastConvert(r, path, spec, a.value)
		if !ok {
			return false
		}
		if v != nil {
			into[spec.name] = v
		}
	}
	// The names differ, so each known name is a different attribute.
	return known == len(attrs)
}

func findAttr(attrs []fastAttr, name string) *fastAttr {
	for i := range attrs {
		if string(attrs[i].name) == name {
			return &attrs[i]
		}
	}
	return nil
}

// fastConvert checks one value against its attribute's type. It returns nil, true
// for null, which counts as absent, and declines whatever the decoder would report.
func (p *fastParser) fastConvert(r *resource, path string, spec attribute, v fastValue) (any, bool) {
	if v.kind == fastNull {
		return nil, spec.kind != kindRef && spec.kind != kindRefList
	}
	if _, bad := hiddenControl(v.str); bad {
		return nil, false
	}
	switch spec.kind {
	case kindString:
		return v.text(), v.kind == fastString
	case kindBool:
		return v.bool, v.kind == fastBool
	case kindNumber:
		return v.num, v.kind == fastNumber
	case kindDate:
		if v.kind != fastString {
			return nil, false
		}
		if d, ok := p.dates[string(v.raw)]; ok && v.written {
			return d, true
		}
		s := v.text()
		if len(s) != 10 {
			return nil, false
		}
		if _, err := time.Parse("2006-01-02", s); err != nil {
			return nil, false
		}
		return p.dates.value(s), true
	case kindEnum:
		if v.kind == fastString {
			for _, e := range spec.enum {
				if v.is(e) {
					return p.texts.value(e), true
				}
			}
		}
		return nil, false
	case kindRef:
		return p.fastRef(r, path, spec, v)
	case kindStringList:
		if v.kind != fastList {
			return nil, false
		}
		out := make([]any, 0, len(v.elems))
		for _, e := range v.elems {
			if _, bad := hiddenControl(e.str); bad || e.kind != fastString {
				return nil, false
			}
			out = append(out, e.text())
		}
		return out, true
	case kindRefList:
		if v.kind != fastList {
			return nil, false
		}
		out := make([]any, 0, len(v.elems))
		for _, e := range v.elems {
			target, ok := p.fastRef(r, path, spec, e)
			if !ok {
				return nil, false
			}
			out = append(out, target)
		}
		return out, true
	}
	return nil, false
}

// fastRef checks a reference's type and records it for checkRefs. It returns
// the address referred to, as a value of the document.
func (p *fastParser) fastRef(r *resource, path string, spec attribute, v fastValue) (any, bool) {
	if v.kind != fastTraversal || blockTypeByName(string(v.root)) == nil || (len(spec.refs) > 0 && !contains(spec.refs, string(v.root))) {
		return nil, false
	}
	// The reference is written TYPE.ID, without spaces: its text is the address.
	target := p.texts.valueOf(p.src[v.rng.Start.Byte:v.rng.End.Byte])
	r.refs = append(r.refs, pendingRef{target: target.(string), attr: path, rng: v.rng})
	return target, true
}

// fastNested converts the nested blocks as decodeBlock does, or declines.
func (p *fastParser) fastNested(r *resource, bt *blockType, blocks []fastBlock) bool {
	for _, b := range blocks {
		known := false
		for _, nb := range bt.blocks {
			known = known || nb.name == string(b.typ)
		}
		if !known {
			return false
		}
	}
	for _, nb := range bt.blocks {
		var items []any
		for _, b := range blocks {
			if string(b.typ) != nb.name {
				continue
			}
			if !nb.many && len(items) == 1 {
				return false
			}
			path := nestedPath(nb, len(items))
			r.setNestedLoc(p.ids, nb, path, b.defRange)
			obj := map[string]any{}
			if !p.fastAttrs(r, path+".", nb.attrs, b.attrs, obj) {
				return false
			}
			items = append(items, obj)
		}
		r.setNested(nb, items)
	}
	return true
}
