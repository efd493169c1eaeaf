#!/usr/bin/env bash
# End-to-end benchmark of baomi check: for each size, the median wall time of
# RUNS runs and the largest peak memory (max RSS), measured with GNU time, on
# inventories from the seeded generator. Usage:
#   scripts/bench.sh                 # 1,000 / 10,000 / 100,000 resources, 5 runs each
#   RUNS=3 SIZES="10000" scripts/bench.sh
#   FORMAT=table scripts/bench.sh    # the report format written to standard output (default json)
#   TERRAFORM=20000 SIZES=100000 RUNS=3 scripts/bench.sh
#                                    # each size with and without N generated Terraform
#                                    # resources (--terraform DIR/infra), runs interleaved
#   BASE=f9b3fbe SIZES=100000 RUNS=5 scripts/bench.sh
#                                    # this tree against the baomi of commit BASE on the same
#                                    # inventory, runs alternated, and the ratio of the medians
#                                    # (block types BASE does not know are left out of it)
#   SHAPES=1 RUNS=3 scripts/bench.sh # each inventory shape at 100,000 resources (SIZES), runs
#                                    # interleaved across shapes, time per resource against the
#                                    # default shape; shapes over 1.5x are flagged
#   SHAPES="default sites files" ... # only those shapes (the names: see shapes() below)
#   GROWTH=1 RUNS=3 scripts/bench.sh # 100,000 to 1,000,000 resources (SIZES), in files of
#                                    # 50,000 resources, each round going up the sizes and the
#                                    # next down, the reports to /dev/null; time per resource
#                                    # and the growth from the smallest size and from the one before
#   MARKDOWN=1 ...                   # any mode: the tables as Markdown, for docs/performance.md
# The Go benchmarks of each stage are separate: go test -bench . -run '^$' ./...
# Stage times of one run: baomi check ... --timings.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
FORMAT=${FORMAT:-json}
TERRAFORM=${TERRAFORM:-0}
BASE=${BASE:-}
SHAPES=${SHAPES:-0}
GROWTH=${GROWTH:-0}
MARKDOWN=${MARKDOWN:-0}
if [ "$SHAPES" != 0 ]; then
  SIZES=${SIZES:-100000}
elif [ "$GROWTH" != 0 ]; then
  SIZES=${SIZES:-"100000 200000 300000 500000 1000000"}
else
  SIZES=${SIZES:-"1000 10000 100000"}
fi
if [ ! -x /usr/bin/time ]; then
  echo "scripts/bench.sh needs GNU time: apt-get install -y time" >&2
  exit 2
fi
modes=0
for m in "$BASE" "${TERRAFORM#0}" "${SHAPES#0}" "${GROWTH#0}"; do
  if [ -n "$m" ]; then modes=$((modes + 1)); fi
done
if [ "$modes" -gt 1 ]; then
  echo "scripts/bench.sh: give one of BASE, TERRAFORM, SHAPES and GROWTH" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/baomi" ./cmd/baomi
go build -o "$work/baomi-gen" ./cmd/baomi-gen
current="current ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ', with uncommitted changes'))"
if [ -n "$BASE" ]; then
  # The base commit's baomi, built from an exported tree, which is then removed.
  base_commit=$(git rev-parse --short "$BASE^{commit}")
  mkdir "$work/base-src"
  git archive "$base_commit" | tar -x -C "$work/base-src"
  (cd "$work/base-src" && go build -o "$work/baomi-base" ./cmd/baomi)
  rm -rf "$work/base-src"
  for flag in --as-of --format; do
    if ! "$work/baomi-base" check --help 2>&1 | grep -q -- "$flag"; then
      echo "scripts/bench.sh: the baomi of $base_commit has no check $flag" >&2
      exit 2
    fi
  done
fi

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, $(go version | cut -d' ' -f3), $(date -u '+%Y-%m-%d %H:%M UTC'), $current, load at start $(cut -d' ' -f1-3 /proc/loadavg)"

# header: prints the header of a table.
header() {
  if [ "$MARKDOWN" != 0 ]; then
    if [ "$GROWTH" != 0 ]; then
      echo "| resources | files | size | median wall (runs) | peak RSS | per resource | growth from $first | per resource against the size before |"
      echo "|---|---|---|---|---|---|---|---|"
    elif [ "$SHAPES" != 0 ]; then
      echo "| shape | generator flags | size | median wall (runs) | peak RSS | per resource | vs default |"
      echo "|---|---|---|---|---|---|---|"
    else
      echo "| input | build | size | median wall (runs) | peak RSS |"
      echo "|---|---|---|---|---|"
    fi
  elif [ "$GROWTH" != 0 ]; then
    printf '%-10s %6s %10s %10s %14s %16s %8s %12s %s\n' resources files size_MB median_s peak_RSS_MiB per_resource_us growth vs_before "runs (s)"
  elif [ "$SHAPES" != 0 ]; then
    printf '%-12s %10s %12s %14s %14s %10s %s\n' shape size_MB median_s peak_RSS_MiB per_resource_us vs_default "runs (s)"
  else
    printf '%-10s %-44s %8s %10s %14s %s\n' resources build size_MB median_s peak_RSS_MiB "runs (s)"
  fi
}

