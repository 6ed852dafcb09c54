# Timing for the benchmark scripts, sourced by them.
#
# run NAME CMD...: runs CMD $RUNS times, its output discarded; records in SECS[NAME] the
# median wall-clock seconds and in RSS[NAME] the largest peak resident memory (KB), both
# from /usr/bin/time. Stops the script, printing CMD's errors, if CMD fails. The caller
# sets RUNS and TMP (a scratch folder) and declares `declare -A SECS RSS`.
run() {
    local name=$1; shift
    local times=() peak=0
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M" -o "$TMP/time" "$@" >/dev/null 2>"$TMP/err" || { cat "$TMP/err"; exit 1; }
        read -r s m <"$TMP/time"
        times+=("$s")
        (( m > peak )) && peak=$m
    done
    SECS[$name]=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    RSS[$name]=$peak
}
