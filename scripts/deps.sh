#!/usr/bin/env bash
# Installs the Debian packages svcdesk needs, and only when one is missing.
# Usage: scripts/deps.sh build|test|fuzz|bench
set -euo pipefail

build_packages=(
  cmake ninja-build g++ pkg-config
  libcli11-dev libfmt-dev libsqlite3-dev libsqlitecpp-dev libtomlplusplus-dev
  nlohmann-json3-dev libhowardhinnant-date-dev libutf8proc-dev doctest-dev tzdata nettle-dev libpq-dev
  lld gettext
)
# clang-14 and its runtimes build the libFuzzer targets that `make test` runs a few seconds each;
# postgresql: the throw-away cluster the suite runs against a second time (tests/pg/cluster.sh);
# locales: the zh_CN.UTF-8 locale the Chinese interface's tests run under (tests/cli/test_locale.sh,
# test_report_html.sh); python3-html5lib checks that the HTML report is valid HTML5.
test_packages=(sqlite3 mandoc python3 python3-icalendar time chromium fonts-noto-cjk python3-pil
               clang-14 libclang-rt-14-dev postgresql locales python3-html5lib)

wanted=("${build_packages[@]}")
[ "${1:-build}" = test ] && wanted+=("${test_packages[@]}")
[ "${1:-build}" = fuzz ] && wanted+=("${test_packages[@]}")
[ "${1:-build}" = bench ] && wanted+=("${test_packages[@]}" taskwarrior hyperfine) # the peers of make bench

sudo=""
[ "$(id -u)" -ne 0 ] && sudo=sudo

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The tests run the CLI under LANG=zh_CN.UTF-8: generate that locale once, when it is missing.
if [ "${1:-build}" != build ] && ! locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\?8'; then
  echo "generating the zh_CN.UTF-8 locale"
  $sudo sed -i -E 's/^# *(zh_CN\.UTF-8 UTF-8)/\1/' /etc/locale.gen
  grep -qx 'zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
  $sudo locale-gen >/dev/null
fi
