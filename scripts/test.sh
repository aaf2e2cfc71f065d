#!/bin/sh
# test.sh: installs what is missing, builds, and runs the whole test suite:
# once in a normal build (build/), once with AddressSanitizer and
# UndefinedBehaviorSanitizer (build-sanitize/).
set -e
cd "$(dirname "$0")/.."
sh scripts/deps.sh test
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$jobs"
# the benchmarks are not run here, but they must keep building
cmake --build build -j"$jobs" --target bench_core bench_draw
ctest --test-dir build --output-on-failure -j"$jobs"
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DSELFCHECK_SANITIZE=ON
cmake --build build-sanitize -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-sanitize --output-on-failure -j"$jobs"
# the optimised build (-O3, what a package may use) must compile too: gcc
# warns there of what -O2 does not see, and warnings are errors
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release
cmake --build build-release -j"$jobs"
# a short libFuzzer pass over every parser (clang); a long campaign: docs/testing.md
sh scripts/fuzz.sh 60
