#!/usr/bin/env bash
# The audit trail (issue 18; seed 004 §4-5 confidentiality and traceability, seed 000 §四.4 access
# only for authorised staff): each action the issue lists leaves its event, naming actor and
# record; the trail is for supervisors; callback numbers are for their handler; names are masked
# in exports; the trail is append-only and hash-chained, and db check names an edited and a
# deleted event. Every command names its actor (--as), reads included.
source "$(dirname "$0")/lib.sh"
setup_staff
ID1=11010519491231002X PROXY_ID=510104200001017777

# events ACTION: the (actor, subject) pairs of ACTION's events (or family's: "deposit"), oldest first.
events() {
  run --as boss audit --action "$1" --format json
  [ "$RC" -eq 0 ] || { echo "audit failed: $ERR"; return; }
  json '[(e["actor"], e["subject"]) for e in j]'
}
# expect_events ACTION EXPECTED DESCRIPTION
expect_events() { expect_eq "$(events "$1")" "$2" "$3"; }

# --- staff: add (the bootstrap one too), update, deactivate are supervisor-only actions
sd --as boss staff update a2 --role agent,dispatcher >/dev/null
sd --as boss staff deactivate e1 >/dev/null
expect_events staff.add "[(None, 'staff boss'), ('boss', 'staff a1'), ('boss', 'staff a2'), ('boss', 'staff e1')]" \
  "staff add is audited"
expect_events staff.update "[('boss', 'staff a2')]" "staff update is audited"
expect_events staff.deactivate "[('boss', 'staff e1')]" "staff deactivate is audited"
run --as boss audit --action staff.update --format json
expect_eq "$(json 'j[0]["detail"]')" "roles agent,front_desk -> agent,dispatcher" "the update says what changed"

# --- tickets: assign --force (a1 is on no roster: not on duty), reopen of another's closed ticket
t1=$(sd --as a1 intake --channel phone --category consultation --customer 王小明 --phone 13812345678 --subject 挂号)
expect_exit 0 "assign --force" -- --as boss assign "$t1" a1 --force
expect_events ticket.assign_force "[('boss', 'ticket $t1')]" "assign --force is audited"
sd --as a1 start "$t1" >/dev/null && sd --as a1 resolve "$t1" --resolution done >/dev/null
sd --as a1 close "$t1" --no-callback --reason "customer declined: calls" >/dev/null
expect_exit 0 "the owner reopens their own closed ticket" -- --as a1 reopen "$t1" --reason again
expect_events ticket.reopen_other "[]" "reopening one's own ticket is no supervisor power"
sd --as a1 resolve "$t1" --resolution done >/dev/null
sd --as a1 close "$t1" --no-callback --reason "customer declined: calls" >/dev/null
expect_unchanged 5 "an agent may not reopen another's closed ticket" -- --as a2 reopen "$t1" --reason x
expect_exit 0 "a supervisor reopens another's closed ticket" -- --as boss reopen "$t1" --reason complaint
expect_events ticket.reopen_other "[('boss', 'ticket $t1')]" "reopen of another's closed ticket is audited"

# --- callbacks: the number is for the handler (the ticket's assignee, else its owner) or a supervisor
t2=$(sd --as a1 intake --channel phone --category consultation --customer "John Smith" --phone 13900001111 --subject x)
cb=$(sd --as a1 callback schedule "$t2" --at "2026-11-23 15:00")
expect_exit 0 "the handler dials" -- --as a1 callback dial "$cb"
expect_eq "$OUT" "13900001111" "dial prints the number alone"
expect_unchanged 5 "another agent may not dial" -- --as a2 callback dial "$cb"
expect_contains "$ERR" "only the staff member handling callback $cb (a1) or a supervisor" "says who may"
expect_exit 0 "a supervisor dials" -- --as boss callback dial "$cb"
expect_exit 0 "show is masked" -- --as a2 callback show "$cb" --format json
expect_eq "$(json 'j["phone"]')" "139****1111" "masked phone in callback show"
expect_unchanged 5 "another agent may not reveal" -- --as a2 callback show "$cb" --reveal
expect_exit 0 "the handler reveals" -- --as a1 callback show "$cb" --reveal --format json
expect_eq "$(json 'j["phone"]')" "13900001111" "callback show --reveal"
expect_events callback.dial "[('a1', 'callback $cb'), ('boss', 'callback $cb')]" "each dial is audited"
expect_events callback.reveal "[('a1', 'callback $cb')]" "each reveal is audited"
expect_exit 0 "assigned to a2" -- --as boss assign "$t2" a2 --force
expect_unchanged 5 "the owner no longer handles it once assigned" -- --as a1 callback dial "$cb"
expect_exit 0 "the assignee dials" -- --as a2 callback dial "$cb"

