#!/usr/bin/env bash
# Reads on a streaming replica (issue 22): with SVCDESK_READ_DB (database.read_url) set, the
# commands that only read (reports, list, search, show, export ...) read the replica; every
# command that writes, and whatever it reads, goes to the primary. On a primary and a replica of
# this test's own (tests/pg/cluster.sh start, then replica: pg_basebackup and a second
# postmaster), so that pausing the replica's replay disturbs no other test:
#   1. once the replica has replayed the primary's WAL, each read gives the same output from it
#      as from the primary;
#   2. with the replay paused, a ticket taken in meanwhile (SVCDESK_READ_DB set: the intake went
#      to the primary) is not seen by the reads through the replica while the primary shows it;
#      once the replay resumes, it is;
#   3. every write command, SVCDESK_READ_DB set and the replay paused, works on the primary, on
#      the ticket the replica has not seen; so does a refusal of a read's identity or clock;
#   4. the replica down: a read fails with one line naming the read location (password masked),
#      exit 1, and writes nothing; writes go on (they never open it).
unset SVCDESK_TEST_PG SVCDESK_TEST_PG_STATE # lib.sh: a SQLite sandbox of its own, left unused
source "$(dirname "$0")/../cli/lib.sh"
cluster="$SVCDESK_SOURCE/tests/pg/cluster.sh"
pair="$TEST_DIR/pair"
trap 'bash "$cluster" stop "$pair"; rm -rf "$TEST_DIR"' EXIT
trap 'exit 1' INT TERM HUP # (the postmasters outlive a killed shell: stop them on the way out)
bash "$cluster" start "$pair" >/dev/null && bash "$cluster" replica "$pair" >/dev/null ||
  { echo "cannot start the primary and its replica" >&2; exit 1; }
SVCDESK_TEST_PG=$(cat "$pair/url") # on_pg: sql and db_state read the primary
primary_base=$SVCDESK_TEST_PG
replica_base=$(cat "$pair/replica-url")
"$PG_BINDIR/psql" "$primary_base/postgres" -XAtq -v ON_ERROR_STOP=1 -c "CREATE DATABASE svcdesk" >/dev/null || exit 1
export SVCDESK_DB="$primary_base/svcdesk"
read_db="$replica_base/svcdesk"
sd init --sandbox >/dev/null || exit 1
setup_staff
export SVCDESK_USER=a1

on_replica() { "$PG_BINDIR/psql" "$replica_base/svcdesk" -XAtq -v ON_ERROR_STOP=1 -c "$1"; }
# caught_up: waits (up to 30 s) until the replica has replayed all the primary has written.
caught_up() {
  local lsn
  lsn=$(sql "SELECT pg_current_wal_lsn()")
  for _ in $(seq 1 300); do
    [ "$(on_replica "SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn")" = t ] && return 0
    sleep 0.1
  done
  failed "the replica did not replay up to $lsn within 30 s"
  return 1
}
# both WHAT -- ARGS...: svcdesk ARGS on the primary alone ($OUT_PRIMARY), then with the reads on
# the replica ($OUT); each must exit 0.
both() {
  local what=$1
  shift 2
  run "$@"
  OUT_PRIMARY=$OUT
  [ "$RC" -eq 0 ] || { failed "$what on the primary: exit $RC (svcdesk $*)"; return 1; }
  SVCDESK_READ_DB=$read_db run "$@"
  [ "$RC" -eq 0 ] || { failed "$what on the replica: exit $RC (svcdesk $*)"; return 1; }
  pass
}

expect_eq "$(on_replica "SELECT pg_is_in_recovery()")" "t" "the replica is a standby"

# ---- 1. after the replica caught up, the same answers from it
ticket() {
  sd --quiet intake --channel phone --category "${2:-consultation}" --customer "$1" --phone 13900000001 --subject "$1"
}
first=$(ticket 漏水)
second=$(ticket 投诉 complaint)
sd assign "$second" a2 --force >/dev/null && sd start "$second" --force >/dev/null &&
  sd resolve "$second" --resolution 已处理 >/dev/null && sd close "$second" --satisfaction 4 >/dev/null
sd deposit in --tag A001 --depositor 刘女士 --phone 13800000000 --id-number 110101199003077774 --items 行李箱 \
  --pieces 1 --checked >/dev/null
python3 "$SVCDESK_SOURCE/bench/gen_la311.py" 20 "$TEST_DIR/calls.csv" >/dev/null &&
  sd import "$TEST_DIR/calls.csv" --profile la311 >/dev/null 2>&1 || failed "setting up the tickets"
