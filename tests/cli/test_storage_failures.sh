#!/usr/bin/env bash
# Storage failures: a full disk (intake, import, backup, report and .ics files), a read-only
# database, a missing folder. Each failing command prints one `svcdesk: error:` line and exits 1;
# the database is exactly as before and still passes `db check`; no file is left half written.
# The full disk is a small tmpfs (root, as in CI); without mount permission it is a file-size
# limit (ulimit -f) on the svcdesk process instead.
source "$(dirname "$0")/lib.sh"
if on_pg; then echo "skip: full disks, read-only files and missing folders of a SQLite database; a PostgreSQL server reports its own storage errors"; exit 77; fi

small="$TEST_DIR/small"
mkdir -p "$small"
mounted=0
if [ "${STORAGE_NO_MOUNT:-0}" != 1 ] && mount -t tmpfs -o size=8m,mode=0700 svcdesk-test "$small" 2>/dev/null; then
  mounted=1
fi
holder=""
cleanup() {
  [ -n "$holder" ] && { exec 7>&-; kill "$holder" 2>/dev/null; }
  [ "$mounted" -eq 1 ] && umount -l "$small"
  rm -rf "$TEST_DIR"
}
trap cleanup EXIT

export SVCDESK_DB="$small/svcdesk.db"
sd init --sandbox >/dev/null
setup_staff
export SVCDESK_USER=boss
for i in 1 2 3; do # closed tickets: their survey callbacks fill an .ics file of more than 1 KiB
  id=$(sd intake --channel phone --category other --customer "c$i" --subject "s$i")
  sd start "$id" >/dev/null && sd resolve "$id" --resolution done >/dev/null && sd close "$id" >/dev/null
done
python3 "$SVCDESK_SOURCE/bench/gen_la311.py" 3000 "$TEST_DIR/calls.csv" >/dev/null || failed "generating the call log"

# no_leftovers DESCRIPTION: no temp or partial file beside the database.
no_leftovers() {
  local extra
  extra=$(cd "$small" && ls -A | grep -v -x -e svcdesk.db -e svcdesk.db-wal -e svcdesk.db-shm -e filler)
  expect_eq "$extra" "" "$1: no file left behind"
}

# ------------------------------------------------------------------------ disk full
real_bin=$SVCDESK_BIN
# Another connection keeps the database open, as an agent's would, so that its -shm file stays
# and the commands below fail where they write; an empty WAL, so that a write must grow a file.
mkfifo "$TEST_DIR/hold"
sqlite3 "$SVCDESK_DB" <"$TEST_DIR/hold" >/dev/null &
holder=$!
exec 7>"$TEST_DIR/hold"
echo 'select count(*) from tickets;' >&7
sleep 0.3
sqlite3 "$SVCDESK_DB" 'pragma wal_checkpoint(truncate)' >/dev/null
# fill: not one free page left on the tmpfs.
fill() { [ "$mounted" -eq 0 ] || dd if=/dev/zero of="$small/filler" bs=4096 oflag=append conv=notrunc 2>/dev/null; }
if [ "$mounted" -eq 1 ]; then
  how="a full tmpfs"
  fill
  expect_eq "$(df --output=avail "$small" | tail -n 1 | tr -d ' ')" "0" "the tmpfs is full"
else
  how="a file-size limit"
  # Every file write past 1 KiB fails with EFBIG (SIGXFSZ ignored): as good as a full disk.
  cat >"$TEST_DIR/limited" <<EOF
#!/usr/bin/env bash
trap '' XFSZ
ulimit -f 1
exec "$real_bin" "\$@"
EOF
  chmod +x "$TEST_DIR/limited"
  SVCDESK_BIN="$TEST_DIR/limited"
fi
echo "disk full simulated by $how"

expect_unchanged 1 "intake on a full disk" -- intake --channel phone --category other --customer x --subject y
expect_contains "$ERR" "svcdesk: error: database $SVCDESK_DB: " "the error names the database"
if [ "$mounted" -eq 1 ]; then expect_contains "$ERR" "the disk is full" "the error says the disk is full"; fi
expect_not_contains "$ERR" "SQLite" "no raw library text"
no_leftovers "intake"

expect_unchanged 1 "import on a full disk" -- import "$TEST_DIR/calls.csv" --profile la311
expect_contains "$ERR" "svcdesk: error: database $SVCDESK_DB: " "import: the error names the database"
no_leftovers "import"

expect_unchanged 1 "import with a reject file on a full disk" -- import "$TEST_DIR/calls.csv" --profile la311 \
  --reject-file "$small/rejects.csv"
no_leftovers "import with a reject file"

expect_unchanged 1 "db backup on a full disk" -- db backup "$small/backup.db"
expect_contains "$ERR" "svcdesk: error: backup to $small/backup.db failed: " "backup: the error names the file"
no_leftovers "db backup"

expect_unchanged 1 "report --output on a full disk" -- report daily --output "$small/report.txt"
expect_contains "$ERR" "svcdesk: error: cannot write $small/report.txt: " "report: the error names the file"
no_leftovers "report"

expect_unchanged 1 "callback export --ics on a full disk" -- callback export --ics "$small/callbacks.ics"
expect_contains "$ERR" "svcdesk: error: cannot write $small/callbacks.ics: " "export: the error names the file"
no_leftovers "callback export"

# No other connection: the next command must create the -shm file itself on the full disk.
exec 7>&- # end of input: sqlite3 closes the database and removes the -wal and -shm files
wait "$holder"
holder=""
fill
expect_unchanged 1 "intake on a full disk, no other connection" -- intake --channel phone --category other \
  --customer x --subject y
