#!/usr/bin/env bash
# Customer records (客户档案, seed 004: 客户姓名、联系方式、服务需求、历史记录) and the early
# warning (风险预警, seed 000 §五.4), issue 20: the returning caller found under any spelling,
# `customer show` with the history, masking and --reveal, `customer list --risk` with reasons,
# `customer edit` audited with its reason, the intake note on stderr, impossible phones refused
# with the database unchanged, and imports filling the records.
source "$(dirname "$0")/lib.sh"
setup_staff
sd --as boss staff add p1 --name 赵六 --desk internal --role escort >/dev/null
export SVCDESK_USER=a1

take() { # take PHONE CATEGORY [CUSTOMER]: intake by a1; the id in $OUT
  run intake --channel phone --category "$2" --customer "${3:-王小明}" --subject 来电 --phone "$1" \
    $([ "$2" = complaint ] && echo --class after_sales)
}

# ---- the returning caller: three tickets under three spellings of one number (seed 004)
take "138-1234-5678" consultation; expect_eq "$RC" 0 "first call"
expect_eq "$OUT" "1" "stdout is the id alone"
expect_eq "$ERR" "" "a first caller gets no note"
take "+86 138 1234 5678" complaint; expect_eq "$RC" 0 "second call, a complaint"
expect_eq "$OUT" "2" "stdout is still the id alone"
expect_eq "$ERR" "svcdesk: note: returning caller: open ticket 1" "the note names the open ticket"
take "0086 13812345678" complaint 王先生; expect_eq "$RC" 0 "third call, another complaint"
expect_eq "$OUT" "3" "the id alone once more"
expect_eq "$ERR" "svcdesk: note: returning caller: open tickets 1, 2; 1 complaint in 90 days" \
  "the note names the open tickets and the earlier complaint (seed 000 §五.4)"
run --quiet intake --channel phone --category consultation --customer 王小明 --subject s --phone 13812345678
expect_eq "$ERR" "" "--quiet keeps the note off"
sd --as boss cancel "$OUT" --reason 重复 >/dev/null

for spelling in "13812345678" "138 1234 5678" "+86-138-1234-5678" "C1" "c1"; do
  expect_exit 0 "customer show $spelling" -- customer show "$spelling" --format json
  expect_eq "$(json '(j["id"], sorted(t["id"] for t in j["open_tickets"]))')" "(1, [1, 2, 3])" \
    "one caller, three open tickets ($spelling)"
done
expect_exit 0 "list --phone finds the same tickets" -- list --all --phone "138.1234.5678" --format json
expect_eq "$(json 'sorted(t["id"] for t in j)')" "[1, 2, 3, 4]" "list --phone: the same tickets, the cancelled one too"

# ---- show: the history sections
expect_exit 0 "customer show" -- customer show 13812345678 --format json
expect_eq "$(json 'sorted(j["names"])')" "['王先生', '王小明']" "the names seen"
expect_eq "$(json 'j["phone"]')" "138****5678" "the phone masked (SPEC §5)"
expect_eq "$(json '(j["tickets"], j["complaint_days"], sorted(t["id"] for t in j["complaints"]))')" \
  "(4, 90, [2, 3])" "every ticket counted, complaints of the last 90 days"
expect_eq "$(json '(j["at_risk"], j["risk"])')" "(True, ['2 complaints in 90 days'])" \
  "two complaints within 90 days: at risk"
expect_eq "$(json '(j["last_satisfaction"], j["unreachable_callbacks"], j["deposits"])')" "(None, [], [])" \
  "no satisfaction, callback or deposit yet"
