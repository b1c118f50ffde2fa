#!/usr/bin/env bash
# Database and configuration: creation, migration guard, check, backup, and storage errors.
source "$(dirname "$0")/lib.sh"

# ---- created on first use, private, and versioned
expect_exit 0 "init" -- init
if on_pg; then # the file mode and the journal are SQLite's
  expect_eq "$(sql 'select version from schema_version')" "10" "schema version recorded"
else
  expect_eq "$(stat -c %a "$SVCDESK_DB")" "600" "database file is mode 0600"
  expect_eq "$(sql 'pragma user_version')" "10" "schema version recorded"
  expect_eq "$(sql 'pragma journal_mode')" "wal" "WAL journal"
fi
expect_exit 0 "init twice is harmless" -- init
expect_exit 0 "db migrate" -- db migrate
expect_contains "$OUT" "is at schema version 10" "db migrate names the version"
expect_exit 1 "db migrate creates nothing" -- --db "$TEST_DIR/none.db" db migrate
[ -e "$TEST_DIR/none.db" ] && failed "db migrate created a database" || pass
# A PostgreSQL server that is not there: one line, exit 1, and the password masked.
expect_exit 1 "unreachable server" -- --db "postgresql://svcdesk:s3cret@127.0.0.1:1/nowhere" list
expect_contains "$ERR" "postgresql://svcdesk:***@127.0.0.1:1/nowhere" "the location is named"
expect_not_contains "$ERR" "s3cret" "the password is masked"
expect_exit 1 "unreachable server (keyword form)" -- --db "host=127.0.0.1 port=1 password=s3cret dbname=x" list
expect_not_contains "$ERR" "s3cret" "the password is masked (keyword form)"
# libpq is opened only for a PostgreSQL location: hidden (an empty file bound over it in a
# mount namespace of this test's own), SQLite still works and PostgreSQL says what to install.
libpq=$(ldconfig -p | awk '$1 == "libpq.so.5" {print $NF; exit}')
if [ -n "$libpq" ] && unshare -m true 2>/dev/null; then
  hidden() { unshare -m sh -c 'mount --bind /dev/null "$1" && shift && exec "$@"' sh "$libpq" "$SVCDESK_BIN" "$@"; }
  ERR=$(hidden --db "postgresql://127.0.0.1:1/nowhere" list 2>&1 >/dev/null)
  RC=$?
  expect_eq "$RC" "1" "a PostgreSQL location without libpq exits 1"
  expect_contains "$ERR" "install the libpq5 package" "the missing libpq is named"
  expect_eq "$(printf '%s\n' "$ERR" | wc -l)" "1" "one error line without libpq"
  if ! on_pg; then
    hidden db migrate >/dev/null 2>&1
    expect_eq "$?" "0" "SQLite commands do not need libpq"
  fi
fi
expect_exit 0 "first staff needs no actor" -- staff add boss --name 杨昕 --desk internal --role supervisor
SVCDESK_USER= expect_unchanged 5 "second staff needs an actor" -- staff add a1 --name 张三 --desk internal --role agent
expect_exit 0 "second staff with an actor" -- staff add a1 --name 张三 --desk internal --role agent --as boss --phone 13911112222
expect_unchanged 4 "duplicate staff id" -- staff add a1 --name 张三 --desk internal --role agent --as boss
expect_unchanged 2 "unknown role" -- staff add a2 --name 李四 --desk internal --role wizard --as boss
expect_unchanged 2 "unknown desk" -- staff add a2 --name 李四 --desk lobby --role agent --as boss
expect_unchanged 2 "bad staff id" -- staff add "a 2" --name 李四 --desk internal --role agent --as boss
run staff list --format json
expect_eq "$(json '[s["id"] for s in j], j[0]["phone"]')" "['a1', 'boss'] 139****2222" "staff list, masked"
expect_exit 0 "staff show" -- staff show a1
expect_unchanged 3 "staff show unknown" -- staff show zz
expect_exit 0 "deactivate" -- staff deactivate a1 --as boss
expect_unchanged 4 "deactivate twice" -- staff deactivate a1 --as boss
expect_unchanged 3 "deactivate unknown" -- staff deactivate zz --as boss
run staff list --format json
expect_eq "$(json 'len(j)')" "1" "deactivated staff hidden from the list"
run staff list --all --format json
expect_eq "$(json 'len(j)')" "2" "staff list --all"

