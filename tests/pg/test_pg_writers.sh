#!/usr/bin/env bash
# Writers on PostgreSQL do not wait for one another (issue 22). An import holds its transaction
# open — the test hook SVCDESK_TEST_IMPORT_HOLD=FILE (docs/testing.md) pauses it on a sandbox
# database once its rows are written, before it commits, for as long as FILE exists — and
# meanwhile intake, assign, start, resolve, close, a note, a deposit, a callback and a forced
# assign (an audit event) on other records each complete at once: within 5 s each, a generous
# bound (the hold lasts until the test lets go, so a writer waiting for the import would never
# finish; figures are bench/'s business). The import's rows stay invisible until it commits,
# then are all there, and the audit trail is one unbroken chain. Then six processes append
# audit events at once: still one chain. PostgreSQL only: SQLite's writers go one at a time.
source "$(dirname "$0")/../cli/lib.sh"
if ! on_pg; then echo "skip: PostgreSQL only (SVCDESK_TEST_PG_STATE); SQLite's writers go one at a time"; exit 77; fi
setup_staff
export SVCDESK_USER=a1
rows=2000
python3 "$SVCDESK_SOURCE/bench/gen_la311.py" "$rows" "$TEST_DIR/calls.csv" >/dev/null || failed "generating the call log"

ticket() { sd intake --channel phone --category consultation --customer "$1" --subject "$1"; }
open=$(ticket "waiting for an agent")
done_=$(ticket "to be closed")
sd start "$done_" --force >/dev/null && sd resolve "$done_" --resolution done >/dev/null
callback_ticket=$(ticket "to call back")
audit_before=$(sql "SELECT count(*) FROM audit_events")

hold="$TEST_DIR/hold"
touch "$hold"
SVCDESK_TEST_IMPORT_HOLD="$hold" "$SVCDESK_BIN" import "$TEST_DIR/calls.csv" --profile la311 \
  >"$TEST_DIR/import.out" 2>"$TEST_DIR/import.err" &
import=$!
for _ in $(seq 1 600); do
  [ -e "$hold.held" ] && break
  kill -0 "$import" 2>/dev/null || break
  sleep 0.1
done
expect_eq "$([ -e "$hold.held" ] && echo held)" "held" "the import holds its transaction open ($(cat "$TEST_DIR/import.err"))"
expect_eq "$(sql "SELECT count(*) FROM tickets WHERE external_ref IS NOT NULL")" "0" "its rows are not committed yet"
expect_eq "$(sql "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'")" \
  "1" "its session is idle in its open transaction"

# quick WHAT -- ARGS...: svcdesk ARGS completes, exit 0, within 5 s.
quick() {
  local what=$1
  shift 2
  OUT=$(timeout 5 "$SVCDESK_BIN" "$@" 2>"$TEST_DIR/.stderr")
  RC=$?
  ERR=$(cat "$TEST_DIR/.stderr")
  if [ "$RC" -eq 124 ]; then failed "$what: still waiting after 5 s (svcdesk $*)"; return 1; fi
  if [ "$RC" -ne 0 ]; then failed "$what: exit $RC (svcdesk $*)"; return 1; fi
  pass
}
quick "intake while the import is open" -- intake --channel phone --category consultation --customer 张先生 \
  --phone 13900000001 --subject "during the import"
during=$OUT
quick "assign while the import is open" -- assign "$open" a2 --force
quick "start while the import is open" -- start "$during" --force
quick "note while the import is open" -- note "$during" "called back"
quick "resolve while the import is open" -- resolve "$during" --resolution "answered"
quick "close while the import is open" -- close "$done_" --satisfaction 5
quick "deposit in while the import is open" -- deposit in --tag A001 --depositor 刘女士 --phone 13800000000 \
  --id-number 110101199003077774 --items "bag" --pieces 1 --checked
