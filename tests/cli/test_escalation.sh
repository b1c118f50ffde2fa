#!/usr/bin/env bash
# Escalation before a breach (issue 20; seed 000 §五.4 风险预警) over simulated time: level 1 (the
# assignee and the owner) within escalation.warn_before of the next deadline, level 2 (the
# desk's supervisors) past it, level 3 (escalation.level3) level3_after past it; `escalate` by
# hand; `sweep` records each new level once and is idempotent.
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=boss
cat > "$TEST_DIR/site.toml" <<'TOML'
[escalation]
level3 = ["e1"]
TOML
export SVCDESK_CONFIG="$TEST_DIR/site.toml"

# complaint.product at 09:00: respond by 11:00 (warn 30 min before), resolve by 09:00 tomorrow
id=$(sd --as a1 intake --channel phone --category complaint --class product --customer 王女士 --phone 13812345678 \
       --subject "退款")
sd assign "$id" a2 >/dev/null
other=$(sd intake --channel phone --category complaint --class product --customer 李 --subject "另一件" --desk emergency)

SVCDESK_NOW="2026-11-23T10:00:00+08:00" run escalations --format json
expect_eq "$OUT" "[]" "nothing escalated at 10:00"
SVCDESK_NOW="2026-11-23T10:00:00+08:00" expect_exit 0 "an early sweep" -- sweep
expect_eq "$OUT" "" "an early sweep does nothing"

SVCDESK_NOW="2026-11-23T10:35:00+08:00" run escalations --format json
expect_eq "$(json '[(e["id"], e["level"], e["deadline"], e["to"]) for e in j]')" \
  "[($id, 1, '2026-11-23T11:00:00+08:00', ['a2', 'a1']), ($other, 1, '2026-11-23T11:00:00+08:00', ['boss'])]" \
  "level 1 within 30 min of the response deadline: assignee and owner"
SVCDESK_NOW="2026-11-23T10:35:00+08:00" expect_exit 0 "sweep at 10:35" -- sweep
expect_eq "$(wc -l <<<"$OUT")" "2" "one line per escalation recorded"
expect_contains "$OUT" "ticket $id: escalation level 1" "names the ticket and the level"
SVCDESK_NOW="2026-11-23T10:36:00+08:00" expect_exit 0 "sweep again" -- sweep
expect_eq "$OUT" "" "a second sweep right after does nothing"

SVCDESK_NOW="2026-11-23T11:05:00+08:00" run escalations --level 2 --desk internal --format json
expect_eq "$(json '[(e["id"], e["level"], e["to"]) for e in j]')" "[($id, 2, ['a2', 'a1', 'boss'])]" \
  "level 2 past the deadline: the desk's supervisors too"
SVCDESK_NOW="2026-11-23T13:00:00+08:00" run escalations --level 3 --desk internal --format json
expect_eq "$(json '[(e["id"], e["level"], e["to"]) for e in j]')" "[($id, 3, ['a2', 'a1', 'boss', 'e1'])]" \
  "level 3 two hours past it: those named in config too"
SVCDESK_NOW="2026-11-23T13:00:00+08:00" expect_exit 0 "sweep at 13:00" -- sweep
expect_eq "$(grep -c "escalation level 3" <<<"$OUT")" "2" "both tickets reach level 3"
n=$(sql "SELECT count(*) FROM callbacks WHERE purpose = 'progress'")
if [ "$n" -ge 1 ]; then pass; else failed "sweep makes the progress calls of late tickets (seed 000 §五.3)"; fi
expect_contains "$OUT" "progress callbacks: $n scheduled" "and reports them"
SVCDESK_NOW="2026-11-23T13:00:00+08:00" run show "$id" --format json
expect_eq "$(json 'j["escalation_level"], [e["action"] for e in j["history"]].count("escalate")')" "3 2" \
  "history events of the escalations recorded (levels 1 and 3)"
SVCDESK_NOW="2026-11-23T13:00:00+08:00" expect_exit 0 "sweep once more" -- sweep
expect_eq "$OUT" "" "idempotent"

# ---- by hand: one level up, with a reason; a responded ticket counts on its resolve deadline
id2=$(sd intake --channel phone --category complaint --class product --customer 赵 --subject "投诉")
sd assign "$id2" a1 >/dev/null && sd --as a1 start "$id2" >/dev/null
expect_exit 0 "escalate by hand" -- escalate "$id2" --reason "客户情绪激动"
expect_contains "$OUT" "$id2" "prints the escalation"
run show "$id2" --format json
expect_eq "$(json 'j["escalation_level"], j["history"][-1]["action"], j["history"][-1]["reason"]')" \
  "1 escalate 客户情绪激动" "level 1 by hand, with its reason"
expect_exit 0 "escalate again" -- escalate "$id2" --reason "仍未处理"
expect_exit 0 "escalate a third time" -- escalate "$id2" --reason "院领导关注"
expect_unchanged 4 "no level above 3" -- escalate "$id2" --reason x
expect_unchanged 3 "no such ticket" -- escalate 999 --reason x
sd cancel "$other" --reason "重复" >/dev/null
expect_unchanged 4 "a cancelled ticket" -- escalate "$other" --reason x
expect_unchanged 2 "a level that does not exist" -- escalations --level 4

finish
