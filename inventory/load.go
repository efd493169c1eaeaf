// Package inventory reads HCL inventory files into the input document that the
// policies judge, with a source map that places every resource and attribute.
package inventory

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"

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
	blocks  map[string]*resource
}

// Load reads the inventory at paths: files, or folders read recursively for .hcl
// files (hidden folders and files skipped). It returns every problem found; the
// Inventory is usable for rendering diagnostics even when there are errors.
func Load(paths []string) (*Inventory, hcl.Diagnostics) {
	return LoadWith(paths, Options{})
}

// LoadWith is Load with limits on file size and nesting.
func LoadWith(paths []string, opts Options) (*Inventory, hcl.Diagnostics) {
	opts = opts.withDefaults()
	inv := &Inventory{sources: map[string][]byte{}, blocks: map[string]*resource{}}
	files, diags := findFiles(paths)
	inv.Files = files
	perFile := make([][]*resource, len(files))
	fileDiags := make([]hcl.Diagnostics, len(files))
	var mu sync.Mutex
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				src, d := readFile(files[i], opts.MaxFileBytes)
				if d != nil {
					fileDiags[i] = hcl.Diagnostics{d}
					continue
				}
				mu.Lock()
				inv.sources[files[i]] = src
				mu.Unlock()
				if d := checkNesting(src, files[i], opts.MaxNesting); d != nil {
					fileDiags[i] = hcl.Diagnostics{d}
					continue
				}
				perFile[i], fileDiags[i] = decodeSource(src, files[i], opts.slowOnly)
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, d := range fileDiags {
		diags = append(diags, d...)
	}
	diags = append(diags, inv.merge(perFile)...)
	diags = append(diags, inv.checkRefs()...)
	if !opts.keepRefs {
		for _, r := range inv.blocks {
			r.refs = nil
		}
	}
	inv.Document = inv.document()
	return inv, diags
}

// TerraformCollection names the document's collection of Terraform resources,
// which the Terraform reader fills (INFRASTRUCTURE.md); the inventory leaves it empty.
const TerraformCollection = "terraform"

// ReadSource reads one HCL file within the limits an inventory file is read with:
// its size, and how deep it nests. The Terraform reader reads .tf files with it.
func ReadSource(name string, opts Options) ([]byte, *hcl.Diagnostic) {
	opts = opts.withDefaults()
	src, d := readFile(name, opts.MaxFileBytes)
	if d != nil {
		return nil, d
	}
	if d := checkNesting(src, name, opts.MaxNesting); d != nil {
		return src, d
	}
	return src, nil
}

// DisplayName shows a path as baomi names files: relative to the working
// directory where it lies below it.
func DisplayName(p string) string { return displayName(p) }

// AddSources lets WriteDiagnostics show lines of other files read beside the
// inventory, such as Terraform files.
func (inv *Inventory) AddSources(sources map[string][]byte) {
	for name, src := range sources {
		inv.sources[name] = src
	}
}

// readFile reads one inventory file, refusing one larger than max bytes and
// dropping a UTF-8 byte order mark.
func readFile(name string, max int64) ([]byte, *hcl.Diagnostic) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, fileError(name, "cannot read file", pathErrorText(err))
	}
	if !info.Mode().IsRegular() {
		return nil, fileError(name, "not a regular file", "An inventory file must be a regular file, not a folder, device, pipe or socket.")
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fileError(name, "cannot read file", pathErrorText(err))
	}
	defer f.Close()
	if info.Size() > max {
		return nil, fileError(name, "file too large", fmt.Sprintf("The file holds %d bytes; the limit is %d (max-file-size).", info.Size(), max))
	}
	src, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fileError(name, "cannot read file", pathErrorText(err))
	}
	if int64(len(src)) > max {
		return nil, fileError(name, "file too large", fmt.Sprintf("The file holds more than %d bytes (max-file-size).", max))
	}
	return bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")), nil
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
		found := 0
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				diags = append(diags, fileError(displayName(q), "cannot read inventory path", pathErrorText(err)))
				return nil
			}
			hidden := q != p && strings.HasPrefix(d.Name(), ".")
			if d.IsDir() {
				if hidden {
					return filepath.SkipDir
				}
				return nil
			}
			if hidden || !strings.HasSuffix(d.Name(), ".hcl") {
				return nil
			}
			found++
			add(q)
			return nil
		})
		if err == nil && found == 0 {
			diags = append(diags, fileError(displayName(p), "no inventory files", "This folder and its subfolders hold no .hcl files."))
		}
	}
	sort.Strings(files)
	return files, diags
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
					Detail:  fmt.Sprintf("%s is defined twice: first at %s. Ids are unique per block type across all files.", r.address, rangeText(prev.defRng)),
					Subject: &rng})
				continue
			}
			if r.typ.single {
				if org != nil {
					rng := r.defRng
					diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Second organization",
						Detail:  fmt.Sprintf("An inventory describes one organization; %s is already defined at %s.", org.address, rangeText(org.defRng)),
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
				Detail: fmt.Sprintf("%s refers to %s, which is not defined in any inventory file.%s", ref.attr, ref.target, hint), Subject: &rng})
		}
	}
	return diags
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
