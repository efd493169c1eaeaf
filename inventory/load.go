// Package inventory reads HCL inventory files into the input document that the
// policies judge, with a source map that places every resource and attribute.
package inventory

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/hashicorp/hcl/v2"

	"github.com/baomi-dev/baomi/internal/regularfile"
	"github.com/baomi-dev/baomi/internal/suggest"
)

// Inventory is a decoded set of inventory files.
type Inventory struct {
	// Document is the input document of INVENTORY.md: one object per collection,
	// keyed by address (as_of and settings are added by the evaluator).
	Document map[string]any
	// Files lists the files read, as shown to the user, in order.
	Files []string

	sources map[string][]byte
	// digests holds each file's sha256, taken over its bytes as read.
	digests map[string][sha256.Size]byte
	blocks  map[string]*resource
}

// Load reads the inventory at paths: files, or folders read recursively for .hcl
// files (hidden folders and files skipped). It returns every problem found; the
// Inventory is usable for rendering diagnostics even when there are errors.
func Load(paths []string) (*Inventory, hcl.Diagnostics) {
	return LoadWith(paths, Options{})
}

// Size is the total size in bytes of the inventory files at paths, found as
// Load finds them; a path or file that cannot be read counts nothing.
func Size(paths []string) int64 {
	files, _ := findFiles(paths)
	var n int64
	for _, name := range files {
		if info, err := os.Stat(name); err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
	}
	return n
}

// LoadWith is Load with limits on file size and nesting.
func LoadWith(paths []string, opts Options) (*Inventory, hcl.Diagnostics) {
	inv, diags, _ := LoadContext(context.Background(), paths, opts)
	return inv, diags
}

// LoadContext is LoadWith that stops reading when ctx is done, between files
// and between the blocks of a file, and then returns ctx's error with an
// inventory and diagnostics that are incomplete: report the error, not them.
// Each file is read by one of GOMAXPROCS workers; with fewer files than
// workers, a large file is decoded in chunks by the idle ones (decodeChunked).
func LoadContext(ctx context.Context, paths []string, opts Options) (*Inventory, hcl.Diagnostics, error) {
	opts = opts.withDefaults()
	inv := &Inventory{sources: map[string][]byte{}, digests: map[string][sha256.Size]byte{}, blocks: map[string]*resource{}}
	files, diags := findFiles(paths)
	inv.Files = files
	perFile := make([][]*resource, len(files))
	fileDiags := make([]hcl.Diagnostics, len(files))
	var mu sync.Mutex
	jobs := make(chan int)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	// With fewer files than workers, each file's decode may use the idle ones.
	chunks := opts.chunks
	if chunks <= 0 && len(files) > 0 {
		chunks = workers / len(files)
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if ctx.Err() != nil {
					continue
				}
				var src []byte
				var sum [sha256.Size]byte
				var d *hcl.Diagnostic
				if text, ok := opts.Overlay[files[i]]; ok {
					src, sum, d = overlaid(text, files[i], opts.MaxFileBytes)
				} else {
					src, sum, d = readFile(files[i], opts.MaxFileBytes)
				}
				if d != nil {
					fileDiags[i] = hcl.Diagnostics{d}
					continue
				}
				mu.Lock()
				inv.sources[files[i]] = src
				inv.digests[files[i]] = sum
				mu.Unlock()
				if d := checkEncoding(src, files[i]); d != nil {
					fileDiags[i] = hcl.Diagnostics{d}
					continue
				}
				perFile[i], fileDiags[i] = decodeChecked(ctx, src, files[i], opts, chunks)
				fileDiags[i] = limitDiagnostics(fileDiags[i])
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		inv.Document = inv.document()
		return inv, diags, err
	}
	for _, d := range fileDiags {
		diags = append(diags, d...)
	}
	diags = append(diags, inv.merge(perFile)...)
	diags = append(diags, inv.checkRefs()...)
	inv.resolveBareIDs(diags)
	if !diags.HasErrors() {
		// Only a clean decode can tell: a file that failed may hold the organization.
		diags = append(diags, inv.checkWhole()...)
	}
	if !opts.keepRefs {
		for _, r := range inv.blocks {
			r.refs = nil
		}
	}
	inv.Document = inv.document()
	return inv, diags, nil
}