if [ "$mounted" -eq 1 ]; then
  expect_eq "$ERR" "svcdesk: error: database $SVCDESK_DB: the disk is full" "the error says the disk is full"
else
  expect_eq "$ERR" "svcdesk: error: database $SVCDESK_DB: a file reached the file size limit of the process (ulimit -f)" \
    "the error names the file size limit"
fi

SVCDESK_BIN=$real_bin
rm -f "$small/filler"
# What the failed commands may have left for SQLite to clean up, it does now.
expect_exit 0 "db check after the disk-full failures" -- db check
run --format json list
before=$(json 'len(j)')
expect_exit 0 "intake works again once there is room" -- intake --channel phone --category other --customer x --subject y
run --format json list
expect_eq "$(json 'len(j)')" "$((before + 1))" "the new ticket is there"
expect_exit 0 "import works again once there is room" -- import "$TEST_DIR/calls.csv" --profile la311
expect_eq "$(sqlite3 "$SVCDESK_DB" 'select count(*) from tickets where external_ref is not null')" "3000" \
  "every row imported after the failures"
expect_exit 0 "db check at the end" -- db check

# ------------------------------------------------------------------------ read-only database
sd db backup "$TEST_DIR/ro-rollback.db" >/dev/null # rollback-journal copy
cp "$SVCDESK_DB" "$TEST_DIR/ro-wal.db"             # a WAL-mode copy (the WAL was checkpointed)
sqlite3 "$TEST_DIR/ro-wal.db" 'pragma journal_mode' | grep -q wal || failed "the copy is in WAL mode"
for kind in rollback wal; do
  db="$TEST_DIR/ro-$kind.db"
  state=$(sqlite3 "$db" .dump)
  if [ "$mounted" -eq 1 ]; then
    # A read-only filesystem: refuses root too.
    ro="$TEST_DIR/ro-$kind"
    mkdir -p "$ro" && mount -t tmpfs -o size=8m,mode=0755 svcdesk-ro "$ro" && cp "$db" "$ro/svcdesk.db" &&
      mount -o remount,ro "$ro" || { failed "read-only tmpfs for $kind"; continue; }
    expect_exit 1 "intake into a read-only database ($kind, read-only filesystem)" -- --db "$ro/svcdesk.db" \
      intake --channel phone --category other --customer x --subject y
    expect_not_contains "$ERR" "SQLite" "no raw library text"
    expect_eq "$(ls -A "$ro")" "svcdesk.db" "nothing created on the read-only filesystem"
    umount -l "$ro"
  fi
  if [ "$(id -u)" -ne 0 ]; then
    chmod 0444 "$db"
    expect_exit 1 "intake into a read-only database file ($kind)" -- --db "$db" \
      intake --channel phone --category other --customer x --subject y
    chmod 0600 "$db"
  fi
  expect_eq "$(sqlite3 "$db" .dump)" "$state" "the read-only database ($kind) is unchanged"
done

# An unprivileged user and a file they may only read (root ignores file modes).
if [ "$(id -u)" -eq 0 ] && runuser -u nobody -- test -x "$SVCDESK_BIN" 2>/dev/null; then
  chmod 0711 "$TEST_DIR"
  mkdir -m 0755 "$TEST_DIR/shared"
  cp "$TEST_DIR/ro-rollback.db" "$TEST_DIR/shared/svcdesk.db" && chmod 0644 "$TEST_DIR/shared/svcdesk.db"
  state=$(sqlite3 "$TEST_DIR/shared/svcdesk.db" .dump)
  OUT=$(runuser -u nobody -- env SVCDESK_USER=boss HOME=/nonexistent "$SVCDESK_BIN" --db "$TEST_DIR/shared/svcdesk.db" \
        intake --channel phone --category other --customer x --subject y 2>"$TEST_DIR/.stderr")
  RC=$?
  ERR=$(cat "$TEST_DIR/.stderr")
  expect_eq "$RC" "1" "intake as a user who may only read the database: exit 1"
  expect_eq "$ERR" "svcdesk: error: database $TEST_DIR/shared/svcdesk.db: the database is read-only (check the permissions of the file and folder)" \
    "one line that says the database is read-only"
  expect_eq "$(sqlite3 "$TEST_DIR/shared/svcdesk.db" .dump)" "$state" "the database is unchanged"
  expect_eq "$(ls -A "$TEST_DIR/shared")" "svcdesk.db" "no journal left behind"
  chmod 0700 "$TEST_DIR"
fi

# ------------------------------------------------------------------------ missing folder
expect_exit 1 "init in a missing folder" -- --db "$TEST_DIR/nope/x.db" init
expect_eq "$ERR" "svcdesk: error: cannot create database $TEST_DIR/nope/x.db: No such file or directory" "says which file and why"
expect_exit 1 "a command on a database in a missing folder" -- --db "$TEST_DIR/nope/x.db" list
expect_unchanged 1 "backup into a missing folder" -- db backup "$TEST_DIR/nope/backup.db"
expect_unchanged 1 "report into a missing folder" -- report daily --output "$TEST_DIR/nope/report.txt"
expect_unchanged 1 "reject file in a missing folder" -- import "$TEST_DIR/calls.csv" --profile la311 \
  --reject-file "$TEST_DIR/nope/rejects.csv"
[ -e "$TEST_DIR/nope" ] && failed "the missing folder was created" || pass
finish
