#!/usr/bin/env bash
# Equipment loans against a cash deposit (issue 24; seed 001 §六 轮椅、平推车(缴纳押金), §八 轮椅五辆,
# 便民伞10把): inventory limits, returns, supervisor-only keeping, the cash report, masking.
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=a1
ID1=11010519491231002X ID2=320102198001011238

# --- the shipped inventory (seed 001 §八): stock per desk and kind
run loan stock --desk emergency --format json
expect_eq "$RC" 0 "loan stock"
expect_eq "$(json '[(r["item"], r["available"], r["count"]) for r in j]')" \
  "[('flat_cart', 1, 1), ('umbrella', 3, 3), ('wheelchair', 1, 1)]" "seed 001 §八: the emergency desk's inventory"
run loan stock --format json
expect_eq "$(json 'sum(r["count"] for r in j if r["item"] == "wheelchair")')" 5 "seed 001 §八: 轮椅五辆 over the desks"
expect_eq "$(json 'sum(r["count"] for r in j if r["item"] == "umbrella")')" 10 "seed 001 §八: 便民伞10把 over the desks"

# --- bad input: exit 2, nothing written
expect_unchanged 2 "negative deposit" -- --as e1 loan out --item wheelchair --borrower 王小明 --phone 13800001111 \
  --id-number "$ID1" --deposit -5
expect_unchanged 2 "a fraction of a fen" -- --as e1 loan out --item wheelchair --borrower 王小明 --phone 13800001111 \
  --id-number "$ID1" --deposit 1.234
expect_unchanged 2 "not a number" -- --as e1 loan out --item wheelchair --borrower 王小明 --phone 13800001111 \
  --id-number "$ID1" --deposit abc
expect_unchanged 2 "unknown item" -- --as e1 loan out --item sofa --borrower 王小明 --phone 13800001111 --id-number "$ID1"
expect_contains "$ERR" "one of: flat_cart, umbrella, wheelchair" "the error lists the kinds"
expect_unchanged 2 "invalid ID number" -- --as e1 loan out --item wheelchair --borrower 王小明 --phone 13800001111 \
  --id-number "${ID1}1"
expect_unchanged 2 "bad condition" -- loan return 1 --condition broken

# --- lifecycle with the inventory limit (seed 001 §六: 轮椅 lent against a deposit)
run --as e1 loan out --item wheelchair --borrower 王小明 --phone 13800001111 --id-number "$ID1"
expect_eq "$RC" 0 "loan out"
W=$OUT
expect_eq "$W" "1" "prints the loan id alone"
expect_eq "$(sql "SELECT desk, item, unit, deposit_fen, id_last4 FROM loans WHERE id = $W")" \
  "emergency|wheelchair|1|20000|002X" "stored in fen, with the last 4 of the ID"
expect_unchanged 4 "seed 001 §八: none left at the desk" -- --as e1 loan out --item wheelchair --borrower 李雷 \
  --phone 13800002222 --id-number "$ID2"
expect_contains "$ERR" "no wheelchair (轮椅) is available at desk emergency" "names the kind"
expect_contains "$ERR" "王*" "names who holds it (masked)"
expect_contains "$ERR" "since 2026-11-23 09:00" "and since when"
run loan stock --desk emergency --format json
expect_eq "$(json '[(r["available"], r["out"]) for r in j if r["item"] == "wheelchair"][0]')" "(0, 1)" "stock: one out"
run loan list --format json
expect_eq "$(json '[(r["id"], r["status"], r["borrower"], r["phone"], r["deposit"]) for r in j]')" \
  "[(1, 'out', '王**', '138****1111', '200.00')]" "loan list, masked"
run --as e1 loan return "L$W"
expect_eq "$RC" 0 "loan return"
expect_contains "$OUT" "refunded 200.00 yuan" "the whole deposit refunded"
expect_unchanged 4 "returned twice" -- --as e1 loan return "$W"
expect_unchanged 3 "no such loan" -- loan return 99
run --as e1 loan out --item wheelchair --borrower 李雷 --phone 13800002222 --id-number "$ID2" --deposit 150.5
expect_eq "$RC" 0 "lent again once returned"
W2=$OUT
expect_eq "$(sql "SELECT unit, deposit_fen FROM loans WHERE id = $W2")" "1|15050" "--deposit in yuan, kept in fen"

