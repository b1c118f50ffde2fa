#!/usr/bin/env bash
# The daily report on a fixture day with hand-computed figures, checked key by key in JSON;
# CSV and Markdown agree with it; the staff report; --output is atomic; export and audit.
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=boss
# at TIME CMD...: svcdesk as if it were TIME (site time) on Monday 23 November 2026.
at() { local t=$1; shift; SVCDESK_NOW="2026-11-23T$t:00+08:00" "$SVCDESK_BIN" "$@"; }

sd roster set a1 2026-11-23 early >/dev/null
sd roster set e1 2026-11-23 early >/dev/null
sd roster set boss 2026-11-23 day >/dev/null

# T0: from Sunday evening, answered then, resolved and closed Monday (its deadline passed Sunday).
t0=$(SVCDESK_NOW=2026-11-22T20:00:00+08:00 sd --as a1 intake --channel phone --category consultation --customer 甲 --subject 预约)
SVCDESK_NOW=2026-11-22T20:05:00+08:00 sd --as a1 start "$t0" >/dev/null
at 09:00 --as a1 resolve "$t0" --resolution 已预约 >/dev/null
# Issue 19: the customer declined the survey (a listed reason): one dropped survey that day.
at 09:10 --as a1 close "$t0" --no-callback --reason "customer declined" >/dev/null
# T1: product complaint, on time (first response 30 min, resolved after 120 min), satisfaction 5.
t1=$(at 09:00 intake --channel phone --category complaint --class product --customer 乙 --subject 报告未出)
at 09:05 assign "$t1" a1 >/dev/null
at 09:30 --as a1 start "$t1" >/dev/null
at 11:00 --as a1 resolve "$t1" --resolution 已打印 >/dev/null
at 11:10 --as a1 close "$t1" --satisfaction 5 >/dev/null
# T2: walk-in consultation, answered after 20 min (target 10): breached; resolved in 25 min.
t2=$(at 10:00 intake --channel walk_in --category consultation --customer 丙 --subject 医保)
at 10:20 --as a1 start "$t2" >/dev/null
at 10:25 --as a1 resolve "$t2" --resolution 已解答 >/dev/null
at 10:30 --as a1 close "$t2" --satisfaction 3 >/dev/null
# T3: emergency specimen run, answered after 5 min, never resolved: breached at 08:30.
t3=$(at 08:00 --as e1 intake --channel phone --category specimen_delivery --customer 急诊 --subject 送血样)
at 08:05 --as e1 start "$t3" >/dev/null
# T4: order complaint by email, assigned, still open.
t4=$(at 14:00 intake --channel email --category complaint --class order --customer 丁 --subject 快递)
at 14:01 assign "$t4" a1 >/dev/null
# T5: cancelled.
t5=$(at 15:00 intake --channel phone --category other --customer 戊 --subject 打错)
at 15:10 cancel "$t5" --reason 打错电话 >/dev/null
# One callback due and done that day, satisfaction 4. Issue 19 (seed 004 §4.1) changed it: a
# score comes from a survey only (it was a progress call on T4), made by someone other than the
# ticket's assignee (a1 surveys T3, which e1 handles).
cb=$(at 15:30 callback schedule "$t3" --at 16:00 --purpose survey)
at 16:05 --as a1 callback done "$cb" --outcome reached --satisfaction 4 >/dev/null
# Deposits: two in (one out again), and one from last Thursday, overdue.
SVCDESK_NOW=2026-11-19T10:00:00+08:00 sd deposit in --tag A003 --depositor 己 --phone 13900000003 \
  --id-number 110101199001011237 --items 行李箱 --pieces 1 --checked >/dev/null
at 10:00 deposit in --tag A001 --depositor 庚 --phone 13900000001 --id-number 110101199001015676 \
  --items 背包 --pieces 2 --checked >/dev/null
at 11:00 deposit in --tag A002 --depositor 辛 --phone 13900000002 --id-number 110101199001019992 \
  --items 雨伞 --pieces 1 --checked >/dev/null
at 12:00 deposit out A001 --pieces 2 >/dev/null

