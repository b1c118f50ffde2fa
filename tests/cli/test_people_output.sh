#!/usr/bin/env bash
# Output for people (issue 23): tables fit the terminal (cut by display width with "…", --wide
# shows everything, nothing is cut off a terminal); list shows open tickets unless --status or
# --all; display names from config in tables, ids in JSON and CSV; percentages and durations in
# reports, exact numbers in JSON and CSV; Markdown shows a <script> in data, never runs it.
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=boss
LONG="病房三楼走廊天花板空调漏水,地面湿滑有老人摔倒的风险,请尽快派维修人员到场处理并放置警示牌"
t1=$(sd intake --channel phone --category complaint --class product --customer 王小明 --phone 13812345678 --subject "$LONG")
t2=$(sd intake --channel walk_in --category consultation --customer 李四 --subject 咨询门诊时间 --desk emergency)
t3=$(sd intake --channel phone --category consultation --customer 赵六 --subject 已解决的咨询)
sd start "$t3" >/dev/null && sd resolve "$t3" --resolution 已答复 >/dev/null && sd close "$t3" --satisfaction 4 >/dev/null

# ---- list: open tickets unless --status or --all
run list --format json
expect_eq "$(json 'sorted(t["id"] for t in j)')" "[$t1, $t2]" "list with no --status shows the open tickets"
run list --all --format json
expect_eq "$(json 'sorted(t["id"] for t in j)')" "[$t1, $t2, $t3]" "list --all shows every status"
run list --status closed --format json
expect_eq "$(json '[t["id"] for t in j]')" "[$t3]" "--status closed still finds the closed one"
expect_exit 2 "--all with --status is a usage error" -- list --all --status closed
expect_contains "$ERR" "--all" "the error names --all"
run list --all --format csv
expect_eq "$(head -1 <<<"$OUT" | cut -d, -f1-4)" "id,status,channel,category" "CSV keys unchanged"

# ---- display names in tables, ids in JSON and CSV
run list
expect_contains "$OUT" "Internal medicine building" "the table shows the desk's English name (C locale)"
expect_contains "$OUT" "Complaint" "and the category's"
expect_not_contains "$OUT" " internal " "not the desk id"
expect_contains "$OUT" " new " "in English the status stays the id the CLI takes"
run list --format json
expect_eq "$(json 'sorted({t["desk"] for t in j})')" "['emergency', 'internal']" "JSON keeps the desk ids"
expect_eq "$(json 'sorted({t["category"] for t in j})')" "['complaint', 'consultation']" "and the category ids"
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
  OUT=$(LC_ALL=zh_CN.UTF-8 sd list --wide)
  expect_contains "$OUT" "内科楼一楼大厅客服总台" "in Chinese the table shows the desk's name"
  expect_contains "$OUT" "投诉" "and the category's"
  expect_contains "$OUT" "新建" "and the status in words (svcdesk's own ids, from the catalogue)"
  expect_contains "$OUT" "普通" "and the priority"
  OUT=$(LC_ALL=zh_CN.UTF-8 sd show "$t1")
  expect_contains "$OUT" "产品/技术类" "show names the complaint class"
  expect_contains "$OUT" "电话" "show names the channel"
  OUT=$(LC_ALL=zh_CN.UTF-8 sd report daily --format md)
  expect_contains "$OUT" "按渠道的工单:现场" "the report's channel counts are labelled in words"
  expect_contains "$OUT" "按状态的工单:已关闭" "and its status counts"
  expect_not_contains "$OUT" "walk\\_in" "no channel id left for people"
  expect_eq "$(LC_ALL=zh_CN.UTF-8 sd list --format json)" "$(sd list --format json)" "JSON is the same in both locales"
fi
run staff list
expect_contains "$OUT" "Supervisor" "staff list shows role names"