// TerraformCollection names the document's collection of Terraform resources,
// which the Terraform reader fills (INFRASTRUCTURE.md); the inventory leaves it empty.
const TerraformCollection = "terraform"

// ReadSource reads one HCL file within the limits an inventory file is read with:
// its size, and how deep it nests. It returns the text without a UTF-8 byte order
// mark and the sha256 of the bytes read. The Terraform reader reads .tf files with it.
func ReadSource(name string, opts Options) ([]byte, [sha256.Size]byte, *hcl.Diagnostic) {
	opts = opts.withDefaults()
	src, sum, d := readFile(name, opts.MaxFileBytes)
	if d != nil {
		return nil, sum, d
	}
	if d := checkNesting(src, name, opts.MaxNesting); d != nil {
		return src, sum, d
	}
	return src, sum, nil
}

// DisplayName shows a path as baomi names files: relative to the working
// directory where it lies below it.
func DisplayName(p string) string { return displayName(p) }

// FindFiles lists, sorted and named as Load names them, the files Load reads at
// paths: each file given, and the .hcl files below each folder.
func FindFiles(paths []string) ([]string, hcl.Diagnostics) { return findFiles(paths) }

// AddSources lets WriteDiagnostics show lines of other files read beside the
// inventory, such as Terraform files. On a zero Inventory it makes one that
// only renders diagnostics.
func (inv *Inventory) AddSources(sources map[string][]byte) {
	if inv.sources == nil {
		inv.sources = map[string][]byte{}
	}
	for name, src := range sources {
		inv.sources[name] = src
	}
}

// DropSources lets the bytes of the files read be freed: WriteDiagnostics
// prints later diagnostics without their source lines.
func (inv *Inventory) DropSources() {
	inv.sources = nil
}

// readFile reads one inventory file, refusing one larger than max bytes, and
// returns its sha256 and its bytes without a UTF-8 byte order mark. The file is
// opened first and checked through its handle (regularfile.Read), so that a file
// swapped for a pipe or a device after the folder was listed is refused, not read.
func readFile(name string, max int64) ([]byte, [sha256.Size]byte, *hcl.Diagnostic) {
	var none [sha256.Size]byte
	src, _, err := regularfile.Read(name, max)
	var tooLarge *regularfile.TooLargeError
	switch {
	case errors.Is(err, regularfile.ErrNotRegular):
		return nil, none, fileError(name, "not a regular file", "A file baomi reads must be a regular file, not a folder, device, pipe or socket.")
	case errors.As(err, &tooLarge) && tooLarge.Size > 0:
		return nil, none, tooLargeError(name, tooLarge.Size, max)
	case errors.As(err, &tooLarge):
		return nil, none, fileError(name, "file too large", fmt.Sprintf("The file holds more than %d bytes (max-file-size).", max))
	case err != nil:
		return nil, none, fileError(name, "cannot read file", pathErrorText(err))
	}
	return bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")), sha256.Sum256(src), nil
}

// tooLargeError is the error for a file of size bytes, more than max.
func tooLargeError(name string, size, max int64) *hcl.Diagnostic {
	return fileError(name, "file too large", fmt.Sprintf("The file holds %d bytes; the limit is %d (max-file-size).", size, max))
}

// overlaid is readFile for a text held in memory: the same limit on its size,
// and its byte order mark dropped.
func overlaid(text []byte, name string, max int64) ([]byte, [sha256.Size]byte, *hcl.Diagnostic) {
	if int64(len(text)) > max {
		return nil, [sha256.Size]byte{}, tooLargeError(name, int64(len(text)), max)
	}
	return bytes.TrimPrefix(text, []byte("\xef\xbb\xbf")), sha256.Sum256(text), nil
}

