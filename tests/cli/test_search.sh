#!/usr/bin/env bash
# svcdesk search (issue 20, "Search"; seed 004 §4.1: the customer's history at hand): Chinese of
# two characters and more, English, every searched field, snippets, the list filters, imported
# rows; and list --breached / --due-within (seed 000 §五.4, the early-warning list).
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=boss

ids() { json '" ".join(str(r["id"]) for r in j)'; }

run intake --channel phone --category complaint --class product --customer 王女士 --phone 13812345678 \
  --subject "洗衣机漏水" --description "客户说洗衣机底部漏水严重"
t1=$OUT
run intake --channel online --category consultation --desk emergency --customer "John Smith" \
  --subject "Printer broken at the desk" --description "The printer shows error 50% of the time"
t2=$OUT
run intake --channel phone --category complaint --class after_sales --customer 李先生 \
  --subject "门诊楼电梯故障" --external-ref CALL-7788
t3=$OUT
expect_exit 0 "note" -- note "$t3" "电梯维修师傅已到场"
expect_exit 0 "assign" -- assign "$t2" e1 --force
expect_exit 0 "start" -- start "$t2" --as e1
expect_exit 0 "resolve" -- resolve "$t2" --as e1 --resolution "Replaced the toner cartridge"

# ---- Chinese: two characters (the scan path) and three or more (the trigram index)
expect_exit 0 "search two Chinese characters" -- search 漏水 --format json
expect_eq "$(ids)" "$t1" "two characters find the ticket"
expect_contains "$(json 'j[0]["snippet"]')" "[漏水]" "the snippet marks the match"
expect_exit 0 "search three Chinese characters" -- search 洗衣机 --format json
expect_eq "$(ids)" "$t1" "three characters find the ticket"
expect_exit 0 "search a note (two characters)" -- search 维修 --format json
expect_eq "$(ids)" "$t3" "a note is searched"
expect_eq "$(json 'j[0]["snippet"]')" "电梯[维修]师傅已到场" "snippet from the note"
expect_exit 0 "search a note (four characters)" -- search 维修师傅 --format json
expect_eq "$(ids)" "$t3" "a note is searched through the index"
expect_exit 0 "search the customer name" -- search 王女士 --format json
expect_eq "$(ids)" "$t1" "customer name is searched"
expect_exit 0 "search the external ref" -- search call-7788 --format json
expect_eq "$(ids)" "$t3" "external ref is searched, case folded"
expect_exit 0 "two characters at the very end of the texts" -- search 88 --format json
expect_eq "$(ids)" "$t3" "a short word that ends the last field is found (each text ends in a newline)"
expect_exit 0 "search two terms" -- search "电梯 故障" --format json
expect_eq "$(ids)" "$t3" "every term must occur"
expect_exit 0 "two terms, one absent" -- search "电梯 printer" --format json
expect_eq "$(ids)" "" "a term that occurs nowhere: no hit"

# ---- English, any case, every field
expect_exit 0 "search English" -- search PRINTER --format json
expect_eq "$(ids)" "$t2" "English, case folded"
expect_eq "$(json 'j[0]["snippet"]')" "[Printer] broken at t…" "English snippet from the subject"
expect_exit 0 "search the resolution" -- search toner --format json
expect_eq "$(ids)" "$t2" "resolution is searched"
expect_exit 0 "LIKE wildcards are text" -- search _ --format json
expect_eq "$(ids)" "" "_ matches only a _"
expect_exit 0 "a percent sign alone" -- search % --format json
expect_eq "$(ids)" "$t2" "% matches only a %"
expect_exit 0 "a percent sign inside a term" -- search 50% --format json
expect_eq "$(ids)" "$t2" "50% is found as typed"
expect_exit 0 "ticket objects carry the list keys" -- search 漏水 --format json
expect_eq "$(json 'all(k in j[0] for k in ("id", "status", "desk", "customer", "subject", "breached", "snippet"))')" \
  "True" "search hits are ticket records with a snippet"

# ---- the table has a snippet column
expect_exit 0 "table" -- search 电梯
expect_contains "$OUT" "snippet" "table header names the snippet"
expect_contains "$OUT" "[电梯]" "table shows the snippet"

# ---- ranking: the ticket that says it more often comes first (three characters or more)
run intake --channel phone --category consultation --customer 赵六 --subject "漏水漏水漏水 again" \
  --description "洗衣机 洗衣机 洗衣机"
