#!/usr/bin/env bash
# What a remote shard costs per query (docs/shards.md): in-process top-10 search with citations
# and highlights (bench/query_bench.cpp, Google Benchmark) over the same corpus indexed
#   1. as one database,
#   2. as 3 local shards (`cite index --shards 3`),
#   3. as the same 3 shards with shard 1 served by xapian-tcpsrv on loopback,
#   4. with all 3 shards served by xapian-tcpsrv on loopback.
# Prints the p50 and the worst over bench/queries.txt of the median of 5 repetitions.
# Not part of ctest: nothing is asserted, these machines are noisy.
#
#   bench/shard-bench.sh [CORPUS]   (default: /work/benchcorpus/small, else corpus/)
set -euo pipefail
export LC_ALL=C.UTF-8 LANG=C.UTF-8

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
corpus="${1:-/work/benchcorpus/small}"
[[ -d $corpus ]] || corpus="$root/corpus"
work="$(mktemp -d /var/tmp/cite-shard-bench.XXXXXX)"
servers=()
cleanup() {
  if ((${#servers[@]})); then
    # SIGKILL: on SIGTERM, xapian-tcpsrv signals its whole process group, this script included.
    kill -KILL "${servers[@]}" 2>/dev/null || true
    wait "${servers[@]}" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DCITE_BUILD_TESTS=OFF \
  >/dev/null
cmake --build "$root/build-bench" -j"$(nproc)" --target cite_cli query_bench >/dev/null
cite="$root/build-bench/cite"
query_bench="$root/build-bench/bench/query_bench"

"$cite" index -q --index "$work/one" "$corpus"
"$cite" index -q --shards 3 --index "$work/three" "$corpus"

# serve DIR: starts xapian-tcpsrv for DIR on a free loopback port, left in $port (not run in a
# $(...) subshell, so that the cleanup knows the server).
serve() {
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$1" >/dev/null 2>&1 &
  servers+=($!)
  for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
}
serve "$work/three/shard0"
p0=$port
serve "$work/three/shard1"
p1=$port
serve "$work/three/shard2"
p2=$port
printf 'auto three/shard0\nremote 127.0.0.1:%s\nauto three/shard2\n' "$p1" >"$work/one-remote.stub"
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$p0" "$p1" "$p2" \
  >"$work/all-remote.stub"

passages=$(xapian-delve "$work/one" | awk -F' = ' '/number of documents/ {print $2}')
echo "corpus: $corpus ($passages passages); $(nproc) cores; Release build"
echo
echo "| index | p50 ms | worst ms |"
echo "|---|---|---|"
for setup in "one database:$work/one" "3 local shards:$work/three" \
  "2 local + 1 remote shard:$work/one-remote.stub" "3 remote shards:$work/all-remote.stub"; do
  name=${setup%%:*}
  location=${setup#*:}
  "$query_bench" "$location" "$here/queries.txt" --benchmark_format=json \
    --benchmark_repetitions=5 --benchmark_min_time=0.2 --benchmark_report_aggregates_only=true \
    >"$work/run.json" 2>/dev/null
  python3 - "$work/run.json" "$name" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
medians = sorted(b["real_time"] / 1000 for b in runs if b.get("aggregate_name") == "median")
print(f"| {sys.argv[2]} | {medians[(len(medians) - 1) // 2]:.3f} | {medians[-1]:.3f} |")
PY
done