// checkEncoding reports a file that is not UTF-8 text: see checkUTF16 and
// checkBinary.
func checkEncoding(src []byte, name string) *hcl.Diagnostic {
	if d := checkUTF16(src, name); d != nil {
		return d
	}
	return checkBinary(src, name)
}

// checkBinary reports a file that holds more NUL bytes than the diagnostics
// shown for a file, at the first one: an archive, an image or another binary
// file, which hcl would report one byte at a time. No inventory holds a NUL; a
// few are reported where they are (in a text value, with the attribute that
// holds it).
func checkBinary(src []byte, name string) *hcl.Diagnostic {
	if bytes.Count(src, []byte{0}) <= maxFileDiagnostics {
		return nil
	}
	i := bytes.IndexByte(src, 0)
	start := posAt(src, i)
	end := hcl.Pos{Line: start.Line, Column: start.Column + 1, Byte: i + 1}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "binary file",
		Detail:  "This file holds a NUL byte here, which no text does: an HCL file is UTF-8 text. Is it an archive, an image or a file another program wrote?",
		Subject: &hcl.Range{Filename: name, Start: start, End: end}}
}

// posAt is the position of the byte at offset in src: its line, and its column
// as hcl counts it (Column).
func posAt(src []byte, offset int) hcl.Pos {
	lineStart := bytes.LastIndexByte(src[:offset], '\n') + 1
	return hcl.Pos{Line: bytes.Count(src[:offset], []byte("\n")) + 1, Column: Column(src[lineStart:], offset-lineStart), Byte: offset}
}

// maxFileDiagnostics is how many of one file's problems are reported: a file
// of junk gives one for every character, more than anyone reads and slow to
// print.
const maxFileDiagnostics = 100

// limitDiagnostics keeps the first maxFileDiagnostics of one file's diagnostics
// in source order and puts in place of the rest one that says how many there
// are, where the first of them is, with the gravest severity among them. A
// list it has limited already is returned as it is.
func limitDiagnostics(diags hcl.Diagnostics) hcl.Diagnostics {
	if len(diags) <= maxFileDiagnostics {
		return diags
	}
	if _, limited := diags[len(diags)-1].Extra.(notShown); limited && len(diags) == maxFileDiagnostics+1 {
		return diags
	}
	SortDiagnostics(diags)
	rest := diags[maxFileDiagnostics:]
	severity := hcl.DiagWarning
	if rest.HasErrors() {
		severity = hcl.DiagError
	}
	more := &hcl.Diagnostic{Severity: severity, Summary: "more problems not shown",
		Detail:  fmt.Sprintf("%d more problems in this file, from here on, are not shown: mend the ones above first.", len(rest)),
		Subject: rest[0].Subject, Extra: notShown{errors: ErrorCount(rest)}}
	return append(diags[:maxFileDiagnostics:maxFileDiagnostics], more)
}

// notShown is the Extra of the diagnostic that stands for a file's problems not
// shown: how many of them are errors, and how many bytes of the text were not
// read at all (see notReadToTheEnd).
type notShown struct{ errors, unread int }

// ErrorCount is the number of errors in diags, counting those a file's
// diagnostics beyond the first 100 stand for.
func ErrorCount(diags hcl.Diagnostics) int {
	n := 0
	for _, d := range diags {
		switch more, ok := d.Extra.(notShown); {
		case ok:
			n += more.errors
		case d.Severity == hcl.DiagError:
			n++
		}
	}
	return n
}

// checkUTF16 reports a file saved as UTF-16, which would read as a stream of
// NULs and garbage: it starts with a UTF-16 byte order mark, or every other
// byte of its beginning is zero.
func checkUTF16(src []byte, name string) *hcl.Diagnostic {
	var how string
	switch {
	case bytes.HasPrefix(src, []byte{0xff, 0xfe}):
		how = "it begins with the byte order mark of UTF-16 little-endian"
	case bytes.HasPrefix(src, []byte{0xfe, 0xff}):
		how = "it begins with the byte order mark of UTF-16 big-endian"
	case alternateNULs(src):
		how = "every other byte is zero"
	default:
		return nil
	}
	return fileError(name, "UTF-16 file", "This file is UTF-16 text ("+how+"), and baomi reads HCL files as UTF-8: save the file as UTF-8.")
}

