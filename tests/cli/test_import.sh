#!/usr/bin/env bash
# svcdesk import: profiles, line-numbered errors, idempotence, dry run, reject file, stdin,
# BOM, CRLF, JSON Lines, and the real LA 311 call log.
source "$(dirname "$0")/lib.sh"

setup_staff

cat >"$TEST_DIR/import.toml" <<'TOML'
[import.profiles.calls]
date_formats = ["%Y-%m-%d %H:%M", "%m/%d/%Y %I:%M:%S %p"]
time_zone = "Asia/Shanghai"
description_columns = ["where"]

[import.profiles.calls.columns]
external_ref = "call_id"
created_at = "at"
closed_at = "closed"
channel = "via"
status = "state"
category = "type"
subject = "type"
customer = "name"
phone = "phone"
description = "notes"

[import.profiles.calls.defaults]
customer = "anonymous caller"

[import.profiles.calls.values.channel]
"tel" = "phone"
"web" = "online"
"*" = "other"

[import.profiles.calls.values.status]
"done" = "closed"
"open" = "new"
"moved" = { value = "closed", note = "handed to another hotline" }

[import.profiles.calls.values.category]
"question" = "consultation"
"*" = "other"
TOML
export SVCDESK_CONFIG="$TEST_DIR/import.toml"

# ---------------------------------------------------------------- a good file
printf 'call_id,at,closed,via,state,type,name,phone,notes,where\n' >good.csv
printf 'C1,2026-11-20 09:15,2026-11-20 10:00,tel,done,question,张三,13800001111,"asked about parking, twice",Gate 1\n' >>good.csv
printf 'C2,2026-11-21 14:00,,web,open,billing,,,"two\nlines",\n' >>good.csv
printf 'C3,2026-11-22 08:00,2026-11-22 09:30,fax,moved,question,"Li ""Lee""",,,\n' >>good.csv

SVCDESK_USER= import_unchanged 5 "import needs an actor" -- import good.csv --profile calls
import_unchanged 2 "unknown profile" -- --as a1 import good.csv --profile nope
expect_contains "$ERR" "no import profile 'nope'" "unknown profile names it"
import_unchanged 2 "missing file" -- --as a1 import missing.csv --profile calls

import_unchanged 0 "dry run writes nothing" -- --as a1 import good.csv --profile calls --dry-run
expect_contains "$ERR" "import (dry run): read 3, would import 3, already present 0, rejected 0" "dry-run summary"
expect_eq "$OUT" "" "stdout stays clean"

import_run 0 "import good file" -- --as a1 import good.csv --profile calls
expect_contains "$ERR" "svcdesk: import: read 3, imported 3, already present 0, rejected 0" "summary"
expect_eq "$(wc -l <<<"$ERR")" "1" "one summary line"
run list --all --format json
expect_eq "$(json 'len(j)')" "3" "three tickets"
expect_eq "$(json '[t["channel"] for t in sorted(j, key=lambda t: t["external_ref"])]')" "['phone', 'online', 'other']" "channel map and fallback"
expect_eq "$(json '[t["status"] for t in sorted(j, key=lambda t: t["external_ref"])]')" "['closed', 'new', 'closed']" "status map"
expect_eq "$(json '[t["category"] for t in sorted(j, key=lambda t: t["external_ref"])]')" "['consultation', 'other', 'consultation']" "category map"
expect_eq "$(json '[t["customer"] for t in sorted(j, key=lambda t: t["external_ref"])][:2]')" "['张三', 'anonymous caller']" "customer and default"
expect_eq "$(json '[t for t in j if t["external_ref"]=="C3"][0]["customer"]')" 'Li "Lee"' "doubled quotes unescaped"
expect_eq "$(json '[t for t in j if t["external_ref"]=="C1"][0]["closed_at"]')" "2026-11-20T10:00:00+08:00" "closed time"
expect_eq "$(json '[t for t in j if t["external_ref"]=="C1"][0]["description"]')" "asked about parking, twice
where: Gate 1" "description with appended column"
expect_eq "$(json '[t for t in j if t["external_ref"]=="C2"][0]["description"]')" "two
lines" "multi-line field"
expect_eq "$(json '[t for t in j if t["external_ref"]=="C1"][0]["owner"]')" "a1" "actor owns imported tickets"
id=$(json '[t for t in j if t["external_ref"]=="C3"][0]["id"]')
run show "$id" --format json
expect_eq "$(json 'len(j["history"])')" "1" "one compact history event"
expect_eq "$(json 'j["history"][0]["action"]')" "import" "import event"
expect_eq "$(json 'j["history"][0]["reason"]')" "handed to another hotline" "value-map note recorded"
run db check
expect_eq "$RC" "0" "db check after import"

