#!/usr/bin/env bash
# The callback commands end to end (SPEC §2, §9): policy on close and reopen, progress calls,
# schedule, due, done, cancel, list, show; every refusal with its exit code and an unchanged
# database. The clock starts on Monday 2026-11-23 09:00.
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=a1

# new_ticket CATEGORY [intake options...]: a ticket taken by a1; prints its id.
new_ticket() {
  local category=$1
  shift
  sd intake --channel phone --category "$category" --customer 王女士 --phone 13812345678 --subject 回访测试 "$@"
}
# closed_ticket CATEGORY [close options...]: a ticket taken, worked and closed now.
closed_ticket() {
  local id
  id=$(new_ticket "$1")
  shift
  sd start "$id" >/dev/null && sd resolve "$id" --resolution 已处理 >/dev/null && sd close "$id" "$@" >/dev/null
  echo "$id"
}
cb_of() { # cb_of TICKET PURPOSE: id of the ticket's callback with that purpose (latest)
  OUT=$(sd callback list --ticket "$1" --purpose "$2" --format json)
  json '[c["id"] for c in j][-1]'
}

# ---- close: a survey the next working day at 10:00; complaints also a follow-up after 3 days
t1=$(closed_ticket consultation)
run callback list --ticket "$t1" --format json
expect_eq "$(json 'len(j), j[0]["purpose"], j[0]["status"], j[0]["due_at"], j[0]["created_by"], j[0]["attempts"]')" \
  "1 survey pending 2026-11-24T10:00:00+08:00 a1 []" "close schedules one survey the next working day"
for key in id ticket purpose due_at status attempts satisfaction; do
  if [ "$(json "'$key' in j[0]")" = True ]; then pass; else failed "callback JSON lacks key $key"; fi
done
expect_eq "$(json 'j[0]["phone"]')" "138****5678" "the phone is masked"

t2=$(closed_ticket complaint --satisfaction 3)
run callback list --ticket "$t2" --format json
expect_eq "$(json '[(c["purpose"], c["due_at"]) for c in j]')" \
  "[('survey', '2026-11-24T10:00:00+08:00'), ('followup', '2026-11-26T09:00:00+08:00')]" \
  "a complaint also gets a follow-up 3 days after close"

# Friday evening: the survey moves across the weekend to Monday.
t_fri=$(SVCDESK_NOW="2026-11-27T19:30:00+08:00" closed_ticket consultation)
run callback list --ticket "$t_fri" --format json
expect_eq "$(json 'j[0]["due_at"]')" "2026-11-30T10:00:00+08:00" "survey across a weekend"

# ---- close --no-callback --reason
t3=$(new_ticket consultation)
sd start "$t3" >/dev/null && sd resolve "$t3" --resolution 已处理 >/dev/null
expect_unchanged 2 "close --no-callback needs --reason" -- close "$t3" --no-callback
expect_unchanged 2 "close --reason needs --no-callback" -- close "$t3" --reason 客户拒绝回访
# Issue 19 (seed 004 §4.1): an agent drops a survey only with a reason of callbacks.drop_reasons;
# the drop is kept as a cancelled survey naming who dropped it (this test used a free reason).
expect_unchanged 5 "close --no-callback with a free reason by an agent" -- close "$t3" --no-callback --reason 客户不想接电话
expect_exit 0 "close --no-callback --reason" -- close "$t3" --no-callback --reason "customer declined: 客户拒绝回访"
run callback list --ticket "$t3" --format json
expect_eq "$(json '[(c["purpose"], c["status"], c["dropped_by"]) for c in j]')" "[('survey', 'cancelled', 'a1')]" \
  "the dropped survey is recorded, nothing is scheduled"
run show "$t3" --format json
expect_eq "$(json 'j["history"][-1]["reason"], [c for c in j["history"][-1]["changes"] if c["field"] == "callbacks"][0]')" \
  "customer declined: 客户拒绝回访 {'field': 'callbacks', 'old': None, 'new': 'none'}" "the reason is in the ticket history"

