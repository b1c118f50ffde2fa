#!/usr/bin/env bash
# PostgreSQL figures of issue 22, each next to its peer measured in the same run, on a throw-away
# local cluster (tests/pg/cluster.sh: fsync off), every connection over its Unix socket:
#  1. the import of a generated LA 311 call log (1,000,000 rows) next to psql's \copy of the same
#     file into a bare table of its columns (all text, no index, no constraint);
#  2. intake, assign and show, whole process each, next to `psql -c` running the equivalent single
#     statement: runs taken in turn (svcdesk, psql, svcdesk, ...), the median of each;
#  3. 8 desk processes working tickets through intake, assign, start, resolve and close
#     (bench/desk_load.py) for 30 s on the imported database, first alone, then while a second
#     1,000,000-row import (other external refs) runs: latency per command, and how many took
#     more than 1 s.
# Usage: bench/pg_bench.sh BUILD_DIR [ROWS] [RUNS]   (run by `make bench`)
# Scaled down for a quick trial by BENCH_ROWS (default 1000000), BENCH_RUNS (30), BENCH_DESKS (8)
# and BENCH_SECONDS (30), e.g. BENCH_ROWS=20000 BENCH_SECONDS=5 bench/pg_bench.sh build-bench.
set -euo pipefail
build=${1:?usage: pg_bench.sh BUILD_DIR [ROWS] [RUNS]}
rows=${2:-${BENCH_ROWS:-1000000}}
runs=${3:-${BENCH_RUNS:-30}}
desks=${BENCH_DESKS:-8}
seconds=${BENCH_SECONDS:-30}
here=$(cd "$(dirname "$0")" && pwd)
bin="$(cd "$build" && pwd)/apps/svcdesk"
work="$(cd "$build" && pwd)/bench-pg"
mkdir -p "$work"
state="$work/cluster"
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
import_pid=
stop_all() {
  [ -n "$import_pid" ] && kill "$import_pid" 2>/dev/null
  bash "$here/../tests/pg/cluster.sh" stop "$state" >/dev/null 2>&1 || true
}
trap stop_all EXIT
bash "$here/../tests/pg/cluster.sh" start "$state"
# The cluster's Unix socket: its folder is the parent of the data directory.
socket_dir=$(dirname "$(cat "$state/data-dir")")
port=$(sed 's/.*://' "$state/url")
socket_url() { echo "postgresql:///$1?host=$socket_dir&port=$port&user=svcdesk"; }
bindir=$(pg_config --bindir)
psql_at() { local db=$1; shift; "$bindir/psql" -XAtq -v ON_ERROR_STOP=1 -d "host=$socket_dir port=$port user=svcdesk dbname=$db" "$@"; }
psql_at postgres -c "CREATE DATABASE bench" -c "CREATE DATABASE peer"

data="$work/la311_${rows}.csv"
if [ ! -s "$data" ]; then
  echo "generating $rows rows → $data"
  python3 "$here/gen_la311.py" "$rows" "$data.tmp" && mv "$data.tmp" "$data"
fi
# The second import's file: the same rows under other external refs, so that every row is new.
second="$work/la311_${rows}_second.csv"
[ -s "$second" ] || sed '2,$ s/^1-/2-/' "$data" >"$second"
cat "$data" "$second" >/dev/null # read once, so that neither tool pays for a cold page cache

export SVCDESK_NOW="2026-11-23T09:00:00+08:00" NO_COLOR=1 SVCDESK_DB
SVCDESK_DB=$(socket_url bench)
unset SVCDESK_CONFIG SVCDESK_USER
load() { cut -d' ' -f1-3 /proc/loadavg; }