sd start 1 >/dev/null && sd resolve 1 --resolution 已答复 >/dev/null && sd close 1 --satisfaction 4 >/dev/null
cb=$(sd callback list --ticket 1 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
sd --as a2 callback done "$cb" --outcome wrong_number >/dev/null
sd deposit in --tag A001 --depositor 王小明 --phone "138 1234 5678" --id-number - --items 书包 --pieces 2 \
  --checked <<<"11010519491231002X" >/dev/null
expect_exit 0 "customer show after close, callback, deposit" -- customer show C1 --format json
expect_eq "$(json 'sorted(t["id"] for t in j["open_tickets"])')" "[2, 3]" "the closed ticket left the open ones"
expect_eq "$(json '(j["last_satisfaction"]["score"], j["last_satisfaction"]["ticket"])')" "(4, 1)" \
  "the last satisfaction and its ticket"
expect_eq "$(json '([(c["id"], c["ticket"]) for c in j["unreachable_callbacks"]])')" "[($cb, 1)]" \
  "the unreachable callback"
expect_eq "$(json '([(d["tag"], d["pieces"], d["status"]) for d in j["deposits"]])')" "[('A001', 2, 'stored')]" \
  "the deposit of that phone"
expect_exit 0 "customer show as a table" -- customer show C1
for section in "open tickets:" "complaints in the last 90 days:" "unreachable callbacks:" "deposits:" \
  "2 complaints in 90 days" "138****5678"; do
  expect_contains "$OUT" "$section" "the table shows '$section'"
done
expect_not_contains "$OUT" "13812345678" "the table masks the phone"

# ---- masking and --reveal (SPEC §5): a supervisor's, audited
expect_unchanged 5 "an agent may not reveal" -- customer show C1 --reveal
expect_exit 0 "a supervisor reveals" -- --as boss customer show C1 --reveal --format json
expect_eq "$(json 'j["phone"]')" "13812345678" "the phone in clear"
expect_exit 0 "customer list --reveal" -- --as boss customer list --reveal --format json
expect_contains "$OUT" "13812345678" "list --reveal shows phones"
run --as boss audit --action customer.reveal --format json
expect_eq "$(json '([(e["actor"], e["subject"]) for e in j])')" "[('boss', 'customer C1'), ('boss', 'customers')]" \
  "each reveal is an audit event"
expect_exit 0 "customer list" -- customer list --format json
expect_not_contains "$OUT" "13812345678" "list masks phones"

# ---- list --risk with reasons; a dissatisfied survey is a reason too
take "139 0000 2222" consultation 李雷; quiet=$OUT
take "139 0000 3333" consultation 韩梅梅; unhappy=$OUT
sd start "$unhappy" >/dev/null && sd resolve "$unhappy" --resolution 已处理 >/dev/null
sd close "$unhappy" --satisfaction 1 >/dev/null
expect_exit 0 "customer list --risk" -- customer list --risk --format json
expect_eq "$(json '([(c["phone"], c["risk"]) for c in j])')" \
  "[('138****5678', ['2 complaints in 90 days']), ('139****3333', ['dissatisfied survey (ticket $unhappy)'])]" \
  "the callers at risk, each with the reason; the quiet caller is not"
expect_exit 0 "customer list --risk as a table" -- customer list --risk
expect_contains "$OUT" "dissatisfied survey (ticket $unhappy)" "the table shows the reason"
expect_exit 0 "customer list --name" -- customer list --name 韩 --format json
expect_eq "$(json '[c["names"] for c in j]')" "[['韩梅梅']]" "by part of a name"
expect_exit 0 "customer list --limit" -- customer list --limit 2 --format json
expect_eq "$(json 'len(j)')" "2" "at most N"
# Past the window the complaints no longer count (risk_days = 90).
expect_exit 0 "risk later" -- customer list --risk --format json
SVCDESK_NOW="2027-03-01T09:00:00+08:00" run customer list --risk --format json
expect_eq "$(json 'len(j)')" "0" "nobody at risk 98 days later"

# ---- edit: a reason, an audit event with old and new values, permissions
expect_unchanged 2 "edit needs a field" -- customer edit C1 --reason x
expect_unchanged 2 "edit with an unknown flag" -- customer edit C1 --flags royal --reason x
expect_unchanged 5 "an escort may not edit customers" -- --as p1 customer edit C1 --flags vip --reason x
expect_unchanged 3 "edit of no customer" -- customer edit C99 --flags vip --reason x
expect_exit 0 "edit flags, type and note" -- customer edit C1 --flags vip,elderly --type patient \
  --note "耳背,请大声" --reason 家属来电说明
expect_unchanged 4 "the same values again" -- customer edit 1 --flags vip,elderly --reason again
run customer show C1 --format json
expect_eq "$(json '(j["flags"], j["customer_type"], j["notes"])')" "(['vip', 'elderly'], 'patient', '耳背,请大声')" \
  "the record edited"
run --as boss audit --action customer.edit --format json
expect_eq "$(json '([(e["actor"], e["subject"]) for e in j])')" "[('a1', 'customer C1')]" "one audit event"
expect_contains "$(json 'j[0]["detail"]')" "flags: none → 'vip,elderly'; type: 'other' → 'patient'" \
  "old and new values"
expect_contains "$(json 'j[0]["detail"]')" "reason: 家属来电说明" "and the reason"
expect_exit 0 "customer list --flag vip" -- customer list --flag vip --format json
expect_eq "$(json '[c["id"] for c in j]')" "[1]" "by flag"

# ---- edit --phone: the record of the new phone knows the caller
expect_exit 0 "edit a ticket's phone" -- edit "$quiet" --phone "136 5555 6666" --customer 李雷雷 --reason 号码记错
expect_exit 0 "the new phone has a record" -- customer show 13655556666 --format json
expect_eq "$(json '(j["names"], [t["id"] for t in j["open_tickets"]])')" "(['李雷雷'], [$quiet])" \
  "made by the edit, with the ticket"

# ---- impossible numbers: exit 2, the database unchanged
expect_unchanged 2 "customer show of an impossible phone" -- customer show 1381234567
expect_contains "$ERR" "a customer id is written C12" "says how to give an id"
expect_unchanged 2 "customer show of a bad id" -- customer show Cx
expect_unchanged 3 "customer show of an unknown phone" -- customer show 13999999999
expect_unchanged 2 "intake with an impossible phone" -- intake --channel phone --category consultation \
  --customer A --subject s --phone 12345

# ---- imports fill the records: one per new phone, an existing record kept
cp "$SVCDESK_SOURCE/tests/cli/data/phone_calls.toml" "$TEST_DIR/import.toml"
printf 'call_id,at,type,name,phone\n' >calls.csv
printf 'P1,2026-11-20 09:15,q,陈,137 1111 2222\n' >>calls.csv
printf 'P2,2026-11-20 09:16,q,陈女士,+86 137-1111-2222\n' >>calls.csv
printf 'P3,2026-11-20 09:17,q,王,13812345678\n' >>calls.csv
before=$(sql "SELECT count(*) FROM customers")
expect_exit 0 "import" -- --config "$TEST_DIR/import.toml" import calls.csv --profile calls
expect_eq "$(sql "SELECT count(*) FROM customers")" "$((before + 1))" "one new record for the new phone"
expect_exit 0 "customer show of an imported caller" -- customer show "13711112222" --format json
expect_eq "$(json '(sorted(j["names"]), j["tickets"])')" "(['陈', '陈女士'], 2)" "the names and tickets imported"
expect_exit 0 "the re-run" -- --config "$TEST_DIR/import.toml" import calls.csv --profile calls
expect_eq "$(sql "SELECT count(*) FROM customers")" "$((before + 1))" "a re-run adds nothing"

# ---- the daily report counts repeat callers and callers at risk (customers.*)
expect_exit 0 "report daily" -- --as boss report daily --date 2026-11-23 --format json
expect_eq "$(json '(j["customers"], j["desks"]["internal"]["customers"], j["desks"]["emergency"]["customers"])')" \
  "({'repeat_callers': 1, 'at_risk': 2}, {'repeat_callers': 1, 'at_risk': 2}, {'repeat_callers': 0, 'at_risk': 0})" \
  "one caller called again that day; two of the day's callers are at risk"
expect_exit 0 "report daily of the imported day" -- --as boss report daily --date 2026-11-20 --format json
expect_eq "$(json 'j["customers"]')" "{'repeat_callers': 1, 'at_risk': 0}" \
  "the imported caller called twice; risk is judged at that day's end"
expect_exit 0 "report daily as CSV" -- --as boss report daily --date 2026-11-23 --format csv
expect_contains "$OUT" "customers.repeat_callers,1," "the CSV row"
expect_contains "$OUT" "customers.at_risk,2," "the CSV row"
expect_exit 0 "report daily as HTML" -- --as boss report daily --date 2026-11-23 --format html
expect_contains "$OUT" "<td>Repeat callers</td>" "the HTML figure, labelled"

finish
