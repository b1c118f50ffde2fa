#!/usr/bin/env bash
# db check: each domain invariant, broken on purpose in a copy with sqlite3 (psql), is reported
# by name with exit 1; the intact database passes. PostgreSQL enforces foreign keys itself, so
# there the orphan rows cannot be made: the server must refuse them instead.
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=boss

life() { # a ticket through to resolved; prints its id
  local id
  id=$(sd intake --channel phone --category consultation --customer A --phone "1380000000$1" --subject "s $1")
  sd start "$id" >/dev/null && sd resolve "$id" --resolution done >/dev/null
  echo "$id"
}
t1=$(life 1)
sd close "$t1" >/dev/null                                    # gets a survey callback
t2=$(life 2)
sd close "$t2" --no-callback --reason "customer declined calls" >/dev/null
t3=$(life 3)
sd close "$t3" >/dev/null
cb3=$(sql "select id from callbacks where ticket_id = $t3 and purpose = 'survey'")
sd --as a1 callback done "$cb3" --outcome reached --satisfaction 5 >/dev/null
sd deposit in --tag A001 --depositor D --phone 13800000000 --id-number 110101199003077774 --items bag \
  --pieces 1 --checked >/dev/null
sd roster set a1 2026-11-23 day >/dev/null 2>&1
expect_exit 0 "an intact database passes" -- db check
expect_eq "$(sql "select count(*) from callbacks where status <> 'cancelled'")" "2" "two survey callbacks (one ticket closed without)"
expect_eq "$(sql "select count(*) from callbacks where status = 'cancelled' and dropped_by is not null")" "1" \
  "the dropped survey is kept as dropped (issue 19)"

db_save good
# broken DESCRIPTION NEEDLE SQL: applies SQL to a fresh copy; db check must fail naming NEEDLE.
broken() {
  local bad
  bad=$(db_clone good bad)
  if [[ "$2" == "orphan row"* ]] && on_pg; then
    if sql_at "$bad" "$3" >/dev/null 2>&1; then failed "$1: PostgreSQL accepted an orphan row"; else pass; fi
    return
  fi
  if ! sql_at "$bad" "$3"; then failed "$1: the corruption SQL failed"; return; fi
  expect_exit 1 "$1" -- --db "$bad" db check
  expect_contains "$OUT" "$2" "$1: the problem is named"
}

broken "two active deposits on one tag" "tag A001: 2 active deposits" \
  "DROP INDEX deposits_active_tag;
   INSERT INTO deposits (tag, desk, status, pieces, items, depositor, phone, id_last4, id_hash, deposited_at, due_at, received_by)
   SELECT tag, desk, status, pieces, 'other bag', depositor, phone, id_last4, id_hash, deposited_at, due_at, received_by FROM deposits;"
broken "closed ticket lost its survey callback" "ticket $t1: closed without a survey callback" \
  "DELETE FROM callbacks WHERE ticket_id = $t1;"
broken "closed ticket's survey predates the close" "ticket $t1: closed without a survey callback" \
  "UPDATE callbacks SET status = 'cancelled', finished_at = created_at - 10, created_at = created_at - 20 WHERE ticket_id = $t1;"
broken "callback without its ticket" "orphan row (foreign key): callbacks" \
  "INSERT INTO callbacks (ticket_id, purpose, status, due_at, created_at) VALUES (999, 'care', 'pending', 0, 0);"
broken "call attempt without its callback" "orphan row (foreign key): callback_attempts" \
  "INSERT INTO callback_attempts (callback_id, at, caller, outcome) VALUES (999, 0, 'boss', 'reached');"
broken "deposit event without its deposit" "orphan row (foreign key): deposit_events" \
  "INSERT INTO deposit_events (deposit_id, at, action) VALUES (999, 0, 'in');"
broken "roster row without its staff member" "orphan row (foreign key): roster" \
  "INSERT INTO roster (staff, day, shift, set_at) VALUES ('ghost', '2026-11-23', 'day', 0);"
broken "ticket event without its ticket" "orphan row (foreign key): ticket_events" \
  "INSERT INTO ticket_events (ticket_id, at, action) VALUES (999, 0, 'note');"
broken "status disagrees with history" "ticket $t2: status resolved but its history says closed" \
  "UPDATE tickets SET status = 'resolved' WHERE id = $t2;"

# Reopened and closed again: the second close schedules a new survey, and the check passes.
sd reopen "$t3" --reason "came back" >/dev/null
sd start "$t3" >/dev/null 2>&1; sd resolve "$t3" --resolution again >/dev/null; sd close "$t3" >/dev/null
expect_exit 0 "reopen and close again passes" -- db check
expect_eq "$(sql "select count(*) from callbacks where ticket_id = $t3 and purpose = 'survey'")" "2" \
  "a second survey after the second close"
finish
