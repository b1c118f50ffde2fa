#!/usr/bin/env bash
# Long form of tests/cli/test_stress.sh: 8 processes for 30 s (writers and readers) on one
# database; zero failed commands, zero "database is locked", every acknowledged write present.
# Usage: bench/stress.sh BUILD_DIR [SECONDS]
set -euo pipefail
build=${1:?usage: stress.sh BUILD_DIR [SECONDS]}
here=$(cd "$(dirname "$0")/.." && pwd)
SVCDESK_BIN="$(cd "$build" && pwd)/apps/svcdesk" STRESS_SECONDS=${2:-30} bash "$here/tests/cli/test_stress.sh"
