# Timing for the benchmark scripts, sourced by them.
#
# once NAME CMD...: runs CMD once (after the caller's `warm`, if it defines one), its
# output discarded, and keeps its times for `medians`. Taking every command once a
# round, for several rounds, spreads the drift of a shared machine over all of them
# instead of letting it fall on one.
once() {
    local name=$1; shift
    # A hook run first, untimed (bench.sh warms the page cache with it).
    if declare -F warm >/dev/null; then warm; fi
    /usr/bin/time -f "%e %M %U %S" -o "$TMP/time" "$@" >/dev/null 2>"$TMP/err" || { cat "$TMP/err"; exit 1; }
    local s m u k
    read -r s m u k <"$TMP/time"
    ROUNDS[$name]+="$s $(awk -v u="$u" -v k="$k" 'BEGIN { printf "%.2f", u + k }');"
    (( m > ${RSS[$name]:-0} )) && RSS[$name]=$m
    return 0
}

# medians: for every NAME timed with `once`, the median wall-clock seconds into
# SECS[NAME] and the processor seconds of that run into CPU[NAME]. The caller declares
# `declare -A SECS CPU RSS ROUNDS`.
medians() {
    local name median
    for name in "${!ROUNDS[@]}"; do
        median=$(printf '%s' "${ROUNDS[$name]}" | tr ';' '\n' | sed '/^$/d' | sort -g | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
        SECS[$name]=${median% *}
        CPU[$name]=${median#* }
    done
}

# run NAME CMD...: runs CMD $RUNS times, its output discarded; records in SECS[NAME] the
# median wall-clock seconds, in CPU[NAME] the processor seconds (user and system) of the
# run with that median, and in RSS[NAME] the largest peak resident memory (KB), all
# from /usr/bin/time. Stops the script, printing CMD's errors, if CMD fails. The caller
# sets RUNS and TMP (a scratch folder) and declares `declare -A SECS CPU RSS`.
run() {
    local name=$1; shift
    local times=() peak=0
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M %U %S" -o "$TMP/time" "$@" >/dev/null 2>"$TMP/err" || { cat "$TMP/err"; exit 1; }
        read -r s m u k <"$TMP/time"
        times+=("$s $(awk -v u="$u" -v k="$k" 'BEGIN { printf "%.2f", u + k }')")
        (( m > peak )) && peak=$m
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
    SECS[$name]=${median% *}
    CPU[$name]=${median#* }
    RSS[$name]=$peak
}
