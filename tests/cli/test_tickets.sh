#!/usr/bin/env bash
# The ticket commands end to end: success paths, every exit code, and an unchanged database
# after every failure.
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=boss

intake() { sd intake --channel phone --category complaint --class product --customer 王女士 \
             --phone 13812345678 --subject "发票抬头错误" "$@"; }

# ---- intake prints the id alone
expect_exit 0 "intake" -- intake --channel phone --category complaint --class product --customer 王女士 \
  --phone 13812345678 --subject "发票抬头错误" --description "多行
描述"
expect_eq "$OUT" "1" "intake prints the new id alone"
id=$OUT

run show "$id" --format json
expect_eq "$(json 'j["status"], j["owner"], j["desk"], j["phone"], j["response_due"], j["resolve_due"], j["breached"]')" \
  "new boss internal 138****5678 2026-11-23T11:00:00+08:00 2026-11-24T09:00:00+08:00 False" "intake fields and SLA deadlines"
for key in id status channel category priority desk customer phone subject owner assignee created_at \
           first_response_at resolved_at closed_at response_due resolve_due breached history; do
  if [ "$(json "'$key' in j")" = True ]; then pass; else failed "show --format json lacks key $key"; fi
done

# ---- the lifecycle, one command at a time
expect_exit 0 "assign" -- assign "$id" a1 --note "熟悉发票"
expect_exit 0 "start" -- start "$id"
expect_exit 0 "note" -- note "$id" "已联系财务"
expect_exit 0 "wait" -- wait "$id" --reason "等客户提供单据"
expect_exit 0 "resume" -- resume "$id" --as a1 --db "$SVCDESK_DB"   # global options after the command
expect_exit 0 "resolve" -- resolve "$id" --resolution "重开发票" --root-cause staff
expect_exit 0 "close" -- close "$id" --satisfaction 5
run show "$id" --format json
expect_eq "$(json 'j["status"], j["assignee"], j["satisfaction"], j["root_cause"], len(j["history"])')" \
  "closed a1 5 staff 8" "closed ticket and its history"
expect_eq "$(json '[e["actor"] for e in j["history"]][5]')" "a1" "history records the actor"
expect_exit 0 "reopen" -- reopen "$id" --reason "客户仍未收到"
# (issue 19: --notified-at may not precede the contact at 09:00; this said 08:30 before)
expect_exit 0 "extend" -- extend "$id" --to "2026-11-30 18:00" --reason "等财务" --notified-at "09:00"
run show "$id" --format json
expect_eq "$(json 'j["status"], j["resolve_due"], j["extended_to"]')" \
  "in_progress 2026-11-30T18:00:00+08:00 2026-11-30T18:00:00+08:00" "reopen and extend"
expect_exit 0 "cancel" -- cancel "$id" --reason "客户撤回"
run show "$id"
expect_contains "$OUT" "cancelled" "show as a table"
expect_contains "$OUT" "客户撤回" "show prints reasons in the history"

# ---- refused transitions: exit 4, naming both states, nothing written
id2=$(intake)
expect_unchanged 4 "close a new ticket" -- close "$id2"
expect_contains "$ERR" "cannot close a ticket that is new" "refusal names the states"
expect_unchanged 4 "resume a new ticket" -- resume "$id2"
expect_unchanged 4 "reopen a new ticket" -- reopen "$id2" --reason x
expect_unchanged 4 "cancel a cancelled ticket" -- cancel "$id" --reason again
expect_unchanged 4 "extend a cancelled ticket" -- extend "$id" --to +5d --reason x --notified-at now
sd staff add gone --name 离职 --desk internal --role agent >/dev/null && sd staff deactivate gone >/dev/null
expect_unchanged 4 "assign to a deactivated agent" -- assign "$id2" gone
sd intake --channel phone --category consultation --customer x --subject y --external-ref CALL-1 >/dev/null
expect_unchanged 4 "duplicate external ref" -- intake --channel phone --category consultation --customer x \
  --subject y --external-ref CALL-1