# --- keeping a deposit: supervisor only, with a reason
U=$(sd loan out --item umbrella --borrower 韩梅梅 --phone 13800003333 --id-number "$ID2")
expect_unchanged 5 "keeping needs a supervisor" -- loan return "$U" --condition damaged --keep 10 --reason 伞骨断
expect_unchanged 2 "keeping needs a reason" -- --as boss loan return "$U" --condition damaged --keep 10
expect_unchanged 2 "keeping needs damage or loss" -- --as boss loan return "$U" --keep 10 --reason x
expect_unchanged 2 "no more than the deposit" -- --as boss loan return "$U" --condition lost --keep 21 --reason 丢失
run --as boss loan return "$U" --condition damaged --keep 10 --reason 伞骨断
expect_eq "$RC" 0 "a supervisor keeps part of the deposit"
expect_eq "$(sql "SELECT condition, kept_fen, refunded_fen, kept_by, note FROM loans WHERE id = $U")" \
  "damaged|1000|1000|boss|伞骨断" "recorded per loan"
expect_eq "$(sql "SELECT count(*) FROM audit_events WHERE action = 'loan.keep'")" 1 "and audited"
sd loan out --item wheelchair --borrower 张小花 --phone 13800004444 --id-number "$ID1" >/dev/null

# --- cash: opening + in - out = closing
run loan cash --desk internal --format json
expect_eq "$(json '[j[k] for k in ("opening", "in", "refunded", "kept", "out", "closing")]')" \
  "['0.00', '220.00', '10.00', '10.00', '20.00', '200.00']" "the day's cash at the internal desk"
run loan cash --desk emergency --format json
expect_eq "$(json '[j[k] for k in ("opening", "in", "out", "closing")]')" "['0.00', '350.50', '200.00', '150.50']" \
  "the emergency desk's cash"
OUT=$(SVCDESK_NOW=2026-11-24T09:00:00+08:00 sd loan cash --desk internal --format json)
expect_eq "$(json '[j[k] for k in ("opening", "in", "out", "closing")]')" "['200.00', '0.00', '0.00', '200.00']" \
  "the next day opens with the closing balance"
OUT=$(sd loan cash --desk internal --date 2026-11-22 --format json)
expect_eq "$(json 'j["closing"]')" "0.00" "the day before: nothing"
expect_unchanged 2 "cash of an unknown desk" -- loan cash --desk nowhere

# --- overdue (wheelchair period 12h)
OUT=$(SVCDESK_NOW=2026-11-23T22:00:00+08:00 sd loan list --status overdue --format json)
expect_eq "$(json '[r["id"] for r in j]')" "[$W2, $((U + 1))]" "overdue after the loan period"
OUT=$(SVCDESK_NOW=2026-11-23T22:00:00+08:00 sd loan stock --desk internal --format json)
expect_eq "$(json '[(r["out"], r["overdue"]) for r in j if r["item"] == "wheelchair"][0]')" "(0, 1)" \
  "stock counts overdue"

# --- the daily report: loans and their cash per desk (new keys under "loans")
run report daily --format json
expect_eq "$RC" 0 "report daily"
expect_eq "$(json '[j["desks"]["internal"]["loans"][k] for k in ("out", "returned", "out_end_of_day", "overdue")]')" \
  "[2, 1, 1, 1]" "loans made, returned, out and overdue at the day's end"
expect_eq "$(json '[j["desks"]["internal"]["loans"]["cash"][k] for k in ("opening", "in", "out", "closing")]')" \
  "['0.00', '220.00', '20.00', '200.00']" "the report's cash figures match loan cash"
