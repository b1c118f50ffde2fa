#!/usr/bin/env bash
# The whole test suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer in a
# build folder of its own; fails on any failed test and on any sanitizer report, even one from a
# command whose exit code a test did not look at (reports go to log files, checked at the end).
# Usage: scripts/test_sanitized.sh BUILD_DIR JOBS   (run by `make test`)
set -uo pipefail
build=${1:-build-asan}
jobs=${2:-2}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSVCDESK_SANITIZE=ON >/dev/null || exit 1
cmake --build "$build" -j "$jobs" || exit 1
logs="$(cd "$build" && pwd)/sanitizer-logs"
rm -rf "$logs" && mkdir -p "$logs"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:log_path=$logs/asan"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$logs/ubsan"
echo "== test suite under ASan + UBSan ($build)"
(cd "$build" && ctest --output-on-failure -j "$jobs")
rc=$?
if compgen -G "$logs/*" >/dev/null; then
  for f in "$logs"/*; do echo "---- $f"; head -60 "$f"; done
  echo "sanitizer reports: $(ls "$logs" | wc -l) (in $logs)" >&2
  exit 1
fi
exit $rc