# ---- tables fit the terminal: script(1) gives svcdesk a pseudo-terminal
on_tty() { # on_tty COLUMNS ARGS...: svcdesk on a terminal of that width (no window size: COLUMNS)
  local cols=$1
  shift
  COLUMNS=$cols script -qec "$(printf '%q ' "$SVCDESK_BIN" "$@")" /dev/null </dev/null | tr -d '\r'
}
widest() { python3 -c 'import sys, unicodedata as u
print(max(sum(2 if u.east_asian_width(c) in "WF" else 0 if u.combining(c) else 1 for c in l.rstrip("\n")) for l in sys.stdin))'; }
OUT=$(on_tty 80 list)
expect_contains "$OUT" "…" "on an 80-column terminal the long subject is cut"
expect_not_contains "$OUT" "$LONG" "the whole subject is not there"
expect_eq "$(widest <<<"$OUT")" "80" "no line is wider than the terminal"
expect_contains "$OUT" "$t1" "ids stay whole"
OUT=$(on_tty 60 list)
[ "$(widest <<<"$OUT")" -le 60 ] && pass || failed "a 60-column terminal: lines of $(widest <<<"$OUT") columns"
OUT=$(on_tty 80 list --wide)
expect_contains "$OUT" "$LONG" "--wide shows the whole subject on a terminal"
expect_not_contains "$OUT" "…" "--wide cuts nothing"
OUT=$(on_tty 80 --wide search 漏水)
expect_contains "$OUT" "$LONG" "--wide is a global option (search)"
OUT=$(COLUMNS=40 sd list)
expect_contains "$OUT" "$LONG" "off a terminal nothing is cut, whatever COLUMNS says"
expect_not_contains "$OUT" "…" "no ellipsis off a terminal"
OUT=$(on_tty 80 list --format json)
expect_contains "$OUT" "$LONG" "JSON is never cut"

# ---- reports: percentages and durations for people, exact numbers for programs
SVCDESK_NOW="2026-11-23T09:05:00+08:00" run report daily
expect_contains "$OUT" "SLA met rate" "the table labels its figures"
expect_contains "$OUT" "100.0 %" "a rate as a percentage"
expect_contains "$OUT" "Internal medicine building" "desks by their names"
expect_not_contains "$OUT" "0.3333" "no raw ratios"
SVCDESK_NOW="2026-11-23T09:05:00+08:00" run report daily --format json
expect_eq "$(json 'j["sla"]["rate"]')" "1.0" "JSON keeps the exact rate"
SVCDESK_NOW="2026-11-23T09:05:00+08:00" run report daily --format csv
expect_eq "$(grep '^sla.rate,' <<<"$OUT")" "sla.rate,1,1,," "CSV keeps the exact rate and the ids"
expect_eq "$(head -1 <<<"$OUT")" "metric,all,internal,surgery,emergency" "CSV header of desk ids"
SVCDESK_NOW="2026-11-23T10:25:00+08:00" sd start "$t1" >/dev/null # 85 minutes after the call
SVCDESK_NOW="2026-11-23T10:25:00+08:00" run report daily --format md
expect_contains "$OUT" "| First response, 90th percentile | 1 h 25 min |" "a duration in hours and minutes"
SVCDESK_NOW="2026-11-23T10:25:00+08:00" run report daily --format json
expect_eq "$(json 'j["first_response_minutes"]["p90"]')" "85.0" "JSON keeps the minutes"

# ---- Markdown shows a <script> in data, escaped
cat >"$TEST_DIR/evil.toml" <<'TOML'
[[desks]]
id = "internal"
name = "<script>alert('x')</script>"
name_en = "<img src=x onerror=alert(1)> *desk* | one"
TOML
run --config "$TEST_DIR/evil.toml" report daily --format md
expect_not_contains "$OUT" "<script>" "no script tag in the Markdown"
expect_not_contains "$OUT" "<img" "no img tag in the Markdown"
expect_contains "$OUT" "&lt;img src=x onerror=alert(1)&gt; \\*desk\\* \\| one" "the name is shown escaped"
run --config "$TEST_DIR/evil.toml" report daily --format html
expect_not_contains "$OUT" "<img" "no img tag in the HTML"
expect_contains "$OUT" "&lt;img src=x" "the HTML shows it escaped"
finish