# ---- invalid input: exit 2, nothing written
expect_unchanged 2 "unknown channel" -- intake --channel fax --category complaint --customer a --subject b
expect_unchanged 2 "unknown category" -- intake --channel phone --category weather --customer a --subject b
expect_unchanged 2 "unknown class" -- intake --channel phone --category complaint --class x --customer a --subject b
expect_unchanged 2 "unknown priority" -- intake --channel phone --category other --priority asap --customer a --subject b
expect_unchanged 2 "unknown desk" -- intake --channel phone --category other --desk lobby --customer a --subject b
expect_unchanged 2 "malformed time" -- intake --channel phone --category other --customer a --subject b --at 2026-02-30
expect_unchanged 2 "empty subject" -- intake --channel phone --category other --customer a --subject ""
expect_unchanged 2 "over-long subject" -- intake --channel phone --category other --customer a --subject "$(printf 'x%.0s' {1..201})"
expect_unchanged 2 "invalid UTF-8" -- intake --channel phone --category other --customer $'\xff\xfe' --subject b
expect_unchanged 2 "escape sequence in text" -- intake --channel phone --category other --customer a --subject $'\e[31mred'
expect_unchanged 2 "missing required flag" -- intake --channel phone --category other --customer a
expect_unchanged 2 "bad phone" -- intake --channel phone --category other --customer a --subject b --phone "call me"
expect_unchanged 2 "satisfaction out of range" -- close "$id2" --satisfaction 6
expect_unchanged 2 "bad ticket id" -- start abc
expect_unchanged 2 "bad root cause" -- resolve "$id2" --resolution x --root-cause weather
expect_unchanged 2 "unknown command" -- frobnicate
expect_unchanged 2 "unknown flag" -- list --colour

# ---- not found: exit 3
expect_unchanged 3 "unknown ticket" -- start 999
expect_unchanged 3 "unknown ticket for show" -- show 999
expect_unchanged 3 "unknown staff for assign" -- assign "$id2" nobody

# ---- permission: exit 5
expect_unchanged 5 "no actor" -- start "$id2" --as ""
SVCDESK_USER= expect_unchanged 5 "no actor at all" -- start "$id2"
expect_unchanged 5 "unknown actor" -- start "$id2" --as ghost
expect_unchanged 5 "deactivated actor" -- start "$id2" --as gone
# a closed ticket of someone else needs a supervisor
sd assign "$id2" a1 >/dev/null; sd start "$id2" --as a1 >/dev/null
sd resolve "$id2" --resolution ok --as a1 >/dev/null; sd close "$id2" --as a1 >/dev/null
expect_unchanged 5 "reopen someone else's closed ticket" -- reopen "$id2" --reason x --as a2
expect_exit 0 "a supervisor may" -- reopen "$id2" --reason x --as boss

# ---- list: filters, order, formats
sd intake --channel walk_in --category specimen_delivery --priority urgent --customer 急诊 --subject 血样 --desk emergency >/dev/null
sd intake --channel online --category consultation --customer 张 --subject 挂号 --at "2026-11-22 10:00" >/dev/null
run list --all --format json
expect_eq "$(json 'len(j)')" "5" "list shows every ticket"
run list --status open --format json
expect_eq "$(json 'sorted(t["status"] for t in j)')" "['in_progress', 'new', 'new', 'new']" "list --status open"
run list --desk emergency --format json
expect_eq "$(json '[t["category"] for t in j]')" "['specimen_delivery']" "list --desk"
run list --overdue --format json
expect_eq "$(json '[t["subject"] for t in j]')" "['挂号']" "list --overdue: yesterday's consultation"
expect_eq "$(json 'j[0]["breached"]')" "True" "overdue tickets are flagged breached"
run list --since 2026-11-23 --until 2026-11-24 --limit 2 --format json
expect_eq "$(json 'len(j)')" "2" "list --since --until --limit"
run list --status open --format json
expect_eq "$(json '[t["id"] for t in j] == sorted([t["id"] for t in j], key=lambda i: [x for x in j if x["id"]==i][0]["resolve_due" if [x for x in j if x["id"]==i][0]["first_response_at"] else "response_due"])')" "True" "sorted by next due time"
run list --all --assignee a1 --category complaint --format csv
expect_eq "$(printf '%s\n' "$OUT" | head -1 | cut -d, -f1-3)" "id,status,channel" "CSV header"
expect_eq "$(python3 -c 'import csv,sys; print(len(list(csv.reader(sys.stdin))))' <<<"$OUT")" "3" "CSV: header and two rows"
run list
expect_contains "$OUT" "138****5678" "tables mask phone numbers"
expect_not_contains "$OUT" "13812345678" "no phone in clear"
expect_not_contains "$OUT" $'\e' "no escape codes when not on a terminal"
expect_unchanged 2 "unknown status filter" -- list --status lost
expect_unchanged 2 "unknown desk filter" -- list --desk lobby
expect_unchanged 2 "format not offered" -- list --format html

