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
				If   string `yaml:"if"`
				Uses string `yaml:"uses"`
				Run  string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	readYAML(t, "../../action.yml", &action)
	own := map[string]bool{"format": true, "upload-sarif": true, "job-summary": true, "build-from-source": true}
	for name, in := range action.Inputs {
		if !own[name] && in.Default != "" {
			t.Errorf("input %s defaults to %q: it would override baomi.yaml", name, in.Default)
		}
	}
	var cached, scripted, installed bool
	const buildPath = "steps.install.outputs.build == 'true'"
	for i, s := range action.Runs.Steps {
		cached = cached || strings.HasPrefix(s.Uses, "actions/cache@")
		scripted = scripted || (s.ID == "check" && strings.Contains(s.Run, "scripts/action-check.sh"))
		if s.ID == "install" {
			// The download (checksum verified: TestActionInstall) comes first
			// and is unconditional: it decides the build path.
			installed = i == 0 && s.If == "" && strings.Contains(s.Run, "scripts/action-install.sh")
		}
		gobuild := strings.HasPrefix(s.Uses, "actions/setup-go@") || strings.HasPrefix(s.Uses, "actions/cache@") ||
			s.ID == "cache-key" || strings.Contains(s.Run, "go build")
		if gobuild && !strings.Contains(s.If, buildPath) {
			t.Errorf("step %q (%s) runs outside the build-from-source path: if %q, want %s", s.ID, s.Uses+s.Run, s.If, buildPath)
		}
	}
	if !cached || !scripted || !installed {
		t.Errorf("action steps: Go cache %v, check step runs scripts/action-check.sh %v, first step install runs scripts/action-install.sh %v", cached, scripted, installed)
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

// fakeRelease writes, under a temporary folder, release tag's archive of a
// linux/amd64 baomi (a script printing marker) and its checksums.txt, and
// returns the folder as a file:// URL for BAOMI_RELEASES.
func fakeRelease(t *testing.T, tag, marker string) (url, dir string) {
	t.Helper()
	root := t.TempDir()
	dir = filepath.Join(root, tag)
	stage := t.TempDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stage, "baomi"), []byte("#!/bin/sh\necho "+marker+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	archive := "baomi_" + strings.TrimPrefix(tag, "v") + "_linux_amd64.tar.gz"
	if out, err := exec.Command("tar", "-czf", filepath.Join(dir, archive), "-C", stage, "baomi").CombinedOutput(); err != nil {
		t.Fatalf("tar: %v\n%s", err, out)
	}
	sums := exec.Command("sh", "-c", "sha256sum * > checksums.txt")
	sums.Dir = dir
	if out, err := sums.CombinedOutput(); err != nil {
		t.Fatalf("sha256sum: %v\n%s", err, out)
	}
	return "file://" + root, dir
}

// runActionInstall runs scripts/action-install.sh as the composite action
// does and returns its GITHUB_OUTPUT, the folder it installs into, and its
// error.
func runActionInstall(t *testing.T, env ...string) (output, runnerTemp string, err error) {
	t.Helper()
	script, err := filepath.Abs("../../scripts/action-install.sh")
	if err != nil {
		t.Fatal(err)
	}
	runnerTemp = t.TempDir()
	ghOutput := filepath.Join(runnerTemp, "output")
	cmd := exec.Command("bash", script)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "RUNNER_TEMP="+runnerTemp, "GITHUB_OUTPUT="+ghOutput, "RUNNER_OS=Linux", "RUNNER_ARCH=X64")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Logf("action-install.sh: %s", out)
	}
	b, _ := os.ReadFile(ghOutput)
	return strings.TrimSpace(string(b)), runnerTemp, err
}

// At a release tag the action installs that release's binary after checking it
// against checksums.txt, and refuses a binary that does not match; at a branch,
// or when asked, it downloads nothing and chooses the build from source.
func TestActionInstall(t *testing.T) {
	url, dir := fakeRelease(t, "v1.2.3", "released-1.2.3")
	out, tmp, err := runActionInstall(t, "BAOMI_RELEASES="+url, "ACTION_REF=v1.2.3")
	if err != nil || out != "build=false" {
		t.Fatalf("at tag v1.2.3: %v, outputs %q; want build=false", err, out)
	}
	got, err := exec.Command(filepath.Join(tmp, "baomi")).Output()
	if err != nil || strings.TrimSpace(string(got)) != "released-1.2.3" {
		t.Errorf("installed binary says %q (%v), want the release's", got, err)
	}

	// The ref comes from the action's path when github.action_ref is empty.
	out, _, err = runActionInstall(t, "BAOMI_RELEASES="+url, "GITHUB_ACTION_PATH=/runner/_actions/baomi-dev/baomi/v1.2.3")
	if err != nil || out != "build=false" {
		t.Errorf("ref from GITHUB_ACTION_PATH: %v, outputs %q; want build=false", err, out)
	}

	// A tampered archive: the checksum no longer matches.
	archive := filepath.Join(dir, "baomi_1.2.3_linux_amd64.tar.gz")
	b, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(archive, append(b, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	out, tmp, err = runActionInstall(t, "BAOMI_RELEASES="+url, "ACTION_REF=v1.2.3")
	if err == nil || out != "" {
		t.Errorf("a tampered archive was accepted: outputs %q", out)
	}
	if _, err := os.Stat(filepath.Join(tmp, "baomi")); err == nil {
		t.Error("a tampered archive's binary was installed")
	}

	// An archive checksums.txt does not list.
	if err := os.WriteFile(filepath.Join(dir, "checksums.txt"), []byte(strings.Repeat("0", 64)+"  baomi_1.2.3_darwin_arm64.tar.gz\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, _, err = runActionInstall(t, "BAOMI_RELEASES="+url, "ACTION_REF=v1.2.3"); err == nil || out != "" {
		t.Errorf("an archive missing from checksums.txt was accepted: outputs %q", out)
	}

	for _, env := range [][]string{
		{"ACTION_REF=main"},
		{"ACTION_REF=0123456789abcdef0123456789abcdef01234567"},
		{"ACTION_REF=v1.2.3", "INPUT_BUILD_FROM_SOURCE=true"},
	} {
		out, tmp, err := runActionInstall(t, append(env, "BAOMI_RELEASES=file:///nonexistent")...)
		if err != nil || out != "build=true" {
			t.Errorf("%v: %v, outputs %q; want build=true", env, err, out)
		}
		if _, err := os.Stat(filepath.Join(tmp, "baomi")); err == nil {
			t.Errorf("%v: a binary was downloaded on the build-from-source path", env)
		}
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