caught_up
reads=(
  "report daily --format json"
  "report daily --date 2026-11-23 --desk internal --format csv"
  "report staff --month 2026-11 --format json"
  "report complaints --month 2026-11 --format json"
  "list --limit 1000 --format json"
  "search 漏水 --format json"
  "show $first --format json"
  "show $second"
  "export tickets --since 2017-01-01 --format jsonl"
  "export deposits --format csv"
  "customer list --format json"
  "deposit list --format json"
  "escalations --format json"
  "audit --format json --as boss"
  "staff list --format json"
  "roster gaps --date 2026-11-23"
)
for cmd in "${reads[@]}"; do
  read -ra args <<<"$cmd"
  both "$cmd" -- "${args[@]}" && expect_eq "$OUT" "$OUT_PRIMARY" "$cmd: the replica answers as the primary"
done

# ---- a read on the replica that is refused is recorded in the primary's audit trail: a
# production database (identities proven, SVCDESK_NOW refused), read through its replica
prod="$primary_base/prod"
"$PG_BINDIR/psql" "$primary_base/postgres" -XAtq -v ON_ERROR_STOP=1 -c "CREATE DATABASE prod" >/dev/null &&
  SVCDESK_NOW= sd --db "$prod" init >/dev/null || failed "creating a production database"
caught_up
refusals() { sql_at "$prod" "SELECT action FROM audit_events ORDER BY id"; }
SVCDESK_READ_DB="$replica_base/prod" expect_exit 5 "SVCDESK_NOW on a production database, read on its replica" \
  -- --db "$prod" list
expect_eq "$(refusals)" "clock.refused" "the refused clock is recorded on the primary"
SVCDESK_NOW= SVCDESK_READ_DB="$replica_base/prod" expect_exit 5 "an identity the replica cannot prove" \
  -- --db "$prod" list --as boss
expect_eq "$(refusals | tr '\n' ' ')" "clock.refused identity.refused " \
  "the refused identity is recorded on the primary"

# ---- 2. the replay paused: the reads through the replica do not see what the primary has since
on_replica "SELECT pg_wal_replay_pause()" >/dev/null
SVCDESK_READ_DB=$read_db run intake --channel phone --category consultation --customer 新来电 --phone 13900000002 \
  --subject 暂停期间
new=$OUT
expect_eq "$RC" "0" "an intake with SVCDESK_READ_DB set succeeds (on the primary)"
expect_eq "$(sql "SELECT subject FROM tickets WHERE id = ${new:-0}")" "暂停期间" "and is on the primary"
# (the pause takes effect before the next WAL record the replica would replay)
for _ in $(seq 1 100); do
  [ "$(on_replica "SELECT pg_get_wal_replay_pause_state()")" = paused ] && break
  sleep 0.1
done
expect_eq "$(on_replica "SELECT count(*) FROM tickets WHERE id = ${new:-0}")" "0" "the paused replica has not got it"
expect_exit 0 "show on the primary" -- show "$new"
SVCDESK_READ_DB=$read_db expect_exit 3 "show through the paused replica: no such ticket there yet" -- show "$new"
for cmd in "list --limit 1000 --format json" "search 暂停期间 --format json" "export tickets --format jsonl" \
           "report daily --format json" "customer list --format json"; do
  read -ra args <<<"$cmd"
  both "$cmd" -- "${args[@]}" || continue
  if [ "$OUT" != "$OUT_PRIMARY" ]; then pass; else failed "$cmd through the paused replica: the primary's answer"; fi
done
expect_contains "$OUT_PRIMARY" "新来电" "customer list: the new caller on the primary"
expect_not_contains "$OUT" "新来电" "customer list: not yet on the replica"