# ---- issue 19 (seed 001 §四.1): start on an unassigned ticket follows the roster rule of assign
# e1 belongs to the emergency desk: taking an internal ticket silently is refused (exit 4).
t_take=$(intake)
expect_unchanged 4 "start by an agent of another desk" -- start "$t_take" --as e1
expect_contains "$ERR" "emergency desk" "the refusal names the desk"
expect_exit 0 "start --force by an agent of another desk" -- start "$t_take" --as e1 --force
run show "$t_take" --format json
expect_eq "$(json 'j["assignee"], [c["field"] for c in j["history"][-1]["changes"]][0]')" "e1 force" \
  "the force is recorded in history, as assign records it"
# Off duty: once the desk has a roster for the day, a1 (not rostered now) needs --force too.
t_duty=$(intake)
sd roster set a2 2026-11-23 early >/dev/null
expect_unchanged 4 "start by an off-duty agent" -- start "$t_duty" --as a1
expect_exit 0 "start by the agent on duty" -- start "$t_duty" --as a2

# ---- issue 19 (seed 001 §四.1, 首问负责制): the owner stays accountable
t_own=$(intake --as a1)
run list --owner a1 --format json
expect_eq "$(json '[t["id"] for t in j]')" "[$t_own]" "list --owner: the first contact's tickets"
sd assign "$t_own" a2 --as boss >/dev/null
sd start "$t_own" --as a2 >/dev/null && sd resolve "$t_own" --resolution 已处理 --as a2 >/dev/null
sd close "$t_own" --as a2 >/dev/null
run list --all --owner a1 --format json
expect_eq "$(json '[(t["id"], t["status"], t["assignee"]) for t in j]')" "[($t_own, 'closed', 'a2')]" \
  "the owner keeps the ticket after another staff member closed it"
expect_exit 0 "the owner notes their closed ticket" -- note "$t_own" 首问跟进 --as a1
expect_exit 0 "the owner reopens their closed ticket" -- reopen "$t_own" --reason 客户再次来电 --as a1
expect_unchanged 2 "list --owner needs a value" -- list --owner