// alternateNULs reports whether the first bytes of src hold a zero at every
// even or every odd offset, and few elsewhere: the mark of UTF-16 text.
func alternateNULs(src []byte) bool {
	n := min(len(src), 512) / 2
	if n < 2 {
		return false
	}
	var zeros [2]int
	for i := range 2 * n {
		if src[i] == 0 {
			zeros[i%2]++
		}
	}
	return zeros[0] >= n*9/10 && zeros[1] <= n/10 || zeros[1] >= n*9/10 && zeros[0] <= n/10
}

// findFiles expands paths into a sorted list of files to read.
func findFiles(paths []string) ([]string, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	seen := map[string]bool{}
	var files []string
	add := func(p string) {
		name := displayName(p)
		if !seen[name] {
			seen[name] = true
			files = append(files, name)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			diags = append(diags, fileError(displayName(p), "cannot read inventory path", pathErrorText(err)))
			continue
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		w := &folderWalk{add: add, visited: map[string]bool{}}
		if real, err := realPath(p); err == nil {
			w.run(p, real)
		} else {
			w.diags = append(w.diags, fileError(displayName(p), "cannot read inventory path", pathErrorText(err)))
		}
		diags = append(diags, w.diags...)
		if w.found == 0 && len(w.diags) == 0 {
			diags = append(diags, fileError(displayName(p), "no inventory files", "This folder and its subfolders hold no .hcl files."))
		}
	}
	sort.Strings(files)
	return files, diags
}

// folderWalk finds the .hcl files below a folder, hidden folders and files
// skipped. It follows symbolic links to folders, so that no folder is skipped
// in silence, and reports a link that leads back to a folder holding it. The
// folders themselves are read first and the links after, so that a folder
// reached both ways is read, once, under its own path.
type folderWalk struct {
	add   func(string)
	diags hcl.Diagnostics
	found int
	// visited holds the real path of every folder read.
	visited map[string]bool
	// links are the links to folders met and not yet followed.
	links []folderLink
}

// folderLink is a symbolic link to a folder, met in the folder whose real path
// and those of the folders above it on the way there are chain.
type folderLink struct {
	path  string
	chain []string
}

// run reads root, whose real path is real, then follows the links met.
func (w *folderWalk) run(root, real string) {
	w.walk(root, []string{real})
	for len(w.links) > 0 {
		l := w.links[0]
		w.links = w.links[1:]
		real, err := realPath(l.path)
		switch {
		case err != nil:
			w.diags = append(w.diags, fileError(displayName(l.path), "cannot read inventory path", pathErrorText(err)))
		case holding(real, l.chain):
			target, _ := os.Readlink(l.path)
			w.diags = append(w.diags, fileError(displayName(l.path), "symbolic link loop",
				fmt.Sprintf("This link to %s leads back to a folder that holds the link itself: following it would never end. Remove the link or point it elsewhere.", strconv.Quote(shorten(target)))))
		case !w.visited[real]:
			w.walk(l.path, append(l.chain[:len(l.chain):len(l.chain)], real))
		}
	}
}

// walk reads dir, whose real path and those of the folders above it on the way
// here are chain, and the folders below it; it puts the links to folders aside.
func (w *folderWalk) walk(dir string, chain []string) {
	w.visited[chain[len(chain)-1]] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.diags = append(w.diags, fileError(displayName(dir), "cannot read inventory path", pathErrorText(err)))
		return
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			info, err := os.Stat(p)
			switch {
			case err != nil && strings.HasSuffix(e.Name(), ".hcl"):
				w.found++
				w.add(p) // reading it reports why it cannot be read
			case err != nil && errors.Is(err, syscall.ELOOP):
				w.diags = append(w.diags, fileError(displayName(p), "cannot read inventory path", pathErrorText(err)))
			case err != nil:
				// a dangling link to something that is not an inventory file
			case info.IsDir():
				w.links = append(w.links, folderLink{path: p, chain: chain})
			case strings.HasSuffix(e.Name(), ".hcl"):
				w.found++
				w.add(p)
			}
			continue
		}
		switch {
		case e.IsDir():
			w.walk(p, append(chain[:len(chain):len(chain)], filepath.Join(chain[len(chain)-1], e.Name())))
		case strings.HasSuffix(e.Name(), ".hcl"):
			w.found++
			w.add(p)
		}
	}
}