expect_eq "$(json 'j["loans"]["cash"]["closing"]')" "350.50" "all desks"
OUT=$(SVCDESK_NOW=2026-11-24T09:00:00+08:00 sd report daily --date 2026-11-23 --format json)
expect_eq "$(json '[j["loans"][k] for k in ("out_end_of_day", "overdue")]')" "[2, 2]" "out and overdue (due 21:00) at the end of the day"
OUT=$(SVCDESK_NOW=2026-11-25T09:00:00+08:00 sd report daily --date 2026-11-24 --format json)
expect_eq "$(json '[j["loans"][k] for k in ("out_end_of_day", "overdue")]')" "[2, 2]" "overdue loans in the report"
expect_eq "$(json 'j["loans"]["cash"]["opening"]')" "350.50" "the next day opens with the closing balance"
run report daily --format md
expect_contains "$OUT" "| Loan deposit cash, closing (yuan) | 350.50 |" "the Markdown report carries the loan figures, labelled"
OUT=$(LC_ALL=zh_CN.UTF-8 sd report daily --format md)
expect_contains "$OUT" "| 借用押金期末余额（元） | 350.50 |" "in Chinese, the loan labels translated"
expect_contains "$OUT" "| 逾期未还 |" "... the overdue loans too"
run report daily --format table
expect_contains "$OUT" "Loans overdue" "and so does the table"
run report daily --format csv
expect_contains "$OUT" "loans.cash.closing,350.50" "CSV keeps the figure ids"
run report daily --format html --lang en
expect_contains "$OUT" "Equipment loans" "the HTML report has the loan figures"
expect_contains "$OUT" '<span class="value">350.50</span><span class="label">Loan deposit cash, closing (yuan)</span>' \
  "and the cash in its summary"

# --- issue 24, seed 001 §六: the deposit handover hands over the loan items out and the loan cash
run deposit handover --desk internal --to a2 --format json
expect_eq "$RC" 0 "a handover of a desk with a loan out"
H=$(json 'j["id"]')
expect_eq "$(json '[j["loans_out"], j["loan_cash"], [(l["loan"], l["item"], l["unit"]) for l in j["loans"]]]')" \
  "[1, '200.00', [(4, 'wheelchair', 1)]]" "seed 001 §六: the handover records the loan items out and the cash on hand"
