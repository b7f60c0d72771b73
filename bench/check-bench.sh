#!/usr/bin/env bash
# Times `cite check --json --claims` on N claims (default 1000) against an index of CORPUS
# (default corpus/), and reports wall time, claims per second, peak memory and the verdicts.
# Results go to OUT (default build/check-bench.md); nothing is asserted.
#
#   bench/check-bench.sh [CORPUS] [N] [OUT]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-$root/corpus}"
count="${2:-1000}"
out="${3:-$root/build/check-bench.md}"
cite="$root/build/cite"
[[ -x $cite ]] || bash "$root/scripts/build.sh"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passages=$("$cite" index --index "$work/index" "$corpus" | sed -n 's/.* \([0-9]*\) in the index/\1/p')
python3 "$root/bench/make-claims.py" "$corpus" "$root/tests/data/claims-dev.jsonl" "$count" >"$work/claims.jsonl"
"$cite" check --index "$work/index" --json --claims "$work/claims.jsonl" >/dev/null || true  # warm
/usr/bin/time -f "%e %U %S %M" -o "$work/time" \
  "$cite" check --index "$work/index" --json --claims "$work/claims.jsonl" >"$work/results.jsonl" || true
read -r wall user sys rss_kb <"$work/time"
verdicts=$(python3 -c '
import collections, json, sys
c = collections.Counter(json.loads(l)["verdict"] for l in open(sys.argv[1]))
print(", ".join(f"{k} {v}" for k, v in sorted(c.items())))' "$work/results.jsonl")
mkdir -p "$(dirname "$out")"
{
  echo "# cite check benchmark: $(date -u +%Y-%m-%d) on $(nproc) cores, cite $(git -C "$root" rev-parse --short HEAD)"
  echo
  echo "| measure | value |"
  echo "|---|---|"
  echo "| corpus | \`$corpus\` ($passages passages) |"
  echo "| claims | $(wc -l <"$work/results.jsonl") |"
  echo "| wall s | $wall |"
  echo "| claims/s | $(echo "scale=1; $(wc -l <"$work/results.jsonl") / $wall" | bc) |"
  echo "| ms per claim | $(echo "scale=2; 1000 * $wall / $(wc -l <"$work/results.jsonl")" | bc) |"
  echo "| CPU s (user+sys) | $(echo "$user + $sys" | bc) |"
  echo "| peak RSS MB | $((rss_kb / 1024)) |"
  echo "| verdicts | $verdicts |"
} >"$out"
cat "$out"
