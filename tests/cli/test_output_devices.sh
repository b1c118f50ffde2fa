#!/usr/bin/env bash
# Output files that are not regular files: a device (through a symlink to /dev/null), a FIFO,
# /dev/stdout and /dev/stderr. `report --output`, `callback export --ics` and `import
# --reject-file` write them in place and never replace the node. The tests run as root in CI, so
# the real /dev/stdout and /dev/stderr are only used once the harmless symlink and FIFO cases
# have passed; at the end /dev/null must still be a character device.
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=a1

id=$(sd intake --channel phone --category consultation --customer 欧阳娜娜 --phone 13912345678 --subject 咨询)
sd start "$id" >/dev/null && sd resolve "$id" --resolution 已处理 >/dev/null && sd close "$id" >/dev/null
cat >"$TEST_DIR/import.toml" <<'TOML'
[import.profiles.calls]
date_formats = ["%Y-%m-%d %H:%M"]
[import.profiles.calls.columns]
external_ref = "call_id"
created_at = "at"
category = "type"
subject = "type"
channel = "via"
[import.profiles.calls.defaults]
customer = "caller"
TOML
printf 'call_id,at,type,via\nc1,2026-11-20 08:00,consultation,phone\nc2,not a time,consultation,phone\n' >"$TEST_DIR/calls.csv"

# safe_run DESCRIPTION NODE-TEST NODE -- ARGS...: runs svcdesk (exit 0 expected) and checks that
# NODE still passes `test NODE-TEST` (a symlink: -L, a FIFO: -p).
ok=1
safe_run() {
  local what=$1 kind=$2 node=$3
  shift 4
  run "$@"
  if [ "$RC" -ne 0 ] && [ "$RC" -ne 4 ]; then failed "$what: exit $RC"; ok=0; fi
  if test "$kind" "$node"; then pass; else failed "$what: $node was replaced"; ok=0; fi
  expect_eq "$(ls -A "$(dirname "$node")" | grep -c '\.tmp')" "0" "$what: no temp file beside it"
}

# ---- a symlink to a device
ln -s /dev/null "$TEST_DIR/sink"
safe_run "report --output to a device" -L "$TEST_DIR/sink" -- report daily --output "$TEST_DIR/sink"
safe_run "export --ics to a device" -L "$TEST_DIR/sink" -- callback export --ics "$TEST_DIR/sink"
safe_run "reject file on a device" -L "$TEST_DIR/sink" -- --config "$TEST_DIR/import.toml" \
  import "$TEST_DIR/calls.csv" --profile calls --skip-invalid --reject-file "$TEST_DIR/sink"
expect_eq "$RC" "4" "the import skipped the invalid row"

# ---- a FIFO: the reader gets the whole content
mkfifo "$TEST_DIR/pipe"
read_fifo() { timeout 20 cat "$TEST_DIR/pipe" >"$TEST_DIR/from-pipe" & } # no hang if the FIFO was replaced
read_fifo
safe_run "export --ics to a FIFO" -p "$TEST_DIR/pipe" -- callback export --ics "$TEST_DIR/pipe"
wait
expect_eq "$(head -n 1 "$TEST_DIR/from-pipe" | tr -d '\r')" "BEGIN:VCALENDAR" "the FIFO reader got the calendar"
expect_eq "$(tail -n 1 "$TEST_DIR/from-pipe" | tr -d '\r')" "END:VCALENDAR" "... all of it"
read_fifo
safe_run "reject file to a FIFO" -p "$TEST_DIR/pipe" -- --config "$TEST_DIR/import.toml" \
  import "$TEST_DIR/calls.csv" --profile calls --skip-invalid --reject-file "$TEST_DIR/pipe"
wait
expect_eq "$(cat "$TEST_DIR/from-pipe")" "$(printf 'call_id,at,type,via\nc2,not a time,consultation,phone')" \
  "the FIFO reader got the header and the rejected row"
read_fifo
safe_run "report to a FIFO" -p "$TEST_DIR/pipe" -- report daily --format csv --output "$TEST_DIR/pipe"
wait
[ -s "$TEST_DIR/from-pipe" ] && pass || failed "the FIFO reader got the report"

# ---- the real /dev/stdout and /dev/stderr, only when the cases above kept their nodes
if [ "$ok" -eq 1 ]; then
  run --quiet callback export --ics /dev/stdout
  expect_eq "$RC" "0" "export --ics /dev/stdout"
  expect_eq "$(head -n 1 <<<"$OUT" | tr -d '\r')" "BEGIN:VCALENDAR" "the calendar is on standard output"
  run --config "$TEST_DIR/import.toml" import "$TEST_DIR/calls.csv" --profile calls --skip-invalid --reject-file /dev/stderr
  expect_eq "$RC" "4" "import --reject-file /dev/stderr"
  expect_contains "$ERR" "c2,not a time,consultation,phone" "the rejected row is on standard error"
  # Standard output redirected (>>) to a regular file: the output is appended, not written over.
  echo "first line" >"$TEST_DIR/appended.txt"
  sd --quiet callback export --ics /dev/stdout >>"$TEST_DIR/appended.txt"
  expect_eq "$(head -n 1 "$TEST_DIR/appended.txt")" "first line" "/dev/stdout >> FILE appends"
  expect_eq "$(sed -n 2p "$TEST_DIR/appended.txt" | tr -d '\r')" "BEGIN:VCALENDAR" "... after what was there"
  sd report daily --format csv --output /dev/stderr 2>>"$TEST_DIR/appended.txt"
  expect_eq "$(head -n 1 "$TEST_DIR/appended.txt")" "first line" "/dev/stderr 2>> FILE appends"
fi
test -L /dev/stdout && test -L /dev/stderr && pass || failed "/dev/stdout or /dev/stderr is no longer a symlink"
test -c /dev/null && pass || failed "/dev/null is no longer a character device"
finish
