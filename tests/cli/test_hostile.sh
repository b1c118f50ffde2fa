#!/usr/bin/env bash
# Hostile input: terminal escapes and control characters, 1 MB fields, invalid UTF-8, SQL-looking
# text, path tricks in --output, and personal data in error messages. Each has its expected outcome.
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=boss
ESC=$'\e'

# import_unchanged CODE DESCRIPTION -- ARGS...: an import fails with CODE, its last stderr line is
# the one error line, and the database is unchanged.
import_unchanged() {
  local code=$1 what=$2 before
  shift 3
  before=$(db_state)
  run "$@"
  if [ "$RC" -ne "$code" ]; then failed "$what: exit $RC, expected $code"; return 1; fi
  [[ "$(tail -n 1 <<<"$ERR")" == "svcdesk: error: "* ]] && pass || failed "$what: no final error line"
  [ "$before" == "$(db_state)" ] && pass || failed "$what: the database changed"
}

new_ticket() { sd intake --channel phone --category consultation --customer A --subject "$1" "${@:2}"; }
id=$(new_ticket base)

# ---------------------------------------------------------------- escapes and control characters
expect_unchanged 2 "escape sequence in a subject" -- intake --channel phone --category consultation \
  --customer A --subject "red${ESC}[31mtext"
expect_contains "$ERR" "control character (U+001B)" "the escape is named"
expect_not_contains "$ERR" "$ESC" "the error does not echo the escape raw"
expect_unchanged 2 "OSC title sequence in a description" -- intake --channel phone --category consultation \
  --customer A --subject s --description "x${ESC}]0;owned"$'\a'
expect_unchanged 2 "C1 CSI (U+009B) in a customer name" -- intake --channel phone --category consultation \
  --customer $'A\u009b31m' --subject s
expect_unchanged 2 "escape in a note" -- note "$id" "clear${ESC}[2J"
expect_unchanged 2 "NUL-free backspace in a note" -- note "$id" $'abc\bX'
expect_unchanged 2 "escape in a staff name" -- staff add evil --name "E${ESC}[8m" --desk internal --role agent

# Notes and descriptions may hold line breaks, tabs and carriage returns: tables flatten them.
mid=$(new_ticket multi --description $'line1\r\nline2\tcol\rOVERWRITE')
sd note "$mid" $'first\rSECOND\nthird' >/dev/null
run show "$mid"
expect_eq "$RC" "0" "show a multi-line ticket"
expect_not_contains "$OUT" $'\r' "no carriage return reaches the terminal"
expect_not_contains "$OUT" $'\t' "no tab reaches the terminal"
expect_contains "$OUT" "line1  line2 col OVERWRITE" "description flattened to one line"
expect_contains "$OUT" "first SECOND third" "note flattened to one line"
run show "$mid" --format json
expect_eq "$(json 'j["description"]')" $'line1\r\nline2\tcol\rOVERWRITE' "JSON keeps the text verbatim"

# Imported rows go through the same checks (CSV and JSON Lines).
cat >"$TEST_DIR/h.toml" <<'TOML'
[import.profiles.h]
date_formats = ["%Y-%m-%d %H:%M"]
[import.profiles.h.columns]
external_ref = "ref"
created_at = "at"
subject = "subject"
description = "notes"
customer = "name"
[import.profiles.h.defaults]
channel = "phone"
category = "consultation"
TOML
export SVCDESK_CONFIG="$TEST_DIR/h.toml"
printf 'ref,at,subject,notes,name\nE1,2026-11-20 09:00,"bad\033[31m",,A\n' >esc.csv
import_unchanged 2 "escape in an imported subject" -- import esc.csv --profile h
expect_contains "$ERR" "esc.csv:2" "the line is named"
expect_not_contains "$ERR" "$ESC" "import errors do not echo escapes raw"
printf 'ref,at,subject,notes,name\nE2,2026-11-20 09:00,ok,"multi\nline\ttab",A\n' >ml.csv
expect_exit 0 "multi-line imported notes are accepted" -- import ml.csv --profile h
run list
expect_not_contains "$OUT" "$ESC" "no escape in the list table"
expect_not_contains "$OUT" $'\t' "no tab in the list table"

