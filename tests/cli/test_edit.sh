#!/usr/bin/env bash
# svcdesk edit (issue 20, "Correct, transfer, escalate"): a wrong phone, priority, category or
# subject is corrected in one history event; a change of SLA rule recomputes the deadlines from
# the contact, and a breach already incurred stays (seed 000 §五.2); closed and cancelled tickets
# only by a supervisor, audited (SPEC §5).
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=boss

# ---- priority and class recompute the deadlines from the contact (09:00, seed 000 §五.2)
id=$(sd intake --channel phone --category complaint --class product --customer 王女士 \
       --phone 13812345678 --subject "发票抬头错误")
SVCDESK_NOW="2026-11-23T09:20:00+08:00" expect_exit 0 "edit the priority" -- \
  edit "$id" --priority urgent --reason "客户明天手术"
run show "$id" --format json
expect_eq "$(json 'j["priority"], j["response_due"], j["resolve_due"], j["breached"]')" \
  "urgent 2026-11-23T09:30:00+08:00 2026-11-23T17:00:00+08:00 False" \
  "urgent complaint.product: respond 30 min, resolve 8 h from the contact, not from the edit"
expect_eq "$(json '[e["action"] for e in j["history"]].count("edit")')" "1" "one history event"
expect_eq "$(json '[(c["field"], c["old"], c["new"]) for c in j["history"][-1]["changes"] if c["field"]=="priority"]')" \
  "[('priority', 'normal', 'urgent')]" "the event holds the old and the new value"
expect_eq "$(json 'j["history"][-1]["reason"]')" "客户明天手术" "the event holds the reason"

expect_exit 0 "edit the class" -- edit "$id" --class after_sales --priority normal --reason "实为售后"
run show "$id" --format json
expect_eq "$(json 'j["category"], j["class"] if "class" in j else j.get("complaint_class"), j["response_due"]')" \
  "complaint after_sales 2026-11-23T10:00:00+08:00" "after-sales: respond within 1 h of calendar time"

# ---- a breach already incurred stays breached
id2=$(sd intake --channel phone --category consultation --customer 李先生 --subject "门诊时间")
# consultation: respond within 10 min (09:10); at 10:00 it is late, and a looser rule does not undo that
SVCDESK_NOW="2026-11-23T10:00:00+08:00" expect_exit 0 "edit a late ticket" -- \
  edit "$id2" --category complaint --class product --reason "实为投诉"
SVCDESK_NOW="2026-11-23T10:00:00+08:00" run show "$id2" --format json
expect_eq "$(json 'j["category"], j["response_due"], j["breached"], j["response_breached_at"]')" \
  "complaint 2026-11-23T11:00:00+08:00 True 2026-11-23T09:10:00+08:00" \
  "new deadlines, and the missed 09:10 response stays a breach"
expect_eq "$(sql "SELECT count(*) FROM tickets WHERE id = $id2 AND response_breached_at IS NOT NULL")" "1" "the breach is recorded"

# ---- a response already given keeps its deadline; other fields change without touching the SLA
id3=$(sd intake --channel phone --category complaint --class product --customer 赵女士 --phone 13900000000 --subject "退款")
sd assign "$id3" a1 >/dev/null && SVCDESK_NOW="2026-11-23T10:30:00+08:00" sd --as a1 start "$id3" >/dev/null
SVCDESK_NOW="2026-11-23T10:40:00+08:00" expect_exit 0 "edit after the response" -- \
  edit "$id3" --priority urgent --reason "升级"
SVCDESK_NOW="2026-11-23T10:40:00+08:00" run show "$id3" --format json
expect_eq "$(json 'j["response_due"], j["resolve_due"], j["breached"]')" \
  "2026-11-23T11:00:00+08:00 2026-11-23T17:00:00+08:00 False" \
  "the response met at 10:30 keeps its 11:00 deadline; the resolve deadline is recomputed"
expect_exit 0 "edit phone, customer, subject, flags" -- edit "$id3" --phone 13911112222 --customer 赵丽 \
  --subject "退款进度" --flags vip,elderly --reason "来电更正"
run show "$id3" --format json
expect_eq "$(json 'j["customer"], j["phone"], j["subject"], j["resolve_due"]')" \
  "赵丽 139****2222 退款进度 2026-11-23T17:00:00+08:00" "the corrected fields, masked phone, same deadline"
expect_eq "$(json '[(c["old"], c["new"]) for c in j["history"][-1]["changes"] if c["field"]=="phone"]')" \
  "[('139****0000', '139****2222')]" "the history shows the phone change masked (SPEC §5)"
expect_eq "$(sql "SELECT phone, flags FROM tickets WHERE id = $id3")" "13911112222|vip,elderly" "stored in full"

# ---- bad input: exit 2, 3, 4, nothing written
expect_unchanged 2 "no field to edit" -- edit "$id3" --reason x
expect_unchanged 2 "impossible phone" -- edit "$id3" --phone "13x" --reason x
expect_unchanged 2 "unknown priority" -- edit "$id3" --priority soon --reason x
expect_unchanged 2 "class of a category without classes" -- edit "$id3" --category consultation --class product --reason x
expect_unchanged 2 "unknown category" -- edit "$id3" --category nonsense --reason x
expect_unchanged 2 "blank subject" -- edit "$id3" --subject " " --reason x
expect_unchanged 3 "no such ticket" -- edit 999 --priority low --reason x
expect_unchanged 4 "nothing changes" -- edit "$id3" --priority urgent --reason x
expect_contains "$ERR" "nothing to change" "says nothing would change"

# ---- closed and cancelled tickets: a supervisor only, and audited (SPEC §5)
sd --as a1 resolve "$id3" --resolution "已退款" >/dev/null && sd --as a1 close "$id3" --satisfaction 5 >/dev/null
expect_unchanged 5 "the handler may not edit a closed ticket" -- --as a1 edit "$id3" --subject "改" --reason x
expect_contains "$ERR" "only a supervisor" "names who may"
id4=$(sd intake --channel phone --category consultation --customer 钱 --subject "取消的")
sd cancel "$id4" --reason "打错" >/dev/null
expect_unchanged 5 "an agent may not edit a cancelled ticket" -- --as a2 edit "$id4" --subject "改" --reason x
expect_exit 0 "a supervisor corrects a closed ticket" -- edit "$id3" --subject "退款（已完成）" --reason "归档更正"
run audit --action ticket.edit_finished --format json
expect_eq "$(json 'len(j), j[0]["actor"], j[0]["subject"]')" "1 boss ticket $id3" "the supervisor's edit is audited"
run show "$id3" --format json
expect_eq "$(json 'j["status"], j["resolve_due"]')" "closed 2026-11-23T17:00:00+08:00" \
  "a closed ticket keeps its status and settled deadlines"

finish
