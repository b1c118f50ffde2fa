#!/usr/bin/env bash
# Shell-speed benchmark on the 1,000,000-ticket database left by bench/import_bench.sh, made into
# the reference centre's two years (bench/fixture.sql: three desks, 74 staff with a roster,
# 50,000 deposits, 300,000 callbacks). For each everyday command: the median wall time of
# repeated whole-process runs, next to its peer measured in the same run (Taskwarrior 2.6 with
# 10,000 pending tasks; sqlite3 with a hand-written GROUP BY) and the target.
# Usage: bench/ops_bench.sh BUILD_DIR [RUNS]   (run by `make bench` after the import benchmark)
set -euo pipefail
build=${1:?usage: ops_bench.sh BUILD_DIR [RUNS]}
runs=${2:-21}
here=$(cd "$(dirname "$0")" && pwd)
bin="$build/apps/svcdesk"
work="$build/bench"
export SVCDESK_DB="$work/svcdesk.db" NO_COLOR=1
unset SVCDESK_CONFIG
[ -s "$SVCDESK_DB" ] || { echo "bench: run bench/import_bench.sh first ($SVCDESK_DB is missing)" >&2; exit 1; }
sd() { "$bin" "$@"; }

# The report of the last day of the data (what the nightly cron run produces).
day=$(sqlite3 "$SVCDESK_DB" "select date(max(created_at), 'unixepoch', '+8 hours') from tickets where external_ref is not null")
month=${day:0:7}
export SVCDESK_NOW="$(date -d "$day +1 day" +%F)T10:00:00+08:00" # staff on duty for assign

if ! SVCDESK_USER=bench sd staff show in01 >/dev/null 2>&1; then
  echo "preparing the centre: 74 staff and their roster, desks, deposits, callbacks"
  SVCDESK_BIN="$bin" SVCDESK_USER=bench bash "$here/../scripts/demo-data/roster.sh" >/dev/null
  sqlite3 "$SVCDESK_DB" <"$here/fixture.sql"
fi
export SVCDESK_USER=in01 # a supervisor of the internal-medicine desk

