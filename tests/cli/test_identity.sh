#!/usr/bin/env bash
# Proven identity and a trusted clock (issue 18; seed 000 §四.4: access only for authorised staff;
# seed 004 §4-5: confidentiality and traceability). On SQLite svcdesk runs as four OS users made
# for this test: a supervisor and an agent bound by --login, one bound to no one, and a shared
# desk account where staff open PIN sessions. On PostgreSQL the same rules hold for roles.
source "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || { echo "test_identity.sh creates OS users: run it as root"; exit 1; }

# --- the people, and a folder they share (not setgid: svcdesk itself keeps the group)
tag=$$
U_BOSS="sdboss$tag" U_ALICE="sdalice$tag" U_BOB="sdbob$tag" U_DESK="sddesk$tag" GROUP="sdgrp$tag"
cleanup_users() {
  for u in "$U_BOSS" "$U_ALICE" "$U_BOB" "$U_DESK"; do userdel "$u" >/dev/null 2>&1; done
  groupdel "$GROUP" >/dev/null 2>&1
  rm -rf "${SHARED:-/nonexistent}"
}
pg_roles_cleanup() {
  pg_cleanup
  for r in "$U_BOSS" "$U_ALICE" "$U_BOB" "$GROUP"; do pg_admin "DROP ROLE IF EXISTS $r" >/dev/null 2>&1; done
}
trap 'cleanup_users; on_pg && pg_roles_cleanup; rm -rf "$TEST_DIR"' EXIT
groupadd "$GROUP"
for u in "$U_BOSS" "$U_ALICE" "$U_BOB" "$U_DESK"; do
  useradd --user-group --no-create-home --shell /usr/sbin/nologin "$u" || { echo "useradd failed"; exit 1; }
done
# all four may reach the database; bob is bound to no staff member
for u in "$U_BOSS" "$U_ALICE" "$U_BOB" "$U_DESK"; do usermod -a -G "$GROUP" "$u"; done

SHARED=$(mktemp -d /tmp/svcdesk-identity.XXXXXX)
chgrp "$GROUP" "$SHARED" && chmod 0770 "$SHARED"
chmod 0755 "$(dirname "$SHARED")" 2>/dev/null
BIN="$SHARED/svcdesk"
cp "$SVCDESK_BIN" "$BIN" && chmod 0755 "$BIN"
if on_pg; then PROD=$(new_db prod); else PROD="$SHARED/centre.db"; fi

# as USER CMD...: runs svcdesk as an OS user on the production database, with nothing of this
# shell's identity or clock (the stdin of the caller is passed on).
as() {
  local user=$1
  shift
  OUT=$(cd "$SHARED" && setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups \
          env -u SVCDESK_USER -u SVCDESK_NOW HOME="$SHARED" XDG_CONFIG_HOME="$SHARED/none" \
          XDG_DATA_HOME="$SHARED/none" SVCDESK_DB="$PROD" "$BIN" "$@" 2>"$SHARED/.stderr")
  RC=$?
  ERR=$(cat "$SHARED/.stderr")
}
# expect_as CODE DESCRIPTION USER CMD...
expect_as() {
  local code=$1 what=$2
  shift 2
  as "$@"
  if [ "$RC" -ne "$code" ]; then failed "$what: exit $RC, expected $code"; return 1; fi
  if [ "$code" -ne 0 ] && { [ "$(printf '%s\n' "$ERR" | wc -l)" -ne 1 ] || [[ "$ERR" != "svcdesk: error: "* ]]; }; then
    failed "$what: stderr is not one 'svcdesk: error:' line"
    return 1
  fi
  pass
}
prod_sql() { sql_at "$PROD" "$1"; }
# records: every table but the audit, to show that a refused command wrote nothing else
records() {
  prod_sql "SELECT 'staff', count(*) FROM staff UNION ALL SELECT 'tickets', count(*) FROM tickets
            UNION ALL SELECT 'events', count(*) FROM ticket_events UNION ALL SELECT 'sessions', count(*) FROM staff_sessions"
}
audit_count() { prod_sql "SELECT count(*) FROM audit_events WHERE action = '$1'"; }

