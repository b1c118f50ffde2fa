#!/usr/bin/env bash
# `db backup` while writers run: three loops take tickets in and close them, and meanwhile
# several backups are taken. Every backup is a consistent database (it passes `db check`), has
# mode 0600 and holds no more tickets than the live database; no writer ever fails with
# "database is locked". Environment: BACKUP_ROUNDS (default 5).
source "$(dirname "$0")/lib.sh"
if on_pg; then echo "skip: db backup copies a SQLite file; on PostgreSQL it is refused (test_db checks that) and pg_dump takes the backup"; exit 77; fi
rounds=${BACKUP_ROUNDS:-5}
setup_staff
export SVCDESK_USER=boss

writer() { # writer N: intake, start, resolve, close, until its stop file appears
  local n=$1 i=0 id
  while [ ! -e "$TEST_DIR/stop" ]; do
    i=$((i + 1))
    id=$("$SVCDESK_BIN" intake --channel phone --category consultation --customer "w$n caller $i" --subject "call $i") ||
      { echo "intake failed" >&2; continue; }
    "$SVCDESK_BIN" start "$id" >/dev/null && "$SVCDESK_BIN" resolve "$id" --resolution "answered $i" >/dev/null &&
      "$SVCDESK_BIN" close "$id" --satisfaction 4 >/dev/null
  done
}
pids=()
for n in 1 2 3; do
  writer "$n" 2>"$TEST_DIR/writer$n.err" &
  pids+=($!)
done

# Wait until the writers are under way, then back up while they go on.
for _ in $(seq 1 100); do
  [ "$(sqlite3 -cmd '.timeout 10000' "$SVCDESK_DB" 'select count(*) from tickets' 2>/dev/null)" -ge 3 ] 2>/dev/null && break
  sleep 0.1
done
for r in $(seq 1 "$rounds"); do
  backup="$TEST_DIR/backup-$r.db"
  expect_exit 0 "backup $r while writers run" -- db backup "$backup"
  expect_eq "$(stat -c %a "$backup" 2>/dev/null)" "600" "backup $r is mode 0600"
  expect_eq "$(sqlite3 "$backup" 'pragma journal_mode')" "delete" "backup $r is one self-contained file"
  run --db "$backup" db check
  expect_eq "$RC" "0" "backup $r passes db check"
  expect_eq "$ERR" "" "backup $r: db check reports nothing"
  live=$(sqlite3 -cmd '.timeout 10000' "$SVCDESK_DB" 'select count(*) from tickets')
  copied=$(sqlite3 "$backup" 'select count(*) from tickets')
  [ "$copied" -ge 1 ] && [ "$copied" -le "$live" ] && pass || failed "backup $r holds $copied tickets, live $live"
  sleep 0.3
done
touch "$TEST_DIR/stop"
wait "${pids[@]}"
expect_eq "$(ls "$TEST_DIR" | grep -c '\.tmp')" "0" "no temp file left"
expect_eq "$(cat "$TEST_DIR"/writer*.err)" "" "no writer failed (never 'database is locked')"
expect_exit 0 "the live database passes db check" -- db check
echo "backups: $rounds taken, live database has $(sqlite3 -cmd '.timeout 10000' "$SVCDESK_DB" 'select count(*) from tickets') tickets"
finish
