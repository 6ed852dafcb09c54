#!/usr/bin/env bash
# Corpus throughput of `sozdik freq` against a Python Counter baseline, in one run.
#
#   scripts/bench.sh [MB] [RUNS]      (default: 100 MB, 3 rounds; medians are reported)
#
# Builds sozdik in release mode, prepares a benchmark corpus in bench-data/ (from
# ../shared/corpus when present, else generated from data/articles), then times
# `sozdik freq` with 1 and 2 threads on a folder of .txt files, on the same text as one
# big file and as one JSONL file (a record a document, also gzipped), and the baseline
#   collections.Counter(re.findall(r'\w+', text.lower()))
# on the big file, each once a round for RUNS rounds; the big file also with the default
# flags (duplicates looked for). Prints MB/s, processor seconds, the
# ratios to the baseline, and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-100}
RUNS=${2:-3}
DATA=bench-data
cargo build --release --quiet
python3 scripts/prepare_bench.py "$DATA" "$MB"
# The JSONL file gzipped, as corpora are often kept: one stream, inflated by one thread.
[[ "$DATA/big.jsonl.gz" -nt "$DATA/big.jsonl" ]] || gzip -6 -c "$DATA/big.jsonl" >"$DATA/big.jsonl.gz"
BIN=${CARGO_TARGET_DIR:-target}/release/sozdik
BYTES=$(stat -c %s "$DATA/big.txt")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

declare -A SECS CPU RSS ROUNDS
source scripts/timing.sh

cat >"$TMP/baseline.py" <<'PY'
import collections, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
c = collections.Counter(re.findall(r"\w+", text.lower()))
print(len(c))
PY

# Every command reads its input from the page cache (the kernel of a virtual machine may
# evict pages it has not seen used for a few seconds, and a read from the disk would
# time the disk), but the cold run: the folder read from the disk, when this script may
# empty the page cache (as root).
warm() {
    if [[ ${COLD:-} ]]; then
        sync && echo 3 >/proc/sys/vm/drop_caches
    else
        cat "$DATA/big.txt" "$DATA/big.jsonl" "$DATA/big.jsonl.gz" >/dev/null
        find "$DATA/folder" -type f -exec cat {} + >/dev/null
    fi
}
COLD_ROWS=()
if (sync && echo 3 >/proc/sys/vm/drop_caches) 2>/dev/null; then COLD_ROWS=("folder cold, 2 threads"); fi

# --no-dedup: the corpus may repeat its source to reach the size asked for, and every byte
# must be counted for the throughput to mean anything. Memory is bounded by the
# vocabulary: the folder given ten times reads ten times the text.
for _ in $(seq "$RUNS"); do
    once python python3 "$TMP/baseline.py" "$DATA/big.txt"
    once "folder, 1 thread" "$BIN" freq "$DATA/folder" -o "$TMP/r1" --threads 1 --quiet --no-dedup
    once "folder, 2 threads" "$BIN" freq "$DATA/folder" -o "$TMP/r2" --threads 2 --quiet --no-dedup
    once "big file, 1 thread" "$BIN" freq "$DATA/big.txt" -o "$TMP/r3" --threads 1 --quiet --no-dedup
    once "big file, 2 threads" "$BIN" freq "$DATA/big.txt" -o "$TMP/r4" --threads 2 --quiet --no-dedup
    # The default flags, duplicates looked for: the big file is one document, so every
    # byte is still counted, and fingerprinted too.
    once "big dedup, 1 thread" "$BIN" freq "$DATA/big.txt" -o "$TMP/r11" --threads 1 --quiet
    once "big dedup, 2 threads" "$BIN" freq "$DATA/big.txt" -o "$TMP/r12" --threads 2 --quiet
    once "JSONL, 1 thread" "$BIN" freq "$DATA/big.jsonl" -o "$TMP/r7" --threads 1 --quiet --no-dedup
    once "JSONL, 2 threads" "$BIN" freq "$DATA/big.jsonl" -o "$TMP/r8" --threads 2 --quiet --no-dedup
    once "JSONL gzip, 1 thread" "$BIN" freq "$DATA/big.jsonl.gz" -o "$TMP/r9" --threads 1 --quiet --no-dedup
    once "JSONL gzip, 2 threads" "$BIN" freq "$DATA/big.jsonl.gz" -o "$TMP/r10" --threads 2 --quiet --no-dedup
    once "folder x10, 2 threads" "$BIN" freq $(for _ in $(seq 10); do echo "$DATA/folder"; done) -o "$TMP/r5" --threads 2 --quiet --no-dedup
    for name in "${COLD_ROWS[@]}"; do
        COLD=1 once "$name" "$BIN" freq "$DATA/folder" -o "$TMP/r6" --threads 2 --quiet --no-dedup
    done