# ---- reopen cancels the pending survey (and follow-up); closing again schedules fresh ones
expect_exit 0 "reopen" -- reopen "$t2" --reason 客户仍不满意
run callback list --ticket "$t2" --format json
expect_eq "$(json '[c["status"] for c in j]')" "['cancelled', 'cancelled']" "reopen cancels survey and follow-up"
expect_contains "$(json 'j[0]["cancel_reason"]')" "reopened" "the cancel reason says why"
sd resolve "$t2" --resolution 已重新处理 >/dev/null && sd close "$t2" >/dev/null
run callback list --ticket "$t2" --status pending --format json
expect_eq "$(json 'sorted(c["purpose"] for c in j)')" "['followup', 'survey']" "closing again schedules anew"

# ---- schedule
expect_unchanged 3 "schedule on an unknown ticket" -- callback schedule 999 --at "2026-11-24 15:00"
expect_unchanged 2 "schedule with a bad purpose" -- callback schedule "$t1" --at "2026-11-24 15:00" --purpose chat
expect_unchanged 2 "schedule with a bad time" -- callback schedule "$t1" --at "next week"
expect_unchanged 2 "schedule in the past" -- callback schedule "$t1" --at "2026-11-20 15:00"
expect_unchanged 2 "schedule without --at" -- callback schedule "$t1"
expect_unchanged 5 "schedule without an actor" -- callback schedule "$t1" --at "2026-11-24 15:00" --as nobody
expect_exit 0 "schedule a care call" -- callback schedule "$t1" --at "2026-11-24 15:00" --purpose care
care=$OUT
expect_eq "$(echo "$care" | grep -cE '^[0-9]+$')" "1" "schedule prints the id alone"
expect_exit 0 "schedule outside calling hours" -- callback schedule "$t1" --at "2026-11-24 21:00"
late=$OUT
run callback show "$late" --format json
expect_eq "$(json 'j["purpose"], j["due_at"]')" "followup 2026-11-25T09:00:00+08:00" \
  "a time outside calling hours moves to the next window"

# ---- done: refusals first
s1=$(cb_of "$t1" survey)
expect_unchanged 2 "done with a bad outcome" -- callback done "$s1" --outcome busy
expect_unchanged 2 "done without --outcome" -- callback done "$s1"
expect_unchanged 2 "satisfaction 6" -- callback done "$s1" --outcome reached --satisfaction 6
expect_unchanged 2 "satisfaction 0" -- callback done "$s1" --outcome reached --satisfaction 0
expect_unchanged 2 "satisfaction not a number" -- callback done "$s1" --outcome reached --satisfaction high
expect_unchanged 2 "satisfaction on an unanswered call" -- callback done "$s1" --outcome no_answer --satisfaction 4
expect_unchanged 2 "a bad callback id" -- callback done X1 --outcome reached
expect_unchanged 3 "done on an unknown callback" -- callback done 999 --outcome reached
expect_unchanged 5 "done without an actor" -- callback done "$s1" --outcome reached --as nobody

# Issue 19 (seed 004 §4.1): a1 handled t1 and may not survey it; a2 does (this test used a1).
expect_unchanged 5 "the assignee records the survey of their own ticket" -- callback done "$s1" --outcome reached --satisfaction 5
# reached with a satisfaction: the callback is done and the ticket carries the satisfaction.
expect_exit 0 "done reached" -- callback done "C$s1" --outcome reached --satisfaction 4 --note 服务很好 --as a2
run callback show "$s1" --format json
expect_eq "$(json 'j["status"], j["satisfaction"], j["attempts"]')" \
  "done 4 [{'at': '2026-11-23T09:00:00+08:00', 'caller': 'a2', 'outcome': 'reached', 'note': '服务很好'}]" \
  "the call is recorded with time, caller, outcome and note"
run show "$t1" --format json
expect_eq "$(json 'j["satisfaction"], j["history"][-1]["action"], j["history"][-1]["changes"]')" \
  "4 callback [{'field': 'satisfaction', 'old': None, 'new': '4'}]" "the satisfaction becomes the ticket's, in history"
expect_unchanged 4 "done on a done callback" -- callback done "$s1" --outcome reached

# no_answer: retry after 2 h, unreachable after the third unanswered call.
f2=$(cb_of "$t2" followup)
expect_exit 0 "no answer 1" -- callback done "$f2" --outcome no_answer
expect_contains "$OUT" "next try 2026-11-23 11:00" "the retry is 2 h later"
SVCDESK_NOW="2026-11-23T19:00:00+08:00" expect_exit 0 "no answer 2" -- callback done "$f2" --outcome no_answer
run callback show "$f2" --format json
expect_eq "$(json 'j["status"], j["due_at"], len(j["attempts"])')" "pending 2026-11-24T09:00:00+08:00 2" \
  "a retry past calling hours moves to the next morning"
