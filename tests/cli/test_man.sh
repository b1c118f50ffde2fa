#!/usr/bin/env bash
# The man page is complete and lint-clean, and documents every command the binary has.
source "$(dirname "$0")/lib.sh"

page="$SVCDESK_SOURCE/man/svcdesk.1"
# mandoc is a test dependency (scripts/deps.sh test installs it): without it the lint fails.
if command -v mandoc >/dev/null; then
  lint=$(mandoc -Tlint "$page" 2>&1 | grep -v 'mandoc.db')
  expect_eq "$lint" "" "mandoc -Tlint reports nothing"
else
  failed "mandoc is not installed, the page cannot be linted (scripts/deps.sh test installs it)"
fi

# Every subcommand listed in --help appears in the man page as a command.
for cmd in $(sd --help | awk '/^Subcommands:/{on=1; next} on && NF {print $1}'); do
  if grep -q "^\.It Ic $cmd\b\|^\.Ic $cmd\b\|^\.It Ic .*$cmd" "$page"; then pass; else failed "man page lacks command $cmd"; fi
done
finish
