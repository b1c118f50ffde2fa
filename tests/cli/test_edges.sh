#!/usr/bin/env bash
# Issue 21, safe at the edges: no accidental databases, bounded times, daylight-saving gaps,
# output files (modes, owners, killed runs), mistakes named with a suggestion, and deactivating
# someone who still holds work.
source "$(dirname "$0")/lib.sh"
setup_staff

# ---- only init creates a database
missing="$TEST_DIR/sub/../typo.db"
for cmd in "list" "report daily" "intake --channel phone --category other --customer x --subject y"; do
  # shellcheck disable=SC2086
  expect_exit 1 "$cmd on a missing database" -- --db "$missing" $cmd
  expect_eq "$ERR" "svcdesk: error: no database at $TEST_DIR/typo.db (create it with: svcdesk init)" \
    "$cmd: names the path as resolved and says how to create it"
  [ -e "$TEST_DIR/typo.db" ] && failed "$cmd created a database" || pass
done
SVCDESK_DB="$TEST_DIR/typo.db" run list
expect_eq "$RC" 1 "a cron line whose SVCDESK_DB is wrong fails"
[ -e "$TEST_DIR/typo.db" ] && failed "SVCDESK_DB: a database was created" || pass
expect_exit 0 "init creates it" -- --db "$TEST_DIR/typo.db" init
[ -e "$TEST_DIR/typo.db" ] && pass || failed "init created no database"

# ---- reading commands on a read-only database in a read-only folder (an unprivileged user:
# root ignores file modes)
if ! on_pg && [ "$(id -u)" -eq 0 ] && runuser -u nobody -- test -x "$SVCDESK_BIN" 2>/dev/null; then
  chmod 0711 "$TEST_DIR"
  mkdir -m 0755 "$TEST_DIR/ro"
  sd db backup "$TEST_DIR/ro/svcdesk.db" >/dev/null
  sqlite3 "$TEST_DIR/ro/svcdesk.db" "PRAGMA journal_mode = WAL" >/dev/null # as a live database is
  rm -f "$TEST_DIR/ro/svcdesk.db-wal" "$TEST_DIR/ro/svcdesk.db-shm"
  chmod 0444 "$TEST_DIR/ro/svcdesk.db"
  chmod 0555 "$TEST_DIR/ro"
  as_nobody() { runuser -u nobody -- env SVCDESK_USER=boss HOME=/nonexistent "$SVCDESK_BIN" --db "$TEST_DIR/ro/svcdesk.db" "$@"; }
  as_nobody list >/dev/null 2>"$TEST_DIR/ro.err"
  expect_eq "$?:$(cat "$TEST_DIR/ro.err")" "0:" "list reads a read-only database in a read-only folder"
  as_nobody report daily --format json >/dev/null 2>"$TEST_DIR/ro.err"
  expect_eq "$?:$(cat "$TEST_DIR/ro.err")" "0:" "so does report daily"
  as_nobody intake --channel phone --category other --customer x --subject y >/dev/null 2>"$TEST_DIR/ro.err"
  expect_eq "$?" "1" "a write is refused with exit 1"
  expect_contains "$(cat "$TEST_DIR/ro.err")" "the database is read-only" "saying why"
  expect_eq "$(ls -A "$TEST_DIR/ro")" "svcdesk.db" "nothing created beside it"
  chmod 0755 "$TEST_DIR/ro"
  chmod 0700 "$TEST_DIR"
fi

# ---- times within [limits] first_year..last_year (default 2000-2099)
expect_unchanged 2 "an offset of 99999999999 days" -- intake --channel phone --category other --customer x \
  --subject y --at +99999999999d
expect_contains "$ERR" "'+99999999999d' is outside the years 2000 to 2099" "names the value and the window"
expect_unchanged 2 "a year before the window" -- list --since 1999-12-01
expect_unchanged 2 "a five-digit year" -- list --since 20266-11-23
expect_unchanged 2 "a duration of 273,972 years" -- list --due-within 99999999d
expect_contains "$ERR" "duration '99999999d' is longer than" "names the duration"
printf '[limits]\nfirst_year = 2020\nlast_year = 2030\n' >"$TEST_DIR/window.toml"
expect_exit 2 "a configured window" -- --config "$TEST_DIR/window.toml" list --since 2019-06-01
expect_contains "$ERR" "outside the years 2020 to 2030" "the configured years"
printf '[limits]\nfirst_year = 2031\nlast_year = 2030\n' >"$TEST_DIR/bad-window.toml"
expect_exit 1 "a window that ends before it starts is a config error" -- --config "$TEST_DIR/bad-window.toml" list
expect_exit 0 "an ordinary intake" -- intake --channel phone --category other --customer 赵 --subject 窗口
id=$OUT
db_save window
if on_pg; then sql "ALTER TABLE tickets DISABLE TRIGGER USER" >/dev/null; fi
sql "UPDATE tickets SET contact_at = -62135596800 WHERE id = $id" >/dev/null # year 1, written behind our back
run db check
expect_eq "$RC" 1 "db check fails on a stored time outside the window"
expect_contains "$OUT$ERR" "tickets $id: contact_at outside the years 2000 to 2099" "db check names the row"
db_restore window

