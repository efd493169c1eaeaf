#!/usr/bin/env bash
# The check step of action.yml. One evaluation is saved as JSON; the report file
# and the job summary are rendered from it with `baomi convert`, so they can
# never disagree with the exit status. Only the inputs the user set become flags:
# the repository's baomi.yaml rules everything else.
#
# Reads INPUT_* (the action's inputs), RUNNER_TEMP, GITHUB_OUTPUT and
# GITHUB_STEP_SUMMARY; BAOMI names the binary (default $RUNNER_TEMP/baomi).
# Writes exit-code and report to GITHUB_OUTPUT and always exits 0: the action's
# last step gates on exit-code.
set -uo pipefail
baomi="${BAOMI:-$RUNNER_TEMP/baomi}"
format="${INPUT_FORMAT:-sarif}"
case "$format" in
sarif) ext=sarif ;;
junit) ext=xml ;;
markdown) ext=md ;;
json) ext=json ;;
html) ext=html ;;
table) ext=txt ;;
*)
	echo "baomi action: format $format: want sarif, junit, markdown, json, html or table" >&2
	echo "exit-code=2" >>"$GITHUB_OUTPUT"
	exit 0
	;;
esac
output="${INPUT_OUTPUT:-baomi-report.$ext}"
json="$RUNNER_TEMP/baomi-report.json"

args=(check --format json --output "$json")
[ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
[ -n "${INPUT_LANG:-}" ] && args+=(--lang "$INPUT_LANG")
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
[ -n "${INPUT_AS_OF:-}" ] && args+=(--as-of "$INPUT_AS_OF")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
read -r -a policies <<<"${INPUT_POLICY:-}"
for p in "${policies[@]}"; do args+=(--policy "$p"); done
read -r -a terraform <<<"${INPUT_TERRAFORM:-}"
for p in "${terraform[@]}"; do args+=(--terraform "$p"); done
read -r -a paths <<<"${INPUT_PATH:-}"

"$baomi" "${args[@]}" "${paths[@]}"
code=$?
if [ "$code" -le 1 ]; then
	render=()
	[ -n "${INPUT_LANG:-}" ] && render+=(--lang "$INPUT_LANG")
	if [ "$format" = json ]; then
		cp "$json" "$output" || code=2
	else
		"$baomi" convert "$json" --format "$format" --output "$output" "${render[@]}" >/dev/null || code=2
	fi
	if [ "${INPUT_JOB_SUMMARY:-true}" = true ]; then
		"$baomi" convert "$json" --format markdown "${render[@]}" >>"$GITHUB_STEP_SUMMARY" || code=2
	fi
fi
echo "exit-code=$code" >>"$GITHUB_OUTPUT"
echo "report=$output" >>"$GITHUB_OUTPUT"
exit 0
