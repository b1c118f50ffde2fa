#!/usr/bin/env bash
# Four processes each take 100 tickets at once on one database: exactly 400 tickets, no error
# (no "database is locked"), and db check passes. Then agents keep working through a large load.
# Environment: CONCURRENCY_ROWS (default 20000), the rows of that load.
source "$(dirname "$0")/lib.sh"
rows=${CONCURRENCY_ROWS:-20000}
setup_staff
export SVCDESK_USER=a1

writer() {
  local n=$1 i
  for i in $(seq 1 100); do
    "$SVCDESK_BIN" intake --channel phone --category consultation --customer "caller $n" \
      --subject "call $n-$i" --external-ref "W$n-$i" >/dev/null 2>>"$TEST_DIR/errors.$n" || echo "W$n-$i" >>"$TEST_DIR/failed"
  done
}
for n in 1 2 3 4; do writer "$n" & done
wait

expect_eq "$(cat "$TEST_DIR"/errors.* 2>/dev/null)" "" "no process reported an error"
expect_eq "$(cat "$TEST_DIR/failed" 2>/dev/null | wc -l)" "0" "no intake failed"
expect_eq "$(sql 'select count(*) from tickets')" "400" "exactly 400 tickets"
expect_eq "$(sql 'select count(distinct external_ref) from tickets')" "400" "each one once"
expect_eq "$(sql "select count(*) from ticket_events where action = 'intake'")" "400" "one intake event each"
expect_exit 0 "db check after the storm" -- db check

# A large call log loads while agents keep reading and writing: a load that doubles the database
# holds it alone for a while on SQLite (a rollback journal, written once); the others wait for it,
# none fails, and the database is back in WAL mode afterwards.
python3 "$SVCDESK_SOURCE/bench/gen_la311.py" "$rows" "$TEST_DIR/calls.csv" || failed "generating the call log"
"$SVCDESK_BIN" --as a1 import "$TEST_DIR/calls.csv" --profile la311 >/dev/null 2>"$TEST_DIR/load.err" &
load=$!
agents=0
while kill -0 "$load" 2>/dev/null; do
  "$SVCDESK_BIN" list --limit 1 >/dev/null 2>>"$TEST_DIR/agents.err" || echo list >>"$TEST_DIR/agents.failed"
  "$SVCDESK_BIN" intake --channel phone --category consultation --customer "caller" --subject "during the load" \
    >/dev/null 2>>"$TEST_DIR/agents.err" || echo intake >>"$TEST_DIR/agents.failed"
  agents=$((agents + 1))
done
wait "$load"
expect_eq "$?" "0" "the load succeeds: $(cat "$TEST_DIR/load.err")"
expect_eq "$(cat "$TEST_DIR/agents.err" "$TEST_DIR/agents.failed" 2>/dev/null)" "" "no agent command failed during the load ($agents rounds)"
expect_eq "$(sql "select count(*) from tickets where external_ref is not null and external_ref not like 'W%'")" "$rows" "every row loaded"
expect_eq "$(sql "select count(*) from tickets where subject = 'during the load'")" "$agents" "every intake during the load kept"
on_pg || expect_eq "$(sql 'pragma journal_mode')" "wal" "back in WAL mode after the load"
expect_exit 0 "db check after the load" -- db check
finish