# ---------------------------------------------------------------- invalid UTF-8
expect_unchanged 2 "invalid UTF-8 subject" -- intake --channel phone --category consultation --customer A \
  --subject $'bad\xff\xfe'
expect_contains "$ERR" "not valid UTF-8" "invalid UTF-8 named"
expect_unchanged 2 "overlong UTF-8 encoding of '/'" -- note "$id" $'a\xc0\xafb'
expect_unchanged 2 "UTF-16 surrogate encoded in UTF-8" -- note "$id" $'a\xed\xa0\x80b'
printf 'ref,at,subject,notes,name\nU1,2026-11-20 09:00,ok,"\xff",A\n' >utf.csv
import_unchanged 2 "invalid UTF-8 in an imported field" -- import utf.csv --profile h
expect_contains "$ERR" "not valid UTF-8" "import names invalid UTF-8"

# ---------------------------------------------------------------- oversized fields
big=$(head -c 100000 /dev/zero | tr '\0' a) # one argument may be at most 128 KiB
expect_unchanged 2 "100 kB subject" -- intake --channel phone --category consultation --customer A --subject "$big"
expect_contains "$ERR" "too long" "length limit named"
expect_unchanged 2 "100 kB note" -- note "$id" "$big"
{
  printf 'ref,at,subject,notes,name\nM1,2026-11-20 09:00,ok,"'
  head -c 1048576 /dev/zero | tr '\0' b
  printf '",A\n'
} >mb.csv
import_unchanged 2 "1 MB field in an import" -- import mb.csv --profile h
expect_contains "$ERR" "too long" "1 MB field rejected as too long"
expect_eq "$(( $(wc -c <<<"$ERR") < 2000 ))" "1" "the errors do not echo the megabyte"
{
  printf '{"ref":"M2","at":"2026-11-20 09:00","subject":"'
  head -c 1048576 /dev/zero | tr '\0' c
  printf '","name":"A"}\n'
} >mb.jsonl
import_unchanged 2 "1 MB field in JSON Lines" -- import mb.jsonl --profile h
head -c 1048576 /dev/zero | tr '\0' d >noline.csv # one 1 MB header line, no newline
import_unchanged 2 "a 1 MB line without a newline" -- import noline.csv --profile h
unset SVCDESK_CONFIG

# ---------------------------------------------------------------- SQL-looking text is just text
sql="'; DROP TABLE tickets; --"
sid=$(new_ticket "Robert'); DROP TABLE tickets;--" --description "$sql" --external-ref "x' OR '1'='1")
run show "$sid" --format json
expect_eq "$(json 'j["subject"]')" "Robert'); DROP TABLE tickets;--" "subject stored verbatim"
expect_eq "$(json 'j["description"]')" "$sql" "description stored verbatim"
expect_eq "$(json 'j["external_ref"]')" "x' OR '1'='1" "external ref stored verbatim"
sd note "$sid" "1; DELETE FROM ticket_events" >/dev/null
run list --format json
expect_eq "$(json 'len(j)')" "4" "every ticket still there"
expect_unchanged 2 "SQL in a ticket id" -- show "1 OR 1=1"
expect_unchanged 2 "SQL in a status filter" -- list --status "new' OR '1'='1"
expect_unchanged 2 "SQL in a category filter" -- list --category "' OR 1=1 --"
run list --assignee "' OR 1=1 --" --format json
expect_eq "$(json 'len(j)')" "0" "a SQL-looking assignee matches nothing"
expect_exit 0 "db check after SQL-looking input" -- db check

