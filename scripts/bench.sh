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
# The Go benchmarks of each stage are separate: go test -bench . -run '^$' ./...
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZES=${SIZES:-"1000 10000 100000"}
FORMAT=${FORMAT:-json}
TERRAFORM=${TERRAFORM:-0}
if [ ! -x /usr/bin/time ]; then
  echo "scripts/bench.sh needs GNU time: apt-get install -y time" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/baomi" ./cmd/baomi
go build -o "$work/baomi-gen" ./cmd/baomi-gen
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, $(go version | cut -d' ' -f3), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %10s %12s %14s %s\n' resources size_MB median_s peak_RSS_MiB "runs (s)"

# timed OUT ARGS...: runs baomi once and appends its wall time and peak RSS
# ("seconds kilobytes") to the file OUT.
timed() {
  local out=$1
  shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$work/baomi" "$@" >"$work/report" 2>"$work/stderr" || {
    code=$?
    if [ "$code" -ne 1 ]; then cat "$work/stderr" >&2; exit "$code"; fi
  }
  tail -n 1 "$work/time" >>"$out"
}

# row NAME SIZE OUT: prints one row from the runs recorded in OUT: the median
# wall time and the largest peak RSS.
row() {
  local times median peak
  times=$(cut -d' ' -f1 "$3" | tr '\n' ' ')
  median=$(cut -d' ' -f1 "$3" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
  peak=$(cut -d' ' -f2 "$3" | sort -n | tail -n 1)
  printf '%-10s %10s %12s %14d %s\n' "$1" "$2" "$median" $((peak / 1024)) "${times% }"
}

# measure NAME SIZE ARGS...: runs baomi RUNS times and prints one row.
measure() {
  local name=$1 size=$2
  shift 2
  : >"$work/runs"
  for _ in $(seq "$RUNS"); do timed "$work/runs" "$@"; done
  row "$name" "$size" "$work/runs"
}

measure acme "$(du -sm fixtures/acme | cut -f1)" check fixtures/acme --as-of 2026-11-26 --format "$FORMAT"
for n in $SIZES; do
  if [ "$TERRAFORM" -gt 0 ]; then
    # One inventory, checked alone and with its Terraform, the runs interleaved so
    # that both see the same load.
    dir="$work/inventory-$n"
    "$work/baomi-gen" -n "$n" -terraform "$TERRAFORM" -out "$dir"
    : >"$work/runs-alone"
    : >"$work/runs-tf"
    for _ in $(seq "$RUNS"); do
      timed "$work/runs-alone" check "$dir" --as-of 2026-11-26 --format "$FORMAT"
      timed "$work/runs-tf" check "$dir" --terraform "$dir/infra" --as-of 2026-11-26 --format "$FORMAT"
    done
    row "$n" "$(( $(du -sb --exclude=infra "$dir" | cut -f1) / 1000000 ))" "$work/runs-alone"
    row "$n+${TERRAFORM}tf" "$(( $(du -sb "$dir" | cut -f1) / 1000000 ))" "$work/runs-tf"
    continue
  fi
  "$work/baomi-gen" -n "$n" -o "$work/inventory-$n.hcl"
  measure "$n" "$(( $(stat -c %s "$work/inventory-$n.hcl") / 1000000 ))" check "$work/inventory-$n.hcl" --as-of 2026-11-26 --format "$FORMAT"
done
