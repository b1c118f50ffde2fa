#!/usr/bin/env bash
# The sanitizer tree: one build folder, clang-14 at -O1 with AddressSanitizer and
# UndefinedBehaviorSanitizer, the libFuzzer targets built in it too. ctest there runs the unit
# tests, the repository suite on a throw-away PostgreSQL cluster, each fuzz target FUZZ_SECONDS,
# and the CLI scripts on SQLite but those labelled gcc_only (`ctest -LE gcc_only`): the load tests,
# which the GCC tree runs at full size, and the scripts where the sanitizers add little
# (tests/CMakeLists.txt gives the list and the reasons).
# Fails on any failed test and on any sanitizer report, even one from a command whose exit code a
# test did not look at (reports go to log files, checked at the end).
# The PostgreSQL CLI scripts do not run here: the code they reach beyond the SQLite run is the
# driver, which the repository suite drives through every operation, and the server's side
# (locks, COPY, rollback of a killed session), which no sanitizer of ours sees.
# Usage: scripts/test_sanitized.sh BUILD_DIR JOBS [FUZZ_SECONDS]       (`make test`)
#        scripts/test_sanitized.sh BUILD_DIR JOBS SECONDS --fuzz-only  (`make fuzz`: the fuzz
#        targets only, each SECONDS)
#        scripts/test_sanitized.sh BUILD_DIR JOBS SECONDS --build-only (configure and build:
#        `make test` builds the tree while the suite of the other tree runs)
# CMAKE_FLAGS: extra configure flags.
set -uo pipefail
build=${1:-build-san}
jobs=${2:-2}
fuzz_seconds=${3:-5}
mode=${4:-all}

# -O1: ASan's recommended level, several times faster than -O0 at run time; line tables are all
# a sanitizer report needs to name file and line.
# shellcheck disable=SC2086
CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
  -DSVCDESK_SANITIZE=ON -DSVCDESK_FUZZ=ON -DSVCDESK_TEST_PG_CLI=OFF -DSVCDESK_UNITY=ON \
  -DSVCDESK_FUZZ_TEST_SECONDS="$fuzz_seconds" ${CMAKE_FLAGS:-} >/dev/null || exit 1

if [ "$mode" = --fuzz-only ]; then
  cmake --build "$build" -j "$jobs" --target fuzz_csv fuzz_time fuzz_config fuzz_import || exit 1
  echo "== fuzz targets, ${fuzz_seconds} s each ($build)"
  exec bash fuzz/run.sh "$build" "$fuzz_seconds"
fi

cmake --build "$build" -j "$jobs" || exit 1
[ "$mode" = --build-only ] && exit 0
logs="$(cd "$build" && pwd)/sanitizer-logs"
rm -rf "$logs" && mkdir -p "$logs"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:log_path=$logs/asan"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$logs/ubsan"
echo "== test suite and fuzz targets under ASan + UBSan ($build)"
(cd "$build" && ctest --output-on-failure -j "$jobs" -LE gcc_only)
rc=$?
if compgen -G "$logs/*" >/dev/null; then
  for f in "$logs"/*; do echo "---- $f"; head -60 "$f"; done
  echo "sanitizer reports: $(ls "$logs" | wc -l) (in $logs)" >&2
  exit 1
fi
exit $rc