# median_ms CMD...: runs CMD $runs times (output discarded) and prints the median in ms. The
# clock is bash's own EPOCHREALTIME, so no timing process is forked around the command.
median_ms() {
  local i start end times=()
  for ((i = 0; i < runs; i++)); do
    start=${EPOCHREALTIME/./}
    "$@" >/dev/null
    end=${EPOCHREALTIME/./}
    times+=($((end - start)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

# ---------------------------------------------------------------- the peers
# Taskwarrior with 10,000 pending tasks, in a data folder of its own.
export TASKRC="$work/taskrc" TASKDATA="$work/task"
if [ ! -s "$TASKDATA/pending.data" ]; then
  rm -rf "$TASKDATA"
  mkdir -p "$TASKDATA"
  printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nnews.version=2.6.2\n' "$TASKDATA" >"$TASKRC"
  python3 -c '
import json, uuid
for i in range(10000):
    print(json.dumps({"uuid": str(uuid.UUID(int=i + 1)), "description": f"call back caller {i}", "status": "pending",
                      "entry": "20261101T000000Z", "project": ["internal", "surgery", "emergency"][i % 3]}))' \
    >"$work/tasks.json"
  task import "$work/tasks.json" >/dev/null 2>&1
fi
task_n=0
task_modify_next() { task_n=$((task_n + 1)); task "$task_n" modify +bench; }

# Each run of a transition needs its own ticket in the right state.
fresh() { sd intake --channel phone --category consultation --customer bench --subject "bench $1" --desk internal; }
declare -a to_assign to_close
for ((i = 0; i < runs; i++)); do
  to_assign+=("$(fresh a$i)")
  id=$(fresh c$i); sd assign "$id" in03 >/dev/null; sd start "$id" >/dev/null
  sd resolve "$id" --resolution done >/dev/null; to_close+=("$id")
done
show_id=${to_close[0]}
for ((i = 0; i < 15; i++)); do sd note "$show_id" "note $i" >/dev/null; done # 20 history events
# The call log is English: a few Chinese tickets for search (issue 20), the newest of the file.
if ! sd search 漏水 --limit 1 --format json | grep -q '"id"'; then
  for ((i = 0; i < 25; i++)); do
    sd intake --channel phone --category complaint --class product --customer 王女士 --subject "洗衣机漏水 $i" >/dev/null
  done
fi
# A returning caller (issue 20): a few tickets under one phone, in three spellings.
caller=13900001234
if ! sd customer show "$caller" >/dev/null 2>&1; then
  for spelling in "139-0000-1234" "+86 139 0000 1234" "0086 13900001234" "13900001234" "139 0000 1234"; do
    sd intake --channel phone --category consultation --customer 陈先生 --subject "回访 $spelling" \
      --phone "$spelling" >/dev/null 2>&1
  done
fi
caller_sql="select id, status, created_at from tickets where phone = '$caller' order by created_at desc"
n=0
assign_next() { sd assign "${to_assign[$n]}" in03; n=$((n + 1)); }
m=0
close_next() { sd close "${to_close[$m]}"; m=$((m + 1)); }

from=$(date -d "$day 00:00 +0800" +%s); to=$((from + 86400))
month_from=$(date -d "$month-01 00:00 +0800" +%s); month_to=$(date -d "$month-01 +1 month 00:00 +0800" +%s)
day_sql="select desk, channel, category, status, count(*) from tickets where created_at >= $from and created_at < $to group by 1, 2, 3, 4"
month_sql="select assignee, status, count(*) from tickets where closed_at >= $month_from and closed_at < $month_to group by 1, 2"

# ---------------------------------------------------------------- the table
tickets=$(sqlite3 "$SVCDESK_DB" 'select count(*) from tickets')
printf 'svcdesk on %s tickets, Taskwarrior %s on %s tasks; median of %s whole-process runs (ms)\n\n' \
  "$tickets" "$(task --version)" "$(task count status:pending 2>/dev/null)" "$runs"
printf '%-42s %9s  %-26s %9s %8s %8s\n' "operation" "svcdesk" "peer" "peer" "ratio" "target"
row() { # row OPERATION MS PEER PEER_MS TARGET
  local ratio="-"
  [ "$4" != "-" ] && ratio=$(awk -v a="$2" -v b="$4" 'BEGIN {printf "%.1fx", b / a}')
  printf '%-42s %9s  %-26s %9s %8s %8s\n' "$1" "$2" "$3" "$4" "$ratio" "$5"
}
row "intake" "$(median_ms sd intake --channel phone --category consultation --customer x --subject y)" \
  "task add" "$(median_ms task add bench call)" "< 5"
row "assign" "$(median_ms assign_next)" "task <id> modify" "$(median_ms task_modify_next)" "< 5"
row "close" "$(median_ms close_next)" "-" "-" "< 5"
row "list --status open --desk internal --limit 50" "$(median_ms sd list --status open --desk internal --limit 50)" \
  "task list (10,000 tasks)" "$(median_ms task list)" "< 20"
row "search 漏水 --limit 20 (2 chars, 25 newest)" "$(median_ms sd search 漏水 --limit 20)" "-" "-" "< 50"
row "search 漏电 --limit 20 (2 chars, 10 rows, old)" "$(median_ms sd search 漏电 --limit 20)" "-" "-" "< 50"
row "search 电梯 --limit 20 (2 chars, nowhere)" "$(median_ms sd search 电梯 --limit 20)" "-" "-" "< 50"
row "search 冰箱漏电 --limit 20 (4 chars, 10 rows)" "$(median_ms sd search 冰箱漏电 --limit 20)" "-" "-" "< 50"
row "search streetlight --limit 20 (1% rows)" "$(median_ms sd search streetlight --limit 20)" "-" "-" "< 50"
row "search graffiti --limit 20 (29% rows)" "$(median_ms sd search graffiti --limit 20)" "-" "-" "< 50"
row "search zebra --limit 20 (nowhere)" "$(median_ms sd search zebra --limit 20)" "-" "-" "< 50"
# list with one filter and --limit 50 (issue 20, "Speed"): an index serves each.
for status in new assigned in_progress waiting resolved closed cancelled; do
  row "list --status $status --limit 50" "$(median_ms sd list --status "$status" --limit 50)" "-" "-" "< 20"
done
list_rows=(
  "--assignee in03" "--owner bench" "--category technical_support" "--category goods_delivery"
  "--since $day" "--until 2017-02-01" "--since 2018-06-01 --until 2018-06-02" "--breached" "--due-within 2h"
  "--phone 139-0001-2345")
for filter in "${list_rows[@]}"; do
  # shellcheck disable=SC2086 # each filter is its words
  row "list $filter --limit 50" "$(median_ms sd list $filter --limit 50)" "-" "-" "< 20"
done
# list --phone next to sqlite3 running the statement list runs, on the same index (tickets_phone).
phone_sql="SELECT * FROM tickets WHERE phone = '13900012345' ORDER BY next_due, id LIMIT 50"
row "list --phone 139-0001-2345 --limit 50" "$(median_ms sd list --phone 139-0001-2345 --limit 50)" \
  "sqlite3 same indexed query" "$(median_ms sqlite3 "$SVCDESK_DB" "$phone_sql")" ">= 0.67x"
row "customer show (5 tickets, any spelling)" "$(median_ms sd customer show "139 0000 1234")" \
  "sqlite3 tickets of the phone" "$(median_ms sqlite3 "$SVCDESK_DB" "$caller_sql")" "<= 1.5x peer"
row "list --phone (any spelling) --limit 50" "$(median_ms sd list --phone "+86 139-0000-1234" --limit 50)" \
  "sqlite3 tickets of the phone" "$(median_ms sqlite3 "$SVCDESK_DB" "$caller_sql")" "<= 1.5x peer"
row "customer list --risk" "$(median_ms sd customer list --risk)" "-" "-" "-"
row "show (20 history events)" "$(median_ms sd show "$show_id")" "-" "-" "< 5"
row "report daily --date $day" "$(median_ms sd report daily --date "$day" --format json)" \
  "sqlite3 GROUP BY of the day" "$(median_ms sqlite3 "$SVCDESK_DB" "$day_sql")" "< 100"
row "report staff --month $month" "$(median_ms sd report staff --month "$month" --format json)" \
  "sqlite3 GROUP BY of the month" "$(median_ms sqlite3 "$SVCDESK_DB" "$month_sql")" "< 1000"
if [ -s "$work/import.results" ]; then
  IFS='|' read -r _ import_s sqlite_s import_mb noindex_s <"$work/import.results"
  row "import 1,000,000-row call log (s)" "$import_s" "sqlite3 .import (s)" "$sqlite_s" "<= 1.5x slower"
  [ -n "$noindex_s" ] && row "import without the search index (s)" "$noindex_s" "import with it (s)" "$import_s" \
    "<= 1.4x"
  printf '%-42s %9s  %-26s %9s %8s %8s\n' "import peak memory (MB)" "$import_mb" "" "" "" "< 64"
fi
row "process start (/bin/true, for scale)" "$(median_ms /bin/true)" "-" "-" "-"
/usr/bin/time -f '%M' -o "$work/report.rss" "$bin" report staff --month "$month" --format json >/dev/null
printf '%-42s %9s  %-26s %9s %8s %8s\n' "report staff peak memory (MB)" \
  "$(awk '{printf "%.1f", $1/1024}' "$work/report.rss")" "" "" "" "< 64"
echo "(ratio: the peer's time over svcdesk's; above 1 means svcdesk is faster)"