if on_pg; then
  # --- PostgreSQL: a role per staff member, a group role holding the grants (docs/deployment.md)
  base=${SVCDESK_TEST_PG%/}
  for r in "$U_BOSS" "$U_ALICE" "$U_BOB"; do pg_admin "CREATE ROLE $r LOGIN" >/dev/null; done
  pg_admin "CREATE ROLE ${GROUP} NOLOGIN" >/dev/null
  pg_admin "GRANT $GROUP TO $U_BOSS, $U_ALICE" >/dev/null
  "$SVCDESK_BIN" --db "$PROD" init >/dev/null || { echo "init failed"; exit 1; }
  sql_at "$PROD" "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO $GROUP;
                  REVOKE UPDATE, DELETE ON audit_events FROM $GROUP;
                  GRANT $GROUP TO $U_BOB" >/dev/null
  # as_role ROLE CMD...: the same database, connected as ROLE
  as_role() {
    local role=$1
    shift
    SVCDESK_DB="${PROD/svcdesk@/$role@}" run "$@"
  }
  unset SVCDESK_USER SVCDESK_NOW
  expect_as_role() {
    local code=$1 what=$2
    shift 2
    as_role "$@"
    if [ "$RC" -ne "$code" ]; then failed "$what: exit $RC, expected $code"; else pass; fi
  }
  expect_as_role 5 "the first staff member must be a supervisor" "$U_BOSS" staff add boss --name 杨昕 --desk internal --role agent
  expect_as_role 0 "the first staff member: a supervisor bound to the role running it" \
    "$U_BOSS" staff add boss --name 杨昕 --desk internal --role supervisor,agent
  expect_eq "$(prod_sql "SELECT db_role FROM staff WHERE id = 'boss'")" "$U_BOSS" "boss is bound to the role"
  expect_as_role 0 "boss adds a1 bound to alice's role" "$U_BOSS" staff add a1 --name 张三 --desk internal --role agent --db-role "$U_ALICE"
  as_role "$U_ALICE" whoami --format json
  expect_eq "$(json "j['staff'], j['proof']")" "a1 db-role" "whoami names the staff member and the proof"
  expect_as_role 5 "a role may not act as another staff member" "$U_ALICE" --as boss list
  expect_contains "$ERR" "a1" "the refusal names the proven staff member"
  expect_contains "$ERR" "boss" "the refusal names the one asked for"
  expect_as_role 5 "an agent cannot reveal" "$U_ALICE" export tickets --reveal
  expect_as_role 5 "an unbound role can do nothing: list" "$U_BOB" list
  expect_as_role 5 "an unbound role can do nothing: intake" "$U_BOB" intake --channel phone --category other --customer 王 --subject x
  expect_as_role 5 "an unbound role cannot borrow a name" "$U_BOB" --as a1 list
  expect_as_role 0 "alice takes a call" "$U_ALICE" intake --channel phone --category other --customer 王女士 --subject 问路
  id=$OUT
  expect_eq "$(prod_sql "SELECT actor FROM ticket_events WHERE ticket_id = $id ORDER BY id LIMIT 1")" "a1" \
    "the history names the proven staff member"
  SVCDESK_NOW=2026-01-01T09:00 expect_as_role 5 "SVCDESK_NOW is refused on a production database" "$U_ALICE" list
  expect_contains "$ERR" "SVCDESK_NOW" "the refusal names the variable"
  [ "$(audit_count identity.refused)" -ge 2 ] && pass || failed "refused identities are audited"
  [ "$(audit_count clock.refused)" -ge 1 ] && pass || failed "a refused SVCDESK_NOW is audited"
  finish
  exit
fi

# --- SQLite: the database belongs to the group; the first supervisor is bound at creation
expect_as 0 "init a production database" "$U_BOSS" init
chgrp "$GROUP" "$PROD" && chmod 0660 "$PROD" # the installation step (docs/deployment.md)
expect_as 5 "before any staff, no one is anyone" "$U_BOSS" whoami
expect_as 5 "the first staff member must be a supervisor" "$U_BOSS" staff add boss --name 杨昕 --desk internal --role agent
expect_as 5 "the first staff member must be bound to whoever runs it" \
  "$U_BOSS" staff add boss --name 杨昕 --desk internal --role supervisor --login "$U_ALICE"
