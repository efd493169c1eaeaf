package main

import (
	"os"
	"path/filepath"

	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/report"
	"github.com/baomi-dev/baomi/terraform"
)

// inputFiles lists the files read with the sha256 of each, as read: the
// inventory's, then the Terraform inputs' (.tf files, tfvars and plans), each
// in the order its reader lists them.
func inputFiles(inv *inventory.Inventory, tf *terraform.Set) []report.JSONInput {
	files := make([]report.JSONInput, 0, len(inv.Files))
	for _, f := range inv.Files {
		sum, ok := inv.Digest(f)
		if !ok {
			continue
		}
		files = append(files, report.JSONInput{Path: f, Kind: "inventory", SHA256: sum})
	}
	if tf == nil {
		return files
	}
	for _, f := range tf.Files {
		sum, ok := tf.Digest(f)
		if !ok {
			continue
		}
		files = append(files, report.JSONInput{Path: f, Kind: "terraform", SHA256: sum})
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
