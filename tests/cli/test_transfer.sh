#!/usr/bin/env bash
# svcdesk transfer (issue 20; seed 000 §五.1 "根据投诉分类,将投诉分配给相关部门处理"): a ticket moves
# to another desk or to a hospital department of [[departments]]; it keeps its owner (首问负责制:
# the first contact stays accountable) and its deadlines; history, show and list show it.
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=boss
sd staff add s1 --name 外科一 --desk surgery --role agent >/dev/null
sd roster set s1 2026-11-23 early >/dev/null

id=$(sd --as a1 intake --channel phone --category complaint --class product --customer 王女士 \
       --phone 13812345678 --subject "检查报告未出")
sd assign "$id" a2 >/dev/null
run show "$id" --format json
due="$(json 'j["response_due"], j["resolve_due"]')"

# ---- to a department, by its name: desk, owner, assignee and deadlines stay
expect_exit 0 "transfer to a department" -- transfer "$id" --department 放射科 --reason "影像报告延迟"
run show "$id" --format json
expect_eq "$(json 'j["department"], j["desk"], j["owner"], j["assignee"], j["status"]')" \
  "radiology internal a1 a2 assigned" "the department is set; desk, owner and assignee stay"
expect_eq "$(json 'j["response_due"], j["resolve_due"]')" "$due" "the deadlines stay"
expect_eq "$(json '[(c["field"], c["new"]) for c in j["history"][-1]["changes"]]')" \
  "[('department', 'radiology'), ('contact', '放射科护士站 内线 8201')]" "history names the department and its contact"
expect_eq "$(json 'j["history"][-1]["action"], j["history"][-1]["reason"]')" "transfer 影像报告延迟" "a transfer event with its reason"
run list --format json
expect_eq "$(json '[t["department"] for t in j if t["id"] == '"$id"']')" "['radiology']" "list --format json carries the department"
run list
expect_contains "$OUT" "Internal medicine building→Radiology" "the list table shows the department (by the display names)"
expect_unchanged 4 "the same department again" -- transfer "$id" --department radiology --reason x

# ---- to another desk and a staff member there: the owner stays, the department is cleared
expect_exit 0 "transfer to a desk and a person" -- transfer "$id" --desk surgery --to s1 --reason "外科楼处理"
run show "$id" --format json
expect_eq "$(json 'j["desk"], j["department"], j["owner"], j["assignee"], j["status"]')" \
  "surgery None a1 s1 assigned" "the owner stays accountable (首问负责制)"
expect_eq "$(json 'j["response_due"], j["resolve_due"]')" "$due" "the deadlines stay"
run show "$id"
expect_contains "$OUT" "transfer" "show lists the transfer in the history"

# ---- to a desk without a person: an assigned ticket is new again there
expect_exit 0 "transfer to a desk" -- transfer "$id" --desk emergency --reason "急诊接手"
run show "$id" --format json
expect_eq "$(json 'j["desk"], j["assignee"], j["status"], j["owner"]')" "emergency None new a1" "waits at the new desk"

# ---- refusals and bad input: nothing written
expect_unchanged 2 "neither desk nor department" -- transfer "$id" --reason x
expect_unchanged 2 "both desk and department" -- transfer "$id" --desk internal --department 财务科 --reason x
expect_unchanged 2 "--to without --desk" -- transfer "$id" --department 财务科 --to a1 --reason x
expect_unchanged 2 "unknown department" -- transfer "$id" --department 营养科 --reason x
expect_contains "$ERR" "radiology" "names the configured departments"
expect_unchanged 2 "unknown desk" -- transfer "$id" --desk nowhere --reason x
expect_unchanged 3 "no such ticket" -- transfer 999 --desk internal --reason x
expect_unchanged 3 "no such staff member" -- transfer "$id" --desk internal --to nobody --reason x
expect_unchanged 4 "at that desk already" -- transfer "$id" --desk emergency --reason x
expect_unchanged 4 "the roster rule: e1 belongs to another desk" -- transfer "$id" --desk internal --to e1 --reason x
expect_contains "$ERR" "use --force" "says how to override"
id2=$(sd intake --channel phone --category consultation --customer 李 --subject "问路")
sd cancel "$id2" --reason "无需服务" >/dev/null
expect_unchanged 4 "a cancelled ticket" -- transfer "$id2" --department 财务科 --reason x

# ---- the daily report counts the day's transfers, by department
run report daily --date today --format json
expect_eq "$(json 'j["transfers"]')" "{'to_desks': 2, 'to_departments': 1, 'by_department': {'radiology': 1}}" \
  "the daily report shows transfers"
expect_eq "$(json 'j["desks"]["internal"]["transfers"]["to_desks"], j["desks"]["surgery"]["transfers"]["to_desks"]')" \
  "1 1" "each desk counts the transfers away from it"
expect_eq "$(json 'j["desks"]["internal"]["transfers"]["to_departments"], j["desks"]["emergency"]["transfers"]["to_departments"]')" \
  "1 0" "a department transfer counts at the desk the ticket was at then"
run report daily --date today --format csv
expect_contains "$OUT" "transfers.by_department.radiology" "the CSV report has the rows"

finish
