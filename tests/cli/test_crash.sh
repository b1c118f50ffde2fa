#!/usr/bin/env bash
# Crash safety: `svcdesk import` of a large call log and a loop of writers (close, deposit) are
# killed with SIGKILL at random moments. After every kill `db check` passes, a killed import left
# all or nothing, and re-running the import ends with exactly the full set of rows.
# Short form in the test suite; bench/crash_long.sh runs it with 20 kills of each kind.
# Environment: CRASH_KILLS (default 3), CRASH_ROWS (default 20000), CRASH_SEED.
source "$(dirname "$0")/lib.sh"
kills=${CRASH_KILLS:-3}
rows=${CRASH_ROWS:-20000}
RANDOM=${CRASH_SEED:-$$}
setup_staff
export SVCDESK_USER=boss

python3 "$SVCDESK_SOURCE/bench/gen_la311.py" "$rows" "$TEST_DIR/calls.csv" || { failed "generating the call log"; finish; exit; }
db_save empty
count() { sql "select count(*) || '/' || count(distinct external_ref) from tickets"; }

# The time a whole import takes here, to spread the kills over it.
start=$(date +%s%N)
"$SVCDESK_BIN" import "$TEST_DIR/calls.csv" --profile la311 >/dev/null 2>"$TEST_DIR/import.err" || failed "reference import"
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_eq "$(count)" "$rows/$rows" "reference import has every row"

# ---------------------------------------------------------------- import killed
# A kill proves something only if it lands while the import runs: the delay is drawn from the
# middle of the reference time, and the import must have died of the SIGKILL (status 137). When
# this import was quicker than the reference and finished first, the round is drawn again with
# half the delay; a round that never catches its import fails.
all_or_nothing=0
interrupted=0
for round in $(seq 1 "$kills"); do
  lo=$((full_ms / 20)) hi=$((full_ms * 2 / 3 + 1))
  for attempt in 1 2 3 4 5 6; do
    db_restore empty
    "$SVCDESK_BIN" import "$TEST_DIR/calls.csv" --profile la311 >/dev/null 2>&1 &
    pid=$!
    delay=$((lo + (RANDOM * 32768 + RANDOM) % (hi - lo)))
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    status=$?
    [ "$status" -eq 137 ] && break
    echo "round $round: the import finished (exit $status) before the kill after ${delay} ms; again with half the delay"
    lo=$((lo / 2)) hi=$((hi / 2 + 1))
  done
  expect_eq "$status" "137" "round $round (kill after ${delay} ms, attempt $attempt): the import was killed while it ran"
  [ "$status" -eq 137 ] && interrupted=$((interrupted + 1))
  run db check
  expect_eq "$RC" "0" "round $round (kill after ${delay} ms): db check passes"
  # The load ran on a rollback journal (a large file into a small database); the next command
  # rolled back what the kill left and returned the database to WAL.
  on_pg || expect_eq "$(sql 'pragma journal_mode')" "wal" "round $round: back in WAL mode"
  after=$(count)
  if [ "$after" == "0/0" ] || [ "$after" == "$rows/$rows" ]; then
    all_or_nothing=$((all_or_nothing + 1))
    pass
  else
    failed "round $round: a killed import left $after rows (all or nothing expected)"
  fi
  run import "$TEST_DIR/calls.csv" --profile la311
  expect_eq "$RC" "0" "round $round: the re-run import succeeds"
  expect_eq "$(count)" "$rows/$rows" "round $round: exactly the full set of rows after the re-run"
  run db check
  expect_eq "$RC" "0" "round $round: db check after the re-run"
done
expect_eq "$interrupted" "$kills" "every import kill interrupted a running import"
echo "import: $interrupted of $kills kills interrupted a running import, $all_or_nothing all-or-nothing (full import ${full_ms} ms)"

# ---------------------------------------------------------------- writers killed mid-command
db_restore empty
writer() { # closes tickets and takes deposits in and out, forever; failures are expected
  local i=0 id tag
  while :; do
    i=$((i + 1))
    id=$("$SVCDESK_BIN" intake --channel phone --category consultation --customer "caller $i" --subject "call $i" 2>/dev/null)
    if [ -n "$id" ]; then
      "$SVCDESK_BIN" start "$id" >/dev/null 2>&1
      "$SVCDESK_BIN" resolve "$id" --resolution "answered $i" >/dev/null 2>&1
      "$SVCDESK_BIN" close "$id" --satisfaction 5 >/dev/null 2>&1
    fi
    tag=$(printf 'A%03d' $((i % 100 + 1)))
    "$SVCDESK_BIN" deposit in --tag "$tag" --depositor "D $i" --phone 13800000000 --id-number 110101199003077774 \
      --items "bag $i" --pieces 1 --checked >/dev/null 2>&1
    "$SVCDESK_BIN" deposit out "$tag" --pieces 1 >/dev/null 2>&1
  done
}
writer 2>/dev/null &
loop=$!
# Only svcdesk processes count as killed (a kill of a shell in the loop interrupts no command);
# each round waits up to 5 s for one to be running.
name=$(basename "$SVCDESK_BIN" | cut -c1-15)
killed=0
for round in $(seq 1 "$kills"); do
  sleep "0.$(printf '%03d' $((RANDOM % 1000)))"
  victims=""
  for _ in $(seq 1 100); do
    victims=$(pgrep -P "$loop" -x "$name") && break
    sleep 0.05
  done
  for v in $victims; do kill -KILL "$v" 2>/dev/null && killed=$((killed + 1)); done
  run db check
  expect_eq "$RC" "0" "writer round $round: db check passes while the writer goes on"
done
kill "$loop" 2>/dev/null
wait "$loop" 2>/dev/null
for v in $(pgrep -P "$loop" 2>/dev/null); do kill -KILL "$v" 2>/dev/null; done
run db check
expect_eq "$RC" "0" "db check after the writer kills"
expect_eq "$ERR" "" "db check reports nothing"
expect_eq "$(sql "select count(*) from deposits where status = 'stored' group by tag having count(*) > 1")" "" \
  "never two active deposits on one tag"
[ "$killed" -gt 0 ] && pass || failed "no svcdesk process was killed: the writer rounds proved nothing"
echo "writers: $kills rounds, $killed svcdesk processes killed, $(sql 'select count(*) from tickets') tickets, $(sql 'select count(*) from deposits') deposits"
finish