expect_as 0 "the first staff member: a supervisor bound to the OS user running it" \
  "$U_BOSS" staff add boss --name 杨昕 --desk internal --role supervisor,agent
expect_eq "$(prod_sql "SELECT login FROM staff WHERE id = 'boss'")" "$U_BOSS" "boss is bound to the OS user"
expect_as 0 "boss adds a1, bound to alice" "$U_BOSS" staff add a1 --name 张三 --desk internal --role agent --login "$U_ALICE"
expect_as 0 "boss adds a2, who works at the shared desk computer" "$U_BOSS" staff add a2 --name 李四 --desk internal --role agent
expect_as 5 "an agent may not add staff" "$U_ALICE" staff add a3 --name 王五 --desk internal --role agent

# --- who is who
as "$U_ALICE" whoami --format json
expect_eq "$(json "j['staff'], j['proof'], j['sandbox']")" "a1 login False" "whoami: the bound staff member, by login"
as "$U_BOSS" whoami --format json
expect_eq "$(json "j['staff'], j['proof']")" "boss login" "whoami: the supervisor"

# --- an agent cannot become the supervisor by any flag or variable, and cannot reveal
expect_as 0 "alice takes a call" "$U_ALICE" intake --channel phone --category complaint --class communication \
  --customer 王女士 --phone 13812345678 --subject 态度问题
id=$OUT
before=$(records)
expect_as 5 "--as boss is refused to alice" "$U_ALICE" --as boss list
expect_contains "$ERR" "a1" "the refusal names who alice is"
expect_contains "$ERR" "boss" "the refusal names who she asked to be"
as "$U_ALICE" list
RC_SAVED=$RC
OUT=$(cd "$SHARED" && setpriv --reuid="$U_ALICE" --regid="$(id -g "$U_ALICE")" --init-groups \
        env -u SVCDESK_NOW SVCDESK_USER=boss HOME="$SHARED" XDG_CONFIG_HOME="$SHARED/none" XDG_DATA_HOME="$SHARED/none" \
        SVCDESK_DB="$PROD" "$BIN" list 2>/dev/null)
expect_eq "$?" "5" "SVCDESK_USER=boss is refused to alice"
expect_eq "$RC_SAVED" "0" "alice lists tickets as herself"
expect_as 5 "alice cannot reveal an export" "$U_ALICE" export tickets --reveal
expect_as 5 "alice cannot reveal deposits" "$U_ALICE" deposit list --reveal
expect_as 5 "alice cannot read the audit" "$U_ALICE" audit
expect_eq "$(records)" "$before" "refused commands wrote nothing but their audit events"
[ "$(audit_count identity.refused)" -ge 2 ] && pass || failed "each refused identity is an audit event"
expect_eq "$(prod_sql "SELECT actor FROM ticket_events WHERE ticket_id = $id ORDER BY id LIMIT 1")" "a1" \
  "the history names the proven staff member"

# --- someone bound to no one can do nothing
before=$(records)
expect_as 5 "unbound: list" "$U_BOB" list
expect_as 5 "unbound: show" "$U_BOB" show "$id"
expect_as 5 "unbound: whoami" "$U_BOB" whoami
expect_as 5 "unbound: --as a1" "$U_BOB" --as a1 show "$id"
expect_as 5 "unbound: a report" "$U_BOB" report daily --date 2026-01-01
expect_eq "$(records)" "$before" "the unbound user changed nothing"

# --- the clock: SVCDESK_NOW is refused on production and honoured on a sandbox
before=$(records)
OUT=$(cd "$SHARED" && setpriv --reuid="$U_ALICE" --regid="$(id -g "$U_ALICE")" --init-groups \
        env SVCDESK_NOW=2026-01-01T09:00 HOME="$SHARED" XDG_CONFIG_HOME="$SHARED/none" XDG_DATA_HOME="$SHARED/none" \
        SVCDESK_DB="$PROD" "$BIN" intake --channel phone --category other --customer 王 --subject 晚了 2>&1)
