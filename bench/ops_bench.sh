#!/usr/bin/env bash
# Shell-speed benchmark on the 1,000,000-ticket database left by bench/import_bench.sh:
# the median wall time of repeated whole-process runs of the everyday commands, next to targets.
# Usage: bench/ops_bench.sh BUILD_DIR [RUNS]   (run by `make bench` after the import benchmark)
set -euo pipefail
build=${1:?usage: ops_bench.sh BUILD_DIR [RUNS]}
runs=${2:-21}
bin="$build/apps/svcdesk"
export SVCDESK_DB="$build/bench/svcdesk.db" SVCDESK_USER=bench NO_COLOR=1
unset SVCDESK_CONFIG
[ -s "$SVCDESK_DB" ] || { echo "bench: run bench/import_bench.sh first ($SVCDESK_DB is missing)" >&2; exit 1; }
sd() { "$bin" "$@"; }

tickets=$(sqlite3 "$SVCDESK_DB" 'select count(*) from tickets')
# The nightly cron run: the report of the last day of the data, taken just after midnight.
# (A day far in the past costs more: its open backlog needs every later resolution.)
day=$(sqlite3 "$SVCDESK_DB" "select date(max(created_at), 'unixepoch', '+8 hours') from tickets")
month=${day:0:7}
export SVCDESK_NOW="$(date -d "$day +1 day" +%F)T00:30:00+08:00"
sd staff show a1 >/dev/null 2>&1 || sd staff add a1 --name Agent --desk internal --role agent >/dev/null

# median_ms CMD...: runs CMD $runs times (output discarded) and prints the median in ms.
median_ms() {
  local i start end times=()
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}
# Each run of a transition needs its own ticket in the right state.
fresh() { sd intake --channel phone --category consultation --customer bench --subject "bench $1"; }
declare -a to_assign to_close
for ((i = 0; i < runs; i++)); do
  to_assign+=("$(fresh a$i)")
  id=$(fresh c$i); sd start "$id" >/dev/null; sd resolve "$id" --resolution done >/dev/null; to_close+=("$id")
done
show_id=${to_close[0]}
for ((i = 0; i < 16; i++)); do sd note "$show_id" "note $i" >/dev/null; done # 20 history events

n=0
assign_next() { sd assign "${to_assign[$n]}" a1; n=$((n + 1)); }
m=0
close_next() { sd close "${to_close[$m]}"; m=$((m + 1)); }

printf 'svcdesk on %s tickets (%s runs each, median of whole-process wall time)\n\n' "$tickets" "$runs"
printf '%-48s %10s %12s\n' "operation" "ms" "target"
printf '%-48s %10s %12s\n' "intake" "$(median_ms sd intake --channel phone --category consultation --customer x --subject y)" "< 5"
printf '%-48s %10s %12s\n' "assign" "$(median_ms assign_next)" "< 5"
printf '%-48s %10s %12s\n' "close" "$(median_ms close_next)" "< 5"
printf '%-48s %10s %12s\n' "list --status open --desk internal --limit 50" "$(median_ms sd list --status open --desk internal --limit 50)" "< 20"
printf '%-48s %10s %12s\n' "show (20 history events)" "$(median_ms sd show "$show_id")" "< 5"
printf '%-48s %10s %12s\n' "report daily --date $day" "$(median_ms sd report daily --date "$day" --format json)" "< 100"
printf '%-48s %10s %12s\n' "report staff --month $month" "$(median_ms sd report staff --month "$month" --format json)" "< 1000"
from=$(date -d "$day 00:00 +0800" +%s); to=$((from + 86400))
printf '%-48s %10s %12s\n' "peer: sqlite3 GROUP BY of the day's counts" \
  "$(median_ms sqlite3 "$SVCDESK_DB" "select desk, channel, category, status, count(*) from tickets where created_at >= $from and created_at < $to group by 1,2,3,4")" "-"
/usr/bin/time -f '%M' -o "$build/bench/report.rss" "$bin" report daily --date "$day" --format json >/dev/null
printf '%-48s %10s %12s\n' "report daily peak memory (MB)" "$(awk '{printf "%.1f", $1/1024}' "$build/bench/report.rss")" "< 64"
