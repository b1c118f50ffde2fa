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
at 09:10 --as a1 close "$t0" >/dev/null
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
# One callback due and done that day, satisfaction 4.
cb=$(at 15:30 callback schedule "$t4" --at 16:00 --purpose progress)
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
check 'j["complaints"]' "{'received': 2, 'on_time_rate': 1.0, 'resolution_rate': 0.5}"
check 'j["callbacks"]["due"], j["callbacks"]["done"], j["callbacks"]["unreachable"], j["callbacks"]["satisfaction_mean"]' "1 1 0 4.0"
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
expect_contains "$OUT" "| tickets.created | 5 | 4 | 0 | 1 |" "Markdown created"
expect_contains "$OUT" "| complaints.resolution_rate | 0.5 | 0.5 |  |  |" "Markdown complaint rate"
expect_contains "$OUT" "| a1 | 张三 | internal | early | 3 | 4 |" "Markdown staff line"
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
finish
