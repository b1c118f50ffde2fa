#!/usr/bin/env bash
# Load: 8 processes on one database for STRESS_SECONDS (5 here; bench/stress.sh runs 30) mixing
# writers (intake, assign, start, resolve, close, callback done, deposit in/out, small imports) with
# readers (list, report daily). Zero failed commands, zero "database is locked", and every write
# that returned 0 is in the database: each writer logs what it was told, and the log is checked.
source "$(dirname "$0")/lib.sh"
seconds=${STRESS_SECONDS:-5}
setup_staff
export SVCDESK_USER=boss
cat >"$TEST_DIR/stress.toml" <<'TOML'
[import.profiles.small]
date_formats = ["%Y-%m-%d %H:%M"]
[import.profiles.small.columns]
external_ref = "ref"
created_at = "at"
subject = "subject"
[import.profiles.small.defaults]
channel = "phone"
category = "consultation"
customer = "caller"
TOML
export SVCDESK_CONFIG="$TEST_DIR/stress.toml"
LOG="$TEST_DIR/log"
mkdir -p "$LOG"
deadline=$(($(date +%s) + seconds))

# cmd WORKER ARGS...: runs svcdesk; its stdout goes to $CMD_OUT; a failure is logged.
cmd() {
  local w=$1
  shift
  CMD_OUT=$("$SVCDESK_BIN" "$@" 2>>"$LOG/$w.err")
  local rc=$?
  echo ok >>"$LOG/$w.count"
  if [ $rc -ne 0 ]; then echo "exit $rc: svcdesk $*" >>"$LOG/$w.failed"; return 1; fi
}

tickets() { # a ticket's whole life: intake, assign, start, resolve, close, survey callback done
  local w=$1 i=0 id cb
  while [ "$(date +%s)" -lt "$deadline" ]; do
    i=$((i + 1))
    # a phone on record: a ticket closed without one is owed no survey (issue 19)
    cmd "$w" intake --channel phone --category consultation --customer "caller $w" --phone 13800000000 --subject "s $w-$i" \
      --external-ref "T$w-$i" || continue
    id=$CMD_OUT
    echo "$id T$w-$i new" >>"$LOG/$w.tickets"
    cmd "$w" assign "$id" a1 --force || continue
    echo "$id T$w-$i assigned" >>"$LOG/$w.tickets"
    cmd "$w" start "$id" && cmd "$w" resolve "$id" --resolution done || continue
    cmd "$w" close "$id" || continue
    echo "$id T$w-$i closed" >>"$LOG/$w.tickets"
    cmd "$w" callback list --ticket "$id" --purpose survey --status pending --format json || continue
    cb=$(python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])' <<<"$CMD_OUT")
    cmd "$w" callback done "$cb" --outcome reached --satisfaction 4 || continue
    echo "$cb" >>"$LOG/$w.callbacks"
  done
}

deposits() { # deposit in and out on this worker's own tags
  local w=$1 i=0 tag id
  while [ "$(date +%s)" -lt "$deadline" ]; do
    i=$((i + 1))
    tag=$(printf 'A%03d' $(( (w - 2) * 50 + i % 50 + 1 )))
    cmd "$w" deposit in --tag "$tag" --depositor "D $w" --phone 13800000000 --id-number 110101199003077774 \
      --items "bag $i" --pieces 1 --checked || continue
    id=$CMD_OUT
    echo "$id stored" >>"$LOG/$w.deposits"
    cmd "$w" deposit out "$tag" --pieces 1 || continue
    echo "$id released" >>"$LOG/$w.deposits"
  done
}

imports() { # small files of 20 rows, each imported twice (the second run adds nothing)
  local w=$1 i=0 r f
  while [ "$(date +%s)" -lt "$deadline" ]; do
    i=$((i + 1))
    f="$TEST_DIR/import-$i.csv"
    { echo "ref,at,subject"; for r in $(seq 1 20); do echo "I$i-$r,2026-11-20 09:00,imported $i-$r"; done; } >"$f"
    cmd "$w" import "$f" --profile small || continue
    for r in $(seq 1 20); do echo "I$i-$r" >>"$LOG/$w.imported"; done
    cmd "$w" import "$f" --profile small
  done
}

readers() {
  local w=$1
  while [ "$(date +%s)" -lt "$deadline" ]; do
    cmd "$w" list --limit 50 >/dev/null
    cmd "$w" report daily >/dev/null
  done
}

tickets 0 & tickets 1 & deposits 2 & deposits 3 & imports 4 & tickets 5 & readers 6 & readers 7 &
wait

total=$(cat "$LOG"/*.count 2>/dev/null | wc -l)
failures=$(cat "$LOG"/*.failed 2>/dev/null | wc -l)
locked=$(cat "$LOG"/*.err 2>/dev/null | grep -ci "locked\|busy")
expect_eq "$failures" "0" "no command failed"
[ "$failures" -eq 0 ] || head -5 "$LOG"/*.failed "$LOG"/*.err >&2
expect_eq "$locked" "0" "no 'database is locked'"

# Every acknowledged write is there, in the state it was acknowledged in.
expected=$(cat "$LOG"/*.tickets 2>/dev/null | awk '{ s[$1] = $2 " " $3 } END { for (k in s) print k, s[k] }' | sort -n)
actual=$(sql "select id, external_ref, case when status = 'closed' then 'closed'
  when assignee is not null then 'assigned' else 'new' end from tickets where external_ref like 'T%' order by id" | tr '|' ' ')
expect_eq "$actual" "$expected" "every acknowledged ticket write is in the database"
expected=$(cat "$LOG"/*.deposits 2>/dev/null | awk '{ s[$1] = $2 } END { for (k in s) print k, s[k] }' | sort -n)
actual=$(sql "select id, status from deposits order by id" | tr '|' ' ')
expect_eq "$actual" "$expected" "every acknowledged deposit write is in the database"
expected=$(sort "$LOG"/*.callbacks 2>/dev/null)
actual=$(sql "select id from callbacks where status = 'done' order by id" | sort)
expect_eq "$actual" "$expected" "every acknowledged callback is done"
expected=$(sort "$LOG"/*.imported 2>/dev/null)
actual=$(sql "select external_ref from tickets where external_ref like 'I%'" | sort)
expect_eq "$actual" "$expected" "every imported row once"
expect_exit 0 "db check after the load" -- db check

writes=$(cat "$LOG"/*.tickets "$LOG"/*.deposits "$LOG"/*.callbacks 2>/dev/null | wc -l)
echo "stress: 8 processes, ${seconds} s: $total commands ($((total / seconds))/s), $writes acknowledged writes," \
  "$(sort -u "$LOG"/*.imported 2>/dev/null | wc -l) imported rows, $failures failed, $locked locked"
finish
