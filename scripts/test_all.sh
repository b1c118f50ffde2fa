#!/usr/bin/env bash
# `make test`, in three timed phases:
#   build             the packages the tests need (scripts/deps.sh test), then the build of what
#                     the CLI scripts run (target cli_suite; a new tree is configured with unity
#                     batches, cmake/BuildSpeed.cmake)
#   suite             ctest in BUILD: the PostgreSQL-specific CLI scripts on a throw-away cluster,
#                     and the CLI scripts labelled `gcc` or `gcc_only` on SQLite (the core loop and
#                     the reports; the load tests at full size; the output judged by outside tools
#                     and the rules that run on PostgreSQL too: tests/CMakeLists.txt)
#   sanitizers+fuzz   the clang ASan + UBSan tree: the tests labelled `unit` (unit tests, the
#                     repository suite on PostgreSQL too, CSV conformance), the CLI scripts on
#                     SQLite but those labelled `gcc_only`, and the fuzz targets
#                     (scripts/test_sanitized.sh). The tree is built in the background, at a
#                     lower priority, from the end of deps.sh on, through the GCC build and the
#                     suite, whose scripts leave about one of two cores idle.
# Each CLI script runs at least once: in the sanitizer tree (label sanitized_only), in the GCC tree
# (gcc_only) or in both (gcc).
# A failed suite does not stop the sanitizer phase, so that one run reports everything. At the
# end: each phase's wall time, then one line `N passed, N failed` over both ctest runs.
# Usage: scripts/test_all.sh BUILD SAN_BUILD JOBS FUZZ_SECONDS
#        (BUILD_TYPE and CMAKE_FLAGS from the environment, as make passes them)
set -uo pipefail
build=${1:-build}
san=${2:-build-san}
jobs=${3:-2}
fuzz_seconds=${4:-5}
cd "$(dirname "$0")/.." || exit 1
out=$(mktemp -d "${TMPDIR:-/tmp}/svcdesk-make-test.XXXXXX")
trap 'rm -rf "$out"' EXIT

# cpu: sets CPU to the CPU seconds (user + system) of every finished child so far (the shell's
# `times`, which must run in this shell, not in a $(...) subshell).
cpu() {
  times >"$out/times"
  CPU=$(tail -1 "$out/times" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] } printf "%d", s }')
}
times=()
total_start=$SECONDS
cpu
total_cpu=$CPU
# phase NAME CMD...: runs CMD, keeps its wall time (and the CPU time of its processes: on a shared
# machine, CPU / 2 is what the phase would take on 2 idle cores), returns its exit code.
phase() {
  local name=$1 start=$SECONDS start_cpu rc
  cpu
  start_cpu=$CPU
  shift
  "$@"
  rc=$?
  cpu
  times+=("phase $name: $((SECONDS - start)) s (CPU $((CPU - start_cpu)) s)$([ $rc -eq 0 ] || echo ", failed, exit $rc")")
  return $rc
}
# The sanitizer tree is built in the background from the moment the packages are there, at a
# lower priority: it takes the cycles the GCC build (its configure, its links) and then the suite
# leave idle, and its build is the longest step of make test.
san_build=
start_sanitizer_build() {
  local san_start=$SECONDS
  (nice -n 10 bash scripts/test_sanitized.sh "$san" "$jobs" "$fuzz_seconds" --build-only \
    >"$out/san-build.log" 2>&1
   echo "$((SECONDS - san_start))" >"$out/san-build.seconds") &
  san_build=$!
}
build_tree() {
  bash scripts/deps.sh test || return 1
  start_sanitizer_build
  if [ ! -f "$build/build.ninja" ]; then
    # shellcheck disable=SC2086
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" -DSVCDESK_UNITY=ON \
      ${CMAKE_FLAGS:-} || return 1
  fi
  cmake --build "$build" -j "$jobs" --target cli_suite
}
# The GCC tree runs the PostgreSQL tests and the CLI scripts labelled `gcc` and `gcc_only`; every
# other CLI script, and every test labelled `unit`, runs once, in the sanitizer tree
# (tests/CMakeLists.txt, LABELS). The unit tests are not built here (doctest then lists a placeholder, *_NOT_BUILT-*).
suite() {
  (cd "$build" && ctest --output-on-failure -j "$jobs" -LE 'sanitized_only|unit' -E '_NOT_BUILT') 2>&1 |
    tee "$out/suite.log"
}
sanitized() { bash scripts/test_sanitized.sh "$san" "$jobs" "$fuzz_seconds" 2>&1 | tee "$out/sanitized.log"; }

# counts LOG: "passed failed" from ctest's "NN% tests passed, F tests failed out of T" line.
counts() {
  sed -nE 's/^[0-9]+% tests passed, ([0-9]+) tests? failed out of ([0-9]+).*/\2 \1/p' "$1" 2>/dev/null |
    tail -1 | awk '{print $1 - $2, $2}'
}

status=0
passed=0
failed=0
if phase build build_tree; then
  phase suite suite || status=1
  wait "$san_build" # a failed background build is built again (and reported) by the next phase
  times+=("  sanitizer tree built in the background (from the end of deps.sh): $(cat "$out/san-build.seconds" 2>/dev/null || echo '?') s")
  phase sanitizers+fuzz sanitized || status=1
  for log in "$out/suite.log" "$out/sanitized.log"; do
    read -r p f <<<"$(counts "$log")"
    if [ -z "${p:-}" ]; then failed=$((failed + 1)); continue; fi # ctest did not get to its summary
    passed=$((passed + p)) failed=$((failed + f))
  done
  # a sanitizer report in a test whose checks all passed still fails the run
  if grep -q '^sanitizer reports: ' "$out/sanitized.log" && [ "$(counts "$out/sanitized.log" | cut -d' ' -f2)" = 0 ]; then
    failed=$((failed + 1))
  fi
else
  [ -n "$san_build" ] && wait "$san_build"
  status=1
  failed=1
fi

echo
printf '%s\n' "${times[@]}"
total=$((SECONDS - total_start))
cpu
echo "total: $total s ($((total / 60)) min $((total % 60)) s; CPU $((CPU - total_cpu)) s)"
[ $status -eq 0 ] && [ $failed -eq 0 ] || status=1
echo "make test: $passed passed, $failed failed"
exit $status