done
medians
cmp -s "$TMP/r1/words.csv" "$TMP/r2/words.csv" && cmp -s "$TMP/r1/stems.csv" "$TMP/r2/stems.csv" \
    && cmp -s "$TMP/r7/words.csv" "$TMP/r8/words.csv" && cmp -s "$TMP/r7/documents.csv" "$TMP/r8/documents.csv" \
    && cmp -s "$TMP/r3/words.csv" "$TMP/r11/words.csv" && cmp -s "$TMP/r11/stems.csv" "$TMP/r12/stems.csv" \
    && cmp -s "$TMP/r7/words.csv" "$TMP/r9/words.csv" && cmp -s "$TMP/r9/stems.csv" "$TMP/r10/stems.csv" \
    || { echo "reports differ between 1 and 2 threads, or between the JSONL file and its gzip" >&2; exit 1; }

mbs() { awk -v b="$BYTES" -v s="$1" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "corpus: $(awk -v b="$BYTES" 'BEGIN { printf "%.1f MB", b / 1e6 }') ($(cat "$DATA/STAMP" | cut -d' ' -f1)), $(find "$DATA/folder" -name '*.txt' | wc -l) files (and as many JSONL records, $(awk -v b="$(stat -c %s "$DATA/big.jsonl")" 'BEGIN { printf "%.1f MB", b / 1e6 }')); median of $RUNS rounds, each command once a round"
echo "MB/s: megabytes of text (the big file's size) a second, in every row"
echo
# MB per cpu s: the bytes over the processor seconds the run took on all its threads
# (the workers, and the thread that reads the input ahead of them).
printf '| %-22s | %8s | %8s | %8s | %10s | %11s | %10s |\n' "run" "seconds" "cpu s" "MB/s" "MB/cpu s" "vs. python" "peak MB"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "------------------------" "----------" "----------" "----------" "------------" "-------------" "------------"
base=$(mbs "${SECS[python]}")
for name in python "folder, 1 thread" "folder, 2 threads" "big file, 1 thread" "big file, 2 threads" "big dedup, 1 thread" "big dedup, 2 threads" "JSONL, 1 thread" "JSONL, 2 threads" "JSONL gzip, 1 thread" "JSONL gzip, 2 threads" "folder x10, 2 threads" "${COLD_ROWS[@]}"; do
    m=$(mbs "${SECS[$name]}")
    c=$(mbs "${CPU[$name]}")
    if [[ $name == *x10* ]]; then
        m=$(awk -v m="$m" 'BEGIN { printf "%.1f", m * 10 }')
        c=$(awk -v m="$c" 'BEGIN { printf "%.1f", m * 10 }')
    fi
    printf '| %-22s | %8s | %8s | %8s | %10s | %10sx | %10s |\n' "$name" "${SECS[$name]}" "${CPU[$name]}" "$m" "$c" \
        "$(awk -v a="$m" -v b="$base" 'BEGIN { printf "%.1f", a / b }')" "$(( ${RSS[$name]} / 1024 ))"
done
echo
echo "memory, folder x10 / folder: $(awk -v a="${RSS["folder x10, 2 threads"]}" -v b="${RSS["folder, 2 threads"]}" 'BEGIN { printf "%.2f", a / b }')x"
ratio() { awk -v a="${SECS["$1, 1 thread"]}" -v b="${SECS["$1, 2 threads"]}" 'BEGIN { printf "%.2f", a / b }'; }
echo "scaling, 2 threads / 1 thread: folder $(ratio folder)x, big file $(ratio "big file")x, big file with dedup $(ratio "big dedup")x, JSONL $(ratio JSONL)x, JSONL gzip $(ratio "JSONL gzip")x"
