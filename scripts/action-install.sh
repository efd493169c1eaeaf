#!/usr/bin/env bash
# The install step of action.yml. When the action is used at a release tag
# (uses: baomi-dev/baomi@v1.2.3), downloads that release's archive for the
# runner's platform, verifies it against the release's checksums.txt and puts
# the binary at $RUNNER_TEMP/baomi. Otherwise (input build-from-source "true",
# or a branch or commit ref) it downloads nothing and writes build=true to
# GITHUB_OUTPUT: the action's next steps set up Go and build from source.
#
# Reads ACTION_REF (empty: the last element of GITHUB_ACTION_PATH, which is the
# ref), INPUT_BUILD_FROM_SOURCE, RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP,
# GITHUB_OUTPUT, and BAOMI_RELEASES (the base URL of the release downloads).
# A failed download or a checksum mismatch fails the step: it never falls back.
set -euo pipefail
ref="${ACTION_REF:-}"
[ -n "$ref" ] || ref="$(basename "${GITHUB_ACTION_PATH:-}")"
releases="${BAOMI_RELEASES:-https://github.com/baomi-dev/baomi/releases/download}"

if [ "${INPUT_BUILD_FROM_SOURCE:-false}" = true ] || ! [[ "$ref" =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]]; then
	echo "baomi action: building baomi from source at $ref"
	echo "build=true" >>"$GITHUB_OUTPUT"
	exit 0
fi

case "${RUNNER_OS:-}" in
Linux) os=linux ext=tar.gz exe=baomi ;;
macOS) os=darwin ext=tar.gz exe=baomi ;;
Windows) os=windows ext=zip exe=baomi.exe ;;
*)
	echo "baomi action: no release for runner OS ${RUNNER_OS:-unknown}; set build-from-source: \"true\"" >&2
	exit 1
	;;
esac
case "${RUNNER_ARCH:-}" in
X64) arch=amd64 ;;
ARM64) arch=arm64 ;;
*)
	echo "baomi action: no release for runner architecture ${RUNNER_ARCH:-unknown}; set build-from-source: \"true\"" >&2
	exit 1
	;;
esac

# The archive name follows .goreleaser.yaml's archives.name_template.
archive="baomi_${ref#v}_${os}_${arch}.$ext"
dir="$(mktemp -d "$RUNNER_TEMP/baomi-release.XXXXXX")"
cd "$dir"
echo "baomi action: downloading $archive from release $ref"
curl -fsSL --retry 3 -o "$archive" "$releases/$ref/$archive"
curl -fsSL --retry 3 -o checksums.txt "$releases/$ref/checksums.txt"
grep -E "^[0-9a-f]{64}  $archive\$" checksums.txt >archive.sha256 || {
	echo "baomi action: checksums.txt of $ref lists no $archive" >&2
	exit 1
}
if command -v sha256sum >/dev/null; then
	sha256sum -c archive.sha256
else
	shasum -a 256 -c archive.sha256
fi
if [ "$ext" = zip ]; then
	unzip -q "$archive" "$exe"
else
	tar -xzf "$archive" "$exe"
fi
mv "$exe" "$RUNNER_TEMP/baomi"
chmod +x "$RUNNER_TEMP/baomi"
echo "build=false" >>"$GITHUB_OUTPUT"
