#!/usr/bin/env bash
# Demo data for callbacks (回访): records a few call outcomes on the callbacks that closing the
# demo's tickets scheduled. Expects SVCDESK_DB, SVCDESK_NOW, SVCDESK_BIN and SVCDESK_USER.
set -euo pipefail
: "${SVCDESK_DB:?}" "${SVCDESK_NOW:?}" "${SVCDESK_BIN:?}" "${SVCDESK_USER:?}"
sd() { "$SVCDESK_BIN" "$@"; }

# Surveys are due the next working day, so look a week ahead for the demo's callbacks.
mapfile -t ids < <(sd callback due --at +7d --format json |
  python3 -c 'import json, sys; print("\n".join(str(c["id"]) for c in json.load(sys.stdin)))')
if [ "${#ids[@]}" -eq 0 ]; then
  echo "callbacks: no pending callbacks (close some tickets first)" >&2
  exit 0
fi

# One outcome of each kind, in the order the callbacks are due.
record() { # record N ID
  case $1 in
    0) sd --quiet callback done "$2" --outcome reached --satisfaction 5 --note "客户对处理结果满意" ;;
    1) sd --quiet callback done "$2" --outcome no_answer --note "无人接听，稍后重拨" ;;
    2) sd --quiet callback done "$2" --outcome reached --satisfaction 3 --note "等候时间偏长，建议改进" ;;
    3) sd --quiet callback done "$2" --outcome wrong_number --note "号码错误" ;;
    4) sd --quiet callback done "$2" --outcome reached --satisfaction 4 ;;
    *) return 1 ;;
  esac
}
n=0
for id in "${ids[@]}"; do
  record "$n" "$id" || break
  n=$((n + 1))
done
echo "callbacks: recorded $n call outcomes"
