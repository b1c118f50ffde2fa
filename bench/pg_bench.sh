#!/usr/bin/env bash
# PostgreSQL next to SQLite: the same generated call log (100,000 rows by default) imported into a
# fresh SQLite file and into a database on a throw-away local cluster (tests/pg/cluster.sh), then
# the median whole-process time of intake, assign, list and the daily report on each.
# Usage: bench/pg_bench.sh BUILD_DIR [ROWS] [RUNS]   (run by `make bench`)
set -euo pipefail
build=${1:?usage: pg_bench.sh BUILD_DIR [ROWS] [RUNS]}
rows=${2:-100000}
runs=${3:-11}
here=$(cd "$(dirname "$0")" && pwd)
bin="$(cd "$build" && pwd)/apps/svcdesk"
work="$(cd "$build" && pwd)/bench-pg"
mkdir -p "$work"
state="$work/cluster"
trap 'bash "$here/../tests/pg/cluster.sh" stop "$state" >/dev/null 2>&1 || true' EXIT
bash "$here/../tests/pg/cluster.sh" start "$state"
base=$(cat "$state/url")
bindir=$(pg_config --bindir)
"$bindir/psql" "$base/postgres" -XAtq -c "CREATE DATABASE bench"
data="$work/la311_${rows}.csv"
[ -s "$data" ] || python3 "$here/gen_la311.py" "$rows" "$data"
export SVCDESK_NOW="2026-11-23T09:00:00+08:00" NO_COLOR=1
unset SVCDESK_CONFIG SVCDESK_USER
rm -f "$work/svcdesk.db" "$work/svcdesk.db-wal" "$work/svcdesk.db-shm"
declare -A location=([sqlite]="$work/svcdesk.db" [postgresql]="$base/bench")

seconds() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
median_ms() {
  local i start end times=()
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
    times+=($(((end - start) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

declare -A result
# The peer of the PostgreSQL import (issue 22): psql's \copy of the same file into a bare table of
# its columns (all text, no index) on the same server, in the same run.
"$bindir/psql" "$base/postgres" -XAtq -c "CREATE DATABASE peer"
"$bindir/psql" "$base/peer" -XAtq -c "CREATE TABLE calls ($(head -1 "$data" | tr -d '\r' | sed 's/,/ text, /g; s/$/ text/'))"
result[psql.import]=$(seconds "$bindir/psql" "$base/peer" -XAtq -c "\copy calls FROM '$data' CSV HEADER")
for backend in sqlite postgresql; do
  export SVCDESK_DB=${location[$backend]}
  "$bin" init --sandbox >/dev/null
  "$bin" staff add bench --name Bench --desk internal --role supervisor,agent >/dev/null
  "$bin" --as bench staff add a1 --name Agent --desk internal --role agent >/dev/null
  export SVCDESK_USER=bench
  result[$backend.import]=$(seconds "$bin" import "$data" --profile la311)
  ids=()
  for ((i = 0; i < runs; i++)); do ids+=("$("$bin" intake --channel phone --category consultation --customer x --subject y)"); done
  n=0
  assign_next() { "$bin" assign "${ids[$n]}" a1 --force; n=$((n + 1)); }
  result[$backend.intake]=$(median_ms "$bin" intake --channel phone --category consultation --customer x --subject y)
  result[$backend.assign]=$(median_ms assign_next)
  result[$backend.list]=$(median_ms "$bin" list --status open --desk internal --limit 50)
  result[$backend.report]=$(median_ms "$bin" report daily --date 2017-12-31 --format json)
  result[$backend.staff]=$(median_ms "$bin" report staff --month 2017-12 --format json)
  unset SVCDESK_USER
done

printf '\nsvcdesk on %s imported tickets: SQLite file next to PostgreSQL %s on this machine\n' "$rows" \
  "$("$bindir/postgres" -V | awk '{print $3}')"
printf '(median of %s whole-process runs, ms; import: one run, ms)\n\n' "$runs"
printf '%-40s %12s %12s\n' operation SQLite PostgreSQL
for k in import intake assign list report staff; do
  case $k in
    import) label="import $rows rows" ;; intake) label="intake" ;; assign) label="assign" ;;
    list) label="list --status open --desk internal" ;; report) label="report daily --date 2017-12-31" ;;
    staff) label="report staff --month 2017-12" ;;
  esac
  printf '%-40s %12s %12s\n' "$label" "${result[sqlite.$k]}" "${result[postgresql.$k]}"
done
printf '%-40s %12s %12s   (target: PostgreSQL import at most 2x)\n' "psql \\copy $rows rows (bare table)" "" \
  "${result[psql.import]}"

