#!/usr/bin/env bash
# `callback export --ics`: RFC 5545 as read by a real parser (Debian's python3-icalendar), with
# the count and times round-tripped, no personal data, CRLF and folded lines, an atomic file of
# mode 0600, and nothing written when the export fails.
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=a1

# Debian's own interpreter: the icalendar module is a Debian package, not a pip one.
PY=/usr/bin/python3
if ! "$PY" -c 'import icalendar' 2>/dev/null; then
  echo "FAIL: python3-icalendar is missing (scripts/deps.sh test installs it)" >&2
  exit 1
fi

closed_ticket() { # closed_ticket CATEGORY: a ticket closed now by a1
  local id
  id=$(sd intake --channel phone --category "$1" --customer 欧阳娜娜 --phone 13912345678 \
         --subject "回访, 导出; 测试" --desk surgery)
  # --force: a1 of the internal desk takes a surgery ticket (issue 19: start follows assign's rule)
  sd start "$id" --force >/dev/null && sd resolve "$id" --resolution 已处理 >/dev/null && sd close "$id" >/dev/null
  echo "$id"
}
for _ in 1 2 3; do closed_ticket consultation >/dev/null; done
closed_ticket complaint >/dev/null
SVCDESK_NOW="2026-11-27T18:00:00+08:00" closed_ticket technical_support >/dev/null
# A callback that is no longer pending is not exported.
done_cb=$(sd callback list --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
sd --as boss callback done "$done_cb" --outcome reached >/dev/null # not a1: no survey of one's own ticket

run callback list --status pending --format json
pending_json=$OUT
expected=$(json 'len(j)')
expect_eq "$expected" "5" "five pending callbacks (5 surveys + 1 follow-up, one survey done)"

expect_exit 0 "export --ics" -- callback export --ics "$TEST_DIR/callbacks.ics"
expect_contains "$OUT" "wrote 5 callbacks" "export says how many"
ics="$TEST_DIR/callbacks.ics"
expect_eq "$(stat -c %a "$ics")" "600" "the file has mode 0600"
expect_eq "$(ls "$TEST_DIR" | grep -c '\.tmp')" "0" "no temp file is left"

# Round trip: the parser's events match the pending callbacks one for one, in UTC.
check=$(PENDING="$pending_json" "$PY" - "$ics" <<'EOF'
import json, os, sys, datetime
from icalendar import Calendar
raw = open(sys.argv[1], 'rb').read()
cal = Calendar.from_ical(raw)
events = [c for c in cal.walk('VEVENT')]
pending = json.loads(os.environ['PENDING'])
problems = []
if len(events) != len(pending):
    problems.append(f"{len(events)} events for {len(pending)} callbacks")
want = {}
for c in pending:
    due = datetime.datetime.fromisoformat(c['due_at']).astimezone(datetime.timezone.utc)
    want[c['id']] = due
uids = set()
for e in events:
    start = e.decoded('DTSTART')
    if start.tzinfo is None or start.utcoffset() != datetime.timedelta(0):
        problems.append(f"DTSTART not in UTC: {start}")
    if 'DTSTAMP' not in e:
        problems.append("no DTSTAMP")
    uid = str(e['UID'])
    uids.add(uid)
    cb = int(uid.split('-')[1])
    if want.get(cb) != start:
        problems.append(f"callback {cb}: DTSTART {start} but due {want.get(cb)}")
    text = str(e['SUMMARY']) + str(e['DESCRIPTION'])
    for secret in ('欧阳', '13912345678', '5678'):
        if secret in text:
            problems.append(f"personal data {secret!r} in event {uid}")
if len(uids) != len(events):
    problems.append("UIDs are not unique")
lines = raw.split(b'\r\n')
if lines[-1] != b'':
    problems.append("the file does not end with CRLF")
if any(b'\n' in l for l in lines):
    problems.append("bare LF line break")
if any(len(l) > 75 for l in lines):
    problems.append("a line longer than 75 octets")
if not any(l.startswith(b' ') for l in lines):
    problems.append("no folded line (the descriptions are long)")
print("; ".join(problems) or "ok")
EOF
)
expect_eq "$check" "ok" "icalendar parses the file and round-trips count and times"
expect_not_contains "$(cat "$ics")" "欧阳" "no customer name in the file"

# --since/--until select by due time; the file is replaced, not appended to.
expect_exit 0 "export a window" -- callback export --ics "$ics" --since "2026-11-26 00:00" --until "2026-11-29"
count=$("$PY" -c 'import sys; from icalendar import Calendar; print(len(Calendar.from_ical(open(sys.argv[1],"rb").read()).walk("VEVENT")))' "$ics")
expect_eq "$count" "1" "only the follow-up is due in the window"
# Issue 21: a replaced file keeps the mode it was given (a calendar server may read it); --mode
# makes it private again.
chmod 644 "$ics"
expect_exit 0 "export over a readable file" -- callback export --ics "$ics"
expect_eq "$(stat -c %a "$ics")" "644" "a replaced file keeps its mode"
expect_exit 0 "export with --mode" -- callback export --ics "$ics" --mode 0600
expect_eq "$(stat -c %a "$ics")" "600" "--mode 0600 makes it private again"

# Failures: nothing is written, neither file nor database.
expect_unchanged 2 "export without --ics" -- callback export
expect_unchanged 2 "export with until before since" -- callback export --ics "$ics" --since 2026-11-30 --until 2026-11-24
expect_unchanged 2 "export with a bad time" -- callback export --ics "$ics" --since someday
# An overdue in-progress ticket would get a progress call, but the failed export undoes it.
id=$(sd intake --channel phone --category consultation --customer x --subject y)
sd start "$id" >/dev/null
SVCDESK_NOW="2026-11-23T12:00:00+08:00" expect_unchanged 1 "export into a missing directory" -- \
  callback export --ics "$TEST_DIR/missing/dir/c.ics"
finish
