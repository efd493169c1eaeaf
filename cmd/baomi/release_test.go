package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A release build sets the version with -ldflags -X main.version, as
// .goreleaser.yaml does; a plain build says 0.1.0.
func TestReleaseVersionInjected(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "baomi")
	out, err := exec.Command("go", "build", "-ldflags", "-X main.version=9.8.7-rc1", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err = exec.Command(bin, "--version").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "baomi version 9.8.7-rc1" {
		t.Errorf("baomi --version of a release build: %q (%v), want baomi version 9.8.7-rc1", out, err)
	}
	if version != "0.1.0" {
		t.Errorf("default version %q, want 0.1.0", version)
	}
}

// The goreleaser configuration builds the six platforms statically, injects
// the version, zips for Windows, checksums, SBOMs, and an image that runs as
// nonroot on distroless.
func TestReleaseConfig(t *testing.T) {
	var cfg struct {
		Version int `yaml:"version"`
		Builds  []struct {
			Main    string   `yaml:"main"`
			Env     []string `yaml:"env"`
			Goos    []string `yaml:"goos"`
			Goarch  []string `yaml:"goarch"`
			Ldflags []string `yaml:"ldflags"`
		} `yaml:"builds"`
		Archives []struct {
			NameTemplate    string `yaml:"name_template"`
			FormatOverrides []struct {
				Goos    string   `yaml:"goos"`
				Formats []string `yaml:"formats"`
			} `yaml:"format_overrides"`
		} `yaml:"archives"`
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
		} `yaml:"checksum"`
		SBOMs   []map[string]any `yaml:"sboms"`
		Dockers []struct {
			Dockerfile string   `yaml:"dockerfile"`
			Platforms  []string `yaml:"platforms"`
		} `yaml:"dockers_v2"`
	}
	readYAML(t, "../../.goreleaser.yaml", &cfg)
	if cfg.Version != 2 || len(cfg.Builds) != 1 {
		t.Fatalf("want goreleaser schema version 2 and one build, got version %d, %d builds", cfg.Version, len(cfg.Builds))
	}
	b := cfg.Builds[0]
	if b.Main != "./cmd/baomi" || !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Errorf("build main %q env %v, want ./cmd/baomi with CGO_ENABLED=0", b.Main, b.Env)
	}
	slices.Sort(b.Goos)
	slices.Sort(b.Goarch)
	if !slices.Equal(b.Goos, []string{"darwin", "linux", "windows"}) || !slices.Equal(b.Goarch, []string{"amd64", "arm64"}) {
		t.Errorf("platforms %v × %v, want darwin linux windows × amd64 arm64", b.Goos, b.Goarch)
	}
	if !strings.Contains(strings.Join(b.Ldflags, " "), "-X main.version={{ .Version }}") {
		t.Errorf("ldflags %q do not set main.version", b.Ldflags)
	}
	zip := false
	for _, a := range cfg.Archives {
		for _, o := range a.FormatOverrides {
			zip = zip || (o.Goos == "windows" && slices.Equal(o.Formats, []string{"zip"}))
		}
	}
	if !zip {
		t.Error("Windows archives must be zip")
	}
	if cfg.Checksum.NameTemplate != "checksums.txt" || len(cfg.SBOMs) == 0 {
		t.Errorf("checksum %q, %d sboms: want checksums.txt (action.yml verifies against it) and an SBOM", cfg.Checksum.NameTemplate, len(cfg.SBOMs))
	}
	if len(cfg.Dockers) != 1 {
		t.Fatalf("want one image in dockers_v2, got %d", len(cfg.Dockers))
	}
	dockerfile, err := os.ReadFile(filepath.Join("../..", cfg.Dockers[0].Dockerfile))
	if err != nil {
		t.Fatal(err)
	}
	var from, user string
	for _, line := range strings.Split(string(dockerfile), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "FROM" {
			from = f[1]
		} else if len(f) > 1 && f[0] == "USER" {
			user = f[1]
		}
	}
	if !strings.HasPrefix(from, "gcr.io/distroless/static") || !strings.HasSuffix(from, ":nonroot") || !strings.HasPrefix(user, "nonroot") {
		t.Errorf("image FROM %q USER %q: want distroless static, nonroot", from, user)
	}
}

// The release workflow runs goreleaser at a pinned version on v* tags, with
// the permissions to publish the release and the image.
func TestReleaseWorkflow(t *testing.T) {
	var wf struct {
		On struct {
			Push struct {
				Tags []string `yaml:"tags"`
			} `yaml:"push"`
		} `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	readYAML(t, "../../.github/workflows/release.yml", &wf)
	if !slices.Equal(wf.On.Push.Tags, []string{"v*"}) {
		t.Errorf("release workflow runs on tags %v, want v*", wf.On.Push.Tags)
	}
	if wf.Permissions["contents"] != "write" || wf.Permissions["packages"] != "write" {
		t.Errorf("permissions %v, want contents: write and packages: write", wf.Permissions)
	}
	pinned := false
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if strings.HasPrefix(s.Uses, "goreleaser/goreleaser-action@") {
				v := s.With["version"]
				pinned = strings.HasPrefix(v, "v2.") && !strings.ContainsAny(v, "~^*") && strings.Contains(s.With["args"], "release")
			}
		}
	}
	if !pinned {
		t.Error("the release workflow must run goreleaser-action with a pinned v2.x.y version and release args")
	}
}

// The README's install section shows each way in — release archive, container,
// go install — and pins the pre-commit and action snippets to a release tag.
func TestReadmeInstall(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	_, section, ok := strings.Cut(readme, "\n## Install\n")
	section, _, _ = strings.Cut(section, "\n## ")
	if !ok {
		t.Fatal("README.md has no Install section")
	}
	for _, want := range []string{
		"/releases/download/v$v/baomi_${v}_linux_amd64.tar.gz", // .goreleaser.yaml's archive name
		"checksums.txt | sha256sum -c",
		`docker run --rm -v "$PWD:/src" ghcr.io/baomi-dev/baomi:` + version + " check /src",
		"go install github.com/baomi-dev/baomi/cmd/baomi@latest",
		"rev: v" + version,
		"uses: baomi-dev/baomi@v" + version,
	} {
		if !strings.Contains(section, want) {
			t.Errorf("the README's Install section does not show %q", want)
		}
	}
	if strings.Contains(readme, "baomi-dev/baomi@main") {
		t.Error("the README pins the action to main: pin it to a release tag")
	}
}
