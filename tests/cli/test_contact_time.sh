#!/usr/bin/env bash
# The contact time of a ticket (issue 18, "Time"): `intake --at` is when the customer made
# contact, stored as contact_at; created_at is the clock's. The SLA runs from the contact (seed 000
# §五.2), which may lie at most sla.max_backdate_hours in the past and never in the future.
# Import keeps the source's times and stamps its event with the import's. Every command names its
# actor (--as). SVCDESK_NOW is 2026-11-23T09:00+08:00 (lib.sh).
source "$(dirname "$0")/lib.sh"
setup_staff

intake() { sd --as a1 intake --channel phone --category complaint --class product --customer 王女士 \
             --subject 发票抬头错误 "$@"; }

# ---- two hours ago: deadlines from the contact, created_at from the clock
expect_exit 0 "intake --at 2 h ago" -- --as a1 intake --channel phone --category complaint --class product \
  --customer 王女士 --subject 发票抬头错误 --at "2026-11-23 07:00"
id=$OUT
run --as a1 show "$id" --format json
expect_eq "$(json 'j["contact_at"], j["created_at"]')" "2026-11-23T07:00:00+08:00 2026-11-23T09:00:00+08:00" \
  "contact_at is --at, created_at is the clock"
expect_eq "$(json 'j["response_due"], j["resolve_due"]')" "2026-11-23T09:00:00+08:00 2026-11-24T07:00:00+08:00" \
  "the SLA (2 h / 24 h) runs from the contact"
expect_eq "$(json '[c for c in j["history"][0]["changes"] if c["field"] == "contact_at"][0]["new"], j["history"][0]["at"]')" \
  "2026-11-23T07:00:00+08:00 2026-11-23T09:00:00+08:00" "the intake event names the contact time, at the clock's time"
expect_eq "$(sql "SELECT contact_at - created_at FROM tickets WHERE id = $id")" "-7200" "both stored"
run --as a1 show "$id"
expect_contains "$OUT" "created_at" "the table view shows when it was recorded"
expect_contains "$OUT" "contact_at" "and when the customer made contact"
expect_contains "$OUT" "2026-11-23 07:00" "contact time in local time"

# without --at the contact is now
id2=$(intake)
run --as a1 show "$id2" --format json
expect_eq "$(json 'j["contact_at"] == j["created_at"] == "2026-11-23T09:00:00+08:00"')" "True" "default: now"

# ---- beyond the window or in the future: exit 2 naming the value and the limit, nothing written
expect_unchanged 2 "25 h ago" -- --as a1 intake --channel phone --category consultation --customer 王 \
  --subject 咨询 --at "2026-11-22 08:00"
expect_contains "$ERR" "2026-11-22 08:00" "names the value"
expect_contains "$ERR" "24 h allowed (sla.max_backdate_hours)" "names the limit"
expect_unchanged 2 "in the future" -- --as a1 intake --channel phone --category consultation --customer 王 \
  --subject 咨询 --at +1h
expect_contains "$ERR" "2026-11-23 10:00 is in the future" "names the future value"
cat >"$TEST_DIR/backdate.toml" <<'TOML'
[sla]
max_backdate_hours = 48
TOML
expect_exit 0 "a configured window" -- --config "$TEST_DIR/backdate.toml" --as a1 intake --channel phone \
  --category consultation --customer 王 --subject 咨询 --at "2026-11-22 08:00"

# ---- reports measure from the contact: answered at 09:30, contacted at 07:00 = 150 minutes
SVCDESK_NOW=2026-11-23T09:30:00+08:00 expect_exit 0 "start" -- --as a1 start "$id"
SVCDESK_NOW=2026-11-23T10:00:00+08:00 run --as a1 report daily --date 2026-11-23 --format json
expect_eq "$(json 'j["first_response_minutes"]["count"], j["first_response_minutes"]["mean"]')" "1 150.0" \
  "first response measured from contact_at"

# ---- import: the source's time is both, the import event has the import's time
cat >"$TEST_DIR/import.toml" <<'TOML'
[import.profiles.calls]
columns = { external_ref = "ref", created_at = "at", subject = "subject", customer = "name" }
defaults = { category = "consultation" }
TOML
printf 'ref,at,subject,name\nOLD1,2026-11-01T10:00,old call,A\n' >old.csv
expect_exit 0 "import a month-old call" -- --config "$TEST_DIR/import.toml" --as a1 import old.csv --profile calls
run --as a1 list --status open --format json
t=$(json '[t["id"] for t in j if t["external_ref"] == "OLD1"][0]')
run --as a1 show "$t" --format json
expect_eq "$(json 'j["created_at"], j["contact_at"], j["history"][0]["action"], j["history"][0]["at"]')" \
  "2026-11-01T10:00:00+08:00 2026-11-01T10:00:00+08:00 import 2026-11-23T09:00:00+08:00" \
  "import: the source's time as both; the import's time on its event"
finish