# timed OUT BIN ARGS...: runs BIN once and appends its wall time and peak RSS
# ("seconds kilobytes") to the file OUT. Exit status 1 (findings) is a success.
# The report goes to $work/report, or to REPORT_TO when set.
timed() {
  local out=$1 bin=$2
  shift 2
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" "$@" >"${REPORT_TO:-$work/report}" 2>"$work/stderr" || {
    code=$?
    if [ "$code" -ne 1 ]; then cat "$work/stderr" >&2; exit "$code"; fi
  }
  tail -n 1 "$work/time" >>"$out"
}

# median OUT: the median wall time of the runs recorded in OUT.
median() {
  cut -d' ' -f1 "$1" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}

# peak OUT: the largest peak RSS of the runs recorded in OUT, in MiB.
peak() {
  echo $(($(cut -d' ' -f2 "$1" | sort -n | tail -n 1) / 1024))
}

# row NAME BUILD SIZE OUT: prints one row from the runs recorded in OUT: the
# median wall time and the largest peak RSS.
row() {
  local times
  times=$(cut -d' ' -f1 "$4" | tr '\n' ' ')
  times=${times% }
  if [ "$MARKDOWN" != 0 ]; then
    echo "| $1 | $2 | $3 MB | $(median "$4") s (${times// /, }) | $(peak "$4") MiB |"
  else
    printf '%-10s %-44s %8s %10s %14d %s\n' "$1" "$2" "$3" "$(median "$4")" "$(peak "$4")" "$times"
  fi
}

# measure NAME SIZE ARGS...: runs baomi RUNS times and prints one row.
measure() {
  local name=$1 size=$2
  shift 2
  : >"$work/runs"
  for _ in $(seq "$RUNS"); do timed "$work/runs" "$work/baomi" "$@"; done
  row "$name" "$current" "$size" "$work/runs"
}

# megabytes PATH...: the size of the .hcl and .tf files under PATH in MB, to 0.01 MB.
megabytes() {
  find "$@" \( -name '*.hcl' -o -name '*.tf' \) -printf '%s\n' | awk '{s+=$1} END {printf "%.2f", s/1000000}'
}

# controls: the number of controls the last run's JSON report counts, or ?.
controls() {
  grep -m 1 -o '"controls": [0-9]*' "$work/report" | grep -o '[0-9]*$' || echo "?"
}