# --- export: names and phones masked unless a supervisor reveals them (audited)
expect_exit 0 "export" -- --as a1 export tickets --format jsonl
expect_contains "$OUT" '"customer":"王**"' "Chinese name masked in an export"
expect_contains "$OUT" '"customer":"Jo** Sm***"' "Latin name masked in an export"
expect_not_contains "$OUT" "王小明" "no name in clear"
expect_unchanged 5 "an agent may not reveal" -- --as a1 export tickets --format jsonl --reveal
expect_exit 0 "a supervisor reveals" -- --as boss export tickets --format jsonl --reveal
expect_contains "$OUT" '"customer":"王小明"' "revealed"
expect_events export.reveal "[('boss', 'tickets')]" "export --reveal is audited"

# --- deposits: list/show --reveal, proxy approval and disposal
sd --as a1 deposit in --tag A001 --depositor 王小明 --phone 13800001111 --id-number "$ID1" --items 行李箱 \
  --pieces 1 --checked >/dev/null
sd --as a1 deposit in --tag A002 --depositor 李雷 --phone 13800002222 --id-number "$ID1" --items 书包 \
  --pieces 1 --checked >/dev/null
expect_unchanged 5 "an agent may not reveal deposits" -- --as a1 deposit list --reveal
expect_exit 0 "deposit list --reveal" -- --as boss deposit list --reveal --format json
expect_exit 0 "deposit show --reveal" -- --as boss deposit show A001 --reveal --format json
expect_eq "$(json 'j["depositor"]')" "王小明" "revealed"
expect_exit 0 "deposit show, masked" -- --as a1 deposit show A001 --format json
expect_events deposit.reveal "[('boss', 'deposits'), ('boss', 'deposit 1')]" "deposit reveals are audited"
run --as boss audit --action deposit.reveal --format json
expect_eq "$(json 'j[0]["detail"]')" "2 deposits: 1, 2" "a revealing list names the deposits shown"
expect_unchanged 5 "an agent may not approve a proxy pickup" -- --as a1 deposit proxy A001 --proxy 王大明 \
  --proxy-id-number "$PROXY_ID" --id-number "$ID1" --approved-by boss
expect_unchanged 5 "--approved-by must name the actor" -- --as boss deposit proxy A001 --proxy 王大明 \
  --proxy-id-number "$PROXY_ID" --id-number "$ID1" --approved-by a2
expect_contains "$ERR" "--approved-by a2 is not the acting staff member boss" "names both"
expect_exit 0 "proxy approved by the acting supervisor" -- --as boss deposit proxy A001 --proxy 王大明 \
  --proxy-id-number "$PROXY_ID" --id-number "$ID1"
expect_events deposit.proxy "[('boss', 'deposit 1')]" "proxy approval is audited"
SVCDESK_NOW="2026-11-27T09:00:00+08:00" expect_exit 0 "dispose" -- --as boss deposit dispose A002 --method 交保卫科
expect_events deposit.dispose "[('boss', 'deposit 2')]" "disposal is audited"

# --- import (not a dry run), db backup / db copy
printf '%s\n' "SRNumber,CreatedDate,ClosedDate,RequestSource,Status,RequestType,Address,ZipCode,NCName,PolicePrecinct,AssignTo" \
  "1-1,11/20/2026 09:00:00 AM,11/20/2026 10:00:00 AM,Call,Closed,Feedback,,,,," >"$TEST_DIR/calls.csv"
