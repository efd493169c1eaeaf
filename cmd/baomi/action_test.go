package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// buildBaomi builds the baomi binary into a temporary folder and returns its path.
func buildBaomi(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "baomi")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// actionRun is what one run of the action's check step left behind.
type actionRun struct {
	outputs map[string]string
	summary string
	calls   []string
	// json is the report the one evaluation saved.
	json []byte
}

// runActionCheck runs scripts/action-check.sh as the composite action does, in
// workdir, with the inputs given, and records every baomi command it ran.
func runActionCheck(t *testing.T, bin, workdir string, inputs map[string]string) actionRun {
	t.Helper()
	script, err := filepath.Abs("../../scripts/action-check.sh")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	log := filepath.Join(tmp, "calls.log")
	wrapper := filepath.Join(tmp, "baomi-wrapper")
	wrap := "#!/usr/bin/env bash\necho \"$*\" >> " + log + "\nexec " + bin + " \"$@\"\n"
	if err := os.WriteFile(wrapper, []byte(wrap), 0o755); err != nil {
		t.Fatal(err)
	}
	ghOutput, summary := filepath.Join(tmp, "output"), filepath.Join(tmp, "summary")
	cmd := exec.Command("bash", script)
	cmd.Dir = workdir
	cmd.Env = append(os.Environ(), "BAOMI="+wrapper, "RUNNER_TEMP="+tmp, "GITHUB_OUTPUT="+ghOutput, "GITHUB_STEP_SUMMARY="+summary)
	for k, v := range inputs {
		cmd.Env = append(cmd.Env, "INPUT_"+k+"="+v)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("action-check.sh: %v\n%s", err, out)
	}
	run := actionRun{outputs: map[string]string{}}
	b, _ := os.ReadFile(ghOutput)
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		k, v, _ := strings.Cut(line, "=")
		run.outputs[k] = v
	}
	s, _ := os.ReadFile(summary)
	run.summary = string(s)
	calls, _ := os.ReadFile(log)
	run.calls = strings.Split(strings.TrimSpace(string(calls)), "\n")
	run.json, _ = os.ReadFile(filepath.Join(tmp, "baomi-report.json"))
	return run
}

