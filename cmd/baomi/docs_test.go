package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// repoPath matches a path into the repository written in the docs.
var repoPath = regexp.MustCompile("(?:fixtures|docs|policies|scripts|report/testdata|cmd|editors|\\.github)/[A-Za-z0-9_./*-]*[A-Za-z0-9_*]")

// TestDocsNameFilesThatExist: every repository path (or pattern) the README and
// docs/ name exists, and none points at the design pages, which live outside the project.
func TestDocsNameFilesThatExist(t *testing.T) {
	repoRoot(t)
	docs, _ := filepath.Glob("docs/*.md")
	for _, doc := range append([]string{"README.md"}, docs...) {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, p := range repoPath.FindAllString(text, -1) {
			if matches, _ := filepath.Glob(p); len(matches) == 0 {
				t.Errorf("%s names %s, which does not exist", doc, p)
			}
		}
		for _, page := range []string{"CONTROLS.md", "INVENTORY.md", "DESIGN.md", "INFRASTRUCTURE.md"} {
			if strings.Contains(text, page) {
				t.Errorf("%s names %s, a design page outside the project: link the docs/ page instead", doc, page)
			}
		}
	}
}

// TestReadmeFiguresAreTrue: the summary and verdict the README quotes are what
// the command it names prints today.
func TestReadmeFiguresAreTrue(t *testing.T) {
	repoRoot(t)
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "`baomi check fixtures/acme --as-of 2026-11-26`") {
		t.Fatal("the README no longer names the command whose figures it quotes")
	}
	_, out, _ := runBaomi(t, "check", "fixtures/acme", "--as-of", "2026-11-26", "--lang", "en")
	quoted := 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.Contains(line, " controls, ") || strings.HasPrefix(line, "verdict: ") {
			quoted++
			if !strings.Contains(string(readme), line+"\n") {
				t.Errorf("the README does not quote this line of its command's output:\n%s", line)
			}
		}
	}
	if quoted != 2 {
		t.Errorf("want the summary and the verdict lines in the output, found %d:\n%s", quoted, out)
	}
}

// TestReadmeOSCALFiguresAreTrue: the counts the README gives for acme's OSCAL
// assessment-results are what check --format oscal writes.
func TestReadmeOSCALFiguresAreTrue(t *testing.T) {
	repoRoot(t)
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, out, errOut := runBaomi(t, "check", "fixtures/acme", "--as-of", "2026-11-26", "--format", "oscal")
	var doc struct {
		AR struct {
			Results []struct {
				Findings     []json.RawMessage `json:"findings"`
				Observations []json.RawMessage `json:"observations"`
				Risks        []json.RawMessage `json:"risks"`
			} `json:"results"`
		} `json:"assessment-results"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.AR.Results) != 1 {
		t.Fatalf("check --format oscal: %v\n%s", err, errOut)
	}
	r := doc.AR.Results[0]
	text := strings.Join(strings.Fields(string(readme)), " ")
	for _, want := range []string{
		fmt.Sprintf("hold %d findings", len(r.Findings)),
		fmt.Sprintf("%d observations", len(r.Observations)),
		fmt.Sprintf("%d risks", len(r.Risks)),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the README's OSCAL section does not say %q", want)
		}
	}
}
