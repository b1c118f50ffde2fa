#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 60) from the seed corpus in fuzz/corpus/;
# new inputs go to BUILD/fuzz-corpus, crashes to BUILD/fuzz-crashes (each becomes a regression
# test). Prints the executions of each target; exits 1 on the first crash, leak or timeout.
# Usage: fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]
set -uo pipefail
build=${1:?usage: fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]}
seconds=${2:-60}
shift $(($# < 2 ? $# : 2))
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(csv time config import)
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$build/fuzz-crashes"
status=0 passed=0 failed=0
for t in "${targets[@]}"; do
  mkdir -p "$build/fuzz-corpus/$t"
  log="$build/fuzz-crashes/$t.log"
  rm -f "$build/fuzz-crashes/$t-"* # the inputs of an earlier run's failure
  echo "== fuzz_$t for ${seconds} s"
  "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=65536 -timeout=30 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$build/fuzz-crashes/$t-" \
    "$build/fuzz-corpus/$t" "$here/corpus/$t" >"$log" 2>&1
  rc=$?
  grep -E '^(#[0-9]+ +DONE|Done [0-9]+ runs|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)' "$log"
  if [ $rc -ne 0 ] || compgen -G "$build/fuzz-crashes/$t-*" >/dev/null; then
    echo "fuzz_$t: failed (exit $rc); log $log, inputs in $build/fuzz-crashes" >&2
    tail -40 "$log" >&2
    status=1 failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
echo "fuzz targets: $passed passed, $failed failed"
exit $status
