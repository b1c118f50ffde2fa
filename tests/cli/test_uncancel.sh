#!/usr/bin/env bash
# Undoing a cancel (issue 20): a supervisor reopens a cancelled ticket within
# tickets.uncancel_days (7), with a reason; it returns to the status it was cancelled from, with
# its deadlines, and the act is audited. Anyone else: exit 5; later: exit 4.
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=boss

id=$(sd intake --channel phone --category complaint --class product --customer 王女士 --subject "退款")
sd assign "$id" a1 >/dev/null
run show "$id" --format json
due="$(json 'j["response_due"], j["resolve_due"]')"
sd cancel "$id" --reason "误操作" >/dev/null

expect_unchanged 5 "an agent may not undo a cancel" -- --as a1 reopen "$id" --reason "取消错了"
expect_contains "$ERR" "only a supervisor" "names who may"
SVCDESK_NOW="2026-11-23T10:00:00+08:00" expect_exit 0 "a supervisor undoes the cancel" -- reopen "$id" --reason "取消错了"
SVCDESK_NOW="2026-11-23T10:00:00+08:00" run show "$id" --format json
expect_eq "$(json 'j["status"], j["assignee"]')" "assigned a1" "back to the status it was cancelled from"
expect_eq "$(json 'j["response_due"], j["resolve_due"]')" "$due" "with its deadlines"
expect_eq "$(json 'j["history"][-1]["action"], j["history"][-1]["reason"]')" "uncancel 取消错了" "a history event with the reason"
run audit --action ticket.uncancel --format json
expect_eq "$(json 'len(j), j[0]["subject"]')" "1 ticket $id" "audited"

# ---- after tickets.uncancel_days: refused
id2=$(sd intake --channel phone --category consultation --customer 李 --subject "问路")
sd cancel "$id2" --reason "无需服务" >/dev/null
SVCDESK_NOW="2026-12-01T09:00:00+08:00" expect_unchanged 4 "eight days later" -- reopen "$id2" --reason x
expect_contains "$ERR" "within 7 days" "names the limit"
SVCDESK_NOW="2026-11-30T09:00:00+08:00" expect_exit 0 "seven days later" -- reopen "$id2" --reason "客户又来电"
run show "$id2" --format json
expect_eq "$(json 'j["status"]')" "new" "a new ticket cancelled is new again"

# ---- reopen of a resolved ticket is unchanged by this
expect_unchanged 4 "reopen a new ticket is still refused" -- reopen "$id2" --reason x

finish
