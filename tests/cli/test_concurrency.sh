#!/usr/bin/env bash
# Four processes each take 100 tickets at once on one database: exactly 400 tickets, no error
# (no "database is locked"), and db check passes.
source "$(dirname "$0")/lib.sh"
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
finish