quick "callback while the import is open" -- callback schedule "$callback_ticket" --at 2026-11-24T10:00
quick "a forced assign (an audit event) while the import is open" -- assign "$callback_ticket" e1 --force
expect_eq "$(sql "SELECT count(*) FROM tickets WHERE external_ref IS NOT NULL")" "0" "the import is still open"
expect_eq "$(jobs -r | wc -l)" "1" "the import is still running"

rm -f "$hold"
wait "$import"
expect_eq "$?" "0" "the import commits once let go: $(cat "$TEST_DIR/import.err")"
expect_eq "$(sql "SELECT count(*) FROM tickets WHERE external_ref IS NOT NULL")" "$rows" "every row of the import is there"
expect_eq "$(sql "SELECT status FROM tickets WHERE id = $during")" "resolved" "and the work done meanwhile"
# Schema v8: the search rows of a statement's new tickets are written once per statement (the import
# moves its rows with one); every ticket, imported or taken meanwhile, has its row, with its text.
expect_eq "$(sql "SELECT count(*) FROM tickets t LEFT JOIN ticket_search s ON s.ticket_id = t.id
                  WHERE s.body IS DISTINCT FROM ticket_search_body(t)")" "0" "every ticket has its search row"
expect_eq "$(sql "SELECT status || ' ' || assignee FROM tickets WHERE id = $open")" "assigned a2" "the assign done meanwhile"
expect_eq "$(sql "SELECT count(*) FROM audit_events")" "$((audit_before + 4))" \
  "the audit trail: three forced assigns, then the import"
expect_eq "$(sql "SELECT action FROM audit_events ORDER BY id DESC LIMIT 1")" "import" "the import's event comes last"
expect_exit 0 "db check: the chain holds" -- db check

# Six processes append audit events at once (forced assigns of tickets of their own): the
# appends follow one another (the chain lock), none forks the chain, none fails.
for w in 1 2 3 4 5 6; do
  for i in 1 2 3 4 5; do ticket "chain $w-$i" >>"$TEST_DIR/chain.$w"; done
done
for w in 1 2 3 4 5 6; do
  (while read -r id; do
     "$SVCDESK_BIN" assign "$id" e1 --force >/dev/null 2>>"$TEST_DIR/chain.err" || echo "assign $id" >>"$TEST_DIR/chain.failed"
   done <"$TEST_DIR/chain.$w") &
done
wait
expect_eq "$(cat "$TEST_DIR/chain.err" "$TEST_DIR/chain.failed" 2>/dev/null)" "" "no forced assign failed"
expect_eq "$(sql "SELECT count(*) FROM audit_events WHERE action = 'ticket.assign_force' AND subject LIKE 'ticket %'")" \
  "34" "every forced assign is an audit event"
expect_eq "$(sql "SELECT count(*) = max(id) FROM audit_events")" "t" "the events are numbered without a gap"
run db check --format json
expect_eq "$RC" "0" "db check after the concurrent appends"
expect_eq "$(json "j['problems'], j['audit']['events'] == j['audit']['head_id']")" "[] True" "the hash chain is unbroken"

# Eight desks take calls from one caller at once: they race for the caller's record and run
# again when they lose; each still prints its new ticket's id once (the output of a lost run is
# dropped), and every ticket is there.
for n in 1 2 3 4 5 6 7 8; do
  "$SVCDESK_BIN" intake --channel phone --category consultation --customer 回头客 --phone 13900000099 \
    --subject "call $n" >"$TEST_DIR/same.$n" 2>>"$TEST_DIR/same.err" &
done
wait
expect_eq "$(grep -v '^svcdesk: note: returning caller' "$TEST_DIR/same.err")" "" \
  "no intake of the same caller failed (the notes of a returning caller aside)"
expect_eq "$(cat "$TEST_DIR"/same.* | grep -c '^[0-9][0-9]*$')" "8" "each printed one id"
expect_eq "$(cat "$TEST_DIR"/same.[0-9] | sort -u | wc -l)" "8" "eight different ids"
expect_eq "$(sql "SELECT count(*) FROM tickets WHERE phone = '13900000099'")" "8" "eight tickets of the caller"
finish