# ---- a replica for the reads (SVCDESK_READ_DB, [database] read_url; issue 22): the streaming
# replica itself is tests/pg/test_pg_replica.sh's. Here: where it may be set, and one that is down.
down="postgresql://svcdesk:s3cret@127.0.0.1:1/replica"
printf '[database]\nread_url = "%s"\n' "$down" >replica.toml
if on_pg; then
  SVCDESK_READ_DB=$down expect_unchanged 1 "a read with its replica down" -- staff list
  expect_contains "$ERR" "reading the replica (database.read_url or SVCDESK_READ_DB): cannot connect to database \
postgresql://svcdesk:***@127.0.0.1:1/replica" "names the replica, password masked"
  expect_not_contains "$ERR" "s3cret" "the replica's password is masked"
  SVCDESK_READ_DB=$down expect_exit 0 "a write never opens the replica" -- staff update boss --phone 13911113333
  SVCDESK_READ_DB=$down expect_exit 0 "nor does whoami (what login just wrote)" -- whoami
  SVCDESK_READ_DB=/srv/copy.db expect_unchanged 1 "a replica that is a file" -- staff list
  expect_eq "$ERR" "svcdesk: error: database.read_url or SVCDESK_READ_DB must be a PostgreSQL server \
(postgresql://...), not /srv/copy.db" "a replica is a PostgreSQL server"
else
  SVCDESK_READ_DB=$down expect_unchanged 1 "a replica beside a SQLite file: any command" \
    -- staff update boss --phone 13911113333
  expect_contains "$ERR" "names a replica (postgresql://svcdesk:***@127.0.0.1:1/replica), but the database" \
    "says a SQLite file has no replica"
  expect_contains "$ERR" "is a SQLite file, which has none" "and why"
  # The configuration's read_url is its own primary's; with the database named by SVCDESK_DB (as
  # here) it is not used, and the reads go to the database named.
  expect_exit 0 "the config's read_url beside SVCDESK_DB" -- --config replica.toml staff list
  printf '[database]\npath = "%s"\nread_url = "%s"\n' "$SVCDESK_DB" "$down" >paired.toml
  SVCDESK_DB= expect_unchanged 1 "the config's read_url beside the config's SQLite path" \
    -- --config paired.toml staff list
fi
expect_exit 0 "config check takes a read_url" -- config check replica.toml

# ---- db check and backup
sd --as boss intake --channel phone --category other --customer a --subject b >/dev/null
expect_exit 0 "db check" -- db check
if on_pg; then # db backup copies SQLite files; PostgreSQL is backed up with pg_dump
  expect_exit 2 "backup points to pg_dump" -- db backup "$TEST_DIR/backup.db"
  expect_contains "$ERR" "pg_dump" "names pg_dump"
  [ -e "$TEST_DIR/backup.db" ] && failed "backup wrote a file" || pass
  # a SQLite copy stands in for the backup in the checks below
  expect_exit 0 "db copy to a SQLite file" -- db copy --from "$SVCDESK_DB" --to "$TEST_DIR/backup.db"
  expect_exit 0 "the copy passes db check" -- --db "$TEST_DIR/backup.db" db check
else
  expect_exit 0 "backup" -- db backup "$TEST_DIR/backup.db"
  expect_eq "$(stat -c %a "$TEST_DIR/backup.db")" "600" "backup is mode 0600"
  expect_exit 0 "backup passes db check" -- --db "$TEST_DIR/backup.db" db check
  expect_exit 2 "backup refuses to overwrite" -- db backup "$TEST_DIR/backup.db"
fi
sql "update tickets set status = 'closed'"
expect_exit 1 "db check finds a status that disagrees with the history" -- db check
expect_contains "$OUT" "ticket 1: status closed but its history says new" "the problem is named"

# ---- a database from a newer svcdesk is refused
if on_pg; then
  newer=$(new_db newer)
  sd --db "$newer" init >/dev/null
  sql_at "$newer" "update schema_version set version = 99"
else
  newer="$TEST_DIR/newer.db"
  cp "$TEST_DIR/backup.db" "$newer"
  sqlite3 "$newer" "pragma user_version = 99"
fi
expect_exit 1 "newer schema refused" -- --db "$newer" list
expect_contains "$ERR" "schema version 99, newer than this svcdesk knows" "says why"

# ---- storage errors: one line, exit 1, nothing written
expect_exit 1 "missing directory" -- --db "$TEST_DIR/nope/x.db" init
[ -e "$TEST_DIR/nope" ] && failed "missing directory was created" || pass
cp "$TEST_DIR/backup.db" "$TEST_DIR/ro.db"; chmod 0400 "$TEST_DIR/ro.db"
if [ "$(id -u)" -ne 0 ]; then
  expect_exit 1 "read-only database" -- --db "$TEST_DIR/ro.db" --as boss intake --channel phone --category other --customer a --subject b
fi
chattr +i "$TEST_DIR/ro.db" 2>/dev/null && {
  expect_exit 1 "immutable database" -- --db "$TEST_DIR/ro.db" --as boss intake --channel phone --category other --customer a --subject b
  chattr -i "$TEST_DIR/ro.db"
}

# ---- configuration errors name file and line, exit 1
printf '[site]\ntime_zone = "Mars/Base"\n' >"$TEST_DIR/bad.toml"
expect_exit 1 "bad config" -- --config "$TEST_DIR/bad.toml" list
expect_eq "$ERR" "svcdesk: error: $TEST_DIR/bad.toml:2: site.time_zone: unknown time zone 'Mars/Base' (use an IANA name such as Asia/Shanghai)" "file:line: key"
SVCDESK_CONFIG="$TEST_DIR/missing.toml" expect_exit 1 "SVCDESK_CONFIG must exist" -- list
mkdir -p "$XDG_CONFIG_HOME/svcdesk"
printf '[site]\ntime_zone = "Europe/Berlin"\n' >"$XDG_CONFIG_HOME/svcdesk/config.toml"
run show 1 --format json
expect_eq "$(json 'j["created_at"]')" "2026-11-23T02:00:00+01:00" "XDG config layer changes the output zone"
SVCDESK_NOW=garbage expect_exit 2 "bad SVCDESK_NOW" -- list
finish
