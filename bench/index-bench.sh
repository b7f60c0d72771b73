#!/usr/bin/env bash
# Measures `cite index` (wall time, CPU, peak memory, index size), a no-op re-index, and
# `cite query` latency for bench/queries.txt on a corpus directory. Results go to OUT (default
# build/bench-results.md) as a Markdown table; nothing is asserted, these machines are noisy.
#
#   bench/index-bench.sh CORPUS_DIR [OUT]      e.g. a scale of ../shared/bench/make-corpus.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:?usage: bench/index-bench.sh CORPUS_DIR [OUT]}"
out="${2:-$root/build/bench-results.md}"
cite="$root/build/cite"
runs="${RUNS:-10}"
[[ -x $cite ]] || bash "$root/scripts/build.sh"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
index="$work/index"

# Warm the page cache so the build measures cite, not the disk.
find "$corpus" -type f -exec cat {} + >/dev/null

measure() {  # measure LABEL CMD...: prints "LABEL wall_s cpu_s rss_mb"
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err"
  read -r wall user sys rss_kb <"$work/time"
  printf '%s %s %.2f %d\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" $((rss_kb / 1024))
}

mb=$(du -sb --apparent-size "$corpus" | awk '{printf "%.1f", $1 / 1e6}')
files=$(find "$corpus" -type f | wc -l)
read -r _ build_wall build_cpu build_rss < <(measure build "$cite" index --index "$index" "$corpus")
summary=$(cat "$work/out")
passages=$(sed -n 's/.* \([0-9]*\) in the index/\1/p' "$work/out")
warnings=$(grep -c 'warning' "$work/err" || true)
index_mb=$(du -sb "$index" | awk '{printf "%.0f", $1 / 1e6}')
read -r _ noop_wall _ noop_rss < <(measure noop "$cite" index --index "$index" "$corpus")

query_rows=""
total_p50=0
while IFS=$'\t' read -r type terms; do
  [[ -z $type || $type == \#* ]] && continue
  case $type in
    word) query=$terms ;;
    and) query=${terms// / AND } ;;
    phrase) query="\"$terms\"" ;;
  esac
  times=()
  for ((i = 0; i < runs + 2; i++)); do
    start=$(date +%s%N)
    "$cite" query --index "$index" --json --limit 10 "$query" >"$work/q" || true
    end=$(date +%s%N)
    ((i >= 2)) && times+=($(((end - start) / 1000)))  # two warm-up runs
  done
  p50=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  total=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"])' "$work/q")
  total_p50=$((total_p50 + p50))
  query_rows+="| \`$query\` | $total | $(echo "scale=2; $p50 / 1000" | bc) |"$'\n'
done <"$root/bench/queries.txt"

mkdir -p "$(dirname "$out")"
{
  echo "# cite benchmark: $(date -u +%Y-%m-%d) on $(nproc) cores"
  echo
  echo "Corpus: \`$corpus\`: $files files, $mb MB. cite $(git -C "$root" rev-parse --short HEAD)."
  echo
  echo "| measure | value |"
  echo "|---|---|"
  echo "| index build wall s | $build_wall |"
  echo "| index build MB/s | $(echo "scale=2; $mb / $build_wall" | bc) |"
  echo "| index build CPU s (user+sys) | $build_cpu |"
  echo "| index build peak RSS MB | $build_rss |"
  echo "| passages | $passages |"
  echo "| files skipped with a warning | $warnings |"
  echo "| index size MB (× corpus) | $index_mb ($(echo "scale=2; $index_mb / $mb" | bc)) |"
  echo "| no-op re-index wall s / peak RSS MB | $noop_wall / $noop_rss |"
  echo
  echo "\`cite query --json --limit 10\` as a process (start-up included), p50 of $runs warm runs:"
  echo
  echo "| query | total | p50 ms |"
  echo "|---|---|---|"
  printf '%s' "$query_rows"
  echo
  echo "Sum of the 20 p50s: $(echo "scale=1; $total_p50 / 1000" | bc) ms. Index output: $summary"
} >"$out"
cat "$out"