// holding reports whether real is, or holds, one of the folders of chain.
func holding(real string, chain []string) bool {
	for _, c := range chain {
		if c == real || strings.HasPrefix(c, strings.TrimSuffix(real, string(filepath.Separator))+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// realPath is p's absolute path with every symbolic link resolved.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// displayName shows a path relative to the working directory where it lies below it.
func displayName(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
				return filepath.ToSlash(rel)
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

func pathErrorText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func fileError(file, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail,
		Subject: &hcl.Range{Filename: file}}
}

// merge gathers every file's resources, reporting duplicate ids with both places.
func (inv *Inventory) merge(perFile [][]*resource) hcl.Diagnostics {
	var diags hcl.Diagnostics
	var org *resource
	for _, rs := range perFile {
		for _, r := range rs {
			if prev := inv.blocks[r.address]; prev != nil {
				rng := r.defRng
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Duplicate id",
					Detail:  fmt.Sprintf("%s is defined twice: first at %s. Ids are unique per block type across all files.", shorten(r.address), rangeText(prev.defRng)),
					Subject: &rng})
				continue
			}
			if r.typ.single {
				if org != nil {
					rng := r.defRng
					diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Second organization",
						Detail:  fmt.Sprintf("An inventory describes one organization; %s is already defined at %s.", shorten(org.address), rangeText(org.defRng)),
						Subject: &rng})
					continue
				}
				org = r
			}
			inv.blocks[r.address] = r
		}
	}
	return diags
}

func rangeText(r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

// maxRefSuggestions bounds how many unknown references get a did-you-mean: each
// compares the id with every id of its type.
const maxRefSuggestions = 50

// checkRefs reports references to resources that do not exist.
func (inv *Inventory) checkRefs() hcl.Diagnostics {
	if !inv.dangling() {
		return nil
	}
	var diags hcl.Diagnostics
	var byType map[string][]string
	suggested := 0
	var addrs []string
	for a := range inv.blocks {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	for _, a := range addrs {
		for _, ref := range inv.blocks[a].refs {
			if inv.blocks[ref.target] != nil {
				continue
			}
			typ, id, _ := strings.Cut(ref.target, ".")
			hint := ""
			if suggested < maxRefSuggestions {
				suggested++
				if byType == nil {
					byType = idsByType(addrs)
				}
				if n := suggest.Nearest(id, byType[typ]); n != "" {
					hint = fmt.Sprintf(" Did you mean %s.%s?", typ, n)
				}
			}
			rng := ref.rng
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown reference",
				Detail: fmt.Sprintf("%s refers to %s, which is not defined in any inventory file.%s", ref.attr, shorten(ref.target), hint), Subject: &rng})
		}
	}
	return diags
}

// dangling reports whether a resource refers to one that does not exist; it
// spares checkRefs sorting every address when none does, as in most inventories.
func (inv *Inventory) dangling() bool {
	for _, r := range inv.blocks {
		for _, ref := range r.refs {
			if inv.blocks[ref.target] == nil {
				return true
			}
		}
	}
	return false
}