# ---- a table aligns Chinese text by display width
run list --desk internal
col=$(printf '%s\n' "$OUT" | python3 -c "
import sys, unicodedata
w=lambda s: sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
lines=sys.stdin.read().splitlines()
print(len({w(l[:l.index('  ')+2].rstrip()) <= w(l.split(l.split()[-1])[0]) for l in lines}))")
expect_eq "$col" "1" "table columns line up"
# ---- SLA (seed 000 §五.2, issue 19)
# intake --at is the customer's contact: never in the future (exit 2, nothing written).
expect_unchanged 2 "intake --at +1h is refused (seed 000 §五.2)" -- intake --channel phone --category other \
  --customer a --subject b --at +1h
expect_contains "$ERR" "contact time 2026-11-23 10:00 is in the future" "the refusal names the time"
expect_unchanged 2 "intake --at an absolute future time is refused (seed 000 §五.2)" -- intake --channel phone \
  --category other --customer a --subject b --at "2026-11-23 09:01"
# Each target on its own clock: a Friday 17:00 after-sales complaint is due for its first response
# at 18:00 (calendar), resolved within 2 working days (Tuesday 17:00).
fri=$(SVCDESK_NOW=2026-11-27T17:00:00+08:00 sd intake --channel phone --category complaint --class after_sales \
  --customer 钱 --subject 洗衣机漏水)
run show "$fri" --format json
expect_eq "$(json 'j["response_due"], j["resolve_due"]')" "2026-11-27T18:00:00+08:00 2026-12-01T17:00:00+08:00" \
  "after-sales: respond by Friday 18:00, not Monday (seed 000 §五.2)"
# A breach is a fact: extend refused after the deadline (exit 4, naming it); reopen and resolve
# do not erase it.
b=$(intake)   # product complaint: respond by 11:00, resolve by Tuesday 09:00
sd assign "$b" a1 --force >/dev/null && sd --as a1 start "$b" >/dev/null
SVCDESK_NOW=2026-11-24T10:00:00+08:00 expect_unchanged 4 "extend after the deadline (seed 000 §五.2)" -- \
  extend "$b" --to "2026-11-26 18:00" --reason 等财务 --notified-at "2026-11-24 09:30"
expect_contains "$ERR" "the resolve deadline 2026-11-24 09:00 has passed unmet" "the refusal names the deadline"
SVCDESK_NOW=2026-11-24T10:00:00+08:00 sd --as a1 resolve "$b" --resolution 已开 >/dev/null
SVCDESK_NOW=2026-11-24T10:05:00+08:00 sd --as a1 close "$b" --satisfaction 4 >/dev/null
SVCDESK_NOW=2026-11-24T11:00:00+08:00 sd reopen "$b" --reason 客户仍未收到 >/dev/null
SVCDESK_NOW=2026-11-24T11:30:00+08:00 run list --overdue --format json
expect_eq "$(json "[t['resolve_breached'] for t in j if t['id'] == $b]")" "[True]" \
  "the reopened ticket stays breached and overdue, though its new deadline is ahead"
SVCDESK_NOW=2026-11-24T12:00:00+08:00 sd --as a1 resolve "$b" --resolution 再开 >/dev/null
SVCDESK_NOW=2026-11-24T12:30:00+08:00 sd --as a1 close "$b" >/dev/null
SVCDESK_NOW=2026-11-24T13:00:00+08:00 run show "$b" --format json
expect_eq "$(json 'j["breached"], j["resolve_breached_at"], j["satisfaction"]')" \
  "True 2026-11-24T09:00:00+08:00 None" "the breach stands after reopen and resolve; no stale satisfaction"
expect_eq "$(json '[c["old"] for e in j["history"] if e["action"] == "reopen" for c in e["changes"] if c["field"] == "satisfaction"]')" \
  "['4']" "the old score is in the reopen event"
# extend: notified before the contact is invalid (exit 2); at most sla.max_extensions (1) times.
e=$(intake)
expect_unchanged 2 "extend notified before the contact (seed 000 §五.2)" -- \
  extend "$e" --to "2026-11-26 18:00" --reason 等财务 --notified-at "2026-11-23 08:00"
expect_exit 0 "extend once" -- extend "$e" --to "2026-11-26 18:00" --reason 等财务 --notified-at now
expect_unchanged 4 "extend a second time (sla.max_extensions = 1)" -- \
  extend "$e" --to "2026-11-27 18:00" --reason 再等 --notified-at now
expect_contains "$ERR" "sla.max_extensions" "the refusal names the setting"
# A ticket waiting on the customer since before its deadline is breached nowhere.
w=$(intake)
sd assign "$w" a1 --force >/dev/null && sd --as a1 start "$w" >/dev/null && sd --as a1 wait "$w" --reason 等单据 >/dev/null
SVCDESK_NOW=2026-11-25T09:00:00+08:00 run show "$w" --format json
expect_eq "$(json 'j["breached"]')" "False" "show: waiting since before the deadline"
SVCDESK_NOW=2026-11-25T09:00:00+08:00 run list --overdue --format json
expect_eq "$(json "[t['id'] for t in j if t['id'] == $w]")" "[]" "list --overdue: not overdue"
# Priority never loosens the seed's limits: low keeps the rule's 2 h / 24 h.
low=$(intake --priority low)
run show "$low" --format json
expect_eq "$(json 'j["response_due"], j["resolve_due"]')" "2026-11-23T11:00:00+08:00 2026-11-24T09:00:00+08:00" \
  "--priority low does not loosen a product complaint (it gave 3 h / 36 h)"
printf '[sla.priority_scale]\nlow = 1.5\n' >"$TEST_DIR/loose.toml"
expect_exit 1 "config check: a loosening factor is a config error" -- config check "$TEST_DIR/loose.toml"
expect_contains "$ERR" "sla.priority_scale.low: must be a factor above 0 and at most 1" "the error names the key"
finish