# ---------------------------------------------------------------- 1. the import
# timed NAME CMD...: runs CMD under /usr/bin/time; sets SECONDS_<NAME> and RSS_<NAME> (MB).
timed() {
  local name=$1
  shift
  /usr/bin/time -f '%e %M' -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
    echo "bench: $name failed:" >&2
    tail -5 "$work/$name.err" >&2
    exit 1
  }
  read -r "SECONDS_$name" rss <"$work/$name.time"
  printf -v "RSS_$name" '%.1f' "$(awk -v k="$rss" 'BEGIN {print k / 1024}')"
}
echo "input: $(du -h "$data" | cut -f1), $rows rows; load average $(load)"
psql_at peer -c "CREATE TABLE calls ($(head -1 "$data" | tr -d '\r' | sed 's/,/ text, /g; s/$/ text/'))"
timed psql_copy "$bindir/psql" -XAtq -d "host=$socket_dir port=$port user=svcdesk dbname=peer" \
  -c "\\copy calls FROM '$data' CSV HEADER"
"$bin" init --sandbox >/dev/null
"$bin" staff add bench --name Bench --desk internal --role supervisor,agent >/dev/null
load_before=$(load)
timed import "$bin" --as bench import "$data" --profile la311
echo "psql \\copy $SECONDS_psql_copy s, svcdesk import $SECONDS_import s (load before: $load_before; after: $(load))"
timed import_again "$bin" --as bench import "$data" --profile la311

# ---------------------------------------------------------------- 2. short commands
"$bin" --as bench staff add a1 --name Agent --desk internal --role agent >/dev/null
"$bin" --as bench roster set a1 2026-11-23 early >/dev/null # on duty at SVCDESK_NOW: no --force
export SVCDESK_USER=bench
declare -a ids
for ((i = 0; i < 2 * runs; i++)); do
  ids+=("$("$bin" intake --channel phone --category consultation --customer x --subject y)")
done
show_id=${ids[0]}
for ((i = 0; i < 15; i++)); do "$bin" note "$show_id" "note $i" >/dev/null; done # 17 history events
now=$(date -d "$SVCDESK_NOW" +%s)
# The peers' statements: what each command changes or reads, as one statement.
intake_sql="INSERT INTO tickets (created_at, contact_at, channel, category, priority, desk, customer, subject, owner,
  status, response_due, resolve_due, updated_at) VALUES ($now, $now, 'phone', 'consultation', 'normal', 'internal', 'x',
  'y', 'bench', 'new', $((now + 1800)), $((now + 86400)), $now) RETURNING id"
assign_sql() { echo "UPDATE tickets SET assignee = 'a1', status = 'assigned', updated_at = $now WHERE id = $1"; }
show_sql="SELECT * FROM tickets t LEFT JOIN ticket_events e ON e.ticket_id = t.id WHERE t.id = $show_id ORDER BY e.id"
peer() { "$bindir/psql" -XAtq -d "host=$socket_dir port=$port user=svcdesk dbname=bench" -c "$1"; }

