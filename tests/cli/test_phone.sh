#!/usr/bin/env bash
# Phone numbers normalised on every way in (issue 20, "Customers"; seed 004 客户档案: a caller's
# 联系方式 and history): three spellings of one number are one caller, an impossible number is
# refused with the database unchanged, an import names the bad row, `list --phone` takes any
# spelling, and the version 4 migration normalises what older versions stored as typed.
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=a1

take() { # take PHONE [CUSTOMER]: intake by a1, the id in $OUT
  run intake --channel phone --category consultation --customer "${2:-王小明}" --subject 咨询 --phone "$1"
}

# ---- three spellings of one number, one caller
take "138-1234-5678";      expect_eq "$RC" 0 "dashes"
take "+86 138 1234 5678";  expect_eq "$RC" 0 "+86 and spaces"
take "0086 13812345678" 王先生; expect_eq "$RC" 0 "0086"
expect_eq "$(sql "SELECT DISTINCT phone FROM tickets")" "13812345678" "stored once normalised"
# The customer record (客户档案): one per normalised phone, with every name it was given.
expect_eq "$(sql "SELECT phone || ' ' || names FROM customers")" '13812345678 ["王小明","王先生"]' \
  "one customer record for the three spellings, both names seen"
take "(010) 6552-8888 转 801" 李雷; expect_eq "$RC" 0 "landline with extension"
expect_eq "$(sql "SELECT phone FROM tickets WHERE id = $OUT")" "010-65528888-801" "landline canonical"
take "+1 650 253 0000" Smith; expect_eq "$RC" 0 "a number of another country"
expect_eq "$(sql "SELECT phone FROM tickets WHERE id = $OUT")" "+16502530000" "E.164"

# ---- list --phone in any spelling, list --customer
for spelling in "13812345678" "138.1234.5678" "+86-138-1234-5678"; do
  expect_exit 0 "list --phone $spelling" -- list --phone "$spelling" --format json
  expect_eq "$(json 'sorted(t["id"] for t in j)')" "[1, 2, 3]" "the caller's three tickets ($spelling)"
done
expect_exit 0 "list --phone from standard input" -- list --phone - --format json <<<"138 1234 5678"
expect_eq "$(json 'len(j)')" "3" "--phone - reads the number"
expect_exit 0 "list --phone of a landline" -- list --phone "010 65528888-801" --format json
expect_eq "$(json '[t["id"] for t in j]')" "[4]" "the landline's ticket"
expect_exit 0 "list --customer" -- list --customer 王小明 --format json
expect_eq "$(json 'sorted(t["id"] for t in j)')" "[1, 2]" "by the name as written"
expect_exit 0 "list --customer and --phone" -- list --customer 王先生 --phone 13812345678 --format json
expect_eq "$(json '[t["id"] for t in j]')" "[3]" "both filters"
expect_unchanged 2 "list --phone impossible" -- list --phone 12345
if ! on_pg; then
  plan=$(sql "EXPLAIN QUERY PLAN SELECT id FROM tickets WHERE true AND phone = '13812345678' ORDER BY next_due, id")
  expect_contains "$plan" "tickets_phone" "an index serves list --phone"
  plan=$(sql "EXPLAIN QUERY PLAN SELECT id FROM tickets WHERE true AND customer = 'x' ORDER BY next_due, id")
  expect_contains "$plan" "tickets_customer" "an index serves list --customer"
fi

# ---- impossible numbers: exit 2, nothing written
expect_unchanged 2 "a digit missing" -- intake --channel phone --category consultation --customer A --subject s \
  --phone 1381234567
expect_contains "$ERR" "impossible phone number" "says why"
expect_unchanged 2 "a landline without its area code" -- intake --channel phone --category consultation \
  --customer A --subject s --phone 65528888
expect_contains "$ERR" "area code" "asks for the area code"
expect_unchanged 2 "no such country code" -- intake --channel phone --category consultation --customer A \
  --subject s --phone "+999 1234 5678"
expect_unchanged 2 "deposit in with an impossible phone" -- deposit in --tag A001 --depositor 王小明 \
  --phone 1380000111 --id-number 11010519491231002X --items 书包 --pieces 1 --checked
run deposit in --tag A001 --depositor 王小明 --phone "138 0000 1111" --id-number 11010519491231002X \
  --items 书包 --pieces 1 --checked
expect_eq "$RC" 0 "deposit in with a spaced phone"
expect_eq "$(sql "SELECT phone FROM deposits WHERE id = $OUT")" "13800001111" "deposit phone normalised"

# ---- import: a bad phone is a FILE:LINE row error, the good spellings normalised
cp "$SVCDESK_SOURCE/tests/cli/data/phone_calls.toml" "$TEST_DIR/import.toml"
printf 'call_id,at,type,name,phone\n' >calls.csv
printf 'P1,2026-11-20 09:15,q,陈,139 1234 5678\n' >>calls.csv
printf 'P2,2026-11-20 09:16,q,陈,+86 139-1234-5678\n' >>calls.csv
printf 'P3,2026-11-20 09:17,q,陈,139123456\n' >>calls.csv
before=$(db_state)
run --config "$TEST_DIR/import.toml" import calls.csv --profile calls
expect_eq "$RC" 2 "import with an impossible phone: exit 2"
expect_eq "$(db_state)" "$before" "import with an impossible phone: nothing written"
expect_contains "$ERR" "calls.csv:4: phone: impossible phone number" "the row error names FILE:LINE"
expect_not_contains "$ERR" "calls.csv:2:" "a spaced number is fine"
sed -i '$d' calls.csv
expect_exit 0 "import without it" -- --config "$TEST_DIR/import.toml" import calls.csv --profile calls
expect_eq "$(sql "SELECT DISTINCT phone FROM tickets WHERE external_ref LIKE 'P%'")" "13912345678" "import normalises"

