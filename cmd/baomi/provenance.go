package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"

	"github.com/baomi-dev/baomi/attest"
	"github.com/baomi-dev/baomi/internal/regularfile"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/report"
	"github.com/baomi-dev/baomi/terraform"
)

// inputFiles lists the inventory's files, then the Terraform files read (set
// may be nil), with the sha256 of each.
func inputFiles(inv *inventory.Inventory, set *terraform.Set) []report.JSONInput {
	files := make([]report.JSONInput, 0, len(inv.Files))
	for _, f := range inv.Files {
		sum, ok := inv.Digest(f)
		if !ok {
			continue
		}
		files = append(files, report.JSONInput{Path: f, Kind: "inventory", SHA256: sum})
	}
	if set == nil {
		return files
	}
	for _, f := range set.Files {
		src, ok := set.Sources[f]
		if !ok {
			continue
		}
		files = append(files, report.JSONInput{Path: f, Kind: "terraform", SHA256: terraformDigest(f, src)})
	}
	return files
}

// utf8BOM is the UTF-8 byte order mark.
var utf8BOM = []byte("\xef\xbb\xbf")

// terraformDigest is the sha256 of a Terraform file read as src. The reader
// keeps a file's text without its UTF-8 byte order mark; a file that has one on
// disk is recorded with it, as it is there: the mark changes nothing read, and
// a file changed since gives a digest that matches nothing.
func terraformDigest(name string, src []byte) string {
	if f, _, err := regularfile.Open(name); err == nil {
		head := make([]byte, len(utf8BOM))
		n, _ := io.ReadFull(f, head)
		f.Close()
		if bytes.Equal(head[:n], utf8BOM) && !bytes.HasPrefix(src, utf8BOM) {
			src = append(append([]byte(nil), utf8BOM...), src...)
		}
	}
	return attest.Digest(src)
}

// repoDir is the working directory's path below the root of the git work tree
// holding it (a .git folder, or a .git file for a linked work tree, marks the
// root), or "" at the root or outside a git work tree: there, paths relative to
// the working directory are already what SARIF wants.
func repoDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := wd; ; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			rel, err := filepath.Rel(dir, wd)
			if err != nil || rel == "." {
				return ""
			}
			return filepath.ToSlash(rel)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
