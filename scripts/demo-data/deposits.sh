#!/usr/bin/env bash
# Demo data for left-luggage deposits (寄存) at the internal desk: a few days of deposits with
# one overdue, a lost tag reported and claimed with the ID number (after a refused attempt), a
# proxy pickup, and two shift handovers. Expects SVCDESK_DB, SVCDESK_NOW and SVCDESK_BIN, and
# the demo staff sup-internal (supervisor) and agent-internal (agent), or at least
# one supervisor and one other staff member at the internal desk.
set -euo pipefail
: "${SVCDESK_DB:?}" "${SVCDESK_NOW:?}" "${SVCDESK_BIN:?}"
now=$(date -d "$SVCDESK_NOW" +%s)
# ago SECONDS CMD...: runs svcdesk as if it were that long before SVCDESK_NOW.
ago() {
  local t
  t=$(date -d "@$((now - $1))" --iso-8601=seconds)
  shift
  SVCDESK_NOW="$t" "$SVCDESK_BIN" "$@"
}
H=3600 D=86400
# The lead's demo staff when present, else the internal desk's first supervisor and first agent.
pick() { # pick supervisor|agent
  "$SVCDESK_BIN" staff list --format json | python3 -c '
import json, sys
want = sys.argv[1]
staff = [s for s in json.load(sys.stdin) if s["desk"] == "internal"]
ids = [s["id"] for s in staff]
named = "sup-internal" if want == "supervisor" else "agent-internal"
if named in ids:
    print(named)
else:
    desk_role = lambda s: "front_desk" in s["roles"] or "agent" in s["roles"]  # may handle deposits
    print(next(s["id"] for s in staff
               if ("supervisor" in s["roles"]) == (want == "supervisor") and (want == "supervisor" or desk_role(s))))' "$1"
}
supervisor=$(pick supervisor)
incoming=$(pick agent)
agent=(--as "$incoming")
sup=(--as "$supervisor")
put() { # put SECONDS_AGO TAG NAME PHONE ID ITEMS PIECES [--sealed]: the ID number on standard input
  ago "$1" "${agent[@]}" deposit in --tag "$2" --depositor "$3" --phone "$4" --id-number - --items "$6" \
    --pieces "$7" --desk internal --checked "${@:8}" <<<"$5" >/dev/null
}

put $((4 * D)) A001 王秀英 13912345678 11010519491231002X "黑色拉杆箱一个,内有衣物" 1
put $((1 * D)) A002 李建国 13698765432 320102198001011238 "蓝色旅行包、脸盆" 2 --sealed
put $((3 * H)) A003 张伟 13512340000 44030419850505104X "红色行李箱" 1
put $((3 * H)) A004 刘芳 13700001111 510104197203036664 "轮椅坐垫、保温壶" 2
ago $((150 * 60)) "${agent[@]}" deposit handover --desk internal --to "$supervisor" >/dev/null
ago $((145 * 60)) "${sup[@]}" deposit handover confirm H1 --pieces 6 >/dev/null

echo "A prohibited item is refused at the desk:"
put $((2 * H)) A005 陈强 13800138000 110101199003071233 "两瓶酒精和一个打火机" 2 || true
ago $((100 * 60)) "${agent[@]}" --quiet deposit lost A003
echo "A lost-tag claim with the wrong ID number is refused and recorded:"
ago $((95 * 60)) "${agent[@]}" --quiet deposit claim A003 --id-number - --items "红色行李箱" \
  <<<440304198505051234 || true
ago $((90 * 60)) "${agent[@]}" deposit claim A003 --id-number - --items "红色行李箱" \
  <<<44030419850505104x
# A proxy pickup is approved by the supervisor, who runs it (svcdesk(1), deposit proxy).
ago $((60 * 60)) "${sup[@]}" deposit proxy A004 --proxy 刘小明 --proxy-id-number - \
  --id-number 510104197203036664 --approved-by "$supervisor" <<<510104200001017777
put $((30 * 60)) A005 陈强 13800138000 110101199003071233 "换洗衣物一袋" 1
"$SVCDESK_BIN" "${sup[@]}" deposit handover --desk internal --to "$incoming" >/dev/null
# The incoming staff member counts and confirms it (seed 001 §五.8).
"$SVCDESK_BIN" "${agent[@]}" deposit handover confirm H2 --pieces 4 >/dev/null

printf '\n-- svcdesk deposit list --desk internal  (in storage, soonest due first)\n'
"$SVCDESK_BIN" deposit list --desk internal
printf '\n-- svcdesk deposit list --status overdue\n'
"$SVCDESK_BIN" deposit list --status overdue
printf '\n-- svcdesk deposit show A003  (the lost-tag claim)\n'
"$SVCDESK_BIN" deposit show A003
printf '\n-- svcdesk deposit show H2  (the latest handover)\n'
"$SVCDESK_BIN" deposit show H2
