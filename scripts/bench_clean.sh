#!/usr/bin/env bash
# Throughput of `sozdik clean` (all formats) and of `sozdik freq` with the
# machine-learning reports, against plain `sozdik freq`, on the same corpus.
#
#   scripts/bench_clean.sh [MB] [RUNS] [DATA]   (default: 80 MB, 3 runs, bench-data; medians)
#
# The corpus is a folder of article-sized .txt files made by scripts/prepare_bench.py
# (from ../shared/corpus when present). The issue's bar: `clean --format text` runs at
# no less than 80% of freq's throughput. Output files go to a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-80}
RUNS=${2:-3}
DATA=${3:-bench-data}
TARGET=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
python3 scripts/prepare_bench.py "$DATA" "$MB"
BIN=$TARGET/release/sozdik
IN=$DATA/folder
BYTES=$(find "$IN" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

declare -A SECS CPU RSS
source scripts/timing.sh

NAMES=()
bench() { NAMES+=("$1"); run "$@"; }
for t in 1 2; do
    bench "freq, $t thr" "$BIN" freq "$IN" -o "$TMP/f$t" --quiet --threads $t
    bench "clean text, $t thr" "$BIN" clean "$IN" -o "$TMP/c$t.txt" --quiet --threads $t
done
bench "clean text --stem, 2 thr" "$BIN" clean "$IN" -o "$TMP/s.txt" --quiet --stem --threads 2
bench "clean --per sentence, 2 thr" "$BIN" clean "$IN" -o "$TMP/p.txt" --quiet --per sentence --threads 2
bench "clean jsonl, 2 thr" "$BIN" clean "$IN" -o "$TMP/j.jsonl" --quiet --format jsonl --threads 2
bench "clean conllu, 2 thr" "$BIN" clean "$IN" -o "$TMP/u.conllu" --quiet --format conllu --threads 2
bench "freq +matrix+kw+ngrams, 2 thr" "$BIN" freq "$IN" -o "$TMP/m" --quiet --threads 2 \
    --matrix --keywords 10 --ngrams 2,3
cmp -s "$TMP/c1.txt" "$TMP/c2.txt" || { echo "clean output differs between 1 and 2 threads" >&2; exit 1; }

mbs() { awk -v b="$BYTES" -v s="$1" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "corpus: $(awk -v b="$BYTES" 'BEGIN { printf "%.1f MB", b / 1e6 }'), $(find "$IN" -name '*.txt' | wc -l) files; median of $RUNS runs"
echo
printf '| %-30s | %8s | %8s | %9s | %8s |\n' "run" "seconds" "MB/s" "vs. freq" "peak MB"
printf '|%s|%s|%s|%s|%s|\n' "--------------------------------" "----------" "----------" "-----------" "----------"
for name in "${NAMES[@]}"; do
    t=${name##*, }
    base=${SECS["freq, $t"]}
    printf '| %-30s | %8s | %8s | %8s%% | %8s |\n' "$name" "${SECS[$name]}" "$(mbs "${SECS[$name]}")" \
        "$(awk -v a="$base" -v b="${SECS[$name]}" 'BEGIN { printf "%.0f", 100 * a / b }')" "$(( ${RSS[$name]} / 1024 ))"
done
