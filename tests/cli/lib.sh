# Shared helpers for the end-to-end tests: each test script sources this file, gets a fresh
# temp directory with its own database, and runs the real binary.
# On PostgreSQL (SVCDESK_TEST_PG=postgresql://user@host:port, or SVCDESK_TEST_PG_STATE=DIR
# holding that URL in DIR/url, as tests/pg/cluster.sh writes it) each script gets a database of
# its own on that server instead of the SQLite file, dropped at exit.
# shellcheck shell=bash
set -u

SVCDESK_BIN=${SVCDESK_BIN:?set SVCDESK_BIN to the svcdesk binary}
SVCDESK_SOURCE=${SVCDESK_SOURCE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/svcdesk-test.XXXXXX")
trap 'rm -rf "$TEST_DIR"' EXIT
cd "$TEST_DIR" || exit 1

if [ -z "${SVCDESK_TEST_PG:-}" ] && [ -n "${SVCDESK_TEST_PG_STATE:-}" ]; then
  SVCDESK_TEST_PG=$(cat "$SVCDESK_TEST_PG_STATE/url") || { echo "no test cluster running" >&2; exit 1; }
fi
# Python is Debian's interpreter, the one scripts/deps.sh equips (python3-icalendar, python3-pil),
# not the first python3 on PATH: a version manager's shim there costs about 0.5 s a call, and the
# suite calls Python some 150 times. Exported, so that scripts run from a test use it too.
if [ -x /usr/bin/python3 ]; then
  python3() { /usr/bin/python3 "$@"; }
  export -f python3
fi
PG_BINDIR=${PG_BINDIR:-$(pg_config --bindir 2>/dev/null || true)}
[ -x "$PG_BINDIR/psql" ] || PG_BINDIR=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
# on_pg: true when this run stores into PostgreSQL.
on_pg() { [ -n "${SVCDESK_TEST_PG:-}" ]; }
if on_pg; then
  PG_DBNAME="svcdesk_test_$(basename "$TEST_DIR" | tr -c 'a-zA-Z0-9' '_' | tr 'A-Z' 'a-z')$$"
  "$PG_BINDIR/psql" "$SVCDESK_TEST_PG/postgres" -XAtq -v ON_ERROR_STOP=1 -c "CREATE DATABASE $PG_DBNAME" ||
    { echo "cannot create the test database on $SVCDESK_TEST_PG" >&2; exit 1; }
  # drops this script's database and every one made by new_db / db_save / db_clone
  pg_cleanup() {
    local name
    for name in $("$PG_BINDIR/psql" "$SVCDESK_TEST_PG/postgres" -XAtq \
                    -c "SELECT datname FROM pg_database WHERE datname LIKE '${PG_DBNAME}%'" 2>/dev/null); do
      "$PG_BINDIR/psql" "$SVCDESK_TEST_PG/postgres" -XAtq -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1
    done
  }
  trap 'pg_cleanup; rm -rf "$TEST_DIR"' EXIT
fi

export HOME="$TEST_DIR/home" XDG_CONFIG_HOME="$TEST_DIR/home/.config" XDG_DATA_HOME="$TEST_DIR/home/.local/share"
export SVCDESK_DB="$TEST_DIR/svcdesk.db"
on_pg && SVCDESK_DB="$SVCDESK_TEST_PG/$PG_DBNAME"
export SVCDESK_NOW="2026-11-23T09:00:00+08:00" # a Monday
export NO_COLOR=1
unset SVCDESK_CONFIG SVCDESK_READ_DB
# Messages in English (the scripts compare them) whatever the caller's locale, and UTF-8 text
# (bash's $'\u009B' needs it); test_locale.sh runs commands under zh_CN.UTF-8 and C as well.
# The catalogues are the build tree's (po/CMakeLists.txt: <build>/locale, beside
# <build>/apps/svcdesk).
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES LANGUAGE
if [ -z "${SVCDESK_LOCALEDIR:-}" ]; then
  SVCDESK_LOCALEDIR=$(cd "$(dirname "$SVCDESK_BIN")/.." && pwd)/locale
fi
export SVCDESK_LOCALEDIR
mkdir -p "$HOME"
# Every test database is a sandbox (issue 18), where --as, SVCDESK_USER and SVCDESK_NOW are taken
# at their word; commands act as the supervisor of setup_staff unless --as says otherwise.
# test_identity.sh makes production databases of its own, where identities are proven.
export SVCDESK_USER=boss
"$SVCDESK_BIN" init --sandbox >/dev/null || { echo "cannot create the sandbox test database" >&2; exit 1; }

PASSED=0
FAILED=0
OUT=""  # stdout of the last run
ERR=""  # stderr of the last run
RC=0    # exit code of the last run

sd() { "$SVCDESK_BIN" "$@"; }

# run CMD...: runs svcdesk, keeping stdout, stderr and the exit code.
run() {
  OUT=$("$SVCDESK_BIN" "$@" 2>"$TEST_DIR/.stderr")
  RC=$?
  ERR=$(cat "$TEST_DIR/.stderr")
}

pass() { PASSED=$((PASSED + 1)); }
failed() {
  FAILED=$((FAILED + 1))
  echo "FAIL: $*" >&2
  echo "  stdout: ${OUT:0:2000}" >&2
  echo "  stderr: ${ERR:0:2000}" >&2
}

# expect_exit CODE DESCRIPTION -- CMD...: runs svcdesk CMD and checks the exit code; a failure
# must print exactly one line starting "svcdesk: error:".
expect_exit() {
  local code=$1 what=$2
  shift 3
  run "$@"
  if [ "$RC" -ne "$code" ]; then
    failed "$what: exit $RC, expected $code (svcdesk $*)"
    return 1
  fi
  if [ "$code" -ne 0 ]; then
    if [ "$(printf '%s\n' "$ERR" | wc -l)" -ne 1 ] || [[ "$ERR" != "svcdesk: error: "* ]]; then
      failed "$what: stderr is not one 'svcdesk: error:' line"
      return 1
    fi
  fi
  pass
}

# sql QUERY: runs SQL on the test database (sqlite3 or psql), rows as a|b|c lines.
sql() {
  if on_pg; then "$PG_BINDIR/psql" "$SVCDESK_DB" -XAtq -v ON_ERROR_STOP=1 -c "$1"
  else sqlite3 "$SVCDESK_DB" "$1"; fi
}
# undo_schema_v10: the test database as version 9 left it (scripts that build an older database
# undo the versions from the newest down): no purged_at columns, and on SQLite version 1's deposit
# trigger again, which does not name them. The schema version itself is the caller's to set.
undo_schema_v10() {
  if on_pg; then
    sql "ALTER TABLE tickets DROP COLUMN purged_at; ALTER TABLE deposits DROP COLUMN purged_at;
         ALTER TABLE customers DROP COLUMN purged_at; ALTER TABLE loans DROP COLUMN purged_at; DROP INDEX loans_phone"
  else
    sql "DROP TRIGGER deposits_contents_fixed; ALTER TABLE tickets DROP COLUMN purged_at;
         ALTER TABLE deposits DROP COLUMN purged_at; ALTER TABLE customers DROP COLUMN purged_at;
         DROP INDEX loans_phone; ALTER TABLE loans DROP COLUMN purged_at;
         CREATE TRIGGER deposits_contents_fixed BEFORE UPDATE ON deposits
         WHEN NEW.tag IS NOT OLD.tag OR NEW.desk IS NOT OLD.desk OR NEW.pieces IS NOT OLD.pieces
           OR NEW.items IS NOT OLD.items OR NEW.depositor IS NOT OLD.depositor OR NEW.phone IS NOT OLD.phone
           OR NEW.id_last4 IS NOT OLD.id_last4 OR NEW.id_hash IS NOT OLD.id_hash OR NEW.sealed IS NOT OLD.sealed
           OR NEW.deposited_at IS NOT OLD.deposited_at OR OLD.status <> 'stored'
         BEGIN SELECT RAISE(ABORT, 'a deposit''s contents are never edited, and a released or disposed deposit is final'); END"
  fi
}

# sql_at LOCATION QUERY: sql on another test database (a path or a URL from new_db/db_clone).
sql_at() {
  if on_pg; then "$PG_BINDIR/psql" "$1" -XAtq -v ON_ERROR_STOP=1 -c "$2"
  else sqlite3 "$1" "$2"; fi
}

# pg_admin SQL: runs SQL on the test server's maintenance database. A database that was just
# used by a killed process may still be busy for a moment: retried for up to 10 s.
pg_admin() {
  local i
  for i in $(seq 1 50); do
    "$PG_BINDIR/psql" "$SVCDESK_TEST_PG/postgres" -XAtq -v ON_ERROR_STOP=1 -c "$1" 2>"$TEST_DIR/.pg_admin" && return 0
    grep -q "being accessed by other users" "$TEST_DIR/.pg_admin" || break
    sleep 0.2
  done
  cat "$TEST_DIR/.pg_admin" >&2
  return 1
}

# new_db NAME: prints the location of a new, empty database of this test (not yet initialised;
# `sd --db LOCATION init --sandbox` makes it one the suite's --as works on).
new_db() {
  if on_pg; then pg_admin "CREATE DATABASE ${PG_DBNAME}_$1" && echo "$SVCDESK_TEST_PG/${PG_DBNAME}_$1"
  else echo "$TEST_DIR/$1.db"; fi
}

# db_save NAME / db_restore NAME: a snapshot of the test database, and putting it back.
db_save() {
  if on_pg; then pg_admin "CREATE DATABASE ${PG_DBNAME}_$1 TEMPLATE $PG_DBNAME"
  else cp "$SVCDESK_DB" "$TEST_DIR/$1.db"; fi
}
db_restore() {
  if on_pg; then
    pg_admin "DROP DATABASE IF EXISTS $PG_DBNAME WITH (FORCE)" && pg_admin "CREATE DATABASE $PG_DBNAME TEMPLATE ${PG_DBNAME}_$1"
  else
    rm -f "$SVCDESK_DB" "$SVCDESK_DB-wal" "$SVCDESK_DB-shm" "$SVCDESK_DB-journal"
    cp "$TEST_DIR/$1.db" "$SVCDESK_DB"
  fi
}
# db_clone SAVED NAME: prints the location of a fresh copy NAME of the snapshot SAVED.
db_clone() {
  if on_pg; then
    pg_admin "DROP DATABASE IF EXISTS ${PG_DBNAME}_$2 WITH (FORCE)" &&
      pg_admin "CREATE DATABASE ${PG_DBNAME}_$2 TEMPLATE ${PG_DBNAME}_$1" && echo "$SVCDESK_TEST_PG/${PG_DBNAME}_$2"
  else
    cp "$TEST_DIR/$1.db" "$TEST_DIR/$2.db" && echo "$TEST_DIR/$2.db"
  fi
}

# db_state: a text dump of the whole database, to compare before and after a command.
# On PostgreSQL without the positions of the id sequences: a refused command may use up ids
# (a sequence is never rolled back; issue 22, docs/deployment.md), which is no change of data.
db_state() {
  # (pg_dump 15.14+ writes a random \restrict key into every dump)
  if on_pg; then "$PG_BINDIR/pg_dump" --data-only "$SVCDESK_DB" 2>/dev/null | grep -v '^\\\(un\)\?restrict \|^SELECT pg_catalog.setval('
  else sqlite3 "$SVCDESK_DB" .dump 2>/dev/null; fi
}

# expect_unchanged CODE DESCRIPTION -- CMD...: the command fails with CODE and the database is
# byte-for-byte the same dump as before.
expect_unchanged() {
  local before after
  before=$(db_state)
  expect_exit "$@" || return 1
  after=$(db_state)
  if [ "$before" != "$after" ]; then
    failed "$2: the database changed"
    diff <(echo "$before") <(echo "$after") | head -20 >&2
    return 1
  fi
  pass
}

# import_run CODE DESCRIPTION -- CMD...: for commands that report each bad row of a file on
# stderr (import, roster import): stderr must end with exactly one "svcdesk: error:" line when
# the command fails.
import_run() { # import_run CODE DESCRIPTION -- ARGS...
  local code=$1 what=$2
  shift 3
  run "$@"
  if [ "$RC" -ne "$code" ]; then failed "$what: exit $RC, expected $code"; return 1; fi
  local errors last
  errors=$(grep -c '^svcdesk: error:' <<<"$ERR")
  last=$(tail -n 1 <<<"$ERR")
  if [ "$code" -ne 0 ] && { [ "$errors" -ne 1 ] || [[ "$last" != "svcdesk: error: "* ]]; }; then
    failed "$what: stderr must end with one svcdesk: error: line"
    return 1
  fi
  if [ "$code" -eq 0 ] && [ "$errors" -ne 0 ]; then failed "$what: error line on success"; return 1; fi
  pass
}
# Same, and the database must be exactly as before.
import_unchanged() {
  local before after
  before=$(db_state)
  import_run "$@" || return 1
  after=$(db_state)
  if [ "$before" != "$after" ]; then failed "$2: the database changed"; return 1; fi
  pass
}

expect_eq() { # expect_eq ACTUAL EXPECTED DESCRIPTION
  if [ "$1" == "$2" ]; then pass; else failed "$3: got '$1', expected '$2'"; fi
}

expect_contains() { # expect_contains HAYSTACK NEEDLE DESCRIPTION
  if [[ "$1" == *"$2"* ]]; then pass; else failed "$3: '$2' not found"; fi
}

expect_not_contains() {
  if [[ "$1" != *"$2"* ]]; then pass; else failed "$3: '$2' found"; fi
}

# json EXPR: evaluates a Python expression on the JSON in $OUT (bound to j).
json() { python3 -c "import json,sys; j=json.loads(sys.stdin.read()); print($1)" <<<"$OUT"; }

# A database with a supervisor (boss), two agents at the internal desk and one at emergency.
setup_staff() {
  sd init >/dev/null
  sd staff add boss --name 杨昕 --desk internal --role supervisor,agent --phone 13800000001 >/dev/null
  sd --as boss staff add a1 --name 张三 --desk internal --role agent --phone 13800000002 >/dev/null
  sd --as boss staff add a2 --name 李四 --desk internal --role agent,front_desk >/dev/null
  sd --as boss staff add e1 --name 王五 --desk emergency --role agent,green_channel >/dev/null
}

finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
