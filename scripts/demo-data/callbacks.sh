#!/usr/bin/env bash
# Demo data for callbacks (回访): records a few call outcomes on the callbacks that closing the
# demo's tickets scheduled. Expects SVCDESK_DB, SVCDESK_NOW, SVCDESK_BIN and SVCDESK_USER.
# Satisfaction surveys are called by SURVEYOR (default SVCDESK_USER), who must not be the handler
# of the surveyed tickets: a handler does not score himself (seed 004 §4.1). Only a survey records
# a satisfaction score.
set -euo pipefail
: "${SVCDESK_DB:?}" "${SVCDESK_NOW:?}" "${SVCDESK_BIN:?}" "${SVCDESK_USER:?}"
surveyor=${SURVEYOR:-$SVCDESK_USER}
sd() { "$SVCDESK_BIN" "$@"; }

# Surveys are due the next working day, so look a week ahead for the demo's callbacks.
mapfile -t ids < <(sd callback due --at +7d --format json |
  python3 -c 'import json, sys; print("\n".join(str(c["id"]) + " " + c["purpose"] for c in json.load(sys.stdin)))')
if [ "${#ids[@]}" -eq 0 ]; then
  echo "callbacks: no pending callbacks (close some tickets first)" >&2
  exit 0
fi

# One outcome of each kind, in the order the callbacks are due.
record() { # record N ID PURPOSE
  local score=() as=()
  if [ "$3" = survey ]; then as=(--as "$surveyor"); fi
  case $1 in
    0) [ "$3" = survey ] && score=(--satisfaction 5)
       sd --quiet "${as[@]}" callback done "$2" --outcome reached "${score[@]}" --note "客户对处理结果满意" ;;
    1) sd --quiet "${as[@]}" callback done "$2" --outcome no_answer --note "无人接听，稍后重拨" ;;
    2) [ "$3" = survey ] && score=(--satisfaction 3)
       sd --quiet "${as[@]}" callback done "$2" --outcome reached "${score[@]}" --note "等候时间偏长，建议改进" ;;
    3) sd --quiet "${as[@]}" callback done "$2" --outcome wrong_number --note "号码错误" ;;
    4) [ "$3" = survey ] && score=(--satisfaction 4)
       sd --quiet "${as[@]}" callback done "$2" --outcome reached "${score[@]}" ;;
    *) return 1 ;;
  esac
}
n=0
for line in "${ids[@]}"; do
  record "$n" ${line} || break
  n=$((n + 1))
done
echo "callbacks: recorded $n call outcomes"