import_unchanged 0 "re-import adds nothing" -- --as a1 import good.csv --profile calls
expect_contains "$ERR" "read 3, imported 0, already present 3, rejected 0" "already present counted"

# ---------------------------------------------------------------- line-numbered errors
printf 'call_id,at,closed,via,state,type,name,phone,notes,where\n' >bad.csv              # line 1
printf 'B1,2026-11-20 09:15,,tel,open,question,,,"multi\nline\nnote",\n' >>bad.csv          # lines 2-4
printf 'B2,2026-13-40 25:00,,tel,open,question,,,,\n' >>bad.csv                            # line 5: bad date
printf 'B3,2026-11-20 09:15,2026-11-19 09:00,tel,done,question,,,,\n' >>bad.csv            # line 6: closed before created
printf 'B4,2026-11-20 09:15,,tel,open,question,,,"ok",\n' >>bad.csv                        # line 7
printf 'B5,2026-11-20 09:15,,tel,"open"x,question,,,,\n' >>bad.csv                         # line 8: text after quote
printf 'B6,2026-11-20 09:15,,tel,open,question\n' >>bad.csv                                # line 9: too few fields
printf 'B7,2026-11-20 09:15,,tel,\xff\xfe,question,,,,\n' >>bad.csv                        # line 10: invalid UTF-8
printf 'B8,2026-11-20 09:15,,tel,open,question,,,"never closed,\n' >>bad.csv               # line 11: broken quote
printf 'B9,2026-11-20 09:15,,tel,open,question,,,,\n' >>bad.csv                            # swallowed by it

import_unchanged 2 "invalid rows: nothing written" -- --as a1 import bad.csv --profile calls
expect_contains "$ERR" "bad.csv:5: at: invalid time '2026-13-40 25:00'" "bad date on line 5"
expect_contains "$ERR" "bad.csv:6: closed: 2026-11-19T09:00:00+08:00 is before the creation time" "close before creation"
expect_contains "$ERR" "bad.csv:8: state: text after the closing quote" "stray quote on line 8"
expect_contains "$ERR" "bad.csv:9: row: row has 6 fields; the header has 10" "field count on line 9"
expect_contains "$ERR" "bad.csv:10: state: not valid UTF-8" "invalid UTF-8 on line 10"
expect_contains "$ERR" "bad.csv:11: notes: quoted field is not closed" "broken quote on line 11"
expect_not_contains "$ERR" "bad.csv:2:" "multi-line row is valid"
expect_not_contains "$ERR" "bad.csv:7:" "row after a multi-line field is valid"
expect_contains "$ERR" "rejected 6, " "summary counts rejects"
expect_contains "$ERR" "(nothing written)" "summary says nothing written"
expect_contains "$(tail -n 1 <<<"$ERR")" "6 invalid row(s) in bad.csv; nothing imported" "final error line"

import_unchanged 2 "dry run reports the same" -- --as a1 import bad.csv --profile calls --dry-run