# ---- a local time the clocks skip or repeat (the site's zone has daylight saving here)
printf '[site]\ntime_zone = "America/New_York"\n' >"$TEST_DIR/ny.toml"
expect_unchanged 2 "a time in the spring-forward gap" -- --config "$TEST_DIR/ny.toml" list --since "2026-03-08 02:30"
expect_contains "$ERR" "does not exist in America/New_York: the clocks go from 2026-03-08 02:00 to 03:00" \
  "names the gap"
expect_exit 0 "the same time with an offset" -- --config "$TEST_DIR/ny.toml" list --since "2026-03-08T02:30-05:00"
expect_exit 0 "a time in the autumn overlap" -- --config "$TEST_DIR/ny.toml" list --since "2026-11-01 01:30"
expect_contains "$ERR" "svcdesk: note: '2026-11-01 01:30' happens twice in America/New_York" "says so on stderr"
expect_contains "$ERR" "taken as 2026-11-01T01:30:00-04:00, the earlier" "the earlier offset"

# ---- output files
out="$TEST_DIR/reports/daily.html"
mkdir -p "$TEST_DIR/reports"
expect_exit 0 "a new report file" -- report daily --format html --output "$out"
expect_eq "$(stat -c %a "$out")" "600" "a new file is 0600"
chmod 0644 "$out"
chown nobody:nogroup "$out"
expect_exit 0 "the report again" -- report daily --format html --output "$out"
expect_eq "$(stat -c '%a %U %G' "$out")" "644 nobody nogroup" "an existing file keeps its mode, owner and group"
expect_exit 0 "--mode" -- report daily --format html --output "$out" --mode 0640
expect_eq "$(stat -c '%a %U' "$out")" "640 nobody" "--mode sets the mode, the owner stays"
expect_exit 2 "a malformed --mode" -- report daily --output "$out" --mode 999
expect_contains "$ERR" "--mode: '999' is not a file mode" "names the value"
expect_exit 1 "a missing folder" -- report daily --output "$TEST_DIR/nowhere/daily.html"
expect_eq "$ERR" "svcdesk: error: cannot write $TEST_DIR/nowhere/daily.html: there is no folder $TEST_DIR/nowhere" \
  "one clear message"
expect_exit 1 "a folder given as the file" -- report daily --output "$TEST_DIR/reports"
expect_contains "$ERR" "it is a folder" "says so"
expect_exit 0 "export to a file" -- export tickets --output "$TEST_DIR/reports/tickets.csv"
expect_eq "$(stat -c %a "$TEST_DIR/reports/tickets.csv")" "600" "an export is 0600"
# A temporary a SIGKILLed run left behind (a process that no longer runs) goes with the next run.
stale="$TEST_DIR/reports/.daily.html.svcdesk-4194000-abcdef"
echo "personal data" >"$stale"
alive="$TEST_DIR/reports/.daily.html.svcdesk-$$-abcdef" # this shell runs: not svcdesk's to remove
echo "in progress" >"$alive"
expect_exit 0 "the next run" -- report daily --format html --output "$out"
[ -e "$stale" ] && failed "a stale temporary was left" || pass
[ -e "$alive" ] && pass || failed "a live process's temporary was removed"
rm -f "$alive"
# Killed in the middle of writing (the reject file of a long import is open all along): nothing
# is left, neither the file nor a temporary, and the database is as it was.
cat >"$TEST_DIR/calls.toml" <<'TOML'
[import.profiles.calls]
date_formats = ["%Y-%m-%d %H:%M"]
[import.profiles.calls.columns]
external_ref = "id"
created_at = "time"
category = "type"
subject = "subject"
customer = "customer"
phone = "phone"
TOML
python3 - "$TEST_DIR/calls.csv" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("id,time,type,subject,customer,phone\n")
    for i in range(60000):
        f.write(f"K{i},2026-11-20 09:{i % 60:02},other,q{i},c,{'x' if i % 500 == 0 else '13912345678'}\n")
