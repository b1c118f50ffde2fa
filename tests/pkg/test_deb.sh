#!/usr/bin/env bash
# Installs the Debian package built by `make package` with dpkg, checks it, and purges it.
# Needs root; leaves the machine as it found it. Usage: test_deb.sh BUILD_DIR
set -u
build=${1:?usage: test_deb.sh BUILD_DIR}
deb=$(ls -t "$build"/svcdesk_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "no svcdesk_*.deb in $build: run make package" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "skip: installing a package needs root" >&2; exit 77; }
if dpkg-query -W -f '${Status}' svcdesk 2>/dev/null | grep -q installed; then
  echo "svcdesk is installed already: not touching it" >&2
  exit 1
fi
[ -e /etc/svcdesk/config.toml ] && { echo "/etc/svcdesk/config.toml exists: not touching it" >&2; exit 1; }

failures=0
check() { # check DESCRIPTION CMD...
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what" >&2; failures=$((failures + 1)); fi
}
trap 'dpkg --purge svcdesk >/dev/null 2>&1' EXIT
export SVCDESK_DB=$(mktemp -d)/t.db

echo "package: $deb"
dpkg-deb -f "$deb" Package Version Depends
check "conffile declared" sh -c "dpkg-deb -e '$deb' /tmp/svcdesk-deb-ctl.$$ && grep -qx /etc/svcdesk/config.toml /tmp/svcdesk-deb-ctl.$$/conffiles"
rm -rf "/tmp/svcdesk-deb-ctl.$$"
check "Depends computed by dpkg-shlibdeps" sh -c "dpkg-deb -f '$deb' Depends | grep -q 'libc6 (>='"
check "Depends on tzdata (time zones are read from its files)" sh -c "dpkg-deb -f '$deb' Depends | grep -q 'tzdata'"
check "dpkg -i" dpkg -i "$deb"
check "svcdesk --version" sh -c '/usr/bin/svcdesk --version | grep -q "schema version"'
/usr/bin/svcdesk --version
check "man -w svcdesk" sh -c 'man -w svcdesk | grep -q "^/usr/share/man/man1/svcdesk.1"'
check "man -w svcdesk.toml" sh -c 'man -w 5 svcdesk.toml | grep -q "man5/svcdesk.toml.5"'
check "bash completion installed" test -s /usr/share/bash-completion/completions/svcdesk
check "zsh completion installed" test -s /usr/share/zsh/vendor-completions/_svcdesk
check "docs installed" test -s /usr/share/doc/svcdesk/README.md
check "Chinese catalogue installed" test -s /usr/share/locale/zh_CN/LC_MESSAGES/svcdesk.mo
if locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\?8'; then
  check "the installed binary speaks Chinese" sh -c 'LANG=zh_CN.UTF-8 svcdesk --help | grep -q 用法'
fi
check "default config is a valid layer" /usr/bin/svcdesk config check /etc/svcdesk/config.toml
check "the commented default changes nothing" sh -c '! /usr/bin/svcdesk config show | grep -q "^(/etc"'

# An edited conffile survives a reinstall (dpkg keeps the admin's version).
# (the built-in value, so that tests running meanwhile on this machine see no change)
printf '[limits]\nnote = 4000 # edited\n' >> /etc/svcdesk/config.toml
check "dpkg -i again (upgrade path)" sh -c "dpkg -i --force-confold '$deb' >/dev/null"
check "edited config kept" grep -q '^note = 4000 # edited' /etc/svcdesk/config.toml
check "config show names /etc" sh -c '/usr/bin/svcdesk config show | grep -q "^(/etc /etc/svcdesk/config.toml:[0-9]*) limits.note = 4000"'

check "dpkg --purge" dpkg --purge svcdesk
check "binary gone" test ! -e /usr/bin/svcdesk
check "conffile gone after purge" test ! -e /etc/svcdesk/config.toml
check "no files left in the dpkg database" sh -c '! dpkg -L svcdesk >/dev/null 2>&1'
trap - EXIT
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
