#!/usr/bin/env bash
# Fuzz the core with libFuzzer for N minutes per target.
#
# mailteach - a Wireshark plugin that explains SMTP, POP3 and IMAP
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   bash fuzz/run.sh [-m MINUTES] [-j PARALLEL] [TARGET...]
#
# Builds build-fuzz/ with clang (ASan + UBSan + libFuzzer), makes the
# seeds and dictionaries from captures/ (fuzz/make_seeds.py), then runs
# each target (default: every fuzz/fuzz_*.c) for MINUTES (default 10),
# PARALLEL targets at a time (default 1). The growing corpus is kept in
# build-fuzz/fuzz/work/<target>/, crash inputs in
# build-fuzz/fuzz/artifacts/<target>/, logs in build-fuzz/fuzz/logs/.
# Prints one line per target: executions, coverage (libFuzzer's edge
# counter "cov" and feature counter "ft"), corpus size and findings.
# Exit status 1 if any target found a crash, leak, timeout or
# sanitizer report. A found input goes to fuzz/regress/<target>/ with
# its fix, so the replay test keeps it fixed.
set -eu
cd "$(dirname "$0")/.."
SRC=$PWD
MINUTES=10
PARALLEL=1
while getopts m:j: opt; do
    case $opt in
        m) MINUTES=$OPTARG ;;
        j) PARALLEL=$OPTARG ;;
        *) sed -n '2,20p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))

B=$SRC/build-fuzz
CC=${CC:-$(command -v clang-14 || command -v clang)}
if [ ! -f "$B/CMakeCache.txt" ]; then
    cmake -S "$SRC" -B "$B" -DCMAKE_C_COMPILER="$CC" -DMAILTEACH_FUZZ=ON \
          -DMAILTEACH_PLUGIN=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
if [ $# -eq 0 ]; then
    set -- $(cd "$SRC/fuzz" && ls fuzz_*.c | sed 's/\.c$//')
fi
# only the fuzz targets: the unit tests are built and run by gcc (ctest),
# and clang's extra warnings there are not the fuzzer's business
cmake --build "$B" -j2 --target "$@" >/dev/null

SEEDS=$B/fuzz/seeds
if [ ! -d "$SEEDS" ] || [ -n "$(find "$SRC/captures" "$SRC/plugin/core" -newer "$SEEDS" -name '*.pcapng' -o -newer "$SEEDS" -name '*_catalog.c' | head -1)" ]; then
    rm -rf "$SEEDS"
    python3 "$SRC/fuzz/make_seeds.py" "$SEEDS" --dictgen "$B/fuzz/mt_fuzz_dict" 2>/dev/null
fi

max_len() {
    case $1 in
        fuzz_catalog) echo 256 ;;
        fuzz_detect) echo 2048 ;;
        fuzz_text) echo 8192 ;;
        *) echo 65536 ;;
    esac
}

run_one() {
    local t=$1 work=$B/fuzz/work/$1 art=$B/fuzz/artifacts/$1/ log=$B/fuzz/logs/$1.log
    local dict=() inputs=()
    mkdir -p "$work" "$art" "$B/fuzz/logs"
    [ -f "$SEEDS/$t.dict" ] && dict=(-dict="$SEEDS/$t.dict")
    for d in "$SEEDS/$t" "$SRC/fuzz/corpus/$t" "$SRC/fuzz/regress/$t"; do
        [ -d "$d" ] && inputs+=("$d")
    done
    # -timeout: one input may take 10 s at most (a slow input is a bug:
    # mailteach runs inside the user's Wireshark); -rss_limit_mb: 2 GB.
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$B/fuzz/$t" "${dict[@]}" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
        -max_total_time=$((MINUTES * 60)) -print_final_stats=1 -artifact_prefix="$art" \
        "$work" "${inputs[@]}" >"$log" 2>&1 || true
    summarize "$t"
}

summarize() {
    local t=$1 log=$B/fuzz/logs/$1.log
    local execs cov ft corp found
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    corp=$(ls "$B/fuzz/work/$t" | wc -l)
    found=$(grep -cE '^==[0-9]+==ERROR|runtime error:|broken invariant|ALARM: working on the last Unit|out-of-memory|deadly signal' "$log" || true)
    printf '%-20s %6s min  execs %-11s cov %-6s ft %-7s corpus %-6s findings %s\n' \
        "$t" "$MINUTES" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$corp" "$found"
}

status=0
running=0
for t in "$@"; do
    [ -x "$B/fuzz/$t" ] || { echo "no fuzz target $t" >&2; exit 2; }
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$PARALLEL" ]; then
        wait -n || true
        running=$((running - 1))
    fi
done
wait
for t in "$@"; do
    if grep -qE '^==[0-9]+==ERROR|runtime error:|broken invariant|ALARM: working on the last Unit|out-of-memory|deadly signal' "$B/fuzz/logs/$t.log"; then
        echo "$t: see $B/fuzz/logs/$t.log and $B/fuzz/artifacts/$t/" >&2
        status=1
    fi
done
exit $status