t4=$OUT
expect_exit 0 "ranked" -- search 洗衣机 --format json
expect_eq "$(ids)" "$t4 $t1" "more mentions rank first"
expect_exit 0 "two characters: newest first" -- search 漏水 --format json
expect_eq "$(ids)" "$t4 $t1" "short terms: newest first"
expect_exit 0 "limit" -- search 漏水 --limit 1 --format json
expect_eq "$(ids)" "$t4" "--limit"

# ---- the filters of list, combined
expect_exit 0 "desk filter" -- search printer --desk emergency --format json
expect_eq "$(ids)" "$t2" "--desk emergency"
expect_exit 0 "desk filter excludes" -- search printer --desk internal --format json
expect_eq "$(ids)" "" "--desk internal"
expect_exit 0 "status and category" -- search 漏水 --status open --category complaint --format json
expect_eq "$(ids)" "$t1" "--status open --category complaint"
expect_exit 0 "status resolved" -- search "the" --status resolved --format json
expect_eq "$(ids)" "$t2" "--status resolved"
expect_exit 0 "owner" -- search 电梯 --owner boss --format json
expect_eq "$(ids)" "$t3" "--owner"
expect_unchanged 2 "blank search" -- search "  "
expect_contains "$ERR" "search text must not be empty" "blank search says why"
expect_unchanged 2 "unknown desk" -- search 漏水 --desk nowhere

# ---- list --breached / --due-within (seed 000 §五.4)
# Complaint/product: respond within 2 h (11:00); after_sales within 1 h (10:00).
expect_exit 0 "due within 90 minutes" -- list --due-within 90m --category complaint --format json
expect_eq "$(ids)" "$t3" "only the deadline at 10:00 is within 90 minutes"
expect_exit 0 "due within 3 hours" -- list --due-within 3h --category complaint --format json
expect_contains " $(ids) " " $t1 " "the deadline at 11:00 is within 3 hours"
expect_unchanged 2 "bad duration" -- list --due-within soon
expect_exit 0 "nothing breached yet" -- list --breached --category complaint --format json
expect_eq "$(ids)" "" "no breach at 09:00"
SVCDESK_NOW="2026-11-23T10:30:00+08:00" run list --breached --category complaint --format json
expect_eq "$(ids)" "$t3" "after_sales unanswered past 10:00 is breached"
expect_exit 0 "answer late" -- start "$t3"
expect_exit 0 "resolve late-answered" -- resolve "$t3" --resolution "修好了"
SVCDESK_NOW="2026-11-23T10:30:00+08:00" run list --breached --status resolved --format json
expect_eq "$(ids)" "" "answered at 09:00 is no breach"
SVCDESK_NOW="2026-11-25T10:30:00+08:00" run list --breached --format json
expect_contains " $(ids) " " $t1 " "unanswered complaint breached two days later"
expect_not_contains " $(ids) " " $t3 " "a ticket resolved in time stays unbreached"
SVCDESK_NOW="2026-11-25T10:30:00+08:00" run list --overdue --format json
expect_contains " $(ids) " " $t1 " "--overdue agrees for open tickets"

# ---- the index follows edits and notes (the triggers of the contentless index, schema v5)
expect_exit 0 "edit the subject" -- edit "$t2" --subject "Scanner jammed at the desk" --reason "wrong device"
expect_exit 0 "old subject word" -- search broken --format json
expect_eq "$(ids)" "" "an edited text is no longer found"
expect_exit 0 "new subject word" -- search scanner --format json
expect_eq "$(ids)" "$t2" "the new text is found"
expect_exit 0 "note after the edit" -- note "$t2" "送修扫描仪"
expect_exit 0 "the note" -- search 扫描 --format json
expect_eq "$(ids)" "$t2" "a new note is found (two characters)"
expect_exit 0 "body still there" -- search toner --format json
expect_eq "$(ids)" "$t2" "the resolution is still found after the note"

# ---- list: ended tickets newest first, open ones by the next deadline (issue 20, "Speed")
closed=()
for day in 20 21; do
  SVCDESK_NOW="2026-11-${day}T09:00:00+08:00" run intake --channel phone --category consultation \
    --customer 周先生 --subject "closed on the $day"
  closed+=("$OUT")
  sd start "$OUT" >/dev/null && sd resolve "$OUT" --resolution ok >/dev/null && sd close "$OUT" >/dev/null