EOF
before=$(sql "SELECT count(*) FROM tickets")
for sig in TERM KILL; do
  "$SVCDESK_BIN" --config "$TEST_DIR/calls.toml" --as a1 import "$TEST_DIR/calls.csv" --profile calls \
    --skip-invalid --reject-file "$TEST_DIR/reports/rejects.csv" 2>"$TEST_DIR/import.err" &
  pid=$!
  sleep 1
  kill -s "$sig" "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  expect_eq "$?" "$([ $sig = TERM ] && echo 143 || echo 137)" "SIG$sig: the import was killed while it ran"
  expect_eq "$(ls -A "$TEST_DIR/reports" | grep -c 'rejects')" "0" "SIG$sig: no reject file and no temporary"
  expect_eq "$(sql "SELECT count(*) FROM tickets")" "$before" "SIG$sig: the import left nothing"
done
expect_exit 0 "a report after the killed runs" -- report daily --output "$out"
expect_eq "$(ls -A "$TEST_DIR/reports" | grep -c 'svcdesk-')" "0" "no temporary after the next command"

# ---- mistakes: named, with the nearest valid word, exit 2, never CLI11's wording
expect_exit 2 "a misspelt command" -- lsit
expect_eq "$ERR" "svcdesk: error: unknown command 'lsit'; did you mean 'list'?" "the issue's example"
expect_exit 2 "a misspelt subcommand" -- db chek
expect_eq "$ERR" "svcdesk: error: unknown command 'db chek'; did you mean 'db check'?" "names both words"
expect_exit 2 "a misspelt option" -- intake --chanel phone
expect_eq "$ERR" "svcdesk: error: unknown option '--chanel'; did you mean '--channel'?" \
  "names the unknown flag, not the required one it was meant to be"
expect_exit 2 "an unknown option with no near name" -- list --frobnicate
expect_eq "$ERR" "svcdesk: error: unknown option '--frobnicate' (see: svcdesk list --help)" "points to help"
expect_exit 2 "a command group alone" -- db
expect_contains "$ERR" "'db' needs a command: one of backup, check, copy, migrate" "lists the commands"
expect_exit 2 "no command" --
expect_contains "$ERR" "no command given" "says so"
expect_exit 2 "not a number" -- intake --channel phone --category other --customer x --subject y --fee abc
expect_eq "$ERR" "svcdesk: error: --fee: 'abc' is not a number" "the issue's wording"
expect_unchanged 2 "a negative limit" -- list --limit -1
expect_eq "$ERR" "svcdesk: error: --limit: '-1' is not a whole number from 1 to 1,000,000" "no SQLite wording"
expect_exit 2 "a stray argument" -- list extra
expect_eq "$ERR" "svcdesk: error: list: unexpected argument 'extra'" "names it"
expect_exit 2 "an option without its value" -- report daily --date
expect_eq "$ERR" "svcdesk: error: --date needs a value" "says so"
expect_unchanged 2 "an option given twice" -- intake --channel phone --channel walk-in --category other --customer x --subject y
expect_eq "$ERR" "svcdesk: error: --channel may be given once, not 2 times" "in svcdesk's words, not CLI11's"
LANG=zh_CN.UTF-8 run intake --channel phone --channel walk-in --category other --customer x --subject y
expect_eq "$ERR" "svcdesk: error: --channel 只能给出一次，这里给了 2 次" "and in Chinese under zh_CN"
for raw in "Could not convert" "The following argument" "A subcommand is required" "datatype mismatch"; do
  for args in "lsit" "list --limit abc" "list --limit -1" "db" "list extra"; do
    # shellcheck disable=SC2086
    run $args
    expect_not_contains "$ERR" "$raw" "svcdesk $args: no raw '$raw'"
  done
done

# ---- import: encodings, the input format, a ref twice in one file
# The profile of the killed import, without the phone column and with CSV as its own format.
sed -e '/^phone = /d' -e 's/^\[import.profiles.calls\]$/&\nformat = "csv"/' "$TEST_DIR/calls.toml" >"$TEST_DIR/enc.toml"
enc() { run --config "$TEST_DIR/enc.toml" --as a2 import "$@" --profile calls; }
printf 'id,time,type,subject,customer\nG1,2026-11-20 09:15,other,挂号咨询,欧阳娜娜\nG2,2026-11-20 09:20,other,停车,龚\n' |
  iconv -f UTF-8 -t GB18030 >"$TEST_DIR/gb.csv"
before=$(db_state)
enc "$TEST_DIR/gb.csv"
expect_eq "$RC" 2 "a GB18030 file read as UTF-8 is refused"
expect_contains "$ERR" "gb.csv:2" "naming the line"
expect_eq "$(db_state)" "$before" "and nothing is imported"
enc "$TEST_DIR/gb.csv" --encoding GB18030
expect_eq "$RC" 0 "--encoding GB18030"
expect_eq "$(sql "SELECT customer || '/' || subject FROM tickets WHERE external_ref IN ('G1', 'G2') ORDER BY external_ref" | tr '\n' ' ')" \
  "欧阳娜娜/挂号咨询 龚/停车 " "the Chinese names arrive intact"