export SVCDESK_NOW=2026-11-24T09:00:00+08:00
expect_exit 0 "report daily" -- report daily --date yesterday --format json
check() { expect_eq "$(json "$1")" "$2" "daily report: $1"; }
check 'j["date"], j["desk"]' "2026-11-23 None"
check 'j["tickets"]["created"], j["tickets"]["closed"], j["tickets"]["open_end_of_day"]' "5 3 2"
check 'j["tickets"]["by_channel"]' "{'email': 1, 'phone': 3, 'walk_in': 1}"
check 'j["tickets"]["by_category"]' "{'complaint': 2, 'consultation': 1, 'other': 1, 'specimen_delivery': 1}"
check 'j["tickets"]["by_status"]' "{'assigned': 1, 'cancelled': 1, 'closed': 2, 'in_progress': 1}"
check 'list(j["first_response_minutes"].values())' "[3, 18.3, 20.0, 30.0]"
check 'list(j["resolution_minutes"].values())' "[3, 308.3, 120.0, 780.0]"
check 'j["sla"]' "{'met': 1, 'breached': 2, 'rate': 0.3333}"
check 'j["complaints"]' "{'received': 2, 'on_time_rate': 1.0, 'resolution_rate': 0.5, 'by_class': {'complaint.order': 1, 'complaint.product': 1}, 'by_root_cause': {'unknown': 1}}"
check 'j["callbacks"]["due"], j["callbacks"]["done"], j["callbacks"]["unreachable"], j["callbacks"]["satisfaction_mean"]' "1 1 0 4.0"
# T0's survey was dropped at its close (not due, dropped); no score of 2 or less that day.
check 'j["callbacks"]["dissatisfied"], j["callbacks"]["dropped"]' "0 1"
check 'j["deposits"]' "{'in': 2, 'out': 1, 'stored_end_of_day': 2, 'overdue': 1, 'handovers': 0, 'handover_differences': 0, 'handovers_unconfirmed': 0}"
check '[(s["id"], s["shift"], s["handled"], s["satisfaction_mean"]) for s in j["staff"]]' \
  "[('e1', 'early', 0, None), ('a1', 'early', 3, 4.0), ('boss', 'day', 0, None)]"
check 'list(j["desks"])' "['internal', 'surgery', 'emergency']"
check 'j["desks"]["internal"]["tickets"]["created"], j["desks"]["emergency"]["tickets"]["created"], j["desks"]["surgery"]["tickets"]["created"]' "4 1 0"
check 'j["desks"]["emergency"]["sla"], j["desks"]["internal"]["deposits"]["in"]' "{'met': 0, 'breached': 1, 'rate': 0.0} 2"
check 'sum(j["tickets"]["created_by_hour"]), j["tickets"]["created_by_hour"][14]' "5 1"

# CSV and Markdown carry the same figures.
run report daily --date 2026-11-23 --format csv
row() { python3 -c "import csv,sys; r={l[0]: l[1:] for l in csv.reader(sys.stdin)}; print(r['$1'])" <<<"$OUT"; }
expect_eq "$(row metric)" "['all', 'internal', 'surgery', 'emergency']" "CSV header"
expect_eq "$(row tickets.created)" "['5', '4', '0', '1']" "CSV created"
expect_eq "$(row sla.rate)" "['0.3333', '0.5', '', '0']" "CSV SLA rate"
expect_eq "$(row resolution_minutes.median)" "['120', '120', '', '']" "CSV median"
expect_eq "$(row deposits.overdue)" "['1', '1', '0', '0']" "CSV overdue deposits"
run report daily --date 2026-11-23 --format md
# Markdown is for people (issue 23): labels, desk and shift names, percentages, durations.
expect_contains "$OUT" "| Figure | All desks | Internal medicine building | Surgery building | Emergency |" "Markdown header: desk names"
expect_contains "$OUT" "| Tickets received | 5 | 4 | 0 | 1 |" "Markdown created"
expect_contains "$OUT" "| Complaints resolved | 50.0 % | 50.0 % |  |  |" "Markdown complaint rate"
expect_contains "$OUT" "| Resolution time, median | 2 h | 2 h |  |  |" "Markdown median resolution time"
expect_contains "$OUT" "| a1 | 张三 | Internal medicine building | Early | 3 | 4.0 |" "Markdown staff line"
run report daily --date 2026-11-23 --desk emergency --format json
expect_eq "$(json 'j["desk"], j["tickets"]["created"], "desks" in j and list(j["desks"])')" "emergency 1 ['emergency']" "--desk"
expect_unchanged 2 "unknown desk" -- report daily --desk lobby
expect_unchanged 2 "bad date" -- report daily --date 2026-02-30
expect_unchanged 2 "format not offered" -- report daily --format xml

# HTML: one self-contained page with four charts.
run report daily --date 2026-11-23 --format html
for chart in tickets-per-hour tickets-by-category sla-per-desk satisfaction; do
  expect_contains "$OUT" "id=\"$chart\"" "HTML chart $chart"
done
expect_eq "$(grep -o '<script\|<link\|src=' <<<"$OUT" | wc -l)" "0" "HTML has no scripts or external assets"

