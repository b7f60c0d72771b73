#!/usr/bin/env bash
# The benchmark of issue 10: cite beside its peers on the same files and queries, in one run.
#
#   bench/run-bench.sh [small|medium|large|all]...      (default: small)
#
# Builds the benchmark corpus with bench/make-corpus.sh into $BENCH_CORPUS (reused if already
# built), builds cite in Release in build-bench/, and for each scale measures: `cite index` (wall
# time, CPU, peak RSS, index size), a re-index after changing one file and after changing
# nothing; omindex (+ xapian-compact), SQLite FTS5 with one row per paragraph (split + load +
# optimize); then the queries of bench/queries.txt through `cite query`, `quest`, `sqlite3` and
# `rg`, and in-process through bench/query_bench.cpp (Google Benchmark). Writes bench/RESULTS.md
# (or $OUT). Not part of ctest; nothing is asserted.
#
# Environment (defaults): BENCH_CORPUS (/work/benchcorpus if built, else
# /var/tmp/benchdata/corpus), BENCH_WORK (/var/tmp/cite-bench), QRUNS (10 timed runs per query
# and tool, after 2 warm-up runs), OUT (bench/RESULTS.md).
set -euo pipefail
export LC_ALL=C.UTF-8 LANG=C.UTF-8

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
if [[ -z ${BENCH_CORPUS:-} ]]; then
  BENCH_CORPUS=/var/tmp/benchdata/corpus
  [[ -f /work/benchcorpus/MANIFEST.txt ]] && BENCH_CORPUS=/work/benchcorpus
fi
work="${BENCH_WORK:-/var/tmp/cite-bench}"
qruns="${QRUNS:-10}"
out="${OUT:-$here/RESULTS.md}"
scales=("${@:-small}")
[[ ${scales[0]} == all ]] && scales=(small medium large)
queries="$here/queries.txt"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

need=()
for p in xapian-omega xapian-tools sqlite3 ripgrep time libbenchmark-dev bc strace; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
  log "installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
fi

log "corpus in $BENCH_CORPUS"
bash "$here/make-corpus.sh" "$BENCH_CORPUS" >&2

log "building cite (Release) in $root/build-bench"
launcher=()
command -v ccache >/dev/null &&
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DCITE_BUILD_TESTS=OFF \
  "${launcher[@]}" >/dev/null
cmake --build "$root/build-bench" -j"$(nproc)" --target cite_cli query_bench >/dev/null
cite="$root/build-bench/cite"
query_bench="$root/build-bench/bench/query_bench"

mkdir -p "$work"
warm() { find "$1" -type f -print0 | xargs -0 cat >/dev/null; }
# timed FILE CMD...: runs CMD under /usr/bin/time, leaves "wall_s cpu_s rss_mb" in FILE
timed() {
  local file=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$file.raw" "$@"
  awk '{printf "%.2f %.2f %d\n", $1, $2 + $3, $4 / 1024}' "$file.raw" >"$file"
}
# The bytes of the files (not du's, which counts directories: 11.2 MB for the 10.0 MB small corpus).
mb() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.1f", s / 1e6}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

# Each query in each tool's syntax: cite (AND, "..."), quest (-o and), FTS5, rg (files with all).
cite_q=() quest_q=() fts_q=() rg_words=()
while IFS=$'\t' read -r type terms; do
  [[ -z $type || $type == \#* ]] && continue
  case $type in
    word) cite_q+=("$terms") quest_q+=("$terms") fts_q+=("$terms") ;;
    and) cite_q+=("${terms// / AND }") quest_q+=("$terms") fts_q+=("$terms") ;;
    phrase) cite_q+=("\"$terms\"") quest_q+=("\"$terms\"") fts_q+=("\"$terms\"") ;;
  esac
  rg_words+=("$terms")
done <"$queries"

