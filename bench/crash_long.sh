#!/usr/bin/env bash
# Long form of tests/cli/test_crash.sh: 20 SIGKILLs of a 100,000-row import and 20 of a writer
# loop (close, deposit in/out), db check after each.
# Usage: bench/crash_long.sh BUILD_DIR [KILLS] [ROWS]
set -euo pipefail
build=${1:?usage: crash_long.sh BUILD_DIR [KILLS] [ROWS]}
here=$(cd "$(dirname "$0")/.." && pwd)
SVCDESK_BIN="$(cd "$build" && pwd)/apps/svcdesk" CRASH_KILLS=${2:-20} CRASH_ROWS=${3:-100000} \
  bash "$here/tests/cli/test_crash.sh"
