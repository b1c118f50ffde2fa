#!/usr/bin/env bash
# Roster end to end: on-duty across midnight and split shifts, assignment refused / forced,
# permissions, atomic import with line numbers, staff update.
source "$(dirname "$0")/lib.sh"

setup_staff
export SVCDESK_USER=boss

# --- on duty across midnight and in a split shift's break --------------------------------
expect_exit 0 "set night" -- roster set a1 2026-11-23 night
expect_exit 0 "set split day" -- roster set a2 2026-11-23 day
expect_exit 0 "on-duty at 02:00 after a night" -- --format json roster on-duty --at "2026-11-24 02:00"
expect_eq "$(json '[d["staff"] for d in j]')" "['a1']" "night of the 23rd covers 02:00 on the 24th"
expect_eq "$(json 'j[0]["until"]')" "2026-11-24T07:30:00+08:00" "night ends 07:30 next day"
expect_exit 0 "on-duty in the break" -- --format json roster on-duty --at "2026-11-23 12:00" --desk internal
expect_eq "$(json 'len(j)')" "0" "nobody of a split shift is on duty in its break"
expect_exit 0 "on-duty in the afternoon part" -- --format json roster on-duty --at "2026-11-23T14:00" --role front_desk
expect_eq "$(json '[d["staff"] for d in j]')" "['a2']" "split shift afternoon part"
expect_exit 0 "table view" -- roster show --date 2026-11-23
expect_contains "$OUT" "07:30-11:30,13:30-17:00" "show lists the split hours"
expect_unchanged 2 "unknown shift" -- roster set a1 2026-11-24 lunch
expect_unchanged 3 "unknown staff" -- roster set ghost 2026-11-24 early
expect_unchanged 2 "neither shift nor --clear" -- roster set a1 2026-11-24
cat >"$TEST_DIR/overlap.toml" <<'EOF'
[roster.shifts.seven]
hours = ["07:00-15:00"]
EOF
expect_unchanged 4 "shift overlapping last night's" -- --config "$TEST_DIR/overlap.toml" roster set a1 2026-11-24 seven
expect_contains "$ERR" "overlaps the night shift of 2026-11-23" "overlap message"

# --- assignment: refused off duty / other desk, forced with history ----------------------
# now is 09:00 on Monday the 23rd: a2 (day) is on duty, a1 (night from 23:00) is not.
run intake --channel phone --category consultation --customer 王女士 --subject 门诊时间
T=$OUT
expect_unchanged 4 "assign to someone off duty" -- assign "$T" a1
expect_contains "$ERR" "a1 is not on duty at 2026-11-23 09:00" "names the rule"
expect_contains "$ERR" "on duty at the internal desk now: a2 李四 (day until 11:30)" "names who is on duty"
expect_unchanged 4 "assign to another desk" -- assign "$T" e1
expect_contains "$ERR" "e1 belongs to the emergency desk" "desk rule"
expect_exit 0 "assign to someone on duty" -- assign "$T" a2
expect_exit 0 "forced assignment" -- assign "$T" a1 --force --note "夜班提前到岗"
expect_exit 0 "show json" -- --format json show "$T"
expect_eq "$(json 'j["history"][-1]["changes"][0]["field"]')" "force" "force is in the history"
expect_eq "$(json 'j["history"][-1]["actor"]')" "boss" "with the actor"
expect_contains "$(json 'j["history"][-1]["changes"][0]["new"]')" "a1 is not on duty" "and what it overrode"
expect_exit 0 "show table" -- show "$T"
expect_contains "$OUT" "force: " "the table history shows the force"

# --- deactivated staff, roles and supervisor-only actions --------------------------------
expect_exit 0 "deactivate (a1's ticket stays where it is: test_edges covers handing it over)" -- \
  staff deactivate a1 --force