# --output: atomic, private, and nothing at all on failure.
expect_exit 0 "report to a file" -- report daily --date 2026-11-23 --format html --output "$TEST_DIR/daily.html"
expect_eq "$(stat -c %a "$TEST_DIR/daily.html")" "600" "report file mode"
expect_eq "$(ls "$TEST_DIR" | grep -c 'tmp-')" "0" "no temporary file left"
expect_exit 1 "missing directory" -- report daily --output "$TEST_DIR/missing/daily.html"
[ -e "$TEST_DIR/missing" ] && failed "a directory was created" || pass
expect_exit 1 "output is a directory" -- report daily --output "$TEST_DIR"

# The staff report for the month.
expect_exit 0 "report staff" -- report staff --month 2026-11 --format json
expect_eq "$(json '[(s["id"], s["handled"], s["handle_median"], s["sla_met_rate"], s["satisfaction_mean"], s["satisfaction_count"], s["complaints"], s["callbacks"], s["rostered_hours"]) for s in j["staff"] if s["id"] == "a1"]')" \
  "[('a1', 3, 120.0, 0.3333, 4.0, 2, 2, 1, 8.0)]" "staff report line for a1"
expect_eq "$(json '[s["rostered_hours"] for s in j["staff"] if s["id"] == "boss"]')" "[7.5]" "split shift hours"
run report staff --month 2026-11 --format csv
expect_eq "$(printf '%s\n' "$OUT" | head -1 | cut -d, -f1-4)" "id,name,desk,handled" "staff report CSV"
expect_unchanged 2 "bad month" -- report staff --month 2026-13

# export: masked by default, revealed only by a supervisor and then audited; CSV is formula-safe.
sd intake --channel phone --category other --customer "=HYPERLINK(\"x\")" --phone 13812345678 --subject "+1 call" >/dev/null
expect_exit 0 "export tickets csv" -- export tickets --format csv --output "$TEST_DIR/t.csv"
expect_eq "$(stat -c %a "$TEST_DIR/t.csv")" "600" "export file mode"
content=$(cat "$TEST_DIR/t.csv")
expect_contains "$content" "138****5678" "masked phone"
expect_not_contains "$content" "13812345678" "no phone in clear"
expect_contains "$content" "'=H****" "formula neutralised (in the masked name too)"
expect_not_contains "$content" "HYPERLINK" "the customer's name is masked in an export (issue 18)"
expect_contains "$content" "'+1 call" "plus sign neutralised"
expect_exit 0 "export jsonl" -- export tickets --format jsonl --since 2026-11-23 --until 2026-11-24
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" "5" "JSON Lines: one ticket per line, in range"
expect_unchanged 5 "reveal by an agent" -- export tickets --format csv --reveal --as a1
expect_exit 0 "reveal by a supervisor" -- export tickets --format jsonl --reveal
expect_contains "$OUT" "13812345678" "revealed"
expect_exit 0 "export deposits" -- export deposits --format jsonl
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" "3" "three deposits"
expect_not_contains "$OUT" "110101199001011237" "no ID number in an export"
expect_exit 0 "export callbacks" -- export callbacks --format csv
expect_unchanged 2 "export unknown kind" -- export staff
expect_unchanged 2 "export bad format" -- export tickets --format md
run audit --action export --format json
expect_eq "$(json '[(e["actor"], e["action"], e["subject"]) for e in j]')" "[('boss', 'export.reveal', 'tickets')]" "the reveal is audited"

# ---- SLA verdicts (seed 000 §五.2, issue 19), hand-computed, at the surgery desk (empty above):
# on(TIME, CMD...): svcdesk at that site time.
on() { local t=$1; shift; SVCDESK_NOW="${t}:00+08:00" "$SVCDESK_BIN" "$@"; }
sd staff add s1 --name 孙七 --desk surgery --role agent >/dev/null
complaint() { on "$1" intake --desk surgery --channel phone --category complaint --class product --customer 周 --subject "$2"; }
consult() { on "$1" intake --desk surgery --channel phone --category consultation --customer 吴 --subject "$2"; }
# P: product complaint (respond 2 h, resolve 24 h), waiting on the customer since Wednesday
# 10:00, before its deadline (Thursday 09:00): breached nowhere, on no day.
P=$(complaint 2026-11-25T09:00 保修卡)
on 2026-11-25T09:01 assign "$P" s1 --force >/dev/null; on 2026-11-25T09:10 --as s1 start "$P" >/dev/null
on 2026-11-25T10:00 --as s1 wait "$P" --reason 等客户寄回发票 >/dev/null
# X: product complaint extended in time (Wednesday 10:00, to Friday 12:00), resolved Thursday
# 15:00: met on Thursday.
X=$(complaint 2026-11-25T09:00 换货)
on 2026-11-25T09:01 assign "$X" s1 --force >/dev/null; on 2026-11-25T09:30 --as s1 start "$X" >/dev/null
SVCDESK_NOW=2026-11-25T10:00:00+08:00 expect_exit 0 "extend before the deadline" -- \
  extend "$X" --to "2026-11-27 12:00" --reason 等厂家 --notified-at "2026-11-25 09:55" --as s1
