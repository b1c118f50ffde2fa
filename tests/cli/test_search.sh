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