# ---- 3. writes with SVCDESK_READ_DB set go to the primary. writes TICKET: every kind of write, on
# TICKET, one the replica has not got (a write reading the replica would not find it, and one sent
# there would fail: svcdesk opens it read-only).
writes() {
  local t=$1 cb other
  expect_exit 0 "assign" -- assign "$t" a2 --force
  expect_exit 0 "note" -- note "$t" 回电
  expect_exit 0 "start" -- start "$t" --force
  expect_exit 0 "wait" -- wait "$t" --reason 等客户
  expect_exit 0 "resume" -- resume "$t"
  expect_exit 0 "edit" -- edit "$t" --subject 暂停期间改 --reason 更正
  expect_exit 0 "extend" -- extend "$t" --to 2026-11-30T09:00 --reason 等配件 --notified-at 2026-11-23T09:00
  expect_exit 0 "escalate" -- escalate "$t" --reason 客户着急
  expect_exit 0 "sweep" -- sweep
  expect_exit 0 "resolve" -- resolve "$t" --resolution 已修好
  expect_exit 0 "close" -- close "$t" --satisfaction 5
  expect_exit 0 "reopen" -- reopen "$t" --reason 又坏了
  expect_exit 0 "transfer" -- transfer "$t" --desk surgery --reason 外科楼 --as boss
  expect_exit 0 "callback schedule" -- callback schedule "$t" --at 2026-11-24T10:00
  cb=$OUT
  expect_exit 0 "callback due (it sweeps)" -- callback due --at 2026-11-25T10:00
  expect_exit 0 "callback list (it sweeps)" -- callback list
  expect_exit 0 "callback done" -- callback done "$cb" --outcome reached
  expect_exit 0 "deposit in" -- deposit in --tag A002 --depositor 周先生 --phone 13800000003 \
    --id-number 110101199003077774 --items 雨伞 --pieces 1 --checked
  expect_exit 0 "deposit out" -- deposit out A002 --pieces 1
  expect_exit 0 "staff add" -- staff add n1 --name 赵六 --desk internal --role agent --as boss
  expect_exit 0 "staff update" -- staff update n1 --role agent,front_desk --as boss
  expect_exit 0 "roster set" -- roster set n1 2026-11-24 early --as boss
  expect_exit 0 "customer edit" -- customer edit "$(sql "SELECT id FROM customers WHERE phone = '13900000002'")" \
    --flags vip --reason 老客户 --as boss
  expect_exit 0 "intake" -- intake --channel phone --category consultation --customer 又一位 --subject 又一件
  other=$OUT
  expect_exit 0 "cancel" -- cancel "$other" --reason 客户撤回
  expect_exit 0 "export --reveal (an audit event)" -- export tickets --reveal --format jsonl --as boss
  expect_contains "$OUT" "\"id\":$t," "export --reveal reads the primary"
  expect_exit 0 "customer show --reveal (an audit event)" -- customer show 13900000002 --reveal --as boss
  expect_exit 0 "import" -- import "$TEST_DIR/calls.csv" --profile la311
  expect_eq "$(sql "SELECT status || ' ' || desk FROM tickets WHERE id = $t")" "in_progress surgery" \
    "the writes on ticket $t are on the primary"
  expect_eq "$(sql "SELECT count(*) FROM staff WHERE id = 'n1'")" "1" "the new staff member is on the primary"
}
reveals=$(sql "SELECT count(*) FROM audit_events WHERE action = 'export.reveal'")
SVCDESK_READ_DB=$read_db writes "$new"
expect_eq "$(sql "SELECT count(*) FROM audit_events WHERE action = 'export.reveal'")" "$((reveals + 1))" \
  "the reveal's audit event is on the primary"
expect_eq "$(on_replica "SELECT count(*) FROM tickets WHERE id = $new")" "0" "all the while the replica stayed paused"

# ---- replay resumed: the replica catches up and shows it all
on_replica "SELECT pg_wal_replay_resume()" >/dev/null
caught_up
SVCDESK_READ_DB=$read_db expect_exit 0 "show through the replica once it caught up" -- show "$new" --format json
expect_eq "$(json "j['status'], j['desk']")" "in_progress surgery" "the replica has the writes"
for cmd in "list --limit 1000 --format json" "report daily --format json" "export tickets --format jsonl"; do
  read -ra args <<<"$cmd"
  both "$cmd" -- "${args[@]}" && expect_eq "$OUT" "$OUT_PRIMARY" "$cmd: the same answer again once caught up"
done

# ---- 4. the replica down: reads fail in one line naming it and write nothing; writes go on
bash "$cluster" replica-stop "$pair"
secret_url="postgresql://svcdesk:s3cret@${replica_base#postgresql://svcdesk@}/svcdesk"
SVCDESK_READ_DB=$secret_url expect_unchanged 1 "report daily with the replica down" -- report daily --format json
expect_contains "$ERR" "${secret_url/s3cret/***}" "the read location is named"
expect_contains "$ERR" "SVCDESK_READ_DB" "and where it is set"
expect_not_contains "$ERR" "s3cret" "the password is masked"
SVCDESK_READ_DB=$secret_url expect_unchanged 1 "list with the replica down" -- list
SVCDESK_READ_DB=$secret_url expect_unchanged 1 "show with the replica down" -- show "$new"
# (a command of each group: section 3 ran them all, with the replica up)
export SVCDESK_READ_DB=$secret_url
expect_exit 0 "intake with the replica down" -- intake --channel phone --category consultation --customer 新来电 \
  --phone 13900000002 --subject 停机期间
fresh=$OUT
expect_exit 0 "assign with the replica down" -- assign "$fresh" a2 --force
expect_exit 0 "cancel with the replica down" -- cancel "$fresh" --reason 客户撤回
expect_exit 0 "callback list (it sweeps) with the replica down" -- callback list
expect_exit 0 "deposit in with the replica down" -- deposit in --tag A003 --depositor 周先生 --phone 13800000003 \
  --id-number 110101199003077774 --items 雨伞 --pieces 1 --checked
expect_exit 0 "staff add with the replica down" -- staff add n2 --name 钱七 --desk internal --role agent --as boss
expect_exit 0 "export --reveal with the replica down" -- export tickets --reveal --format jsonl --as boss
expect_exit 0 "import with the replica down" -- import "$TEST_DIR/calls.csv" --profile la311
expect_exit 0 "whoami with the replica down" -- whoami
unset SVCDESK_READ_DB
expect_eq "$(sql "SELECT status FROM tickets WHERE id = ${fresh:-0}")" "cancelled" "those writes are on the primary"
finish