# B: consultation (respond 10 min, resolve 30 min) due Wednesday 09:30; an extension tried at
# 10:00 is refused, so resolving it on Thursday leaves it breached on Wednesday.
B=$(consult 2026-11-25T09:00 退费)
on 2026-11-25T09:01 assign "$B" s1 --force >/dev/null; on 2026-11-25T09:05 --as s1 start "$B" >/dev/null
SVCDESK_NOW=2026-11-25T10:00:00+08:00 expect_unchanged 4 "extend after the deadline (seed 000 §五.2)" -- \
  extend "$B" --to "2026-11-27 12:00" --reason 晚了 --notified-at "2026-11-25 09:50" --as s1
expect_contains "$ERR" "the resolve deadline 2026-11-25 09:30 has passed unmet" "the refusal names the deadline"
on 2026-11-26T10:00 --as s1 resolve "$B" --resolution 已退 >/dev/null
# R: consultation resolved late on Wednesday (12:00, due 11:30), closed with satisfaction 2,
# reopened Thursday 09:00 (new deadline 09:30), resolved 09:20 and closed without a score.
R=$(consult 2026-11-25T11:00 挂号费)
on 2026-11-25T11:01 assign "$R" s1 --force >/dev/null; on 2026-11-25T11:05 --as s1 start "$R" >/dev/null
on 2026-11-25T12:00 --as s1 resolve "$R" --resolution 已解释 >/dev/null
on 2026-11-25T12:05 --as s1 close "$R" --satisfaction 2 >/dev/null
on 2026-11-26T09:00 reopen "$R" --reason 客户不满意 >/dev/null
run show "$R" --format json
expect_eq "$(json 'j["resolve_due"], j["satisfaction"], j["resolution"], j["breached"], j["resolve_breached_at"]')" \
  "2026-11-26T09:30:00+08:00 None None True 2026-11-25T11:30:00+08:00" "reopen: new deadline, score and resolution into history, the breach stands"
on 2026-11-26T09:20 --as s1 resolve "$R" --resolution 已退挂号费 >/dev/null
on 2026-11-26T09:25 --as s1 close "$R" >/dev/null
on 2026-11-26T15:00 --as s1 resolve "$X" --resolution 已换货 >/dev/null

export SVCDESK_NOW=2026-11-27T09:00:00+08:00
sla_day() { # sla_day DATE: "met breached rate complaints.on_time_rate satisfaction" at surgery
  run report daily --date "$1" --desk surgery --format json
  json 'j["sla"]["met"], j["sla"]["breached"], j["sla"]["rate"], j["complaints"]["on_time_rate"], j["satisfaction_distribution"]'
}
expect_eq "$(sla_day 2026-11-25)" "0 2 0.0 None {'1': 0, '2': 0, '3': 0, '4': 0, '5': 0}" \
  "Wednesday: B and R breached (the refused extension and the reopen change nothing)"
expect_eq "$(sla_day 2026-11-26)" "1 0 1.0 1.0 {'1': 0, '2': 0, '3': 0, '4': 0, '5': 0}" \
  "Thursday: X met; P waiting, not breached; R's re-close carries no stale score"
run show "$P" --format json
expect_eq "$(json 'j["breached"]')" "False" "show: the waiting ticket is not breached"
run list --overdue --desk surgery --format json
expect_eq "$(json '[t["id"] for t in j]')" "[]" "list --overdue agrees"
on 2026-11-27T09:30 --as s1 resume "$P" >/dev/null
expect_eq "$(sla_day 2026-11-26)" "1 0 1.0 1.0 {'1': 0, '2': 0, '3': 0, '4': 0, '5': 0}" \
  "the figure does not change after resume"
run report staff --month 2026-11 --format json
expect_eq "$(json '[(s["handled"], s["sla_met_rate"], s["satisfaction_count"], s["complaints"]) for s in j["staff"] if s["id"] == "s1"]')" \
  "[(3, 0.3333, 0, 2)]" "staff report: X met; B and R breached for good; no stale score"