# p50_ms CMD...: median wall time of QRUNS runs (after 2 warm-up runs), in ms
p50_ms() {
  local times=() i start end
  for ((i = 0; i < qruns + 2; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    ((i >= 2)) && times+=($(((end - start) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)] / 1000}'
}
rg_all() {  # files containing every word, case-insensitive whole words (as run-peers.sh)
  local dir=$1 words list word
  read -r -a words <<<"$2"
  list=$(rg -l -i -w -F -- "${words[0]}" "$dir" || true)
  for word in "${words[@]:1}"; do
    list=$(printf '%s\n' "$list" | xargs -d '\n' -r rg -l -i -w -F -- "$word" || true)
  done
  printf '%s\n' "$list"
}
# summary over per-query p50s in FILE (one number a line): "median max sum"
summary() { sort -n "$1" | awk '{a[NR]=$1; s+=$1} END {printf "%.2f %.2f %.1f\n", a[int((NR+1)/2)], a[NR], s}'; }

peers_rows="" ratio_rows="" scaling_rows="" incr_rows="" query_rows=""
declare -A cite_mbs cite_size cite_wall corpus_mb cite_qp50
first_mb="" first_cpu="" first_size="" first_q=""
for scale in "${scales[@]}"; do
  src="$BENCH_CORPUS/$scale"
  [[ -d $src ]] || { echo "no corpus at $src" >&2; exit 2; }
  w="$work/$scale"
  rm -rf "$w"
  mkdir -p "$w"
  # A hard-linked copy, so that "change one file" replaces a link and never touches the corpus.
  cp -al "$src" "$w/corpus"
  dir="$w/corpus"
  size_mb=$(mb "$dir")
  corpus_mb[$scale]=$size_mb
  files=$(find "$dir" -type f | wc -l)
  warm "$dir"

  log "$scale: cite index"
  timed "$w/t-cite" "$cite" index -q --index "$w/cite.idx" "$dir"
  read -r c_wall c_cpu c_rss <"$w/t-cite"
  c_size=$(mb "$w/cite.idx")
  cite_wall[$scale]=$c_wall cite_size[$scale]=$c_size

  log "$scale: cite index after changing one file and after changing nothing"
  victim=$(find "$dir" -type f -name '*.txt' | sort | sed -n 1p)
  cp --remove-destination "$victim" "$victim.tmp" && mv "$victim.tmp" "$victim"
  printf '\nOne more paragraph, added by the benchmark.\n' >>"$victim"
  timed "$w/t-one" "$cite" index -q --index "$w/cite.idx" "$dir"
  timed "$w/t-none" "$cite" index -q --index "$w/cite.idx" "$dir"
  read -r one_wall _ one_rss <"$w/t-one"
  read -r none_wall _ none_rss <"$w/t-none"
  none_reads=$(strace -f -e trace=openat -o "$w/strace" "$cite" index -q --index "$w/cite.idx" \
    "$dir" && grep -c "$dir/.*\.txt" "$w/strace" || true)
  incr_rows+="| $scale | $one_wall | $one_rss | $none_wall | $none_rss | ${none_reads:-?} |"$'\n'

  log "$scale: omindex"
  warm "$dir"
  timed "$w/t-omindex" omindex --db "$w/omega.db" --url / -Mtxt:text/plain "$dir" >/dev/null 2>&1
  read -r o_wall o_cpu o_rss <"$w/t-omindex"
  o_size=$(mb "$w/omega.db")
  xapian-compact "$w/omega.db" "$w/omega-compact.db" >/dev/null
  o_csize=$(mb "$w/omega-compact.db")

  log "$scale: SQLite FTS5, one row per paragraph"
  warm "$dir"
  timed "$w/t-split" bash -c 'python3 "$1" "$2" >"$3" 2>/dev/null' _ "$here/split_paras.py" \
    "$dir" "$w/paras.csv"
  sqlite3 "$w/fts5.db" "CREATE VIRTUAL TABLE p USING fts5(path UNINDEXED, para UNINDEXED, \
line UNINDEXED, body, tokenize='porter unicode61');"
  timed "$w/t-load" sqlite3 "$w/fts5.db" ".import --csv $w/paras.csv p"
  timed "$w/t-opt" sqlite3 "$w/fts5.db" "INSERT INTO p(p) VALUES('optimize'); VACUUM;"
  read -r f_wall f_cpu f_rss < <(cat "$w/t-split" "$w/t-load" "$w/t-opt" |
    awk '{w+=$1; c+=$2; if ($3>m) m=$3} END {printf "%.2f %.2f %d\n", w, c, m}')
  f_size=$(mb "$w/fts5.db")

  log "$scale: queries ($qruns runs each)"
  warm "$dir"
  : >"$w/q-cite" && : >"$w/q-quest" && : >"$w/q-fts5" && : >"$w/q-rg"
  for i in "${!cite_q[@]}"; do
    p50_ms "$cite" query --index "$w/cite.idx" --json --limit 10 "${cite_q[i]}" >>"$w/q-cite"
    echo >>"$w/q-cite"
    p50_ms quest -d "$w/omega.db" -o and -m 10 "${quest_q[i]}" >>"$w/q-quest"
    echo >>"$w/q-quest"
    sql=${fts_q[i]//\'/\'\'}
    p50_ms sqlite3 -readonly "$w/fts5.db" "SELECT path, para, line, bm25(p), \
snippet(p,3,'[',']','…',16) FROM p WHERE p MATCH '$sql' ORDER BY rank LIMIT 10;" >>"$w/q-fts5"
    echo >>"$w/q-fts5"
    p50_ms rg_all "$dir" "${rg_words[i]}" >>"$w/q-rg"
    echo >>"$w/q-rg"
  done
  "$query_bench" "$w/cite.idx" "$queries" --benchmark_format=json --benchmark_repetitions=5 \
    --benchmark_report_aggregates_only=true >"$w/inproc.json" 2>/dev/null
  read -r in_p50 in_worst < <(python3 - "$w/inproc.json" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
medians = sorted(b["real_time"] / 1000 for b in runs if b.get("aggregate_name") == "median")
print(f"{medians[(len(medians) - 1) // 2]:.3f} {medians[-1]:.3f}")
PY
)
  read -r qc_med qc_max qc_sum < <(summary "$w/q-cite")
  read -r qq_med qq_max _ < <(summary "$w/q-quest")
  read -r qf_med qf_max _ < <(summary "$w/q-fts5")
  read -r qr_med qr_max _ < <(summary "$w/q-rg")
  cite_qp50[$scale]=$qc_med

  c_mbs=$(ratio "$size_mb" "$c_wall") o_mbs=$(ratio "$size_mb" "$o_wall")
  f_mbs=$(ratio "$size_mb" "$f_wall")
  cite_mbs[$scale]=$c_mbs
  peers_rows+="| **cite** | $scale | $c_wall | $c_cpu | $c_mbs | $c_rss | $c_size ($(ratio "$c_size" "$size_mb")×) | CLI p50 $qc_med ms, worst $qc_max ms; in-process p50 $in_p50 ms, worst $in_worst ms |"$'\n'
  peers_rows+="| omindex (whole files) | $scale | $o_wall | $o_cpu | $o_mbs | $o_rss | $o_size ($(ratio "$o_size" "$size_mb")×; $(ratio "$o_csize" "$size_mb")× compacted) | \`quest\` p50 $qq_med ms, worst $qq_max ms |"$'\n'
  peers_rows+="| SQLite FTS5, paragraph rows | $scale | $f_wall | $f_cpu | $f_mbs | $f_rss | $f_size ($(ratio "$f_size" "$size_mb")×) | \`sqlite3\` p50 $qf_med ms, worst $qf_max ms |"$'\n'
  peers_rows+="| ripgrep, no index | $scale | – | – | – | – | – | \`rg -l\` p50 $qr_med ms, worst $qr_max ms |"$'\n'
  ratio_rows+="| $scale | $(ratio "$c_mbs" "$f_mbs") | $(ratio "$c_mbs" "$o_mbs") | $(ratio "$c_size" "$size_mb") | $(ratio "$qc_med" "$qq_med") | $in_p50 / $in_worst |"$'\n'
  # Growth against the first scale run: time and size should follow the corpus, queries less.
  [[ -z $first_mb ]] && first_mb=$size_mb first_cpu=$c_cpu first_size=$c_size first_q=$in_p50
  scaling_rows+="| $scale | $files | $size_mb ($(ratio "$size_mb" "$first_mb")×) | $c_wall | $c_cpu ($(ratio "$c_cpu" "$first_cpu")×) | $c_size ($(ratio "$c_size" "$first_size")×) | $qc_med | $in_p50 ($(ratio "$in_p50" "$first_q")×) |"$'\n'
  log "$scale: done"
done

# Hand-written notes below the marker line of an existing RESULTS.md are kept.
marker="<!-- measured by hand: kept by run-bench.sh -->"
notes=""
[[ -f $out ]] && grep -qF "$marker" "$out" && notes=$(sed -n "/$marker/,\$p" "$out")
{
  echo "# cite beside its peers"
  echo
  echo "Written by \`bench/run-bench.sh ${scales[*]}\` on $(date -u '+%Y-%m-%d %H:%M') UTC,"
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
  echo "cite $(git -C "$root" rev-parse --short HEAD), Release build; omindex $(omindex --version |
    awk '{print $NF}'), SQLite $(sqlite3 --version | cut -d' ' -f1), ripgrep $(rg --version |
    sed -n 1p | cut -d' ' -f2). Warm page cache; each query timed $qruns times after 2 warm-up"
  echo "runs (p50 per query, then the median and the worst over the $(wc -l <"$w/q-cite") queries of"
  echo "\`bench/queries.txt\`). The index time of FTS5 is split + load + optimize."
  [[ -n ${BENCH_NOTE:-} ]] && { echo; echo "$BENCH_NOTE"; }
  echo
  echo "## Indexing and queries"
  echo
  echo "| tool | scale | index wall s | CPU s | MB/s | peak RSS MB | index MB (× corpus) | query |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s' "$peers_rows"
  echo
  echo "## Ratios (targets: MB/s ≥ 1 × FTS5 and ≥ 3 × omindex; size ≤ 3×; CLI ≤ 1.5 × quest; in-process p50 ≤ 0.2 ms, worst ≤ 2 ms on large)"
  echo
  echo "| scale | cite MB/s ÷ FTS5 | cite MB/s ÷ omindex | index ÷ corpus | cite CLI p50 ÷ quest p50 | in-process p50 / worst ms |"
  echo "|---|---|---|---|---|---|"
  printf '%s' "$ratio_rows"
  echo
  echo "## Incremental updates (target: one changed file under 1 s; nothing changed: no file read)"
  echo
  echo "| scale | 1 file changed: wall s | peak RSS MB | nothing changed: wall s | peak RSS MB | corpus files opened |"
  echo "|---|---|---|---|---|---|"
  printf '%s' "$incr_rows"
  echo
  echo "## Scaling (target: time and size grow with the corpus ±20%; query latency sub-linearly)"
  echo
  echo "Ratios in brackets are against the first scale of the run; CPU time is the steadier measure"
  echo "of indexing cost on a shared machine."
  echo
  echo "| scale | files | corpus MB | index wall s | index CPU s | index MB | CLI query p50 ms | in-process p50 ms |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s' "$scaling_rows"
  [[ -n $notes ]] && { echo; printf '%s\n' "$notes"; }
} >"$out"
log "wrote $out"
cat "$out"
