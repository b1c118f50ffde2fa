#!/usr/bin/env bash
# Concurrency on PostgreSQL (issue 8): 8 processes × 100 mixed commands on one database (intake,
# assign, start, resolve, close, deposit in/out, notes on one shared ticket, reads): no command
# fails and every write is there. Then 8 desks close the same ticket at once: exactly one wins
# and the history holds one close (no lost update). Runs on SQLite too when no server is given.
source "$(dirname "$0")/../cli/lib.sh"
setup_staff
export SVCDESK_USER=boss
shared=$(sd intake --channel phone --category consultation --customer shared --subject "shared ticket")

worker() { # 10 rounds of 10 commands
  local w=$1 i id tag
  for i in $(seq 1 10); do
    tag=$(printf 'A%03d' $((w * 10 + i)))
    id=$("$SVCDESK_BIN" --quiet intake --channel phone --category consultation --customer "caller $w" \
           --phone 13800000000 --subject "call $w-$i" --external-ref "P$w-$i" 2>>"$TEST_DIR/err.$w") || echo "intake P$w-$i" >>"$TEST_DIR/failed"
    for args in "assign $id a$((i % 2 + 1)) --force" "start $id" "resolve $id --resolution done" "close $id" \
                "note $shared from-$w-$i" "deposit out $tag --pieces 1" "show $shared" "list --limit 5"; do
      if [ "$args" = "deposit out $tag --pieces 1" ]; then
        "$SVCDESK_BIN" deposit in --tag "$tag" --depositor "D $w" --phone 13800000000 --id-number 110101199003077774 \
          --items "bag $w-$i" --pieces 1 --checked >/dev/null 2>>"$TEST_DIR/err.$w" || echo "deposit in $tag" >>"$TEST_DIR/failed"
      fi
      # shellcheck disable=SC2086
      "$SVCDESK_BIN" $args >/dev/null 2>>"$TEST_DIR/err.$w" || echo "$args" >>"$TEST_DIR/failed"
    done
  done
}
for w in 0 1 2 3 4 5 6 7; do worker "$w" & done
wait

expect_eq "$(cat "$TEST_DIR"/err.* 2>/dev/null)" "" "no process reported an error"
expect_eq "$(cat "$TEST_DIR/failed" 2>/dev/null)" "" "no command failed"
expect_eq "$(sql "select count(*) || ' ' || count(distinct external_ref) from tickets where external_ref like 'P%' and status = 'closed' and assignee is not null")" \
  "80 80" "80 tickets taken, assigned and closed"
expect_eq "$(sql "select count(*) from ticket_events e join tickets t on t.id = e.ticket_id where t.external_ref like 'P%'")" \
  "400" "five history events each (intake, assign, start, resolve, close)"
expect_eq "$(sql "select count(*) from ticket_events where ticket_id = $shared and action = 'note'")" "80" \
  "every note on the shared ticket"
expect_eq "$(sql "select count(*) || ' ' || count(distinct tag) from deposits where status = 'released'")" "80 80" \
  "80 deposits in and out"
expect_eq "$(sql "select count(*) from callbacks where purpose = 'survey'")" "80" "a survey callback per close"
expect_exit 0 "db check after the load" -- db check

# Eight desks close one resolved ticket at the same moment.
race=$(sd intake --channel phone --category consultation --customer race --subject race)
sd start "$race" >/dev/null && sd resolve "$race" --resolution done >/dev/null
for n in 1 2 3 4 5 6 7 8; do
  ("$SVCDESK_BIN" close "$race" >/dev/null 2>&1; echo $? >"$TEST_DIR/race.$n") &
done
wait
expect_eq "$(cat "$TEST_DIR"/race.* | sort | uniq -c | awk '{print $2 "x" $1}' | tr '\n' ' ')" "0x1 4x7 " \
  "one close wins, seven are refused (exit 4)"
expect_eq "$(sql "select count(*) from ticket_events where ticket_id = $race and action = 'close'")" "1" \
  "the history holds one close"
expect_exit 0 "db check after the race" -- db check
finish