# --- Complaint analysis and appraisal (seed 000 §五.4 投诉总结: by class and root cause, daily and
# monthly; seed 002 §六 考核: complaint figures per person). December: complaints are the
# categories of reports.complaint_categories (complaint, after_sales, technical_support).
dec() { local t=$1; shift; SVCDESK_NOW="2026-12-$t:00+08:00" "$SVCDESK_BIN" "$@"; }
# C1: product complaint, on time; its root cause was e1 (a staff member of another desk).
c1=$(dec "01T09:00" intake --channel phone --category complaint --class product --customer 子 --subject 态度差)
dec "01T09:05" assign "$c1" a1 --force >/dev/null
dec "01T09:10" --as a1 start "$c1" >/dev/null
expect_unchanged 2 "seed 000 5.4: --caused-by needs --root-cause staff" -- resolve "$c1" --resolution 道歉 --caused-by e1 --as a1
expect_unchanged 3 "seed 000 5.4: --caused-by names a staff member" -- resolve "$c1" --resolution 道歉 --root-cause staff --caused-by nobody --as a1
dec "01T10:00" --as a1 resolve "$c1" --resolution 已道歉 --root-cause staff --caused-by e1 >/dev/null
# C2: after-sales (a complaint category of its own), taken from a1 and given to e1, on time.
c2=$(dec "01T10:00" intake --channel phone --category after_sales --customer 丑 --subject 维修)
dec "01T10:05" assign "$c2" a1 --force >/dev/null
dec "01T10:30" assign "$c2" e1 --force >/dev/null
dec "01T10:40" --as e1 start "$c2" >/dev/null
dec "01T11:00" --as e1 resolve "$c2" --resolution 已上门 --root-cause customer >/dev/null
# C3: a consultation, not a complaint. C4: order complaint, never resolved (breached 12-03 09:00).
dec "02T09:00" intake --channel phone --category consultation --customer 寅 --subject 咨询 >/dev/null
dec "02T09:00" intake --channel phone --category complaint --class order --customer 卯 --subject 未到货 >/dev/null
export SVCDESK_NOW=2027-01-05T09:00:00+08:00
expect_exit 0 "daily report of 1 December" -- report daily --date 2026-12-01 --format json
expect_eq "$(json 'j["complaints"]["received"], j["complaints"]["by_class"], j["complaints"]["by_root_cause"]')" \
  "2 {'after_sales': 1, 'complaint.product': 1} {'customer': 1, 'staff': 1}" "seed 000 5.4: daily complaints by class and root cause"
expect_exit 0 "seed 000 5.4: the monthly complaint analysis" -- report complaints --month 2026-12 --format json
expect_eq "$(json 'j["month"], j["complaints"]["received"], j["complaints"]["resolved"], j["complaints"]["resolution_rate"]')" \
  "2026-12 3 2 0.6667" "monthly: received, resolved by the month's end"
expect_eq "$(json 'j["complaints"]["judged"], j["complaints"]["on_time"], j["complaints"]["on_time_rate"]')" \
  "3 2 0.6667" "monthly: C1 and C2 on time, C4 breached"
expect_eq "$(json 'j["complaints"]["by_class"], j["complaints"]["by_root_cause"]')" \
  "{'after_sales': 1, 'complaint.order': 1, 'complaint.product': 1} {'customer': 1, 'staff': 1}" "monthly by class and root cause"
expect_eq "$(json 'list(j["desks"]), j["desks"]["internal"]["complaints"]["received"], j["desks"]["emergency"]["complaints"]["received"]')" \
  "['internal', 'surgery', 'emergency'] 3 0" "monthly per desk"
run report complaints --month 2026-12 --format csv
expect_eq "$(row complaints.by_class.after_sales)" "['1', '1', '0', '0']" "complaint analysis as CSV"
expect_unchanged 2 "complaint analysis: a bad month" -- report complaints --month 2026-13
expect_unchanged 2 "complaint analysis: no HTML" -- report complaints --format html
expect_exit 0 "seed 002 6: the staff report of December" -- report staff --month 2026-12 --format json
staff() { json "[(s['complaints'], s['complaint_on_time_rate'], s['complaint_resolution_rate'], s['complaints_caused'], s['transferred_away']) for s in j['staff'] if s['id'] == '$1']"; }
expect_eq "$(staff a1)" "[(1, 1.0, 1.0, 0, 1)]" "seed 002 6: a1 resolved C1 on time and had C2 taken away"
expect_eq "$(staff e1)" "[(1, 1.0, 1.0, 1, 0)]" "seed 002 6: e1 resolved C2, and C1 was about e1"
finish