# ---- the version 4 migration: normalised where possible, the rest kept and listed by db check
# (a version 3 database made from this one: the DDL of v10, v9, v8, v6, v5 and v4 undone, phones as older versions stored them
# (on SQLite the callbacks keep v9's shape: v9 makes the table anew from the columns of version 8);
# v7 converts only the ids still without an identity column, so it needs no undoing)
undo_schema_v10
if on_pg; then
  sql "ALTER TABLE tickets DROP COLUMN department, DROP COLUMN escalation_level;
       DROP TRIGGER ticket_search_ticket ON tickets; DROP TRIGGER ticket_search_note ON ticket_events;
       DROP TRIGGER ticket_search_added ON tickets;
       DROP TABLE ticket_search; DROP FUNCTION ticket_search_ticket(), ticket_search_note(), ticket_search_added(),
       ticket_search_body(tickets);
       DROP INDEX tickets_status_created, tickets_open_due, tickets_open_status_due, tickets_resolved_due, tickets_next_due, tickets_assignee_due,
         tickets_owner_due, tickets_category_due;
       DROP INDEX tickets_phone; DROP INDEX tickets_customer; DROP INDEX deposits_phone; DROP TABLE customers;
       ALTER TABLE callbacks DROP COLUMN loan_id; DROP TABLE loans;
       ALTER TABLE deposit_handovers DROP COLUMN loans_out, DROP COLUMN loan_cash_fen, DROP COLUMN loans_counted,
         DROP COLUMN cash_counted_fen;
       UPDATE schema_version SET version = 3"
else
  sql "ALTER TABLE tickets DROP COLUMN department; ALTER TABLE tickets DROP COLUMN escalation_level;
       DROP TRIGGER ticket_search_insert; DROP TRIGGER ticket_search_update; DROP TRIGGER ticket_search_delete;
       DROP TRIGGER ticket_search_note; DROP VIEW ticket_search_text; DROP TABLE ticket_search_terms;
       DROP TABLE ticket_search; DROP INDEX tickets_status_created; DROP INDEX tickets_open_due; DROP INDEX tickets_open_status_due;
       DROP INDEX tickets_resolved_due; DROP INDEX tickets_next_due; DROP INDEX tickets_assignee_due; DROP INDEX tickets_owner_due;
       DROP INDEX tickets_category_due;
       DROP INDEX tickets_phone; DROP INDEX tickets_customer; DROP INDEX deposits_phone; DROP TABLE customers; DROP TABLE loans;
       ALTER TABLE deposit_handovers DROP COLUMN loans_out; ALTER TABLE deposit_handovers DROP COLUMN loan_cash_fen;
       ALTER TABLE deposit_handovers DROP COLUMN loans_counted; ALTER TABLE deposit_handovers DROP COLUMN cash_counted_fen;
       PRAGMA user_version = 3"
fi
# A deposit's phone as typed too (its contents are final: the trigger is set aside for this).
if on_pg; then
  sql "ALTER TABLE deposits DISABLE TRIGGER deposits_contents_fixed;
       UPDATE deposits SET phone = '138-0000-1111'; ALTER TABLE deposits ENABLE TRIGGER deposits_contents_fixed"
else
  trigger=$(sql "SELECT sql FROM sqlite_master WHERE name = 'deposits_contents_fixed'")
  sql "DROP TRIGGER deposits_contents_fixed; UPDATE deposits SET phone = '138-0000-1111'; $trigger;"
fi
sql "UPDATE tickets SET phone = '138-1234-5678' WHERE id = 1;
     UPDATE tickets SET phone = '(010) 6552 8888' WHERE id = 4;
     UPDATE tickets SET phone = '555-CALL' WHERE id = 5;"
expect_exit 0 "an old database migrates" -- db migrate
expect_contains "$OUT" "is at schema version 10" "at the latest version"
expect_eq "$(sql 'SELECT phone FROM tickets WHERE id IN (1, 4, 5) ORDER BY id' | tr '\n' ' ')" \
  "13812345678 010-65528888 555-CALL " "normalised where possible, the rest as typed"
expect_eq "$(sql 'SELECT DISTINCT phone FROM deposits')" "13800001111" "the deposit's phone normalised by the migration"
sql "UPDATE deposits SET phone = '13800002222'" >/dev/null 2>&1
expect_eq "$(sql 'SELECT DISTINCT phone FROM deposits')" "13800001111" "and its contents are final again (the trigger is back)"
# The customer records (客户档案) are made again from the tickets' and deposits' phones.
expect_eq "$(sql "SELECT CASE WHEN names LIKE '%王小明%' AND names LIKE '%王先生%' THEN 'both' END
                FROM customers WHERE phone = '13812345678'")" "both" \
  "the migration makes a caller's record with the names seen"
expect_eq "$(sql "SELECT count(*) FROM customers WHERE phone = '13800001111'")" "1" \
  "and one for a depositor's phone"
expect_exit 0 "db check" -- --as boss db check
expect_contains "$OUT" "note: ticket 5: phone *55-CALL kept as typed" "db check lists the phone kept as typed, masked"
expect_not_contains "$OUT" "ticket 1:" "a normalised phone is no note"
expect_exit 0 "db check as JSON" -- --as boss db check --format json
expect_eq "$(json 'len(j["notes"])')" "1" "one note"

finish
