package inventory

import (
	"bytes"
	"context"
	"sync"

	"github.com/hashicorp/hcl/v2"
)

// A large file decodes on several cores. decodeChunked cuts it into chunks
// where a serial decode is most likely between two top-level blocks, and checks
// and decodes the chunks at once, each from the state a decode is in at the
// start of a file. It keeps the chunks' results only when the one before each
// chunk ended exactly where the chunk begins, in that state: then a serial
// decode passes there in the same state, and reads the chunk just as the chunk
// was read. Otherwise the file is decoded serially, so the result is always the
// serial one, byte for byte.

// defaultChunkBytes is the size from which a file is decoded in chunks: 1 MiB,
// about 2,500 resources, which decode in some 25 ms on one core. Below it,
// another core saves a few milliseconds, no more than a file whose chunks are
// dropped costs, decoded twice; and the files people edit, which the editor
// support decodes at each change, keep the serial decode.
const defaultChunkBytes = 1 << 20

// decodeChecked checks how deep src nests, then decodes it: in chunks on
// up to chunks cores when it is large enough.
func decodeChecked(ctx context.Context, src []byte, name string, opts Options, chunks int) ([]*resource, hcl.Diagnostics) {
	var deep *hcl.Diagnostic
	var rs []*resource
	var diags hcl.Diagnostics
	decoded := false
	if chunks > 1 && len(src) >= opts.chunkBytes && !opts.slowOnly {
		var parts int
		deep, rs, diags, decoded, parts = decodeChunked(ctx, src, name, opts.MaxNesting, chunks)
		if opts.chunked != nil {
			opts.chunked(name, parts, decoded)
		}
	} else {
		deep = checkNesting(src, name, opts.MaxNesting)
	}
	switch {
	case deep != nil:
		return nil, hcl.Diagnostics{deep}
	case decoded:
		return rs, diags
	}
	return decodeSource(ctx, src, name, opts.slowOnly)
}

// chunk is one chunk of a file, checked and decoded.
type chunk struct {
	start, end, line int
	scan             *nestingScan
	deep             *hcl.Diagnostic
	rs               []*resource
	diags            hcl.Diagnostics
}

// decodeChunked checks and decodes src in up to n chunks at once. It returns
// what checkNesting returns for src, always, and, when decoded is set, what
// decodeSource returns; parts is the number of chunks it cut.
func decodeChunked(ctx context.Context, src []byte, name string, limit, n int) (deep *hcl.Diagnostic, rs []*resource, diags hcl.Diagnostics, decoded bool, parts int) {
	bounds := chunkBounds(src, n)
	chunks := make([]chunk, len(bounds)-1)
	line := 1
	for k := range chunks {
		if k > 0 {
			line += bytes.Count(src[bounds[k-1]:bounds[k]], []byte("\n"))
		}
		chunks[k] = chunk{start: bounds[k], end: bounds[k+1], line: line}
	}
	// A chunk that cannot be kept stops the others: the file is read again.
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	read := func(k int) {
		if !chunks[k].read(cctx, src, name, limit) {
			cancel()
		}
	}
	var wg sync.WaitGroup
	for k := 1; k < len(chunks); k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			read(k)
		}()
	}
	read(0)
	wg.Wait()

	scan, deep := chunks[0].scan, chunks[0].deep
	for k := 1; k < len(chunks) && deep == nil && !scan.stopped; k++ {
		if !scan.fresh(chunks[k].start, chunks[k].line) {
			deep = scan.run(len(src))
			break
		}
		scan, deep = chunks[k].scan, chunks[k].deep
	}
	if cctx.Err() != nil {
		return deep, nil, nil, false, len(chunks)
	}
	for _, c := range chunks {
		rs, diags = append(rs, c.rs...), append(diags, c.diags...)
	}
	return deep, rs, diags, true, len(chunks)
}

// read checks how deep the chunk nests and, unless it nests too deep or is not
// plain text, decodes it with the fast path. It reports whether both went as
// they go in a file without problems.
func (c *chunk) read(ctx context.Context, src []byte, name string, limit int) bool {
	c.scan = newNestingScan(src, name, limit, c.start, c.line)
	c.deep = c.scan.run(c.end)
	if c.deep != nil || c.scan.stopped || !plainText(src[c.start:c.end]) {
		return false
	}
	var decoded bool
	c.rs, c.diags, decoded = newFastParser(src, name, c.start, c.end, c.line).decode(ctx, nil)
	return decoded && ctx.Err() == nil
}

// chunkBounds cuts src into up to n chunks of about the same size and returns
// where they begin, and the end of src. Each cut is at the start of a line that
// follows a line holding only a closing brace, the end of a top-level block
// as inventories are written; decodeChunked checks that it is one.
func chunkBounds(src []byte, n int) []int {
	bounds := []int{0}
	for k := 1; k < n; k++ {
		at := blockBoundary(src, max(len(src)*k/n, bounds[len(bounds)-1]))
		if at < 0 {
			break
		}
		if at > bounds[len(bounds)-1] {
			bounds = append(bounds, at)
		}
	}
	return append(bounds, len(src))
}

// blockBoundary returns the offset just past the first line, after from,
// holding only a closing brace at its start, or -1 when there is none before
// the end of src.
func blockBoundary(src []byte, from int) int {
	for {
		i := bytes.Index(src[from:], []byte("\n}"))
		if i < 0 {
			return -1
		}
		j := from + i + 2
		if j < len(src) && src[j] == '\r' {
			j++
		}
		if j+1 < len(src) && src[j] == '\n' {
			return j + 1
		}
		from += i + 1
	}
}