SVCDESK_NOW="2026-11-24T09:05:00+08:00" expect_exit 0 "no answer 3" -- callback done "$f2" --outcome no_answer
run callback show "$f2" --format json
expect_eq "$(json 'j["status"], len(j["attempts"])')" "unreachable 3" "unreachable after the last attempt"
expect_unchanged 4 "done on an unreachable callback" -- callback done "$f2" --outcome reached

# wrong number: unreachable at once.
expect_exit 0 "wrong number" -- callback done "$late" --outcome wrong_number
run callback show "$late" --format json
expect_eq "$(json 'j["status"]')" "unreachable" "a wrong number is unreachable"

# ---- cancel
expect_unchanged 3 "cancel an unknown callback" -- callback cancel 999 --reason x
expect_unchanged 2 "cancel without --reason" -- callback cancel "$care"
expect_unchanged 2 "cancel with a blank reason" -- callback cancel "$care" --reason " "
expect_exit 0 "cancel" -- callback cancel "$care" --reason 客户已出院
run callback show "$care" --format json
expect_eq "$(json 'j["status"], j["cancel_reason"]')" "cancelled 客户已出院" "cancel records the reason"
expect_unchanged 4 "cancel a cancelled callback" -- callback cancel "$care" --reason again
expect_unchanged 4 "done on a cancelled callback" -- callback done "$care" --outcome reached

# ---- show
expect_unchanged 3 "show an unknown callback" -- callback show 999
expect_exit 0 "show as a table" -- callback show "$s1"
expect_contains "$OUT" "服务很好" "the table shows the calls"

# ---- due: overdue first, then by due time; filters
expect_unchanged 2 "due with a bad desk" -- callback due --desk nowhere
expect_unchanged 2 "due with a bad time" -- callback due --at someday
run callback due --format json
expect_eq "$(json 'len(j)')" "0" "nothing is due today yet"
# A survey due at 10:00 is overdue at 10:30; the follow-up at 09:00 Thursday is not due yet.
SVCDESK_NOW="2026-11-24T10:30:00+08:00" run callback due --format json
expect_eq "$(json '[(c["ticket"], c["purpose"]) for c in j]')" "[($t2, 'survey')]" "due on Tuesday"
expect_eq "$(json 'j[0]["overdue"]')" "True" "overdue is flagged"
run callback due --at "2026-11-30 23:00" --format json
expect_eq "$(json '[c["due_at"] for c in j] == sorted(c["due_at"] for c in j)')" "True" "due sorts by due time"
expect_eq "$(json '[c["ticket"] for c in j]')" "[$t2, $t_fri]" "due by a later time"
run callback due --at "2026-11-30 23:00" --desk emergency --format json
expect_eq "$(json 'len(j)')" "0" "due --desk filters on the ticket's desk"
run callback due --at "2026-11-30 23:00" --assignee a2 --format json
expect_eq "$(json 'len(j)')" "0" "due --assignee filters on the ticket's handler"
run callback due --at "2026-11-30 23:00" --assignee a1 --format json
expect_eq "$(json 'len(j)')" "2" "a1 handles both"

# ---- list
expect_unchanged 2 "list with a bad status" -- callback list --status open
expect_unchanged 2 "list with a bad ticket id" -- callback list --ticket abc
expect_unchanged 3 "list for an unknown ticket" -- callback list --ticket 999
expect_unchanged 2 "list with until before since" -- callback list --since 2026-11-25 --until 2026-11-24
run callback list --status done,unreachable --format json
expect_eq "$(json 'sorted(c["status"] for c in j)')" "['done', 'unreachable', 'unreachable']" "list --status"
run callback list --since "2026-11-26" --until "2026-11-27" --format json
expect_eq "$(json '[c["purpose"] for c in j]')" "['followup']" "list --since/--until on the due time"
run callback list
expect_contains "$OUT" "survey" "list as a table"
run callback list --format csv
expect_contains "$(echo "$OUT" | head -1)" "id,ticket,purpose,status,due_at" "list as CSV"

