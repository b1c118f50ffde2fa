#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 60) from the seed corpus in fuzz/corpus/;
# new inputs go to BUILD/fuzz-corpus, crashes to BUILD/fuzz-crashes (each becomes a regression
# test). Usage: fuzz/run.sh BUILD_DIR [SECONDS]
set -euo pipefail
build=${1:?usage: fuzz/run.sh BUILD_DIR [SECONDS]}
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$build/fuzz-crashes"
for t in csv time config; do
  mkdir -p "$build/fuzz-corpus/$t"
  echo "== fuzz_$t for ${seconds} s"
  "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=65536 -artifact_prefix="$build/fuzz-crashes/$t-" \
    "$build/fuzz-corpus/$t" "$here/corpus/$t" 2>&1 | grep -E '^(#[0-9]+ +DONE|Done|==[0-9]+==ERROR|SUMMARY)' || true
  if compgen -G "$build/fuzz-crashes/$t-*" >/dev/null; then echo "fuzz_$t: crash found, see $build/fuzz-crashes" >&2; exit 1; fi
done
