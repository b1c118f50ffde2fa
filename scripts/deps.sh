#!/usr/bin/env bash
# Installs the Debian packages svcdesk needs, and only when one is missing.
# Usage: scripts/deps.sh build|test|fuzz|bench
set -euo pipefail

build_packages=(
  cmake ninja-build g++ pkg-config
  libcli11-dev libfmt-dev libsqlite3-dev libsqlitecpp-dev libtomlplusplus-dev
  nlohmann-json3-dev libhowardhinnant-date-dev libutf8proc-dev doctest-dev tzdata nettle-dev libpq-dev
  lld
)
# clang-14 and its runtimes build the libFuzzer targets that `make test` runs a few seconds each;
# postgresql: the throw-away cluster the suite runs against a second time (tests/pg/cluster.sh).
# The HTML report's test: python3-html5lib checks it is valid HTML5, gettext's msgfmt compiles the
# Chinese catalogue, locales generates zh_CN.UTF-8 (tests/cli/test_report_html.sh).
test_packages=(sqlite3 mandoc python3 python3-icalendar time chromium fonts-noto-cjk python3-pil
               clang-14 libclang-rt-14-dev postgresql python3-html5lib gettext locales)

wanted=("${build_packages[@]}")
[ "${1:-build}" = test ] && wanted+=("${test_packages[@]}")
[ "${1:-build}" = fuzz ] && wanted+=("${test_packages[@]}")
[ "${1:-build}" = bench ] && wanted+=("${test_packages[@]}" taskwarrior hyperfine) # the peers of make bench

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