# ---- progress calls: an in-progress ticket past its resolve target (consultation: 30 min)
tp=$(new_ticket consultation --flags vip)
sd start "$tp" >/dev/null
run callback list --ticket "$tp" --format json
expect_eq "$(json 'len(j)')" "0" "no progress call before the resolve target"
export SVCDESK_NOW="2026-11-23T10:00:00+08:00"
run callback due --format json
run callback list --ticket "$tp" --format json
expect_eq "$(json '[(c["purpose"], c["status"], c["due_at"], c["created_by"]) for c in j]')" \
  "[('progress', 'pending', '2026-11-23T09:30:00+08:00', None)]" "an overdue ticket gets a progress call"
before=$(db_state)
sd callback due >/dev/null && sd callback list >/dev/null
expect_eq "$(db_state)" "$before" "materialising progress calls is idempotent"
p1=$(cb_of "$tp" progress)
sd callback done "$p1" --outcome reached --note 已告知进展 >/dev/null
run callback list --ticket "$tp" --status pending --format json
expect_eq "$(json '[(c["purpose"], c["due_at"]) for c in j]')" "[('progress', '2026-11-23T14:00:00+08:00')]" \
  "the next progress call is one (vip: 4 h) interval after the last"
sd resolve "$tp" --resolution 已解决 >/dev/null
run callback list --ticket "$tp" --format json
expect_eq "$(json '[c["status"] for c in j]')" "['done', 'cancelled']" "resolving ends the progress calls"
export SVCDESK_NOW="2026-11-23T09:00:00+08:00"

# ---- issue 19: satisfaction and callbacks without loopholes
# Seed 004 §4.1: a progress, follow-up or care call never writes satisfaction (exit 4).
care2=$(sd callback schedule "$t1" --at "2026-11-24 15:00" --purpose care)
expect_unchanged 4 "satisfaction on a care call" -- callback done "$care2" --outcome reached --satisfaction 5 --as a2
expect_contains "$ERR" "only a satisfaction survey" "the refusal says why"
expect_exit 0 "a care call without a score" -- callback done "$care2" --outcome reached --as a2

# Seed 000 §三.3: a low score marks the ticket dissatisfied; its owner (boss) gets the follow-up.
td=$(SVCDESK_USER=boss new_ticket consultation)
sd start "$td" >/dev/null && sd resolve "$td" --resolution 已处理 >/dev/null && sd close "$td" >/dev/null
sd_survey=$(cb_of "$td" survey)
expect_exit 0 "a low survey score" -- callback done "$sd_survey" --outcome reached --satisfaction 2 --as a2
run show "$td" --format json
expect_eq "$(json 'j["satisfaction"], j["dissatisfied_at"]')" "2 2026-11-23T09:00:00+08:00" "the ticket is marked dissatisfied"
run callback list --ticket "$td" --status pending --format json
expect_eq "$(json '[(c["purpose"], c["handler"], c["due_at"]) for c in j]')" \
  "[('followup', 'boss', '2026-11-24T10:00:00+08:00')]" "a follow-up for the owner, next working day"
run list --dissatisfied --status closed --format json
expect_eq "$(json '[t["id"] for t in j]')" "[$td]" "list --dissatisfied"
run report daily --date today --format json
expect_eq "$(json 'j["callbacks"]["dissatisfied"], j["callbacks"]["dropped"]')" "1 1" \
  "the daily report counts dissatisfied tickets and dropped surveys"
run report daily --date today --format csv
expect_contains "$OUT" "dissatisfied" "the CSV report has the count"
run report staff --month 2026-11 --format json
expect_eq "$(json '[(p["id"], p["dissatisfied"], p["first_contact"]) for p in j["staff"] if p["id"] in ("a1", "boss")]')" \
  "[('a1', 1, $(sql "SELECT count(*) FROM tickets WHERE owner = 'a1'")), ('boss', 0, 1)]" \
  "the staff report: dissatisfied per handler, first contacts per owner"