before=$(sd list --all --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
import_run 4 "skip invalid rows" -- --as a1 import bad.csv --profile calls --skip-invalid --reject-file rejects.csv
expect_contains "$ERR" "read 8, imported 2, already present 0, rejected 6" "skip summary"
expect_contains "$(tail -n 1 <<<"$ERR")" "6 invalid row(s) skipped; they are in rejects.csv" "skip error line"
after=$(sd list --all --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
expect_eq "$((after - before))" "2" "valid rows imported"
expected=$( (sed -n '1p;5,6p;8,12p' bad.csv) | od -c)
expect_eq "$(od -c <rejects.csv)" "$expected" "reject file holds the header and the rows verbatim"
expect_eq "$(stat -c %a rejects.csv)" "600" "reject file is private"
import_run 4 "reject file can be imported again once fixed" -- --as a1 import rejects.csv --profile calls --skip-invalid
expect_contains "$ERR" "read 6, imported 0, already present 0, rejected 6" "rejects read back"

# ---------------------------------------------------------------- stdin, BOM, CRLF, JSON Lines
printf 'call_id,at,closed,via,state,type,name,phone,notes,where\nS1,2026-11-20 09:15,,tel,open,question,,,,\n' >stdin.csv
run --as a1 import - --profile calls <stdin.csv
expect_eq "$RC" "0" "import from standard input"
expect_contains "$ERR" "imported 1" "stdin row imported"
printf 'call_id,at\nS2,bad\n' >short.csv
run --as a1 import - --profile calls <short.csv
expect_eq "$RC" "2" "stdin without needed columns"
expect_contains "$ERR" "the input has no column" "missing columns named"

printf '\xef\xbb\xbfcall_id,at,closed,via,state,type,name,phone,notes,where\r\nM1,2026-11-20 09:15,,tel,open,question,,,"a\r\nb",x\r\nM2,2026-11-20 09:16,,web,open,question,,,,\r\n' >bom.csv
import_run 0 "BOM and CRLF file" -- --as a1 import bom.csv --profile calls
expect_contains "$ERR" "imported 2" "BOM file rows imported"
run list --all --format json
expect_eq "$(json '[t for t in j if t["external_ref"]=="M1"][0]["description"]')" "$(printf 'a\r\nb\nwhere: x')" "CRLF inside a quoted field kept"

cat >calls.jsonl <<'JSONL'
{"call_id": "J1", "at": "2026-11-20 09:15", "via": "tel", "state": "open", "type": "question", "name": "王五"}

{"call_id": "J2", "at": "2026-11-20 09:20", "closed": "2026-11-20 09:40", "via": "web", "state": "done", "type": "other thing", "phone": 13800002222}
{"call_id": "J3", "at": "yesterday"}
{"call_id": "J4", "at": "2026-11-20 09:20"
JSONL
import_unchanged 2 "JSON Lines with bad lines" -- --as a1 import calls.jsonl --profile calls
expect_contains "$ERR" "calls.jsonl:4: at: invalid time 'yesterday'" "JSONL bad date with line number"
expect_contains "$ERR" "calls.jsonl:5: row: invalid JSON" "JSONL broken line"
head -3 calls.jsonl >good.jsonl
import_run 0 "JSON Lines file" -- --as a1 import good.jsonl --profile calls
expect_contains "$ERR" "read 2, imported 2" "JSONL rows imported"
run list --all --format json
expect_eq "$(json '[t for t in j if t["external_ref"]=="J2"][0]["category"]')" "other" "JSONL category fallback"
expect_eq "$(json '[t for t in j if t["external_ref"]=="J2"][0]["phone"]')" "138****2222" "JSONL number as text"

# ---------------------------------------------------------------- a bulk import
# Large enough (next to what is stored) for the store to rebuild the ticket indexes once at the
# end instead of row by row: the schema must come out as it was, or be untouched on a rollback.
python3 - >bulk.csv <<'PY'
print("call_id,at,closed,via,state,type,name,phone,notes,where")
for i in range(30000):
    state = "open" if i % 100 == 0 else "done"
    closed = "" if state == "open" else f"2026-11-2{i % 3} 1{i % 10}:30"
    print(f"K{i},2026-11-1{i % 10} 0{i % 10}:15,{closed},tel,{state},question,,,,")
PY
# How the store rebuilds indexes is SQLite's; on PostgreSQL the same import must just work.
schema() { on_pg || sqlite3 "$SVCDESK_DB" "select type, name, sql from sqlite_schema order by name"; }
root() { on_pg && echo 0 || sqlite3 "$SVCDESK_DB" "select rootpage from sqlite_schema where name = 'tickets_created'"; }
schema_before=$(schema)
open_before=$(sd list --status open --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
import_unchanged 0 "bulk dry run writes nothing" -- --as a1 import bulk.csv --profile calls --dry-run
{ cat bulk.csv; printf 'K-bad,2026-11-10 09:15,,tel,open,question,,,"never closed\n'; } >bulk-bad.csv
import_unchanged 2 "bulk import with a bad last row writes nothing" -- --as a1 import bulk-bad.csv --profile calls
expect_contains "$ERR" "bulk-bad.csv:30002: notes: quoted field is not closed" "bad last row reported"
root_before=$(root)
import_run 0 "bulk import" -- --as a1 import bulk.csv --profile calls
expect_contains "$ERR" "read 30000, imported 30000, already present 0, rejected 0" "bulk rows imported"
# The last connection to close truncates the WAL it has checkpointed (svcdesk keeps the file):
# a kept WAL full of old frames would be read back, and copied again, by every later command.
on_pg || expect_eq "$(stat -c %s "$SVCDESK_DB-wal")" "0" "the WAL is emptied when the import closes"
expect_eq "$(schema)" "$schema_before" "every index is back after the bulk import"
if ! on_pg; then
  root_after=$(root)
  [ "$root_after" -gt "$root_before" ] && pass || failed "the created-time index was not rebuilt (root page $root_before → $root_after)"
  expect_eq "$(sqlite3 "$SVCDESK_DB" 'pragma integrity_check')" "ok" "indexes agree with the table"
fi
run db check
expect_eq "$RC" "0" "db check after the bulk import"
if ! on_pg; then
  expect_eq "$(sqlite3 "$SVCDESK_DB" 'pragma page_size')" "16384" "new databases use 16 KiB pages"
fi
run list --status open --format json
expect_eq "$(json 'len(j)')" "$((open_before + 300))" "open imported tickets in the work queue"
import_run 0 "bulk import again" -- --as a1 import bulk.csv --profile calls
expect_contains "$ERR" "read 30000, imported 0, already present 30000, rejected 0" "bulk re-import adds nothing"

# ---------------------------------------------------------------- the real LA 311 call log
data="$SVCDESK_SOURCE/../shared/data/la311_2017_calls.csv"
if [ -r "$data" ]; then
  unset SVCDESK_CONFIG
  SVCDESK_DB=$(new_db la311)
  sd init --sandbox >/dev/null
  setup_staff
  import_run 0 "LA 311 2017" -- --as a1 import "$data" --profile la311
  expect_contains "$ERR" "read 9999, imported 9999, already present 0, rejected 0" "every row imported"
  import_run 0 "LA 311 again" -- --as a1 import "$data" --profile la311
  expect_contains "$ERR" "read 9999, imported 0, already present 9999, rejected 0" "second run adds nothing"
  run list --all --format json
  expect_eq "$(json 'len(j)')" "9999" "all tickets listed"
  t() { json "[t for t in j if t['external_ref']=='$1'][0]$2"; }
  # 1-870704831: Call, Closed, created 12/31/2017 11:59:58 PM and closed 04/09/2018 09:18:35 AM in Los Angeles.
  expect_eq "$(t 1-870704831 '["channel"]')" "phone" "Call → phone"
  expect_eq "$(t 1-870704831 '["status"]')" "closed" "Closed → closed"
  expect_eq "$(t 1-870704831 '["created_at"]')" "2018-01-01T15:59:58+08:00" "created time from Los Angeles (PST)"
  expect_eq "$(t 1-870704831 '["closed_at"]')" "2018-04-10T00:18:35+08:00" "closed time from Los Angeles (PDT)"
  expect_eq "$(t 1-870704831 '["category"]')" "other" "category fallback"
  expect_eq "$(t 1-870704831 '["subject"]')" "Homeless Encampment" "subject from RequestType"
  expect_eq "$(t 1-870694601 '["channel"]')" "online" "Self Service → online"
  expect_eq "$(t 1-870694601 '["category"]')" "goods_delivery" "Bulky Items mapped"
  expect_eq "$(json "sorted({t['channel'] for t in j})")" "['email', 'online', 'other', 'phone', 'walk_in']" "channels"
  expect_eq "$(json "sum(1 for t in j if t['status']=='new')")" "5" "Open → new"
  expect_eq "$(json "sum(1 for t in j if t['status']=='cancelled')")" "246" "Cancelled"
  expect_eq "$(json "sum(1 for t in j if t['status']=='closed' and t['closed_at'])")" "9748" "Closed and Referred Out have close times"
  expect_eq "$(sql "select count(*) from ticket_events where reason like 'referred out%'")" "9" "Referred Out noted"
  run db check
  expect_eq "$RC" "0" "db check after LA 311"
else
  echo "skip: $data not found; LA 311 checks not run"
fi

finish
