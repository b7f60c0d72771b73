#!/usr/bin/env bash
# Load on `cite serve`: indexes CORPUS (default corpus/) into a scratch directory, serves it on a
# free loopback port, checks a few /search answers against `cite query --json`, runs serve_bench
# (CLIENTS keep-alive connections × REQUESTS GET /search each, going round bench/queries.txt,
# every answer checked), then stops the server with SIGTERM. The figures go to OUT (default
# build/serve-bench.md) and stdout. Exits 1 if any answer was wrong or the server did not stop
# with status 0; the timings are not asserted, these machines are noisy.
#
#   bench/serve-bench.sh [CORPUS] [OUT]        CLIENTS=8 REQUESTS=500 by default
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-$root/corpus}"
out="${2:-$root/build/serve-bench.md}"
clients="${CLIENTS:-8}"
requests="${REQUESTS:-500}"
cite="$root/build/cite"
serve_bench="$root/build/bench/serve_bench"
command -v curl >/dev/null || { echo "needs curl (apt-get install curl)" >&2; exit 2; }
[[ -f $root/build/CMakeCache.txt ]] || bash "$root/scripts/build.sh"
cmake --build "$root/build" -j"$(nproc)" --target cite_cli serve_bench >/dev/null

work="$(mktemp -d)"
server=""
cleanup() {
  [[ -z $server ]] || kill -KILL "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

passages=$("$cite" index --index "$work/index" "$corpus" | sed -n 's/.* \([0-9]*\) in the index/\1/p')
: >"$work/serve.out"  # read below before the server may have opened it
"$cite" serve --index "$work/index" --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
server=$!
port=""
for ((i = 0; i < 200; i++)); do
  port=$(sed -n 's|^listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$work/serve.out")
  [[ -z $port ]] || break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; exit 2; }
  sleep 0.05
done
[[ -n $port ]] || { echo "cite serve did not say it was listening" >&2; exit 2; }

failed=0
spot_queries=("deported 2024" "migra*" '"controlled persons registry"' "memory" "zzyzx")
same=0
for query in "${spot_queries[@]}"; do
  curl -sS --get --data-urlencode "q=$query" --data-urlencode "limit=10" \
    "http://127.0.0.1:$port/search" >"$work/http.json"
  "$cite" query --index "$work/index" --json --limit 10 "$query" >"$work/cli.json" || true
  if cmp -s "$work/http.json" "$work/cli.json"; then
    same=$((same + 1))
  else
    echo "GET /search differs from cite query --json for: $query" >&2
    failed=1
  fi
done

"$serve_bench" --port "$port" --clients "$clients" --requests "$requests" \
  "$root/bench/queries.txt" >"$work/bench.md" || failed=1
rss_mb=$(awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$server/status")

start=$(date +%s%N)
kill -TERM "$server"
status=0
wait "$server" || status=$?
stop_ms=$((($(date +%s%N) - start) / 1000000))
server=""
((status == 0)) || failed=1

mkdir -p "$(dirname "$out")"
{
  echo "# cite serve benchmark: $(date -u +%Y-%m-%d) on $(nproc) cores, cite $(git -C "$root" rev-parse --short HEAD)"
  echo
  echo "Corpus: \`$corpus\`, $passages passages. \`cite serve\` on 127.0.0.1; load from"
  echo "\`build/bench/serve_bench\` on the same machine: $clients keep-alive connections, each"
  echo "sending $requests \`GET /search?q=…&limit=10\` in turn over the queries of"
  echo "\`bench/queries.txt\`, every body compared with the first answer for its query."
  echo
  echo "| measure | value |"
  echo "|---|---|"
  cat "$work/bench.md"
  echo "| /search bodies identical to \`cite query --json\` | $same of ${#spot_queries[@]} |"
  echo "| server peak RSS MB | $rss_mb |"
  echo "| SIGTERM to exit ms (exit status) | $stop_ms ($status) |"
} >"$out"
cat "$out"
exit "$failed"