expect_eq "$?" "5" "SVCDESK_NOW on a production database: exit 5"
expect_contains "$OUT" "SVCDESK_NOW" "the refusal names the variable"
expect_eq "$(records)" "$before" "nothing was written"
[ "$(audit_count clock.refused)" -ge 1 ] && pass || failed "the refused SVCDESK_NOW is an audit event"
SANDBOX="$TEST_DIR/sandbox.db"
expect_exit 0 "init --sandbox" -- --db "$SANDBOX" init --sandbox
expect_contains "$OUT" "sandbox" "init says it made a sandbox"
sd --db "$SANDBOX" staff add boss --name 杨昕 --desk internal --role supervisor,agent >/dev/null
expect_exit 0 "SVCDESK_NOW is honoured on a sandbox" -- --db "$SANDBOX" intake --channel phone --category other --customer 王 --subject 问路
expect_eq "$(sqlite3 "$SANDBOX" "SELECT created_at FROM tickets WHERE id = $OUT")" "$(date -d "$SVCDESK_NOW" +%s)" \
  "the sandbox ticket carries SVCDESK_NOW"
expect_exit 0 "whoami on a sandbox" -- --db "$SANDBOX" whoami --format json
expect_eq "$(json "j['proof'], j['sandbox']")" "sandbox True" "whoami says sandbox"
expect_exit 4 "a production database never becomes a sandbox" -- --db "$PROD" init --sandbox

# --- a shared desk account: PIN sessions
as "$U_BOSS" staff pin a2 --pin-stdin <<<'2468'
expect_eq "$RC" "0" "a supervisor sets a2's PIN"
expect_eq "$(prod_sql "SELECT pin_hash LIKE 'pbkdf2-sha256\$%' FROM staff WHERE id = 'a2'")" "1" "the PIN is kept as a slow salted hash"
as "$U_ALICE" staff pin a2 --pin-stdin <<<'1357'
expect_eq "$RC" "5" "an agent may not set someone else's PIN"
expect_as 5 "the shared account alone is no one" "$U_DESK" whoami
as "$U_DESK" login a2 --pin-stdin <<<'1111'
expect_eq "$RC" "5" "a wrong PIN is refused"
expect_eq "$(prod_sql "SELECT pin_failures FROM staff WHERE id = 'a2'")" "1" "the failed attempt is counted"
as "$U_DESK" --as a2 login a2 --pin-stdin <<<'2468' # a request plays no part in a login
expect_eq "$RC" "0" "the right PIN opens a session"
expect_eq "$(prod_sql "SELECT pin_failures FROM staff WHERE id = 'a2'")" "0" "a success clears the count"
as "$U_DESK" whoami --format json
expect_eq "$(json "j['staff'], j['proof']")" "a2 pin" "whoami names the staff member and the PIN"
[ "$(json "j['session_expires'] is not None")" = "True" ] && pass || failed "the session has an end"
expect_as 0 "the session acts" "$U_DESK" intake --channel walk_in --category consultation --customer 赵先生 --subject 挂号
pin_ticket=$OUT
expect_eq "$(prod_sql "SELECT actor FROM ticket_events WHERE ticket_id = $pin_ticket ORDER BY id LIMIT 1")" "a2" \
  "the history names the staff member of the session"
expect_as 5 "the session cannot claim the supervisor" "$U_DESK" --as boss list
expect_as 0 "logout" "$U_DESK" logout
expect_as 5 "after logout the account is no one again" "$U_DESK" whoami
expect_as 5 "after logout nothing is shown" "$U_DESK" list
[ "$(audit_count login)" -ge 1 ] && pass || failed "the login is an audit event"
[ "$(audit_count login.failed)" -ge 1 ] && pass || failed "the failed PIN is an audit event"

# five failures in a row lock the PIN until a supervisor sets a new one
for i in 1 2 3 4 5; do as "$U_DESK" login a2 --pin-stdin <<<'9999'; done
as "$U_DESK" login a2 --pin-stdin <<<'2468'
expect_eq "$RC" "5" "a locked PIN refuses even the right PIN"
expect_contains "$ERR" "locked" "the refusal says the PIN is locked"
as "$U_BOSS" staff pin a2 --pin-stdin <<<'8642'
expect_eq "$RC" "0" "the supervisor sets a new PIN"
[ "$(audit_count pin.reset)" -ge 1 ] && pass || failed "the PIN reset is an audit event"
as "$U_DESK" login a2 --pin-stdin <<<'8642'
expect_eq "$RC" "0" "the new PIN works"
expect_as 0 "logout again" "$U_DESK" logout