# ---------------------------------------------------------------- path tricks in --output
before=$(ls -A "$TEST_DIR")
expect_exit 1 "report into a missing directory" -- report daily --output "$TEST_DIR/missing/r.txt"
[ -e "$TEST_DIR/missing" ] && failed "the missing directory was created" || pass
mkdir -p "$TEST_DIR/outdir"
expect_exit 1 "report onto a directory" -- report daily --output "$TEST_DIR/outdir"
expect_eq "$(ls -A "$TEST_DIR/outdir")" "" "nothing left in the directory"
mkdir -p "$TEST_DIR/a/b"
(cd "$TEST_DIR/a/b" && "$SVCDESK_BIN" report daily --output ../../rel.txt >/dev/null 2>&1)
expect_eq "$?" "0" "relative ../ output path"
[ -s "$TEST_DIR/rel.txt" ] && pass || failed "../../rel.txt was not written"
expect_eq "$(stat -c %a "$TEST_DIR/rel.txt")" "600" "report files are private (0600)"
ln -s "$TEST_DIR/victim.txt" "$TEST_DIR/link.txt"
echo keep >"$TEST_DIR/victim.txt"
expect_exit 0 "output onto a symlink" -- report daily --output "$TEST_DIR/link.txt"
expect_eq "$(cat "$TEST_DIR/victim.txt")" "keep" "the symlink's target is not written through"
# A device is written in place, never replaced; a full device is one clear error.
expect_exit 1 "report to a full device" -- report daily --output /dev/full
expect_contains "$ERR" "No space left on device" "disk full named"
[ -c /dev/full ] && pass || failed "/dev/full was replaced"
run report daily --output /dev/stdout
expect_eq "$RC" "0" "report to /dev/stdout"
expect_contains "$OUT" "Daily report" "report printed through /dev/stdout"
"$SVCDESK_BIN" report daily --output /dev/stdout >"$TEST_DIR/redirected.txt" 2>/dev/null
expect_eq "$?" "0" "report to /dev/stdout redirected to a file"
expect_contains "$(cat "$TEST_DIR/redirected.txt")" "Daily report" "report went through the redirection"
[ -L /dev/stdout ] || [ -c /dev/stdout ] && pass || failed "/dev/stdout was replaced"
expect_eq "$(find "$TEST_DIR" -name '*.tmp*' | wc -l)" "0" "no temporary file left behind"

# ---------------------------------------------------------------- personal data in error messages
idn=110101199003077774
phone=13812345678
expect_unchanged 2 "stray ID number argument" -- deposit in --tag A001 --depositor X --phone "$phone" \
  --id-number "$idn" --items bag --pieces 1 --checked "$idn"
expect_not_contains "$ERR" "$idn" "parse error hides a stray ID number"
expect_unchanged 2 "ID number given twice" -- deposit claim A001 --id-number "$idn" --items bag --id-number "$idn"
expect_not_contains "$ERR" "$idn" "repeated option hides the ID number"
expect_unchanged 2 "--id-number= on a command without it" -- deposit lost A001 "--id-number=$idn"
expect_not_contains "$ERR" "$idn" "unexpected option hides the ID number"
expect_unchanged 2 "invalid ID number" -- deposit in --tag A001 --depositor X --phone "$phone" \
  --id-number "${idn}!" --items bag --pieces 1 --checked
expect_not_contains "$ERR" "$idn" "invalid ID number not echoed"
expect_unchanged 2 "invalid phone" -- intake --channel phone --category consultation --customer A --subject s \
  --phone "${phone}x"
expect_not_contains "$ERR" "$phone" "invalid phone not echoed"
expect_unchanged 2 "phone given twice" -- staff add z --name Z --desk internal --role agent --phone "$phone" --phone "$phone"
expect_not_contains "$ERR" "$phone" "repeated phone not echoed"
expect_unchanged 2 "bad pieces next to an ID number" -- deposit in --tag A001 --depositor X --phone "$phone" \
  --id-number "$idn" --items bag --pieces many --checked
expect_not_contains "$ERR" "$idn" "conversion error hides the ID number"
expect_not_contains "$ERR" "$phone" "conversion error hides the phone"
expect_contains "$ERR" "--pieces" "conversion error still names the option"
finish