// The action evaluates once, renders the report and the summary from that one
// evaluation, names the report after its format, and leaves to baomi.yaml every
// choice the user did not make in the workflow.
func TestActionCheckStep(t *testing.T) {
	bin := buildBaomi(t)
	acme, err := filepath.Abs("../../fixtures/acme")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	if err := os.WriteFile(filepath.Join(work, "baomi.yaml"), []byte("fail-on: critical\nas-of: \"2026-11-26\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := runActionCheck(t, bin, work, map[string]string{"PATH": acme, "FORMAT": "junit", "JOB_SUMMARY": "true"})
	direct := exec.Command(bin, "check", acme)
	direct.Dir = work
	_ = direct.Run()
	if want := direct.ProcessState.ExitCode(); run.outputs["exit-code"] != strconv.Itoa(want) {
		t.Errorf("action exit-code %q, direct run under the same baomi.yaml exits %d", run.outputs["exit-code"], want)
	}
	var saved struct {
		FailOn string `json:"fail_on"`
		AsOf   string `json:"as_of"`
	}
	if err := json.Unmarshal(run.json, &saved); err != nil || saved.FailOn != "critical" || saved.AsOf != "2026-11-26" {
		t.Errorf("the saved report says fail_on %q, as_of %q (%v); baomi.yaml says critical, 2026-11-26", saved.FailOn, saved.AsOf, err)
	}
	if run.outputs["report"] != "baomi-report.xml" {
		t.Errorf("report %q, want baomi-report.xml for junit", run.outputs["report"])
	}
	if _, err := os.Stat(filepath.Join(work, "baomi-report.xml")); err != nil {
		t.Errorf("the report file was not written: %v", err)
	}
	checks := 0
	for _, c := range run.calls {
		if strings.HasPrefix(c, "check ") {
			checks++
			for _, flag := range []string{"--fail-on", "--lang", "--as-of", "--baseline", "--policy", "--terraform"} {
				if strings.Contains(c, flag) {
					t.Errorf("an input the user did not set reached baomi: %s", c)
				}
			}
		}
	}
	if checks != 1 || len(run.calls) != 3 {
		t.Errorf("want one check and two converts (report, summary), got %q", run.calls)
	}
	if !strings.Contains(run.summary, "BM-") {
		t.Errorf("the job summary holds no finding:\n%s", run.summary)
	}

	run = runActionCheck(t, bin, work, map[string]string{"PATH": acme, "FORMAT": "json", "FAIL_ON": "low", "JOB_SUMMARY": "false"})
	if run.outputs["exit-code"] != "1" || run.outputs["report"] != "baomi-report.json" {
		t.Errorf("fail-on low on acme: outputs %v, want exit-code 1 and baomi-report.json", run.outputs)
	}
	if len(run.calls) != 1 || !strings.Contains(run.calls[0], "--fail-on low") {
		t.Errorf("a json report needs no convert, and the set input is passed: %q", run.calls)
	}
}

// The terraform input passes each of its space-separated paths as --terraform,
// and the report judges the deployed resources of every one.
func TestActionCheckTerraform(t *testing.T) {
	bin := buildBaomi(t)
	acme, err := filepath.Abs("../../fixtures/acme")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	extra := filepath.Join(work, "extra")
	if err := os.Mkdir(extra, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(extra, "main.tf"), []byte("resource \"aws_s3_bucket\" \"scratch\" {\n  bucket = \"scratch\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	infra := filepath.Join(acme, "infra")
	run := runActionCheck(t, bin, work, map[string]string{"PATH": acme, "TERRAFORM": infra + " extra", "AS_OF": "2026-11-26", "FORMAT": "sarif", "JOB_SUMMARY": "true"})
	if run.outputs["exit-code"] != "1" {
		t.Errorf("exit-code %q, want 1: acme's deployed database is not encrypted", run.outputs["exit-code"])
	}
	if len(run.calls) == 0 || !strings.Contains(run.calls[0], "--terraform "+infra+" --terraform extra ") {
		t.Errorf("want each path as --terraform, in order: %q", run.calls)
	}
	var saved struct {
		Results []struct {
			Control, Resource, Status string
		} `json:"results"`
	}
	if err := json.Unmarshal(run.json, &saved); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range saved.Results {
		got[r.Control+" "+r.Resource] = r.Status
	}
	// Two roots: each address carries its root's path.
	for key, want := range map[string]string{
		"BM-4.2.1-05 " + infra + ":aws_db_instance.crm": "fail",
		"BM-4.2.1-08 extra:aws_s3_bucket.scratch":       "warn",
	} {
		if got[key] != want {
			t.Errorf("%s: %q, want %q", key, got[key], want)
		}
	}
	sarif, err := os.ReadFile(filepath.Join(work, "baomi-report.sarif"))
	if err != nil || !strings.Contains(string(sarif), "aws.tf") {
		t.Errorf("the SARIF report places no finding on a .tf file (%v)", err)
	}
	if !strings.Contains(run.summary, "aws_s3_bucket.scratch") {
		t.Errorf("the job summary does not show the undeclared bucket:\n%s", run.summary)
	}
}

// The action's inputs default to empty, except the ones that are the action's
// own choices, and the check step is the tested script.
func TestActionDefinition(t *testing.T) {
	var action struct {
		Inputs map[string]struct {
			Default string `yaml:"default"`
		} `yaml:"inputs"`
		Runs struct {
			Steps []struct {
				ID   string `yaml:"id"`
				Uses string `yaml:"uses"`
				Run  string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	readYAML(t, "../../action.yml", &action)
	own := map[string]bool{"format": true, "upload-sarif": true, "job-summary": true}
	for name, in := range action.Inputs {
		if !own[name] && in.Default != "" {
			t.Errorf("input %s defaults to %q: it would override baomi.yaml", name, in.Default)
		}
	}
	var cached, scripted bool
	for _, s := range action.Runs.Steps {
		cached = cached || strings.HasPrefix(s.Uses, "actions/cache@")
		scripted = scripted || (s.ID == "check" && strings.Contains(s.Run, "scripts/action-check.sh"))
	}
	if !cached || !scripted {
		t.Errorf("action steps: Go cache %v, check step runs scripts/action-check.sh %v", cached, scripted)
	}

	var workflow struct {
		On          map[string]struct{ Paths []string } `yaml:"on"`
		Permissions map[string]string                   `yaml:"permissions"`
		Jobs        map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	readYAML(t, "../../.github/workflows/example-inventory-gate.yml", &workflow)
	for _, event := range []string{"push", "pull_request"} {
		if paths := strings.Join(workflow.On[event].Paths, " "); !strings.Contains(paths, "inventory/**") || !strings.Contains(paths, "infra/**") {
			t.Errorf("the example workflow's %s paths %q must gate changes to the inventory and to infra/**", event, paths)
		}
	}
	passed := false
	for _, s := range workflow.Jobs["baomi"].Steps {
		passed = passed || (strings.HasPrefix(s.Uses, "baomi-dev/baomi@") && s.With["terraform"] == "infra")
	}
	if !passed {
		t.Error("the example workflow must pass infra to the action's terraform input")
	}
	if _, ok := workflow.On["push"]; !ok {
		t.Error("the example workflow must run on pushes to the default branch: code scanning needs its analysis")
	}
	if _, ok := workflow.On["pull_request"]; !ok {
		t.Error("the example workflow must run on pull requests")
	}
	if workflow.Permissions["actions"] != "read" || workflow.Permissions["security-events"] != "write" {
		t.Errorf("example workflow permissions %v, want actions: read and security-events: write", workflow.Permissions)
	}
}

// The pre-commit hooks carry no inventory path of their own: the user gives the
// folder as args, as the file's comment documents.
func TestPreCommitHooks(t *testing.T) {
	var hooks []struct {
		ID            string   `yaml:"id"`
		Entry         string   `yaml:"entry"`
		Args          []string `yaml:"args"`
		PassFilenames bool     `yaml:"pass_filenames"`
	}
	readYAML(t, "../../.pre-commit-hooks.yaml", &hooks)
	raw, _ := os.ReadFile("../../.pre-commit-hooks.yaml")
	if !strings.Contains(string(raw), "args: [") {
		t.Error(".pre-commit-hooks.yaml must document passing the inventory folder as args")
	}
	for _, h := range hooks {
		if h.PassFilenames || len(h.Args) > 0 || len(strings.Fields(h.Entry)) != 2 {
			t.Errorf("hook %s: entry %q args %v pass_filenames %v; want a bare subcommand the user's args complete", h.ID, h.Entry, h.Args, h.PassFilenames)
		}
	}
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
