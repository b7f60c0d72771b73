#!/usr/bin/env bash
# Runs fuzz targets one after another, each for SECONDS, at the lowest priority, and prints one
# Markdown table row per target (docs/fuzzing.md keeps them):
#   tests/fuzz/run-long.sh BUILD_DIR WORK_DIR SECONDS TARGET...
# New inputs go to WORK_DIR/corpus/TARGET (kept between runs, outside the repository: it grows
# large); crashes to WORK_DIR/artifacts/TARGET-*; the full log to WORK_DIR/TARGET.log.
set -uo pipefail

if [[ $# -lt 4 ]]; then
  echo "usage: $0 BUILD_DIR WORK_DIR SECONDS TARGET..." >&2
  exit 2
fi
build="$1" work="$2" seconds="$3"
shift 3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
status=0
for target in "$@"; do
  mkdir -p "$work/corpus/$target" "$work/artifacts"
  dict=()
  [[ -f "$here/$target.dict" ]] && dict=(-dict="$here/$target.dict")
  log="$work/$target.log"
  nice -n 19 "$build/tests/fuzz/${target}_fuzz" -max_total_time="$seconds" -timeout=25 \
    -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]}" \
    -artifact_prefix="$work/artifacts/$target-" "$work/corpus/$target" "$here/$target" \
    >"$log" 2>&1
  code=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  inputs=$(find "$work/corpus/$target" -type f | wc -l)
  if [[ $code -eq 0 ]]; then
    finding="none"
  else
    finding="exit $code, see $(ls -t "$work/artifacts/$target-"* 2>/dev/null | head -1)"
    status=1
  fi
  echo "| $target | ${secs:-?} | ${execs:-?} | $inputs | $finding |"
done
exit $status
