#!/usr/bin/env bash
# Retention (issue 24; seed 004 §4-5: 明确客户信息的收集范围、使用目的及存储期限; PIPL art. 19, 47):
# `purge` anonymises the personal data of records past their [retention] period, keeps what the
# reports count, and leaves no copy of it in the database file, its WAL, a backup or a dump;
# `customer forget` does it for one person; both audited, the audit chain intact.
source "$(dirname "$0")/lib.sh"
setup_staff
sd --as boss staff add cron --name 夜间任务 --desk internal --role system >/dev/null
ID1=11010519491231002X ID2=320102198001011238

# at TIME CMD...: svcdesk at a time of the sandbox clock (site time, +08:00).
at() { local t=$1; shift; SVCDESK_NOW="${t}:00+08:00" "$SVCDESK_BIN" "$@"; }
# done_callbacks TIME TICKET NOTE: every pending callback of the ticket made, with a note.
done_callbacks() {
  local cb purpose score
  for cb in $(at "$1" callback list --ticket "$2" --format json |
              python3 -c 'import json,sys; print(" ".join(str(c["id"]) + ":" + c["purpose"] for c in json.load(sys.stdin) if c["status"] == "pending"))'); do
    purpose=${cb#*:} cb=${cb%%:*} score=()
    [ "$purpose" = survey ] && score=(--satisfaction 4) # seed 004 §4.1: a score comes from a survey
    at "$1" --as a2 callback done "$cb" --outcome reached "${score[@]}" --note "$3" >/dev/null ||
      echo "callback $cb not done" >&2
  done
}

# --- 2024-03-04 and 05: records whose period is over by 2026-11-23 (1 year; complaints 3 years)
# T1: a consultation of 赵一鸣, a note, closed, its survey callback made with a note.
t1=$(at 2024-03-04T09:00 --as a1 intake --channel phone --category consultation --customer 赵一鸣 \
  --phone 13911110001 --subject "赵一鸣预约挂号" --description "赵一鸣的女儿代为咨询")
at 2024-03-04T09:05 --as a1 start "$t1" >/dev/null
at 2024-03-04T09:10 --as a1 note "$t1" "回电赵一鸣家属 13911110001" >/dev/null
at 2024-03-04T09:20 --as a1 resolve "$t1" --resolution "已为赵一鸣预约" >/dev/null
at 2024-03-04T09:30 --as a1 close "$t1" --satisfaction 5 >/dev/null
done_callbacks 2024-03-05T10:00 "$t1" "赵一鸣很满意"
# T2 (complaint, 3 years: kept) and T3 (consultation, 1 year) of 钱二宝: one caller's tickets go
# together, so T3 is kept with T2.
t2=$(at 2024-03-04T10:00 --as a1 intake --channel phone --category complaint --class communication \
  --customer 钱二宝 --phone 13911110002 --subject "钱二宝投诉态度")
at 2024-03-04T10:05 --as a1 start "$t2" >/dev/null
at 2024-03-04T11:00 --as a1 resolve "$t2" --resolution "已致歉" >/dev/null
at 2024-03-04T11:10 --as a1 close "$t2" --satisfaction 2 >/dev/null
done_callbacks 2024-03-06T10:00 "$t2" "钱二宝接受道歉"
t3=$(at 2024-03-04T12:00 --as a2 intake --channel walk_in --category consultation --customer 钱二宝 \
  --phone 13911110002 --subject "钱二宝问医保")
at 2024-03-04T12:05 --as a2 start "$t3" >/dev/null
at 2024-03-04T12:10 --as a2 resolve "$t3" --resolution "已解答" >/dev/null
at 2024-03-04T12:15 --as a2 close "$t3" --no-callback --reason "customer declined" >/dev/null
# T4, T5: 孙三娘 twice (a repeat caller on the 5th), the second one cancelled.
t4=$(at 2024-03-04T14:00 --as a1 intake --channel phone --category consultation --customer 孙三娘 \
  --phone 13911110003 --subject "孙三娘问路")
at 2024-03-04T14:02 --as a1 start "$t4" >/dev/null
at 2024-03-04T14:05 --as a1 resolve "$t4" --resolution "已指路" >/dev/null
at 2024-03-04T14:06 --as a1 close "$t4" --no-callback --reason "customer declined" >/dev/null
t5=$(at 2024-03-05T08:00 --as e1 intake --channel phone --category other --customer 孙三娘 \
  --phone 13911110003 --subject "孙三娘打错")
at 2024-03-05T08:10 --as e1 cancel "$t5" --reason "孙三娘打错电话" >/dev/null
# T6: no phone, a walk-in of 李无号.
t6=$(at 2024-03-05T09:00 --as a2 intake --channel walk_in --category consultation --customer 李无号 \
  --subject "李无号找病房")
at 2024-03-05T09:01 --as a2 start "$t6" >/dev/null
at 2024-03-05T09:02 --as a2 resolve "$t6" --resolution "带李无号去病房" >/dev/null
at 2024-03-05T09:03 --as a2 close "$t6" --no-callback --reason "customer declined" >/dev/null
# A deposit of 周四海 (taken out the same day) and a loan of 吴五洲 (returned).
at 2024-03-04T10:00 --as a1 deposit in --tag A001 --depositor 周四海 --phone 13911110004 --id-number "$ID1" \
  --items "周四海的行李箱" --pieces 1 --checked >/dev/null
at 2024-03-04T16:00 --as a1 deposit out A001 --pieces 1 >/dev/null
L1=$(at 2024-03-04T10:30 --as a1 loan out --item umbrella --borrower 吴五洲 --phone 13911110005 --id-number "$ID2")
at 2024-03-05T10:30 --as a1 loan return "$L1" --note "吴五洲还伞" >/dev/null
# A wheelchair of 吴五洲's, kept past its 12 hours: its callback of purpose loan (issue 24) got a
# call with a note before the return.
L2=$(at 2024-03-04T10:40 --as a1 loan out --item wheelchair --borrower 吴五洲 --phone 13911110005 --id-number "$ID2")
at 2024-03-05T09:30 --as a1 callback due >/dev/null
LCB=$(sql "SELECT id FROM callbacks WHERE loan_id = $L2")
at 2024-03-05T09:31 --as a1 callback done "C$LCB" --outcome no_answer --note "吴五洲的电话没人接" >/dev/null
at 2024-03-05T11:00 --as a1 loan return "$L2" >/dev/null

# --- recent records (kept by the purge): 郑六合's ticket, closed last week, and a stored deposit
t7=$(at 2026-11-16T09:00 --as a1 intake --channel phone --category consultation --customer 郑六合 \
  --phone 13911110006 --subject "郑六合预约")
at 2026-11-16T09:05 --as a1 start "$t7" >/dev/null
at 2026-11-16T09:10 --as a1 resolve "$t7" --resolution "已预约" >/dev/null
at 2026-11-16T09:15 --as a1 close "$t7" --no-callback --reason "customer declined" >/dev/null
at 2026-11-20T10:00 --as a1 deposit in --tag A002 --depositor 郑六合 --phone 13911110006 --id-number "$ID2" \
  --items "郑六合的背包" --pieces 1 --checked >/dev/null

for t in "$t1" "$t2" "$t3" "$t4" "$t5" "$t6" "$t7"; do
  [ -n "$t" ] || failed "fixture: a ticket was not created"
done
expect_eq "$(sql "SELECT count(*) FROM callbacks WHERE status = 'pending'")" 0 "fixture: no callback left pending"

# Reveals before the purge (seed 004 §4-5 traceability): their facts stay, not what they showed.
expect_exit 0 "a reveal of 赵一鸣's customer record" -- customer show 13911110001 --reveal
expect_exit 0 "an export with --reveal" -- export tickets --reveal --format jsonl

# --- the reports of the purged period, before
reports() {
  local d
  for d in 2024-03-04 2024-03-05 2024-03-06; do
    for f in json table csv md; do
      echo "== daily $d $f"
      sd report daily --date "$d" --format "$f"
    done
    echo "== daily $d internal json"
    sd report daily --date "$d" --desk internal --format json
  done
  for f in json table csv; do
    echo "== staff 2024-03 $f"
    sd report staff --month 2024-03 --format "$f"
  done
}
reports >"$TEST_DIR/reports.before" 2>&1
expect_contains "$(cat "$TEST_DIR/reports.before")" '"repeat_callers": 1' "fixture: a repeat caller counted"

# --- who may purge: a supervisor or the system role; an agent is refused (exit 5, SPEC §5)
expect_unchanged 5 "an agent may not purge" -- --as a1 purge
expect_contains "$ERR" "supervisor, system" "names the roles that may"
expect_unchanged 5 "an agent may not dry-run a purge" -- --as a1 purge --dry-run

# --- dry run: counts, writes nothing
before=$(db_state)
[ -f "$SVCDESK_DB" ] && sum_before=$(sha256sum <"$SVCDESK_DB")
CB=$(sql "SELECT count(*) FROM callbacks WHERE ticket_id IN ($t1, $t4, $t5, $t6)")
run --as cron purge --dry-run --format json
expect_eq "$RC" 0 "dry run by the system role"
expect_eq "$(json '(j["dry_run"], j["tickets"], j["callbacks"], j["deposits"], j["loans"], j["customers"])')" \
  "(True, 4, $CB, 1, 2, 4)" "dry run: T1, T4-T6 and their callbacks, the deposit, the loans, 4 customers"
expect_eq "$(db_state)" "$before" "dry run: the database unchanged"
[ -f "$SVCDESK_DB" ] && expect_eq "$(sha256sum <"$SVCDESK_DB")" "$sum_before" "dry run: the file unchanged"

# --- the purge
run --as cron purge
expect_eq "$RC" 0 "purge"
expect_eq "$(grep -cE '^(tickets +4|callbacks +'"$CB"'|deposits +1|loans +2|customers +4)$' <<<"$OUT")" 5 \
  "prints what it did"
run audit --action retention.purge --format json
expect_eq "$(json '[(e["actor"], e["detail"]) for e in j]')" \
  "[('cron', '4 tickets ($CB callbacks), 1 deposits, 2 loans, 4 customers')]" "the purge is audited"

reports >"$TEST_DIR/reports.after" 2>&1
if cmp -s "$TEST_DIR/reports.before" "$TEST_DIR/reports.after"; then pass; else
  failed "reports of the purged period differ: $(diff "$TEST_DIR/reports.before" "$TEST_DIR/reports.after" | head -20)"
fi

# What is left of the records: times, categories, statuses, satisfaction, desks, staff.
expect_eq "$(sql "SELECT customer, subject, category, status, satisfaction, desk, owner FROM tickets WHERE id = $t1")" \
  "(erased)|(erased)|consultation|closed|4|internal|a1" "T1 anonymised, its figures kept (the survey's score)"
expect_eq "$(sql "SELECT count(DISTINCT phone) FROM tickets WHERE id IN ($t4, $t5)")" 1 \
  "孙三娘's tickets share one key (the repeat caller counts the same)"
expect_eq "$(sql "SELECT phone LIKE '#%' FROM tickets WHERE id = $t4")" "$(on_pg && echo t || echo 1)" \
  "the key is no phone"
expect_eq "$(sql "SELECT phone IS NULL FROM tickets WHERE id = $t6")" "$(on_pg && echo t || echo 1)" \
  "a ticket without phone stays without"
expect_eq "$(sql "SELECT depositor, phone, id_last4, id_hash, status FROM deposits WHERE tag = 'A001'")" \
  "(erased)||||released" "the deposit's name, phone and ID erased"
expect_eq "$(sql "SELECT borrower, phone, id_last4, id_hash, note FROM loans WHERE id = $L1")" \
  "(erased)||||(erased)" "the loan's borrower, phone, ID and note erased"
expect_eq "$(sql "SELECT note FROM callback_attempts WHERE callback_id = $LCB")" "(erased)" \
  "the note of the overdue loan's call erased"
expect_eq "$(sql "SELECT satisfaction, note FROM callbacks c JOIN callback_attempts a ON a.callback_id = c.id WHERE c.ticket_id = $t1")" \
  "4|(erased)" "the callback's satisfaction kept, its note erased"
expect_eq "$(sql "SELECT count(*) FROM customers WHERE names LIKE '%钱二宝%' OR names LIKE '%郑六合%'")" 2 \
  "the customers not due are kept"
expect_eq "$(sql "SELECT count(*) FROM tickets WHERE purged_at IS NULL AND id IN ($t2, $t3, $t7)")" 3 \
  "钱二宝's tickets (a complaint, 3 years) and 郑六合's are kept"
run customer list --format json
expect_eq "$(json 'sorted(n for c in j for n in c["names"])')" "['郑六合', '钱二宝']" \
  "customer list: the purged records are no one's any more"
run search 钱二宝 --format json
expect_eq "$(json 'sorted(t["id"] for t in j)')" "[$t2, $t3]" "the kept tickets are still found"
run search 赵一鸣 --format json
expect_eq "$OUT" "[]" "a purged name is no longer found by search"
run search 满意 --format json
expect_eq "$RC" 0 "search after the purge"

# --- idempotent: a second run does nothing
before=$(db_state)
run --as boss purge --format json
expect_eq "$(json '(j["tickets"], j["deposits"], j["loans"], j["customers"])')" "(0, 0, 0, 0)" "a second purge finds nothing"
expect_eq "$(db_state)" "$before" "a second purge writes nothing"

# --- the audit: its chain verifies, the reveals' facts are kept, none of the data
expect_exit 0 "db check after the purge (audit chain intact)" -- db check
run audit --action customer.reveal --format json
expect_eq "$(json 'len(j)')" 1 "the reveal's fact kept"
run audit --format json
expect_not_contains "$OUT" "13911110001" "the audit holds no revealed phone"
expect_not_contains "$OUT" "赵一鸣" "the audit holds no revealed name"

# --- nothing personal left in the file, the WAL, a backup, a copy
PURGED=(赵一鸣 孙三娘 李无号 周四海 吴五洲 13911110001 13911110003 13911110004 13911110005 "11010519491231002X")
KEPT=(钱二宝 郑六合 13911110002 13911110006)
no_trace() { # no_trace WHAT FILE...
  local what=$1 name found=""
  shift
  for name in "${PURGED[@]}"; do
    if grep -aq -- "$name" "$@" 2>/dev/null; then found="$found $name"; fi
  done
  expect_eq "${found:-none}" none "$what: no purged name or phone"
}
if on_pg; then
  "$PG_BINDIR/pg_dump" "$SVCDESK_DB" >"$TEST_DIR/dump.sql"
  no_trace "pg_dump after the purge" "$TEST_DIR/dump.sql"
  expect_contains "$(cat "$TEST_DIR/dump.sql")" 郑六合 "pg_dump: the kept records are there"
  expect_eq "$(sql "SELECT count(*) FROM ticket_search WHERE body LIKE '%赵一鸣%' OR notes LIKE '%赵一鸣%'")" 0 \
    "the search rows hold no purged name"
else
  no_trace "the database file" "$SVCDESK_DB"
  no_trace "the WAL" "$SVCDESK_DB-wal"
  if grep -aq 郑六合 "$SVCDESK_DB" "$SVCDESK_DB-wal"; then pass; else failed "the kept name is in the database"; fi
  expect_exit 0 "db backup after the purge" -- db backup "$TEST_DIR/after.db"
  no_trace "a backup made after the purge" "$TEST_DIR/after.db"
fi
expect_exit 0 "db copy after the purge" -- db copy --from "$SVCDESK_DB" --to "$TEST_DIR/copy.db"
no_trace "a db copy made after the purge" "$TEST_DIR/copy.db"

# --- customer forget (the erasure request of one person)
expect_unchanged 5 "only a supervisor may forget a customer" -- --as a1 customer forget 13911110006
expect_unchanged 5 "not the system role either" -- --as cron customer forget 13911110006
expect_unchanged 2 "an impossible phone" -- customer forget 12
expect_unchanged 3 "an unknown phone" -- customer forget 13911119999
expect_unchanged 4 "a record still open is refused" -- customer forget 13911110006
expect_contains "$ERR" "deposit" "names the open deposit"
at 2026-11-23T09:30 --as a1 deposit out A002 --pieces 1 >/dev/null
run customer forget - <<<"139 1111 0006"
expect_eq "$RC" 0 "forget, the phone from standard input"
expect_eq "$(grep -cE '^(tickets +1|customers +1)$' <<<"$OUT")" 2 "prints what it did"
run customer forget --format json 13911110006
expect_eq "$RC" 3 "forgotten: the phone is unknown now"
run audit --action customer.forget --format json
expect_eq "$(json '[(e["actor"], e["subject"]) for e in j]')" "[('boss', 'customer C$(sql "SELECT id FROM customers WHERE purged_at IS NOT NULL ORDER BY purged_at DESC, id DESC LIMIT 1")')]" \
  "the forget is audited with the customer id, not the phone"
expect_not_contains "$(sql "SELECT detail || subject FROM audit_events")" 13911110006 "no phone in the audit"
expect_exit 0 "db check after the forget" -- db check
PURGED+=(郑六合 13911110006)
if on_pg; then
  "$PG_BINDIR/pg_dump" "$SVCDESK_DB" >"$TEST_DIR/dump2.sql"
  no_trace "pg_dump after the forget" "$TEST_DIR/dump2.sql"
else
  no_trace "the database file after the forget" "$SVCDESK_DB" "$SVCDESK_DB-wal"
fi
expect_eq "$(sql "SELECT count(*) FROM customers WHERE names LIKE '%钱二宝%'")" 1 "another caller is untouched"

# --- [retention] is validated: one error line
printf '[retention]\ntickets = "2h"\n' >"$TEST_DIR/short.toml"
expect_unchanged 1 "a period under a day" -- --config "$TEST_DIR/short.toml" purge --dry-run
expect_contains "$ERR" "retention.tickets" "names the setting"
printf '[retention]\ncomplaint = "30d"\n' >"$TEST_DIR/typo.toml"
expect_exit 1 "config check: a misspelt key" -- config check "$TEST_DIR/typo.toml"
expect_contains "$ERR" "retention.complaint: unknown setting" "names it"
# A shorter period purges more: 钱二宝's complaint with complaints = 1 year.
printf '[retention]\ncomplaints = "365d"\n' >"$TEST_DIR/year.toml"
run --config "$TEST_DIR/year.toml" purge --format json
expect_eq "$(json '(j["tickets"], j["customers"])')" "(2, 1)" "complaints = 365d: 钱二宝's tickets go together"
reports >"$TEST_DIR/reports.after2" 2>&1
if cmp -s "$TEST_DIR/reports.before" "$TEST_DIR/reports.after2"; then pass; else
  failed "reports differ after the second purge: $(diff "$TEST_DIR/reports.before" "$TEST_DIR/reports.after2" | head -20)"
fi

finish