printf 'id,time,type,subject,customer\nU1,2026-11-20 09:15,other,医保,诸葛\n' | iconv -f UTF-8 -t UTF-16 >"$TEST_DIR/u16.csv"
enc "$TEST_DIR/u16.csv"
expect_eq "$RC" 0 "a UTF-16 file with its byte order mark, without --encoding"
expect_eq "$(sql "SELECT customer FROM tickets WHERE external_ref = 'U1'")" "诸葛" "read as UTF-16"
{ printf 'id,time,type,subject,customer\nB1,2026-11-20 09:15,other,x,' | iconv -f UTF-8 -t GBK; printf '\x81\n'; } \
  >"$TEST_DIR/bad-gbk.csv"
enc "$TEST_DIR/bad-gbk.csv" --encoding GBK
expect_eq "$RC" 2 "an invalid GBK byte"
expect_contains "$ERR" "bad-gbk.csv:2: not valid GBK" "reported as FILE:LINE"
enc "$TEST_DIR/gb.csv" --encoding KLINGON
expect_contains "$ERR" "unknown encoding 'KLINGON'" "an unknown encoding is named"
printf '{"id": "J1", "time": "2026-11-20 09:15", "type": "other", "subject": "s", "customer": "c"}\n' >"$TEST_DIR/calls.jsonl"
enc "$TEST_DIR/calls.jsonl"
expect_eq "$RC" 0 "a .jsonl file through a CSV profile is read as JSON Lines"
cp "$TEST_DIR/calls.jsonl" "$TEST_DIR/calls.txt"
sed -i 's/J1/J2/' "$TEST_DIR/calls.txt"
enc "$TEST_DIR/calls.txt" --input-format jsonl
expect_eq "$RC" 0 "--input-format jsonl"
expect_eq "$(sql "SELECT count(*) FROM tickets WHERE external_ref IN ('J1', 'J2')")" "2" "both JSON Lines files imported"
printf 'id,time,type,subject,customer\nD1,2026-11-20 09:15,other,a,b\nD2,2026-11-20 09:16,other,a,b\nD1,2026-11-20 09:17,other,a,b\n' \
  >"$TEST_DIR/dup.csv"
before=$(db_state)
enc "$TEST_DIR/dup.csv"
expect_eq "$RC" 2 "a ref twice in one file"
expect_contains "$ERR" "dup.csv:4: id: 'D1' is on line 2 already" "a row error naming both lines"
expect_eq "$(db_state)" "$before" "nothing imported"

# ---- deactivating someone who still holds work
expect_exit 0 "a ticket for a1" -- intake --channel phone --category other --customer 钱 --subject 交接 --phone 13912340001
t1=$OUT
expect_exit 0 "assigned" -- assign "$t1" a1 --force
# a1 took this call (its owner, 首问负责制) and nobody is assigned: its callback falls to a1.
expect_exit 0 "a1's own call" -- --as a1 intake --channel phone --category other --customer 周 --subject 回电 \
  --phone 13912340002
t3=$OUT
expect_exit 0 "a callback a1 makes" -- callback schedule "$t3" --at +2h --purpose progress
cb=$OUT
expect_unchanged 4 "deactivating a1 with open work" -- staff deactivate a1
expect_contains "$ERR" "a1 still has open tickets $t1" "lists the tickets"
expect_contains "$ERR" "pending callbacks $cb" "and the callbacks"
expect_unchanged 3 "--reassign-to nobody known" -- staff deactivate a1 --reassign-to zz
expect_unchanged 4 "--reassign-to themselves" -- staff deactivate a1 --reassign-to a1
expect_exit 0 "--reassign-to a2" -- staff deactivate a1 --reassign-to a2
run --format json show "$t1"
expect_eq "$(json 'j["assignee"], j["history"][-1]["action"]')" "a2 assign" "the ticket went to a2 with a history event"
expect_contains "$(json 'j["history"][-1]["reason"]')" "a1 deactivated" "the event says why"
expect_eq "$(sql "SELECT handler FROM callbacks WHERE id = $cb")" "a2" "the callback a1 would have made too"
expect_exit 0 "a ticket for e1" -- intake --channel phone --category other --customer 孙 --subject 留下 --desk emergency
t2=$OUT
expect_exit 0 "assigned to e1" -- assign "$t2" e1 --force
expect_exit 0 "--force" -- staff deactivate e1 --force
run --format json audit --action staff.deactivate
expect_contains "$OUT" "forced, leaving open tickets $t2" "the audit records what was left"

finish