done
expect_exit 0 "list closed" -- list --status closed --format json
expect_eq "$(ids)" "${closed[1]} ${closed[0]}" "closed tickets: newest first"
expect_exit 0 "list open" -- list --status open --category complaint --format json
expect_eq "$(ids)" "$t1" "open tickets still by deadline"
if ! on_pg; then
  # Each one-filter list is served by an index, in its order (no sort of the table): the
  # statement of TicketRepo::list (ticket_repo.cpp) with each filter.
  cols="SELECT id FROM tickets WHERE true"
  open_term="status IN ('new', 'assigned', 'in_progress', 'waiting')"
  plan_uses() { # plan_uses INDEX DESCRIPTION SQL
    local plan
    plan=$(sql "EXPLAIN QUERY PLAN $3")
    expect_contains "$plan" "$1" "$2: an index serves it"
    expect_not_contains "$plan" "SCAN tickets$" "$2: no scan of the table"
    expect_not_contains "$plan" "TEMP B-TREE" "$2: no sort"
  }
  plan_uses tickets_status_created "--status closed" \
    "$cols AND status IN ('closed') ORDER BY created_at DESC, id DESC LIMIT 50"
  plan_uses tickets_status_created "--status cancelled" \
    "$cols AND status IN ('cancelled') ORDER BY created_at DESC, id DESC LIMIT 50"
  plan_uses tickets_resolved_due "--status resolved" "SELECT id FROM tickets INDEXED BY tickets_resolved_due
    WHERE true AND status IN ('resolved') AND status = 'resolved' ORDER BY next_due, id LIMIT 50"
  for s in new assigned in_progress waiting; do
    plan_uses tickets_open_status_due "--status $s" "SELECT id FROM tickets INDEXED BY tickets_open_status_due
      WHERE true AND status IN ('$s') AND $open_term ORDER BY next_due, id LIMIT 50"
  done
  plan_uses tickets_open_due "--status open" "SELECT id FROM tickets INDEXED BY tickets_open_due
    WHERE true AND status IN ('new', 'assigned', 'in_progress', 'waiting') AND $open_term ORDER BY next_due, id LIMIT 50"
  plan_uses tickets_assignee_due "--assignee" "$cols AND assignee = 'a1' ORDER BY next_due, id LIMIT 50"
  plan_uses tickets_owner_due "--owner" "$cols AND owner = 'a1' ORDER BY next_due, id LIMIT 50"
  plan_uses tickets_category_due "--category" "$cols AND category = 'complaint' ORDER BY next_due, id LIMIT 50"
  plan_uses tickets_open_due "--due-within" "SELECT id FROM tickets INDEXED BY tickets_open_due
    WHERE true AND $open_term AND next_due <= 1 ORDER BY next_due, id LIMIT 50"
  plan=$(sql "EXPLAIN QUERY PLAN $cols AND phone = '13812345678' ORDER BY next_due, id LIMIT 50")
  expect_contains "$plan" "tickets_phone" "--phone: an index serves it"
  plan=$(sql "EXPLAIN QUERY PLAN SELECT id FROM tickets INDEXED BY tickets_created
    WHERE true AND created_at >= 1 ORDER BY next_due, id LIMIT 50")
  expect_contains "$plan" "tickets_created (created_at>?)" "--since: the range is read through its index"
  plan=$(sql "EXPLAIN QUERY PLAN $cols AND (response_breached_at IS NOT NULL OR resolve_breached_at IS NOT NULL) ORDER BY next_due, id LIMIT 50")
  expect_contains "$plan" "tickets_next_due" "--breached: read in the order of the next deadline"
fi

# ---- imported rows are searchable
cat >"$TEST_DIR/import.toml" <<'TOML'
[import.profiles.calls]
date_formats = ["%Y-%m-%d %H:%M"]
time_zone = "Asia/Shanghai"
[import.profiles.calls.columns]
external_ref = "call_id"
created_at = "at"
channel = "via"
category = "type"
subject = "subject"
customer = "name"
description = "notes"
[import.profiles.calls.values.channel]
"*" = "phone"
[import.profiles.calls.values.category]
"*" = "consultation"
TOML
cat >"$TEST_DIR/calls.csv" <<'CSV'
call_id,at,via,type,subject,name,notes
C-1,2026-11-22 10:00,tel,q,停车场收费咨询,孙女士,问停车费
C-2,2026-11-22 11:00,tel,q,Parking fee question,Mary Major,asked about the parking fee
CSV
SVCDESK_CONFIG="$TEST_DIR/import.toml" run import "$TEST_DIR/calls.csv" --profile calls
expect_eq "$RC" "0" "import"
expect_exit 0 "imported Chinese found" -- search 停车 --format json
expect_eq "$(json '[r["external_ref"] for r in j]')" "['C-1']" "two characters find an imported row"
expect_exit 0 "imported English found" -- search "parking fee" --format json
expect_eq "$(json '[r["external_ref"] for r in j]')" "['C-2']" "English finds an imported row"

finish
