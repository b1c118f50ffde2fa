#!/usr/bin/env bash
# Loads the reference centre of seed 001 §九: 74 staff (internal 30, surgery 29, emergency 15)
# in the seed's roles, and one week of roster following the seed's shift plan, imported as CSV.
#
# Environment: SVCDESK_DB, SVCDESK_NOW (the week containing it is rostered, Monday to Sunday,
# plus the Sunday before so that Monday's early hours are covered), SVCDESK_BIN (default:
# svcdesk on PATH), SVCDESK_USER (who acts on a sandbox database; without it the database must
# have no staff yet, and the first member added here acts). ROSTER_WEEK=YYYY-MM-DD picks another week.
#
# Staff ids: in01-in30, su01-su29, em01-em15. Group leaders (组长) in01, su01, em04 are supervisors.
set -euo pipefail

: "${SVCDESK_DB:?set SVCDESK_DB}"
: "${SVCDESK_NOW:?set SVCDESK_NOW}"
BIN=${SVCDESK_BIN:-svcdesk}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/svcdesk-roster.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

"$BIN" init --sandbox >/dev/null

WEEK=${ROSTER_WEEK:-${SVCDESK_NOW:0:10}}
python3 - "$WEEK" "$WORK" <<'PY'
import datetime, sys

week, work = sys.argv[1], sys.argv[2]
day0 = datetime.date.fromisoformat(week)
monday = day0 - datetime.timedelta(days=day0.weekday())

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["丽", "伟", "芳", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
         "刚", "桂英", "华", "玲", "红", "建国", "晓燕", "志强", "海燕", "婷", "雪", "琳"]

# (role, count, kind): kind is the shift pattern of seed 001 §九.
PLAN = {
    "internal": ("in", [("dispatcher", 2, "dispatch"), ("front_desk", 3, "day"), ("escort", 10, "escort"),
                        ("specimen", 3, "day"), ("medicine", 3, "day_late"), ("errands", 2, "day"),
                        ("disinfection", 2, "day_late"), ("delivery", 5, "day_late")]),
    "surgery": ("su", [("dispatcher", 2, "dispatch"), ("escort", 10, "escort"), ("specimen", 3, "day"),
                       ("medicine", 3, "day_late"), ("errands", 2, "day"), ("disinfection", 2, "day_late"),
                       ("delivery", 5, "day_late"), ("warehouse", 2, "day_late")]),
    "emergency": ("em", [("stretcher", 3, "three"), ("green_channel", 12, "three_rota")]),
}
LEADERS = {"in01", "su01", "em04"}
# Escorts rotate through these slots, one step back each day: night, night, then a day off.
ESCORT_SLOTS = [None, "escort_night", "escort_night", "escort_middle", "escort_early", "escort_early",
                "day", "day", "day", "day"]

staff, n = [], 0
for desk, (prefix, groups) in PLAN.items():
    i = 0
    for role, count, kind in groups:
        for k in range(count):
            i += 1
            sid = f"{prefix}{i:02d}"
            name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)]
            roles = role + (",supervisor" if sid in LEADERS else "")
            staff.append((sid, name, desk, roles, f"139{n + 1:08d}", kind, k, count))
            n += 1
assert [sum(1 for s in staff if s[2] == d) for d in PLAN] == [30, 29, 15]

def shift_of(kind, k, count, day):
    weekday, ordinal = day.weekday(), day.toordinal()
    if kind == "dispatch":
        return ["dispatch_early", "dispatch_late"][k]
    if kind == "escort":
        return ESCORT_SLOTS[(k - ordinal) % len(ESCORT_SLOTS)]
    if kind in ("day", "day_late"):  # five days on, two off, staggered through the group
        return None if (weekday - k) % 7 in (5, 6) else kind
    if kind == "three":  # stretcher bearers: one per shift, around the clock
        return ["early", "middle", "night"][k]
    if kind == "three_rota":  # green channel: four per shift, each with one day off a week
        group, member = divmod(k, 4)
        off = (member * 2 + group) % 7
        return None if weekday == off else ["early", "middle", "night"][group]
    raise ValueError(kind)

with open(f"{work}/staff.tsv", "w", encoding="utf-8") as out:
    for sid, name, desk, roles, phone, *_ in staff:
        out.write(f"{sid}\t{name}\t{desk}\t{roles}\t{phone}\n")
with open(f"{work}/roster.csv", "w", encoding="utf-8") as out:
    out.write("staff,date,shift\n")
    for offset in range(-1, 7):
        day = monday + datetime.timedelta(days=offset)
        for sid, _name, _desk, _roles, _phone, kind, k, count in staff:
            shift = shift_of(kind, k, count, day)
            if shift:
                out.write(f"{sid},{day.isoformat()},{shift}\n")
with open(f"{work}/week", "w") as out:
    out.write(monday.isoformat())
PY

# Without SVCDESK_USER the database must have no staff yet: the first member added acts after.
ACTOR=${SVCDESK_USER:-}
added=0
while IFS=$'\t' read -r sid name desk roles phone; do
  if [ -z "$ACTOR" ]; then
    "$BIN" staff add "$sid" --name "$name" --desk "$desk" --role "$roles" --phone "$phone" >/dev/null
    ACTOR=$sid
  else
    "$BIN" --as "$ACTOR" staff add "$sid" --name "$name" --desk "$desk" --role "$roles" --phone "$phone" >/dev/null
  fi
  added=$((added + 1))
done <"$WORK/staff.tsv"

"$BIN" --as "$ACTOR" --quiet roster import "$WORK/roster.csv"
echo "roster demo: $added staff, week of $(cat "$WORK/week") ($(($(wc -l <"$WORK/roster.csv") - 1)) shifts)"
