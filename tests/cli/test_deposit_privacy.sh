#!/usr/bin/env bash
# Deposits: the full ID numbers never reach the database file, its WAL, a backup or any output;
# one active deposit per tag holds under concurrent desks.
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=a1
ID1=11010519491231002X ID2=320102198001011238 PROXY_ID=510104200001017777 WRONG=440304198505051234
LOG="$TEST_DIR/all-output.log"
logged() { run "$@"; printf '%s\n%s\n' "$OUT" "$ERR" >>"$LOG"; }

# A reader holding a snapshot keeps every page written after it in the WAL (no checkpoint can
# reset it), so the WAL is searched as well as the main file. On PostgreSQL the files are the
# server's: a full dump of the database is searched instead (the WAL and backup checks are
# SQLite's own).
if ! on_pg; then
  mkfifo "$TEST_DIR/hold"
  sqlite3 "$SVCDESK_DB" <"$TEST_DIR/hold" >/dev/null 2>&1 &
  holder=$!
  exec 7>"$TEST_DIR/hold"
  echo "BEGIN; SELECT count(*) FROM staff;" >&7
fi

logged deposit in --tag A001 --depositor 王小明 --phone 13800001111 --id-number "$ID1" --items 行李箱 --pieces 1 --checked
expect_eq "$RC" 0 "deposit in"
logged deposit in --tag A002 --depositor 李雷 --phone 13800002222 --id-number "${ID2:0:6} ${ID2:6:8} ${ID2:14}" \
  --items 书包 --pieces 1 --checked
expect_eq "$RC" 0 "deposit in with a spaced ID number"
logged deposit in --tag A003 --depositor 李雷 --phone 13800002222 --id-number "$ID2" --items 打火机 --pieces 1 --checked
expect_eq "$RC" 4 "refused deposit"
logged deposit in --tag A003 --depositor 李雷 --phone 13800002222 --id-number "${ID2}#" --items 书 --pieces 1 --checked
expect_eq "$RC" 2 "malformed ID number"
logged deposit lost A001
logged deposit claim A001 --id-number "$WRONG" --items 行李箱
expect_eq "$RC" 4 "wrong ID refused"
logged deposit claim A001 --id-number "$ID1" --items 行李箱
expect_eq "$RC" 0 "claim"
logged --as boss deposit proxy A002 --proxy 韩梅梅 --proxy-id-number "$PROXY_ID" --id-number "$WRONG" --approved-by boss
expect_eq "$RC" 4 "proxy with a wrong ID refused"
logged --as boss deposit proxy A002 --proxy 韩梅梅 --proxy-id-number "$PROXY_ID" --id-number "$ID2" --approved-by boss
expect_eq "$RC" 0 "proxy"
for ref in A001 A002 H1; do logged deposit show "$ref" --format json; done
logged --as boss deposit list --all --reveal --format json
logged --as boss deposit list --all --reveal --format csv
logged db backup "$TEST_DIR/backup.db"

if on_pg; then
  "$PG_BINDIR/pg_dump" "$SVCDESK_DB" >"$TEST_DIR/dump.sql"
  files=("$TEST_DIR/dump.sql" "$LOG")
  stored=("$TEST_DIR/dump.sql")
else
  [ -s "$SVCDESK_DB-wal" ] && pass || failed "the WAL is held open for the search"
  files=("$SVCDESK_DB" "$SVCDESK_DB-wal" "$TEST_DIR/backup.db" "$LOG")
  stored=("$SVCDESK_DB" "$SVCDESK_DB-wal")
fi
# Control: the search does find data that is stored in clear.
if grep -aq "韩梅梅" "${stored[@]}"; then pass; else failed "control: the proxy's name is in the files"; fi
for id in "$ID1" "$ID2" "$PROXY_ID" "$WRONG"; do
  for needle in "$id" "${id:0:14}"; do # the whole number, and everything but the kept last 4
    for f in "${files[@]}"; do
      if grep -aqi -- "$needle" "$f"; then failed "$needle found in $(basename "$f")"; else pass; fi
    done
  done
done
if ! on_pg; then
  exec 7>&-
  wait "$holder" 2>/dev/null
fi

# One active deposit per tag: eight desks racing for A010, exactly one wins.
pids=()
for n in 1 2 3 4 5 6 7 8; do
  (sd deposit in --tag A010 --depositor "客人$n" --phone 1380000000$n --id-number "$ID1" --items 行李 \
     --pieces 1 --checked >/dev/null 2>&1; echo $? >"$TEST_DIR/race.$n") &
  pids+=($!)
done
wait "${pids[@]}"
expect_eq "$(cat "$TEST_DIR"/race.* | sort | uniq -c | awk '{print $2 "x" $1}' | tr '\n' ' ')" "0x1 4x7 " \
  "one winner, seven refused with exit 4"
expect_eq "$(sql "SELECT count(*) FROM deposits WHERE tag = 'A010' AND status = 'stored'")" 1 \
  "one stored deposit holds the tag"
# The database itself refuses a second active deposit for a tag, whatever the code does.
OUT=$(sql "INSERT INTO deposits (tag, desk, status, pieces, items, depositor, phone, id_last4,
  id_hash, deposited_at, due_at, received_by) SELECT tag, desk, status, pieces, items, depositor, phone, id_last4,
  id_hash, deposited_at, due_at, received_by FROM deposits WHERE tag = 'A010'" 2>&1)
if on_pg; then expect_contains "$OUT" 'violates unique constraint "deposits_active_tag"' "a unique index enforces one active deposit per tag"
else expect_contains "$OUT" "UNIQUE constraint failed" "a unique index enforces one active deposit per tag"; fi
finish