expect_eq "$(sql "SELECT loans_out, loan_cash_fen FROM deposit_handovers WHERE id = ${H#H}")" "1|20000" "stored in fen"
expect_unchanged 2 "seed 001 §六: a handover with loans is confirmed with the loans and cash counted" -- \
  --as a2 deposit handover confirm "$H" --pieces 0
expect_contains "$ERR" "--loans-counted N --cash-counted YUAN" "says what to give"
expect_unchanged 2 "seed 001 §六: the cash count too" -- --as a2 deposit handover confirm "$H" --pieces 0 --loans-counted 1
expect_unchanged 2 "a cash count in yuan" -- --as a2 deposit handover confirm "$H" --pieces 0 --loans-counted 1 \
  --cash-counted 2o0
expect_unchanged 2 "no negative count" -- --as a2 deposit handover confirm "$H" --pieces 0 --loans-counted -1 \
  --cash-counted 200
run --as a2 deposit handover confirm "$H" --pieces 0 --loans-counted 1 --cash-counted 200 --format json
expect_eq "$RC" 0 "seed 001 §六: cash balanced at the handover"
expect_eq "$(json '[j["state"], j["loans_counted"], j["cash_counted"], j["cash_difference"], j["difference"]]')" \
  "['confirmed', 1, '200.00', '0.00', None]" "no difference"
expect_eq "$(sql "SELECT count(*) FROM audit_events WHERE action = 'deposit.handover_difference'")" 0 "nothing to audit"
run --as a2 deposit handover --desk internal --to a1 --format json
H2=$(json 'j["id"]')
run --as a1 deposit handover confirm "$H2" --pieces 0 --loans-counted 0 --cash-counted 150
expect_eq "$RC" 0 "seed 001 §六: a difference is recorded, not refused"
expect_contains "$OUT" "counted 0 loan item(s), 1 out; loan cash counted 150.00 yuan, 200.00 on hand (short 50.00)" \
  "the difference is shown"
expect_contains "$OUT" "loan items out:" "with the loan items handed over"
expect_eq "$(sql "SELECT loans_counted, cash_counted_fen FROM deposit_handovers WHERE id = ${H2#H}")" "0|15000" \
  "the count is stored"
expect_eq "$(sql "SELECT detail FROM audit_events WHERE action = 'deposit.handover_difference'")" \
  "counted 0 loan item(s), 1 out; loan cash counted 150.00 yuan, 200.00 on hand (short 50.00)" "and audited"
run deposit show "$H2" --format json
expect_eq "$(json '[j["cash_counted"], j["cash_difference"]]')" "['150.00', '-50.00']" "in JSON: counted minus on hand"
run report daily --format json
expect_eq "$(json 'j["desks"]["internal"]["deposits"]["handover_differences"]')" 1 "the report counts the difference"
run --as e1 deposit handover --desk surgery --to boss --format json
expect_eq "$(json '[j["loans_out"], j["loan_cash"], j["loans"]]')" "[0, '0.00', []]" "a desk without loans"
run --as boss deposit handover confirm "$(json 'j["id"]')" --pieces 0
expect_eq "$RC" 0 "is confirmed without a loan count"

# --- reveal: supervisor only, audited
expect_unchanged 5 "revealing needs a supervisor" -- loan list --reveal
run --as boss loan list --all --reveal --format json
expect_eq "$(json 'sorted(set(r["borrower"] for r in j))')" "['张小花', '李雷', '王小明', '韩梅梅']" "a supervisor may reveal"
expect_eq "$(sql "SELECT detail FROM audit_events WHERE action = 'loan.reveal'")" "4 loans: 1, 2, 4, 3" "the reveal is audited (soonest due first)"
expect_eq "$(sql "SELECT count(*) FROM audit_events WHERE action IN ('loan.out', 'loan.return')")" 6 "loans audited"

# --- the full ID numbers are never stored
if on_pg; then "$PG_BINDIR/pg_dump" "$SVCDESK_DB" >"$TEST_DIR/dump.sql"; stored="$TEST_DIR/dump.sql"
else sqlite3 "$SVCDESK_DB" .dump >"$TEST_DIR/dump.sql"; stored="$TEST_DIR/dump.sql"; fi
for id in "$ID1" "$ID2"; do
  if grep -aq -- "${id:0:14}" "$stored"; then failed "ID number $id stored"; else pass; fi
done

# --- seed 001 §八: the count holds when desks race for the last units (3 umbrellas at surgery)
pids=()
for n in 1 2 3 4 5 6 7 8; do
  (sd loan out --desk surgery --item umbrella --borrower "客人$n" --phone 1380000000$n --id-number "$ID1" \
     >/dev/null 2>&1; echo $? >"$TEST_DIR/race.$n") &
  pids+=($!)
done
wait "${pids[@]}"
expect_eq "$(cat "$TEST_DIR"/race.* | sort | uniq -c | awk '{print $2 "x" $1}' | tr '\n' ' ')" "0x3 4x5 " \
  "three winners, five refused with exit 4"
expect_eq "$(sql "SELECT count(*) FROM loans WHERE desk = 'surgery' AND returned_at IS NULL")" 3 "three out"

# --- issue 24: overdue loans become callbacks of purpose loan (seed 001 §六 轮椅、平推车 lent against a
# deposit, §八 the desks' inventory): one pending callback per loan out past its due time, due at the
# next calling window (09:00-20:00 on working days), the borrower's phone masked; its return cancels it.
NEXT=2026-11-24T10:00:00+08:00
OUT=$(SVCDESK_NOW=$NEXT sd loan list --status overdue --format json)
overdue=$(json 'sorted(r["id"] for r in j)')
OUT=$(SVCDESK_NOW=$NEXT sd callback due --format json)
expect_eq "$(json 'sorted(r["loan"]["id"] for r in j if r["purpose"] == "loan")')" "$overdue" \
  "seed 001 §六: every overdue loan is due for a callback of purpose loan"
expect_eq "$(json '[(r["ticket"], r["ticket_status"], r["loan"]["item"], r["loan"]["desk"], r["phone"], r["due_at"])
                   for r in j if r["purpose"] == "loan" and r["loan"]["id"] == '"$W2"']')" \
  "[(None, None, 'wheelchair', 'emergency', '138****2222', '2026-11-24T09:00:00+08:00')]" \
  "the loan instead of a ticket, the borrower's phone masked, due at the next calling window"
expect_eq "$(json '[r["purpose"] for r in j if r["purpose"] != "loan" and "loan" in r]')" "[]" \
  "ticket callbacks carry no loan key"
n_loan=$(sql "SELECT count(*) FROM callbacks WHERE purpose = 'loan'")
OUT=$(SVCDESK_NOW=$NEXT sd callback due --format json)
OUT=$(SVCDESK_NOW=$NEXT sd callback list --purpose loan --format json)
expect_eq "$(json 'len(j)')" "$n_loan" "callback list shows them"
expect_eq "$(sql "SELECT count(*) FROM callbacks WHERE purpose = 'loan'")" "$n_loan" "never two for one loan"
expect_eq "$(sql "SELECT count(*) FROM callbacks WHERE purpose = 'loan' GROUP BY loan_id HAVING count(*) > 1")" "" \
  "one per loan"
C=$(sql "SELECT id FROM callbacks WHERE loan_id = $W2")
OUT=$(SVCDESK_NOW=$NEXT sd callback show "C$C" --format json)
expect_eq "$(json '[j["purpose"], j["status"], j["ticket"], j["loan"]["id"], j["customer"]]')" \
  "['loan', 'pending', None, $W2, '李*']" "callback show names the loan"
OUT=$(SVCDESK_NOW=$NEXT sd callback show "C$C")
expect_contains "$OUT" "wheelchair" "the table shows the loan's item"
T=$(sd intake --channel phone --category consultation --customer 王女士 --phone 13812345678 --subject 借轮椅咨询)
expect_unchanged 2 "a callback of purpose loan is not scheduled for a ticket" -- callback schedule "$T" \
  --at "2026-11-25 10:00" --purpose loan
# the report counts them with the callbacks, by purpose (due 2026-11-24 09:00)
OUT=$(SVCDESK_NOW=2026-11-25T09:00:00+08:00 sd report daily --date 2026-11-24 --format json)
expect_eq "$(json 'j["callbacks"]["due_by_purpose"].get("loan")')" "$n_loan" "the report counts the loan callbacks by purpose"
expect_eq "$(json 'j["callbacks"]["due"] >= '"$n_loan")" "True" "and with the callbacks due"
# the return closes the callback, in the same transaction
run --as e1 loan return "$W2"
expect_eq "$RC" 0 "the overdue loan is returned"
expect_eq "$(sql "SELECT status, cancel_reason FROM callbacks WHERE id = $C")" "cancelled|loan $W2 was returned" \
  "its return closes the callback"
OUT=$(SVCDESK_NOW=$NEXT sd callback due --format json)
expect_eq "$(json '[r["id"] for r in j if r["id"] == '"$C"']')" "[]" "no longer due"
expect_eq "$(sql "SELECT count(*) FROM callbacks WHERE loan_id = $W2")" 1 "and not made again"
# the other overdue loan's callback: in the table, the calendar, and called like any other
C4=$(sql "SELECT id FROM callbacks WHERE loan_id = $((U + 1))")
OUT=$(SVCDESK_NOW=$NEXT sd callback due --wide)
expect_contains "$OUT" "L$((U + 1))" "the table shows the loan in the ticket column"
SVCDESK_NOW=$NEXT sd callback export --ics "$TEST_DIR/calls.ics" --until +7d >/dev/null
expect_contains "$(cat "$TEST_DIR/calls.ics")" "overdue loan L$((U + 1))" "the calendar names the loan"
expect_not_contains "$(cat "$TEST_DIR/calls.ics")" "张小花" "and never the borrower"
expect_unchanged 4 "no satisfaction on a loan callback" -- callback done "C$C4" --outcome reached --satisfaction 5
run callback done "C$C4" --outcome no_answer --note 未接通
expect_eq "$RC" 0 "a call to the borrower is recorded"
expect_eq "$(sql "SELECT count(*) FROM callback_attempts WHERE callback_id = $C4")" 1 "with its attempt"

# --- the migration from version 8 keeps the callbacks (and their calls): a version 8 database made from
# this one (the loans' callbacks removed, the DDL of v10 and v9 undone, callbacks as version 8 stored them)
F=$(sd callback schedule "$T" --at "2026-11-25 10:00" --purpose followup)
sd callback done "C$F" --outcome no_answer >/dev/null
before=$(sql "SELECT id, ticket_id, purpose, status, due_at FROM callbacks WHERE loan_id IS NULL ORDER BY id" | md5sum)
attempts=$(sql "SELECT a.id, a.callback_id, a.outcome FROM callback_attempts a JOIN callbacks c ON c.id = a.callback_id
                WHERE c.loan_id IS NULL ORDER BY a.id")
expect_contains "$attempts" "|$F|no_answer" "a ticket callback with a call"
expect_eq "$(sql "SELECT count(*) FROM callbacks WHERE loan_id IS NULL")" "$(sql "SELECT count(*) FROM callbacks WHERE ticket_id IS NOT NULL")" "ticket callbacks"
undo_schema_v10
if on_pg; then
  sql "DELETE FROM callback_attempts WHERE callback_id IN (SELECT id FROM callbacks WHERE loan_id IS NOT NULL);
       DELETE FROM callbacks WHERE loan_id IS NOT NULL;
       ALTER TABLE callbacks DROP COLUMN loan_id; ALTER TABLE callbacks ALTER COLUMN ticket_id SET NOT NULL;
       ALTER TABLE callbacks DROP CONSTRAINT callbacks_purpose_check;
       ALTER TABLE callbacks ADD CONSTRAINT callbacks_purpose_check CHECK (purpose IN ('survey', 'progress', 'followup', 'care'));
       DROP TABLE loans;
       ALTER TABLE deposit_handovers DROP COLUMN loans_out, DROP COLUMN loan_cash_fen, DROP COLUMN loans_counted,
         DROP COLUMN cash_counted_fen;
       UPDATE schema_version SET version = 8"
else
  sql "DELETE FROM callback_attempts WHERE callback_id IN (SELECT id FROM callbacks WHERE loan_id IS NOT NULL);
       DELETE FROM callbacks WHERE loan_id IS NOT NULL;
       CREATE TABLE callbacks_v8 (
         id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL REFERENCES tickets(id),
         purpose TEXT NOT NULL CHECK (purpose IN ('survey', 'progress', 'followup', 'care')),
         status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'unreachable', 'cancelled')),
         due_at INTEGER NOT NULL, created_at INTEGER NOT NULL, created_by TEXT REFERENCES staff(id),
         finished_at INTEGER, satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5), cancel_reason TEXT,
         handler TEXT, dropped_by TEXT, CHECK ((status = 'pending') = (finished_at IS NULL)));
       INSERT INTO callbacks_v8 SELECT id, ticket_id, purpose, status, due_at, created_at, created_by, finished_at,
         satisfaction, cancel_reason, handler, dropped_by FROM callbacks;
       DROP TABLE callbacks; ALTER TABLE callbacks_v8 RENAME TO callbacks;
       CREATE INDEX callbacks_status_due ON callbacks (status, due_at, id);
       CREATE INDEX callbacks_ticket ON callbacks (ticket_id, purpose, status);
       CREATE INDEX callbacks_due ON callbacks (due_at);
       CREATE INDEX callbacks_finished ON callbacks (finished_at) WHERE finished_at IS NOT NULL;
       DROP TABLE loans;
       ALTER TABLE deposit_handovers DROP COLUMN loans_out; ALTER TABLE deposit_handovers DROP COLUMN loan_cash_fen;
       ALTER TABLE deposit_handovers DROP COLUMN loans_counted; ALTER TABLE deposit_handovers DROP COLUMN cash_counted_fen;
       PRAGMA user_version = 8"
fi
expect_exit 0 "a version 8 database migrates" -- db migrate
expect_contains "$OUT" "is at schema version 10" "at the latest version"
expect_eq "$(sql "SELECT id, ticket_id, purpose, status, due_at FROM callbacks ORDER BY id" | md5sum)" "$before" \
  "the migration keeps the callbacks"
expect_eq "$(sql "SELECT id, callback_id, outcome FROM callback_attempts ORDER BY id")" "$attempts" "and their calls"
expect_exit 0 "db check after the migration" -- db check
if on_pg; then sql "INSERT INTO callbacks (purpose, status, due_at, created_at) VALUES ('care', 'pending', 1, 1)" >/dev/null 2>&1
else sql "PRAGMA foreign_keys = ON; INSERT INTO callbacks (purpose, status, due_at, created_at) VALUES ('care', 'pending', 1, 1)" >/dev/null 2>&1; fi
expect_eq "$(sql "SELECT count(*) FROM callbacks WHERE ticket_id IS NULL")" 0 "a callback without a ticket or a loan is refused"

finish