# Seed 004 §4.1: callback cancel of a survey needs a supervisor or a configured reason.
tc=$(closed_ticket consultation)
sc=$(cb_of "$tc" survey)
expect_unchanged 5 "cancel a survey with a free reason" -- callback cancel "$sc" --reason 不想打
expect_exit 0 "cancel a survey with a listed reason" -- callback cancel "$sc" --reason "duplicate ticket"
run callback show "$sc" --format json
expect_eq "$(json 'j["status"], j["dropped_by"]')" "cancelled a1" "the dropped survey names who dropped it"

# Seed 004 §4.1: no phone, no survey; the history says why and db check stays clean.
tn=$(sd intake --channel walk_in --category consultation --customer 路人 --subject 问路)
sd start "$tn" >/dev/null && sd resolve "$tn" --resolution 已指引 >/dev/null
expect_exit 0 "close a ticket without a phone" -- close "$tn"
run callback list --ticket "$tn" --format json
expect_eq "$(json 'len(j)')" "0" "no survey without a phone"
run show "$tn" --format json
expect_eq "$(json 'j["history"][-1]["reason"]')" "no phone number on record: no survey callback" "the history says why"

# Seed 000 §五.3: an urgent ticket gets a progress call 2 h after the contact, before its deadline;
# a new ticket past its response deadline gets progress calls too.
tu=$(new_ticket after_sales --priority urgent)
tnew=$(new_ticket complaint)
run callback list --ticket "$tu" --format json
expect_eq "$(json '[(c["purpose"], c["due_at"]) for c in j]')" "[('progress', '2026-11-23T11:00:00+08:00')]" \
  "the severe-case progress call 2 h after intake"
SVCDESK_NOW="2026-11-23T12:00:00+08:00" run callback list --ticket "$tnew" --format json
expect_eq "$(json '[(c["purpose"], c["ticket_status"]) for c in j]')" "[('progress', 'new')]" \
  "a new ticket past its response deadline gets a progress call"

# Seed 004 §4.1: an import profile says whether tickets imported closed are owed surveys; by
# default those closed within surveys_max_age_days (7) with a phone are.
cat >"$TEST_DIR/surveys.toml" <<'TOML'
[import.profiles.owed]
date_formats = ["%Y-%m-%d %H:%M"]
[import.profiles.owed.columns]
external_ref = "ref"
created_at = "at"
closed_at = "closed"
status = "state"
phone = "phone"
subject = "subject"
[import.profiles.owed.defaults]
customer = "caller"
category = "consultation"
channel = "phone"

[import.profiles.history]
surveys = false
date_formats = ["%Y-%m-%d %H:%M"]
[import.profiles.history.columns]
external_ref = "ref"
created_at = "at"
closed_at = "closed"
status = "state"
phone = "phone"
subject = "subject"
[import.profiles.history.defaults]
customer = "caller"
category = "consultation"
channel = "phone"
TOML
printf 'ref,at,closed,state,phone,subject\n' >"$TEST_DIR/closed.csv"
printf 'S1,2026-11-20 09:00,2026-11-20 10:00,closed,13800002222,recent\n' >>"$TEST_DIR/closed.csv"
printf 'S2,2026-10-01 09:00,2026-10-01 10:00,closed,13800003333,old\n' >>"$TEST_DIR/closed.csv"
printf 'S3,2026-11-21 09:00,2026-11-21 10:00,closed,,no phone\n' >>"$TEST_DIR/closed.csv"
printf 'ref,at,closed,state,phone,subject\nH1,2026-11-22 09:00,2026-11-22 10:00,closed,13800004444,history\n' >"$TEST_DIR/history.csv"
SVCDESK_CONFIG="$TEST_DIR/surveys.toml" expect_exit 0 "import closed tickets" -- import "$TEST_DIR/closed.csv" --profile owed
SVCDESK_CONFIG="$TEST_DIR/surveys.toml" expect_exit 0 "import closed history" -- import "$TEST_DIR/history.csv" --profile history
expect_eq "$(sql "SELECT t.external_ref, c.purpose, c.status, c.due_at FROM callbacks c JOIN tickets t ON t.id = c.ticket_id
                  WHERE t.external_ref IN ('S1', 'S2', 'S3', 'H1') ORDER BY t.external_ref")" \
  "S1|survey|pending|$(date -d 2026-11-23T10:00:00+08:00 +%s)" \
  "only the recent import with a phone is owed a survey, due at the next calling hour"

# ---- the integrity check stays clean
expect_exit 0 "db check" -- db check
finish
