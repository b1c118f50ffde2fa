#!/usr/bin/env bash
# db copy (issue 8): the demo database goes SQLite → PostgreSQL → SQLite, and the three give the
# same export and report output; each copy verifies counts and checksums. On a SQLite-only run
# the middle database is a second SQLite file.
source "$(dirname "$0")/../cli/lib.sh"
export SVCDESK_USER=in01 # supervisor of the internal desk in the demo roster
# a copy goes into a new database (lib.sh's is a sandbox already, with its mark in meta)
SVCDESK_DB=$(new_db copy)
demo="$TEST_DIR/demo.db"
back="$TEST_DIR/back.db"
DEMO_DB="$demo" DEMO_BIN="$SVCDESK_BIN" bash "$SVCDESK_SOURCE/scripts/demo.sh" >"$TEST_DIR/demo.log" 2>&1 ||
  { failed "make demo: $(tail -3 "$TEST_DIR/demo.log")"; finish; exit 1; }

expect_exit 0 "copy the demo into the test database" -- db copy --from "$demo" --to "$SVCDESK_DB"
expect_contains "$OUT" "counts and checksums verified" "the copy is verified"
first=$(grep sha256 <<<"$OUT")
expect_contains "$first" "tickets" "per-table figures"
expect_exit 0 "copy it back into a new SQLite file" -- db copy --from "$SVCDESK_DB" --to "$back"
expect_eq "$(grep sha256 <<<"$OUT")" "$first" "the same rows and checksums on the way back"

for what in tickets callbacks deposits; do
  want=$(sd --db "$demo" export "$what" --format jsonl)
  [ -n "$want" ] && pass || failed "the demo has $what"
  expect_eq "$(sd export "$what" --format jsonl)" "$want" "export $what: the copy gives the same output"
  expect_eq "$(sd --db "$back" export "$what" --format jsonl)" "$want" "export $what: the round trip gives the same output"
done
want=$(sd --db "$demo" export tickets --format csv --reveal)
expect_eq "$(sd --db "$back" export tickets --format csv --reveal)" "$want" "export --reveal (CSV) after the round trip"
want=$(sd --db "$demo" report daily --format json)
expect_eq "$(sd report daily --format json)" "$want" "report daily on the copy"
want=$(sd --db "$demo" deposit list --all --format json)
expect_eq "$(sd --db "$back" deposit list --all --format json)" "$want" "deposit list after the round trip"
expect_exit 0 "db check on the copy" -- db check
expect_exit 0 "db check after the round trip" -- --db "$back" db check
expect_eq "$(sql "select value from meta where key = 'salt'")" "$(sqlite3 "$demo" "select value from meta where key = 'salt'")" \
  "the salt of the ID-number hashes came along"
# Work on the copy goes on after the copied ids: the copy moved the id sequences past them (issue 22).
max_id=$(sql "select max(id) from tickets")
expect_exit 0 "intake on the copy" -- intake --channel phone --category consultation --customer 复制后 --subject "after the copy"
expect_eq "$OUT" "$((max_id + 1))" "the next ticket id follows the copied ones"

# A copy never mixes two databases.
expect_unchanged 4 "copy into a database that holds data" -- db copy --from "$demo" --to "$SVCDESK_DB"
expect_contains "$ERR" "is not empty" "says why"
expect_exit 1 "copy from a database that is not there" -- db copy --from "$TEST_DIR/none.db" --to "$TEST_DIR/x.db"
[ -e "$TEST_DIR/none.db" ] && failed "the missing source was created" || pass
finish