# side_by_side A_CMD B_CMD: runs A and B in turn $runs times (each command string is eval'd, with
# $i the run), prints "median_A median_B" in ms. The clock is bash's own EPOCHREALTIME.
side_by_side() {
  local i start a=() b=()
  for ((i = 0; i < runs; i++)); do
    start=${EPOCHREALTIME/./}
    eval "$1" >/dev/null
    a+=($((${EPOCHREALTIME/./} - start)))
    start=${EPOCHREALTIME/./}
    eval "$2" >/dev/null
    b+=($((${EPOCHREALTIME/./} - start)))
  done
  echo "$(median "${a[@]}") $(median "${b[@]}")"
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'; }
load_before=$(load)
read -r intake_ms intake_peer <<<"$(side_by_side '"$bin" intake --channel phone --category consultation --customer x --subject y' \
  'peer "$intake_sql"')"
read -r assign_ms assign_peer <<<"$(side_by_side '"$bin" assign "${ids[$((2 * i))]}" a1' 'peer "$(assign_sql "${ids[$((2 * i + 1))]}")"')"
read -r show_ms show_peer <<<"$(side_by_side '"$bin" show "$show_id"' 'peer "$show_sql"')"
read -r version_ms select_peer <<<"$(side_by_side '"$bin" --version' 'peer "SELECT 1"')"
read -r true_ms _ <<<"$(side_by_side /bin/true /bin/true)"
load_short="$load_before → $(load)"

# ---------------------------------------------------------------- 3. desks at work
for ((n = 1; n <= desks; n++)); do
  desk=$(echo internal surgery emergency | cut -d' ' -f$((n % 3 + 1)))
  "$bin" staff add "d$n" --name "Desk $n" --desk "$desk" --role agent >/dev/null
  "$bin" roster set "d$n" 2026-11-23 early >/dev/null
done
unset SVCDESK_USER
echo "desks alone: $desks processes for $seconds s (load average $(load))"
python3 "$here/desk_load.py" "$bin" "$seconds" "$desks" >"$work/desks_alone.txt" 2>"$work/desks_alone.err"
cat "$work/desks_alone.txt"
rm -f "$work/import.done"
( timed import_second "$bin" --as bench import "$second" --profile la311; touch "$work/import.done" ) &
import_pid=$!
# The desks start once the import streams its rows (its COPY is under way), and stop when the import
# ends if that comes first: every command they time ran while the import did.
for _ in $(seq 1 600); do
  [ "$(psql_at bench -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY import_staging%'")" != 0 ] && break
  [ -e "$work/import.done" ] && break
  sleep 0.1
done
echo "desks during the import: $desks processes for $seconds s (load average $(load))"
python3 "$here/desk_load.py" "$bin" "$seconds" "$desks" "$work/import.done" >"$work/desks_import.txt" 2>"$work/desks_import.err"
cat "$work/desks_import.txt"
[ -e "$work/import.done" ] && echo "(the import ended before the desks' time was up: the window above is shorter)"
wait "$import_pid"
import_pid=
read -r SECONDS_import_second _ <"$work/import_second.time"

# ---------------------------------------------------------------- the table
row() { # row OPERATION SVCDESK PEER PEER_VALUE TARGET: ratio svcdesk / peer
  local ratio="-"
  [ "$4" != "-" ] && ratio=$(awk -v a="$2" -v b="$4" 'BEGIN {printf "%.2fx", a / b}')
  printf '%-38s %10s  %-34s %10s %8s  %s\n' "$1" "$2" "$3" "$4" "$ratio" "$5"
}
echo
printf 'svcdesk on PostgreSQL %s (throw-away cluster, fsync off, Unix socket), next to its peer in the same run\n' \
  "$("$bindir/postgres" -V | awk '{print $3}')"
printf 'load average: import %s; short commands %s (2 vCPUs)\n\n' "$load_before" "$load_short"
printf '%-38s %10s  %-34s %10s %8s  %s\n' operation svcdesk peer peer ratio target
row "import $rows rows (s)" "$SECONDS_import" "psql \\copy, bare table (s)" "$SECONDS_psql_copy" "<= 2x"
row "import peak memory (MB)" "$RSS_import" "-" "-" "flat"
row "import again, all present (s)" "$SECONDS_import_again" "-" "-" "-"
row "import $rows rows, desks at work (s)" "$SECONDS_import_second" "-" "-" "-"
row "intake (ms, median of $runs)" "$intake_ms" "psql -c INSERT ... RETURNING id" "$intake_peer" "<= 1.5x"
row "assign (ms)" "$assign_ms" "psql -c UPDATE tickets" "$assign_peer" "<= 1.5x"
row "show, 17 history events (ms)" "$show_ms" "psql -c SELECT ticket JOIN events" "$show_peer" "<= 1.5x"
row "svcdesk --version (ms)" "$version_ms" "psql -c 'SELECT 1'" "$select_peer" "-"
row "/bin/true, for scale (ms)" "$true_ms" "-" "-" "-"
echo
echo "$desks desks, intake/assign/start/resolve/close, whole process each (ms); alone:"
tail -n +2 "$work/desks_alone.txt"
echo "while a $rows-row import runs:"
tail -n +2 "$work/desks_import.txt"
echo "(target: no command over 1 s while the import runs)"