expect_unchanged 4 "deactivated cannot be assigned, even forced" -- assign "$T" a1 --force
expect_unchanged 5 "deactivated cannot act" -- --as a1 note "$T" hello
expect_unchanged 4 "deactivated cannot be rostered" -- roster set a1 2026-11-25 early
expect_unchanged 5 "agent may not edit staff (supervisor only)" -- --as a2 staff update e1 --name 王小五
expect_contains "$ERR" "needs the role supervisor" "names the role"
expect_unchanged 5 "agent may not edit the roster" -- --as a2 roster set a2 2026-11-25 early
expect_unchanged 4 "the last supervisor cannot be deactivated" -- staff deactivate boss
sd staff add g1 --name 赵六 --desk emergency --role green_channel >/dev/null
expect_unchanged 5 "a green-channel porter may not assign" -- --as g1 assign "$T" a2
expect_exit 0 "staff update" -- staff update e1 --name 王小五 --role agent,stretcher --phone 13912345678
expect_exit 0 "staff show" -- --format json staff show e1
expect_eq "$(json 'j["name"], j["roles"], j["phone"], j["on_duty"]')" "王小五 ['agent', 'stretcher'] 139****5678 False" "updated"
expect_exit 0 "reactivate" -- staff update a1 --reactivate
expect_unchanged 2 "update with nothing to change" -- staff update a1

# --- import: atomic, errors as FILE:LINE ---------------------------------------------------
cat >"$TEST_DIR/week.csv" <<'EOF'
staff,date,shift
a1,2026-11-25,early
a2,2026-11-25,middle
e1,2026-11-25,graveyard
g1,2026-11-25,night
EOF
expect_unchanged 2 "a bad row on line 4" -- roster import "$TEST_DIR/week.csv"
expect_contains "$ERR" "$TEST_DIR/week.csv:4: unknown shift 'graveyard'" "reported as line 4"
sed -i 's/graveyard/night/' "$TEST_DIR/week.csv"
printf 'e1,2026-11-26,early\nghost,2026-11-26,early\ne1,2026-11-26,middle\n' >>"$TEST_DIR/week.csv"
import_unchanged 2 "several bad rows" -- roster import "$TEST_DIR/week.csv"
# Issue 21: every bad row is reported, like import, then one error line with the count.
expect_contains "$ERR" "week.csv:7: no staff member 'ghost'" "the first bad row"
expect_contains "$ERR" "week.csv:8: e1 on 2026-11-26 is already given on line 6" "and the second"
expect_eq "$(tail -n 1 <<<"$ERR")" "svcdesk: error: $TEST_DIR/week.csv: 2 bad rows; nothing was imported" "the count"
sed -i '7,8d' "$TEST_DIR/week.csv"
expect_exit 0 "good import" -- roster import "$TEST_DIR/week.csv"
expect_contains "$OUT" "imported 5 roster entries" "count"
expect_exit 0 "re-import is idempotent" -- roster import "$TEST_DIR/week.csv"
expect_exit 0 "week view" -- --format json roster show --week 2026-11-25
expect_eq "$(json 'len(j)')" "7" "both days of the week"
expect_exit 0 "hours" -- --format json roster hours --week 2026-11-25 --staff a1
expect_eq "$(json 'j[0]["shifts"], j[0]["hours"]')" "2 16.5" "night 8.5h + early 8h"
expect_exit 2 "hours needs a period" -- roster hours
expect_exit 0 "clear" -- roster set a1 2026-11-25 --clear
expect_unchanged 3 "clear an empty day" -- roster set a1 2026-11-25 --clear

# --- gaps exit 0 either way ----------------------------------------------------------------
expect_exit 0 "gaps with gaps" -- --format json roster gaps --date 2026-11-25 --desk emergency
expect_eq "$(json '[g["desk"] + " " + g["role"] + " " + g["interval"] for g in j]')" \
  "['emergency any 00:00-23:00', 'emergency stretcher 00:00-23:00']" "gaps until the night shift"

finish
