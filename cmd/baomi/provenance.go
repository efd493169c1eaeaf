package main

import (
	"os"
	"path/filepath"

	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/report"
)

// inputFiles lists the inventory's files with the sha256 of each, as read.
func inputFiles(inv *inventory.Inventory) []report.JSONInput {
	files := make([]report.JSONInput, 0, len(inv.Files))
	for _, f := range inv.Files {
		sum, ok := inv.Digest(f)
		if !ok {
			continue
		}
		files = append(files, report.JSONInput{Path: f, Kind: "inventory", SHA256: sum})
	}
	return files
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