# base N: generates N resources once and checks them with the base's baomi and
# this tree's, RUNS times each, alternated; prints both rows and the ratio.
base() {
  local n=$1 dir="$work/inventory-$1" omit=""
  "$work/baomi-gen" -n "$n" -out "$dir"
  if ! "$work/baomi-base" validate "$dir" >/dev/null 2>"$work/stderr"; then
    # Block types added since the base: leave them out, so both read the same file.
    omit=$(grep -o 'Blocks of type "[a-z_]*"' "$work/stderr" | cut -d'"' -f2 | sort -u | paste -sd, -)
    if [ -z "$omit" ]; then cat "$work/stderr" >&2; exit 2; fi
    rm -rf "$dir"
    "$work/baomi-gen" -n "$n" -omit "$omit" -out "$dir"
    if ! "$work/baomi-base" validate "$dir" >/dev/null 2>"$work/stderr"; then
      echo "scripts/bench.sh: the baomi of $base_commit rejects the inventory even without $omit:" >&2
      head -n 20 "$work/stderr" >&2
      exit 2
    fi
  fi
  : >"$work/runs-base"
  : >"$work/runs-current"
  local controls=""
  for _ in $(seq "$RUNS"); do
    timed "$work/runs-base" "$work/baomi-base" check "$dir" --as-of 2026-11-26 --format "$FORMAT"
    if [ -z "$controls" ]; then controls="$base_commit $(controls)"; fi
    timed "$work/runs-current" "$work/baomi" check "$dir" --as-of 2026-11-26 --format "$FORMAT"
    if [ "${controls#*, }" = "$controls" ]; then controls="$controls, current $(controls)"; fi
  done
  local size count what
  size=$(megabytes "$dir")
  count=$(cat "$dir"/*.hcl | grep -c '^[a-z_]* "')
  what="$count"
  if [ -n "$omit" ] && [ "$MARKDOWN" != 0 ]; then what="$count resources ($n less the $omit blocks, which $base_commit does not know)"; fi
  if [ "$MARKDOWN" != 0 ]; then header; fi
  row "$what" "$base_commit" "$size" "$work/runs-base"
  row "$what" "$current" "$size" "$work/runs-current"
  if [ -n "$omit" ] && [ "$MARKDOWN" = 0 ]; then echo "  ($n generated, less the $omit blocks, which $base_commit does not know)"; fi
  awk -v b="$(median "$work/runs-base")" -v c="$(median "$work/runs-current")" \
    -v bp="$(peak "$work/runs-base")" -v cp="$(peak "$work/runs-current")" -v base="$base_commit" -v n="$n" -v md="$MARKDOWN" -v ctl="$controls" \
    'BEGIN {
      r = b / c
      speed = (r >= 1) ? sprintf("%.2fx faster", r) : sprintf("%.2fx slower", 1 / r)
      line = sprintf("%s: current is %s than %s (median %s s / median %s s); peak RSS %d MiB against %d MiB (%.2fx); controls evaluated: %s", n, speed, base, b, c, cp, bp, cp / bp, ctl)
      print (md != 0) ? "\n" line "\n" : line
    }'
}

# shapes N: generates every shape of N resources, checks each RUNS times, the
# runs interleaved across shapes, and prints a row per shape. Each shape is a
# name and the generator's flags; thousands of sites are 4% of N (4,000 at
# 100,000), as in -shape independent.
shapes() {
  local all=(
    "default|"
    "departments|-departments 6"
    "one-partner|-one-partner"
    "long-lists|-long-lists 20"
    "sites|-sites $(($1 * 4 / 100))"
    "files|-files 200"
    "independent|-shape independent"
  )
  local n=$1 s name flags shapes=()
  for s in "${all[@]}"; do
    if [ "$SHAPES" = 1 ] || [[ " $SHAPES " == *" ${s%%|*} "* ]]; then shapes+=("$s"); fi
  done
  for s in $SHAPES; do
    if [ "$s" != 1 ] && [[ " ${all[*]%%|*} " != *" $s "* ]]; then
      echo "scripts/bench.sh: no shape $s; the shapes: ${all[*]%%|*}" >&2
      exit 2
    fi
  done
  if [[ " ${shapes[*]} " != *" default|"* ]]; then
    echo "scripts/bench.sh: SHAPES must include default, the shape the others are compared with" >&2
    exit 2
  fi
  for s in "${shapes[@]}"; do
    name=${s%%|*} flags=${s#*|}
    # shellcheck disable=SC2086 # the flags are words
    "$work/baomi-gen" -n "$n" $flags -out "$work/shape-$name"
    : >"$work/runs-$name"
  done
  for _ in $(seq "$RUNS"); do
    for s in "${shapes[@]}"; do
      name=${s%%|*}
      timed "$work/runs-$name" "$work/baomi" check "$work/shape-$name" --as-of 2026-11-26 --format "$FORMAT"
    done
  done
  local def slow=""
  def=$(median "$work/runs-default")
  if [ "$MARKDOWN" != 0 ]; then
    printf '\n%s resources:\n\n' "$n"
  else
    echo "$n resources:"
  fi
  header
  for s in "${shapes[@]}"; do
    name=${s%%|*} flags=${s#*|}
    local med times rel per size mark
    med=$(median "$work/runs-$name")
    times=$(cut -d' ' -f1 "$work/runs-$name" | tr '\n' ' ')
    times=${times% }
    rel=$(awk -v m="$med" -v d="$def" 'BEGIN {printf "%.2f", m / d}')
    per=$(awk -v m="$med" -v n="$n" 'BEGIN {printf "%.1f", m * 1000000 / n}')
    size=$(megabytes "$work/shape-$name")
    mark=""
    if awk -v r="$rel" 'BEGIN {exit !(r > 1.5)}'; then slow="$slow $name" mark=" (over 1.5x)"; fi
    if [ "$MARKDOWN" != 0 ]; then
      echo "| $name | \`${flags:-(none)}\` | $size MB | $med s (${times// /, }) | $(peak "$work/runs-$name") MiB | $per µs | ${rel}x$mark |"
    else
      printf '%-12s %10s %12s %14d %14s %10s %s\n' "$name" "$size" "$med" "$(peak "$work/runs-$name")" "$per" "${rel}x" "$times$mark"
    fi
  done
  if [ -n "$slow" ]; then
    echo "shapes over 1.5x the default shape's time per resource:$slow"
  else
    echo "every shape is within 1.5x of the default shape's time per resource"
  fi
}

# growth: generates every size of SIZES in files of 50,000 resources (the last
# one less), checks each RUNS times, the first round going up the sizes, the
# next down, and so on, so that the largest runs between smaller ones, and
# prints a row per size: the time per resource, the growth of the median wall
# time from the smallest size, and the time per resource against the size
# before it. The reports go to /dev/null: writing gigabytes into the page cache
# measures the kernel, not baomi.
growth() {
  local sizes n runs order
  read -r -a sizes <<<"$(tr ' ' '\n' <<<"$SIZES" | grep . | sort -n -u | tr '\n' ' ')"
  first=${sizes[0]}
  for n in "${sizes[@]}"; do
    "$work/baomi-gen" -n "$n" -files $(((n + 49999) / 50000)) -out "$work/growth-$n"
    : >"$work/runs-$n"
  done
  for runs in $(seq "$RUNS"); do
    order=("${sizes[@]}")
    if [ $((runs % 2)) = 0 ]; then
      read -r -a order <<<"$(printf '%s\n' "${sizes[@]}" | sort -n -r | tr '\n' ' ')"
    fi
    for n in "${order[@]}"; do
      REPORT_TO=/dev/null timed "$work/runs-$n" "$work/baomi" check "$work/growth-$n" --as-of 2026-11-26 --format "$FORMAT" --timeout 90m
    done
  done
  if [ "$MARKDOWN" != 0 ]; then echo; fi
  header
  local before="" before_med="" first_med med times files per
  first_med=$(median "$work/runs-$first")
  for n in "${sizes[@]}"; do
    med=$(median "$work/runs-$n")
    times=$(cut -d' ' -f1 "$work/runs-$n" | tr '\n' ' ')
    times=${times% }
    files=$(find "$work/growth-$n" -name '*.hcl' | wc -l)
    awk -v n="$n" -v files="$files" -v size="$(megabytes "$work/growth-$n")" -v med="$med" -v times="$times" \
      -v rss="$(peak "$work/runs-$n")" -v first="$first" -v fmed="$first_med" -v before="$before" -v bmed="$before_med" -v md="$MARKDOWN" \
      'BEGIN {
        per = med * 1000000 / n
        growth = sprintf("%.2fx for %.1fx the resources", med / fmed, n / first)
        step = (before == "") ? "-" : sprintf("%.2fx", per / (bmed * 1000000 / before))
        if (md != 0) {
          gsub(/ /, ", ", times)
          printf "| %d | %d | %s MB | %s s (%s) | %d MiB | %.1f µs | %s | %s |\n", n, files, size, med, times, rss, per, growth, step
        } else {
          printf "%-10d %6d %10s %10s %14d %16.1f %8s %12s %s\n", n, files, size, med, rss, per, sprintf("%.2fx", med / fmed), step, times
        }
      }'
    before=$n before_med=$med
  done
}

if [ "$GROWTH" != 0 ]; then
  growth
  echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
if [ "$SHAPES" = 0 ] && { [ -z "$BASE" ] || [ "$MARKDOWN" = 0 ]; }; then header; fi
if [ -z "$BASE" ] && [ "$SHAPES" = 0 ]; then
  measure acme "$(megabytes fixtures/acme)" check fixtures/acme --as-of 2026-11-26 --format "$FORMAT"
fi
for n in $SIZES; do
  if [ -n "$BASE" ]; then
    base "$n"
    continue
  fi
  if [ "$SHAPES" != 0 ]; then
    shapes "$n"
    continue
  fi
  if [ "$TERRAFORM" -gt 0 ]; then
    # One inventory, checked alone and with its Terraform, the runs interleaved so
    # that both see the same load.
    dir="$work/inventory-$n"
    "$work/baomi-gen" -n "$n" -terraform "$TERRAFORM" -out "$dir"
    : >"$work/runs-alone"
    : >"$work/runs-tf"
    for _ in $(seq "$RUNS"); do
      timed "$work/runs-alone" "$work/baomi" check "$dir" --as-of 2026-11-26 --format "$FORMAT"
      timed "$work/runs-tf" "$work/baomi" check "$dir" --terraform "$dir/infra" --as-of 2026-11-26 --format "$FORMAT"
    done
    row "$n" "$current" "$(megabytes "$dir"/*.hcl)" "$work/runs-alone"
    row "$n+${TERRAFORM}tf" "$current" "$(megabytes "$dir")" "$work/runs-tf"
    continue
  fi
  "$work/baomi-gen" -n "$n" -o "$work/inventory-$n.hcl"
  measure "$n" "$(megabytes "$work/inventory-$n.hcl")" check "$work/inventory-$n.hcl" --as-of 2026-11-26 --format "$FORMAT"
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