// resolveBareIDs completes the diagnostic of each id written where a reference
// is expected ("stored_in = [shop_db]") with the addresses that id has.
func (inv *Inventory) resolveBareIDs(diags hcl.Diagnostics) {
	for _, d := range diags {
		b, ok := d.Extra.(bareID)
		if !ok {
			continue
		}
		d.Extra = nil
		types := b.types
		if types == nil {
			types = blockTypeNames()
		}
		var found []string
		for _, t := range types {
			if inv.blocks[t+"."+b.id] != nil {
				found = append(found, t+"."+b.id)
			}
		}
		if len(found) > 0 {
			d.Detail += " Did you mean " + strings.Join(found, " or ") + "?"
		}
	}
}

// checkWhole reports an inventory that declares no resources at all, or no
// organization: leaving facts out must never turn failures into "not applicable".
func (inv *Inventory) checkWhole() hcl.Diagnostics {
	var summary, detail string
	switch {
	case len(inv.blocks) == 0:
		summary, detail = "No resources", "the inventory declares no resources at all: its files are empty or hold only comments, and an empty inventory would pass every control."
	case !inv.hasOrganization():
		summary, detail = "No organization", "the inventory declares no organization: add one organization block, so that the organization's controls judge it instead of finding nothing to judge."
	default:
		return nil
	}
	d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail}
	if len(inv.Files) > 0 {
		d.Subject = &hcl.Range{Filename: inv.Files[0], Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 1}}
	}
	return hcl.Diagnostics{d}
}

// hasOrganization reports whether an organization block was decoded.
func (inv *Inventory) hasOrganization() bool {
	for _, r := range inv.blocks {
		if r.typ.single {
			return true
		}
	}
	return false
}

// idsByType groups the ids of sorted addresses by block type.
func idsByType(addrs []string) map[string][]string {
	out := map[string][]string{}
	for _, a := range addrs {
		typ, id, _ := strings.Cut(a, ".")
		out[typ] = append(out[typ], id)
	}
	return out
}

// document builds the input document: every collection, keyed by address.
func (inv *Inventory) document() map[string]any {
	doc := make(map[string]any, len(blockTypes))
	for _, bt := range blockTypes {
		doc[bt.collection] = map[string]any{}
	}
	doc[TerraformCollection] = map[string]any{}
	for a, r := range inv.blocks {
		doc[r.typ.collection].(map[string]any)[a] = r.value
	}
	return doc
}

// TakeDocument returns the document and drops the inventory's own references to
// it, so that it can be freed once its last user is done with it. Locate and
// Diagnostic keep working; Document is nil afterwards.
func (inv *Inventory) TakeDocument() map[string]any {
	doc := inv.Document
	inv.Document = nil
	for _, r := range inv.blocks {
		r.value = nil
	}
	return doc
}

// Digest returns the hex sha256 of file (a name in Files) over its bytes as
// read, byte order mark included, and false for a file that was not read.
func (inv *Inventory) Digest(file string) (string, bool) {
	sum, ok := inv.digests[file]
	if !ok {
		return "", false
	}
	return hex.EncodeToString(sum[:]), true
}

// Locate returns where the attribute (a path like "backup[0].encrypted", or ""
// for the block) of the resource at address is written. An attribute that is not
// written falls back to its enclosing block, then to the resource.
func (inv *Inventory) Locate(address, attribute string) (string, int, int, bool) {
	r := inv.blocks[address]
	if r == nil {
		return "", 0, 0, false
	}
	for attribute != "" {
		if rng, ok := r.loc(attribute); ok {
			return rng.Filename, rng.Start.Line, rng.Start.Column, true
		}
		i := strings.LastIndexAny(attribute, ".[")
		if i < 0 {
			break
		}
		attribute = attribute[:i]
	}
	return r.defRng.Filename, r.defRng.Start.Line, r.defRng.Start.Column, true
}

// Diagnostic makes an error placed on a resource or one of its attributes.
func (inv *Inventory) Diagnostic(address, attribute, summary, detail string) *hcl.Diagnostic {
	d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail}
	if r := inv.blocks[address]; r != nil {
		rng := r.defRng
		if a, ok := r.loc(attribute); ok {
			rng = a
		}
		d.Subject = &rng
	}
	return d
}
