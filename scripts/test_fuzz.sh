#!/usr/bin/env bash
# The libFuzzer targets (fuzz/) built by clang with ASan + UBSan in a build folder of their own,
# each run SECONDS (default 5) from the seed corpus: a smoke test of `make test` that fails on
# any crash, sanitizer report, leak or timeout. `make fuzz` runs them longer.
# Usage: scripts/test_fuzz.sh BUILD_DIR JOBS [SECONDS]   (CMAKE_FLAGS: extra configure flags)
set -uo pipefail
build=${1:-build-fuzz}
jobs=${2:-2}
seconds=${3:-5}
CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSVCDESK_FUZZ=ON \
  -DSVCDESK_SANITIZE=ON -DSVCDESK_BUILD_TESTS=OFF ${CMAKE_FLAGS:-} >/dev/null || exit 1
cmake --build "$build" -j "$jobs" --target fuzz_csv fuzz_time fuzz_config fuzz_import || exit 1
rm -rf "$build/fuzz-crashes"
echo "== fuzz targets, ${seconds} s each ($build)"
bash fuzz/run.sh "$build" "$seconds"