# --- the files stay the group's after each user's write (the WAL and its index are shared)
check_files() {
  local f
  for f in "$PROD" "$PROD-wal" "$PROD-shm"; do
    [ -e "$f" ] || continue
    expect_eq "$(stat -c '%G %A' "$f" | cut -c1-$((${#GROUP} + 7)))" "$GROUP -rw-rw" "$1: $(basename "$f") is the group's"
  done
}
# a reader holding the database open keeps the -wal and -shm files in place between commands
( echo "BEGIN; SELECT count(*) FROM staff;"; sleep 20 ) | sqlite3 "$PROD" >/dev/null &
holder=$!
sleep 0.3
expect_as 0 "boss writes" "$U_BOSS" note "$id" "回访"
check_files "after boss"
expect_as 0 "alice writes" "$U_ALICE" note "$id" "已致电"
check_files "after alice"
expect_as 0 "boss reads what alice wrote" "$U_BOSS" show "$id"
pkill -P "$holder" sleep 2>/dev/null
wait "$holder" 2>/dev/null

# --- setgid svcdesk (docs/deployment.md): no --db, no SVCDESK_NOW, no SVCDESK_DB from the caller
SG="$SHARED/svcdesk-setgid"
cp "$BIN" "$SG" && chgrp "$GROUP" "$SG" && chmod 2755 "$SG"
if [ -n "${SVCDESK_SANITIZED:-}" ]; then
  # LeakSanitizer cannot inspect a setgid process (not dumpable) and ends it with a fatal error
  echo "note: the setgid checks run in the normal build only (sanitizer runtimes refuse setgid)"
elif findmnt -n -o OPTIONS -T "$SG" | grep -qw nosuid; then
  echo "note: $SHARED is mounted nosuid; the setgid checks are skipped"
else
  OUT=$(cd "$SHARED" && setpriv --reuid="$U_ALICE" --regid="$(id -g "$U_ALICE")" --init-groups \
          env HOME="$SHARED" "$SG" --db "$PROD" list 2>&1)
  expect_eq "$?" "5" "setgid: --db is refused"
  expect_contains "$OUT" "setgid" "setgid: the refusal says why"
  OUT=$(cd "$SHARED" && setpriv --reuid="$U_ALICE" --regid="$(id -g "$U_ALICE")" --init-groups \
          env HOME="$SHARED" SVCDESK_DB="$PROD" SVCDESK_NOW=2026-01-01 "$SG" whoami 2>&1)
  expect_not_contains "$OUT" "SVCDESK_NOW" "setgid: SVCDESK_NOW is dropped, not even refused"
  expect_not_contains "$OUT" "a1" "setgid: SVCDESK_DB is dropped (the system's database is used)"
fi

# --- an unclaimed database (made before identities were proven) is claimed once, by a supervisor
OLD="$SHARED/claim.db"
as "$U_BOSS" --db "$OLD" init
chgrp "$GROUP" "$OLD" && chmod 0660 "$OLD"
setpriv --reuid="$U_BOSS" --regid="$(id -g "$U_BOSS")" --init-groups sqlite3 "$OLD" \
  "INSERT INTO staff (id, name, desk, roles) VALUES ('s1', '杨', 'internal', 'supervisor'), ('s2', '陈', 'internal', 'agent')"
as "$U_ALICE" --db "$OLD" staff update s2 --login "$U_ALICE"
expect_eq "$RC" "5" "an agent cannot claim an unclaimed database"
as "$U_ALICE" --db "$OLD" staff update s1 --login "$U_BOSS"
expect_eq "$RC" "5" "a claim binds whoever runs it, no one else"
as "$U_BOSS" --db "$OLD" staff update s1 --login "$U_BOSS"
expect_eq "$RC" "0" "the supervisor claims the database"
as "$U_ALICE" --db "$OLD" staff update s2 --login "$U_ALICE"
expect_eq "$RC" "5" "once claimed, no one else claims it"

finish
