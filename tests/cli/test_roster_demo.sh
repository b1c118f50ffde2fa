#!/usr/bin/env bash
# The reference centre of seed 001 (scripts/demo-data/roster.sh): 74 staff, a week of roster
# with 24-hour duty, and the exact gap left when one night shift is cleared.
source "$(dirname "$0")/lib.sh"

export SVCDESK_NOW="2026-11-25T09:00:00+08:00" # a Wednesday: the week of Monday the 23rd
run_demo() { SVCDESK_USER= SVCDESK_BIN="$SVCDESK_BIN" bash "$SVCDESK_SOURCE/scripts/demo-data/roster.sh"; }
out=$(run_demo)
expect_eq "$?" "0" "demo script runs"
expect_contains "$out" "74 staff, week of 2026-11-23" "summary"
export SVCDESK_USER=$(sql "SELECT id FROM staff WHERE roles LIKE '%supervisor%' ORDER BY id LIMIT 1")

run --format json staff list
expect_eq "$(json 'len(j)')" "74" "74 staff"
expect_eq "$(json '[sum(1 for s in j if s["desk"] == d) for d in ("internal", "surgery", "emergency")]')" "[30, 29, 15]" \
  "internal 30, surgery 29, emergency 15"
expect_eq "$(json 'sorted({r for s in j for r in s["roles"]})')" \
  "['delivery', 'disinfection', 'dispatcher', 'errands', 'escort', 'front_desk', 'green_channel', 'medicine', 'specimen', 'stretcher', 'supervisor', 'warehouse']" \
  "the seed's roles"
expect_eq "$(json 'sorted(s["desk"] for s in j if "supervisor" in s["roles"])')" "['emergency', 'internal', 'surgery']" \
  "one supervisor per desk"

# 24-hour duty: no gap at any desk on any day of the week.
for d in 23 24 25 26 27 28 29; do
  expect_exit 0 "gaps on the $d" -- --format json roster gaps --date 2026-11-$d
  expect_eq "$OUT" "[]" "no gap on 2026-11-$d"
done
expect_exit 0 "table says none" -- roster gaps --date 2026-11-25 --desk emergency
expect_contains "$OUT" "(none)" "no emergency gap"

# Who is on duty at 02:00: the night shifts of the evening before.
expect_exit 0 "on duty at 02:00" -- --format json roster on-duty --at 2026-11-25T02:00 --desk emergency
expect_eq "$(json 'sorted({d["shift"] for d in j})')" "['night']" "only night shifts at 02:00"
expect_exit 0 "dispatchers at noon" -- --format json roster on-duty --at 2026-11-25T12:00 --role dispatcher
expect_eq "$(json '[(d["staff"], d["shift"]) for d in j]')" "[('in01', 'dispatch_early'), ('su01', 'dispatch_early')]" \
  "one dispatcher per building"
expect_exit 0 "split-shift staff in the break" -- --format json roster on-duty --at 2026-11-25T12:00 --role specimen
expect_eq "$(json 'len(j)')" "0" "specimen runners (day shift) are on their break at 12:00"

# Clearing the only stretcher bearer's night of Wednesday leaves exactly that night open.
expect_exit 0 "clear a night" -- --as in01 roster set em03 2026-11-25 --clear
expect_exit 0 "gaps wednesday" -- --format json roster gaps --date 2026-11-25
expect_eq "$(json '[(g["desk"], g["role"], g["interval"], g["on_duty"], g["minimum"]) for g in j]')" \
  "[('emergency', 'stretcher', '23:00-24:00', 0, 1)]" "the gap of Wednesday night"
expect_exit 0 "gaps thursday" -- roster gaps --date 2026-11-26
expect_contains "$OUT" "Emergency  Stretcher  00:00-07:30" "and Thursday morning (the table names desk and role)"
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" "2" "nothing else on Thursday"

# Hours: dispatchers work 7 h every day of the week.
expect_exit 0 "hours" -- --format json roster hours --week 2026-11-25 --staff in01
expect_eq "$(json 'j[0]["shifts"], j[0]["hours"]')" "7 49.0" "in01 works 7 x 7 h"
expect_exit 0 "month hours" -- --format json roster hours --month 2026-11 --desk emergency
expect_eq "$(json 'len(j)')" "15" "every emergency member listed"

finish