expect_exit 0 "import --dry-run" -- --as a1 import "$TEST_DIR/calls.csv" --profile la311 --dry-run
expect_events import "[]" "a dry run is not audited"
expect_exit 0 "import" -- --as a1 import "$TEST_DIR/calls.csv" --profile la311
expect_events import "[('a1', '$TEST_DIR/calls.csv')]" "import is audited, naming the file"
run --as boss audit --action import --format json
expect_contains "$(json 'j[0]["detail"]')" "1 imported" "the import's event counts the rows imported"
expect_exit 0 "import again" -- --as a1 import "$TEST_DIR/calls.csv" --profile la311
expect_events import "[('a1', '$TEST_DIR/calls.csv')]" "a re-run that adds nothing writes nothing, no event either"
copy=$(new_db copy)
expect_exit 0 "db copy" -- --as boss db copy --from "$SVCDESK_DB" --to "$copy"
expect_eq "$(events db.copy | grep -c "('boss', ")" "1" "db copy is audited in the source"
if on_pg; then
  pass # db backup is pg_dump's on PostgreSQL (refused by svcdesk: test_db)
else
  expect_exit 0 "db backup" -- --as boss db backup "$TEST_DIR/backup.db"
  expect_events db.backup "[('boss', '$TEST_DIR/backup.db')]" "db backup is audited, naming the file"
fi
expect_exit 0 "the copy's chain verifies" -- --as boss --db "$copy" db check

# --- the trail is for supervisors; filters
expect_unchanged 5 "an agent may not read the audit trail" -- --as a1 audit
expect_contains "$ERR" "only a supervisor may read the audit trail" "says why"
expect_exit 0 "audit by actor" -- --as boss audit --actor a1 --format json
expect_eq "$(json 'sorted(set(e["actor"] for e in j))')" "['a1']" "--actor filters"
expect_exit 0 "audit --since after the last event" -- --as boss audit --since 2026-11-28 --format json
expect_eq "$(json 'len(j)')" "0" "--since filters"
expect_exit 0 "audit --until" -- --as boss audit --until "2026-11-23 09:00" --format json
expect_eq "$(json 'len(j)')" "0" "--until is exclusive"
expect_exit 0 "audit csv" -- --as boss audit --format csv
expect_eq "$(head -1 <<<"$OUT")" "id,at,actor,action,subject,detail,hash" "CSV has every key"
expect_exit 0 "audit table" -- --as boss audit --action callback.dial
expect_contains "$OUT" "callback $cb" "table"

# --- db check verifies the chain and shows its head (for a cron job to log elsewhere)
run --as boss audit --format json
last_id=$(json 'j[-1]["id"]')
last_hash=$(json 'j[-1]["hash"]')
expect_exit 0 "healthy db check" -- --as boss db check
expect_contains "$OUT" "audit chain: $last_id events, head $last_id sha256 $last_hash" "the head is shown"
expect_exit 0 "db check json" -- --as boss db check --format json
expect_eq "$(json '(j["ok"], j["audit"]["head_id"], j["audit"]["head_hash"])')" "(True, $last_id, '$last_hash')" \
  "db check --format json gives the head"

# --- append-only: the triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL)
before=$(db_state)
if sql "UPDATE audit_events SET detail = 'x' WHERE id = 1" 2>/dev/null; then failed "UPDATE accepted"; else pass; fi
if sql "DELETE FROM audit_events WHERE id = 1" 2>/dev/null; then failed "DELETE accepted"; else pass; fi
if on_pg; then
  if sql "TRUNCATE audit_events" 2>/dev/null; then failed "TRUNCATE accepted"; else pass; fi
fi
expect_eq "$(db_state)" "$before" "the trail is unchanged"

# --- an attacker with the file drops the triggers, edits event 3 and deletes event 5
db_save good
bad=$(db_clone good bad)
if on_pg; then
  drop="DROP TRIGGER audit_events_no_change ON audit_events;"
else
  drop="DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;"
fi
sql_at "$bad" "$drop UPDATE audit_events SET actor = 'a1' WHERE id = 3; DELETE FROM audit_events WHERE id = 5;" ||
  failed "the tampering SQL failed"
expect_exit 1 "db check finds the tampering" -- --as boss --db "$bad" db check
expect_contains "$OUT" "audit event 3: content does not match its hash (edited?)" "names the edited event"
expect_contains "$OUT" "audit event 6: previous hash does not match event 4 (an event before it was deleted?)" \
  "names the event after the deleted one"
expect_contains "$ERR" "2 problem(s)" "two problems"
expect_exit 1 "db check --format json fails too" -- --as boss --db "$bad" db check --format json
expect_eq "$(json '(j["ok"], len(j["problems"]))')" "(False, 2)" "JSON lists the problems"
expect_contains "$OUT" "audit event 3: content does not match its hash (edited?)" "JSON's problems are English data"
LANG=zh_CN.UTF-8 run --as boss --db "$bad" db check
expect_contains "$OUT" "审计事件 3：内容与其哈希值不符（被修改过？）" "for people the problem is in their language"
LANG=zh_CN.UTF-8 run --as boss --db "$bad" db check --format json
expect_contains "$OUT" "audit event 3: content does not match its hash (edited?)" "JSON stays English under zh_CN"
finish
