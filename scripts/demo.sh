#!/usr/bin/env bash
# `make demo`: a fresh demo database in the build folder, the reference centre's staff and
# roster, a morning of tickets walked through their lifecycle (with a breached SLA and a
# reopen), then the lists an agent would look at.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
# DEMO_BIN and DEMO_DB replace the binary and the database (tests/pg/test_pg_copy.sh).
export SVCDESK_BIN="${DEMO_BIN:-$root/$build/apps/svcdesk}"
export SVCDESK_DB="${DEMO_DB:-$root/$build/demo.db}"
export NO_COLOR=${NO_COLOR:-}
unset SVCDESK_CONFIG
rm -f "$SVCDESK_DB" "$SVCDESK_DB-wal" "$SVCDESK_DB-shm"

sd() { "$SVCDESK_BIN" "$@"; }
# at HH:MM CMD...: runs svcdesk as if it were that time on Monday 23 November 2026.
at() { local t=$1; shift; SVCDESK_NOW="2026-11-23T$t:00+08:00" "$SVCDESK_BIN" "$@"; }
section() { printf '\n== %s\n' "$*"; }

export SVCDESK_NOW="2026-11-23T07:00:00+08:00"
sd init --sandbox
section "staff and roster"
bash "$root/scripts/demo-data/roster.sh"       # the 74 staff of seed 001 and a week of shifts
export SVCDESK_USER=in01                        # dispatcher and supervisor of the internal desk
agent=in03                                      # front desk, on the split day shift
{ sd staff list || true; } | head -n 8
echo "... $(sd staff list --format csv | tail -n +2 | wc -l) active staff"

section "a morning at the desks"
# 1. A product complaint: handled within its targets and closed with a good score.
t1=$(at 08:05 intake --channel phone --category complaint --class product --customer 王秀英 \
       --phone 13912345678 --subject "检查报告迟迟未出" --description "上周五的CT报告至今未取到")
at 08:10 assign "$t1" "$agent" --note "前台跟进"
at 08:20 start "$t1" --as "$agent"
at 09:30 resolve "$t1" --resolution "联系放射科,报告已打印并交给患者" --root-cause system --as "$agent"
at 09:35 close "$t1" --satisfaction 5 --as "$agent"

# 2. An after-sales complaint left on the voicemail before the desk opened (--at: the contact
#    time, from which the SLA runs) and never answered: it breaches its SLA.
t2=$(at 08:00 intake --channel phone --category complaint --class after_sales --customer 李建国 \
       --phone 13698765432 --subject "轮椅押金未退" --at "2026-11-23 07:10")

# 3. A consultation that waits on the customer, is resolved, closed, and reopened.
t3=$(at 08:30 intake --channel walk_in --category consultation --customer 张伟 --subject "医保异地就医盖章")
at 08:31 start "$t3"
at 08:35 wait "$t3" --reason "等患者取回转诊单"
at 09:05 resume "$t3"
at 09:10 resolve "$t3" --resolution "已盖章"
at 09:12 close "$t3" --satisfaction 2
at 10:00 reopen "$t3" --reason "患者反映盖章位置错误,需重办"

# 4. An urgent specimen run at the emergency desk, in progress.
t4=$(at 09:40 intake --channel phone --category specimen_delivery --priority urgent --desk emergency \
       --customer 急诊科护士站 --subject "急查血标本送检验科")
at 09:41 start "$t4" --as em05   # a green-channel agent of the emergency desk, on duty

# 5. A paid patient escort, cancelled by the family.
t5=$(at 09:50 intake --channel phone --category patient_escort --customer 刘芳 --customer-type family \
       --flags elderly --subject "陪同老人做B超" --fee 30)
at 09:55 cancel "$t5" --reason "家属自行陪同"

for extra in deposits callbacks; do
  if [ -x "$root/scripts/demo-data/$extra.sh" ]; then
    section "$extra"
    SURVEYOR=in04 SVCDESK_NOW="2026-11-23T10:30:00+08:00" bash "$root/scripts/demo-data/$extra.sh"
  fi
done

export SVCDESK_NOW="2026-11-23T10:30:00+08:00"
section "svcdesk roster on-duty --desk internal"
sd roster on-duty --desk internal
section "svcdesk roster gaps"
sd roster gaps
section "svcdesk list  (soonest deadline first; ! = SLA breached)"
sd list
section "svcdesk list --overdue"
sd list --overdue
section "svcdesk show $t3"
sd show "$t3"
section "svcdesk report daily"
sd report daily
printf '\nDemo database (a sandbox): %s  (try: SVCDESK_DB=%s %s --as in01 list --format json)\n' "$SVCDESK_DB" "$SVCDESK_DB" "$SVCDESK_BIN"
