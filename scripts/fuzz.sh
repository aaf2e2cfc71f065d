#!/bin/sh
# fuzz.sh: a short libFuzzer pass over every parser harness (build-fuzz/,
# clang with -fsanitize=fuzzer,address,undefined). The seeds are
# tests/fuzz/seeds (the first byte of each chooses the parser); what the run
# learns goes to a temporary corpus and is dropped. A crash fails the run and
# its input is kept in tests/fuzz/crashes/, which the ordinary build replays
# in ctest (fuzz_replay) once it is committed: every crash found becomes a
# regression test.
# Usage: sh scripts/fuzz.sh [SECONDS]   (default 60; a long campaign: 3600 or more)
set -e
cd "$(dirname "$0")/.."
seconds=${1:-60}
jobs=$(nproc 2>/dev/null || echo 2)
CC=clang cmake -S . -B build-fuzz -DSELFCHECK_FUZZ=ON -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$jobs" --target fuzz_parsers >/dev/null
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
mkdir -p tests/fuzz/crashes
status=0
build-fuzz/fuzz_parsers -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=tests/fuzz/crashes/ -print_final_stats=1 \
    "$corpus" tests/fuzz/seeds >"$corpus.log" 2>&1 || status=$?
grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$corpus.log" || true
if [ "$status" -ne 0 ]; then
    tail -60 "$corpus.log"
    echo "fuzz: the harness failed (exit $status); the input is in tests/fuzz/crashes/"
    rm -f "$corpus.log"
    exit 1
fi
rm -f "$corpus.log"
echo "fuzz: no crash in ${seconds} s"
