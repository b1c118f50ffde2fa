#!/usr/bin/env bash
# `config show` names the layer of every value (built-in, /etc, XDG, SVCDESK_CONFIG, --config);
# `config check` validates a file with FILE:LINE errors and exit 1, misspelt keys included.
source "$(dirname "$0")/lib.sh"

origin() { # origin KEY: "origin value" of KEY in the JSON of the last run
  json "' '.join([e['origin'] + ' ' + e['value'] for e in j if e['key'] == '$1'])"
}

# --- built-in only
run config show --format json
expect_eq "$RC" 0 "config show"
expect_eq "$(origin site.time_zone)" 'built-in "Asia/Shanghai"' "built-in value"
expect_eq "$(origin 'sla.rules."complaint.product".urgent.respond')" 'built-in "30m"' "quoted keys"
expect_eq "$(json "[e for e in j if e['key'] == 'desks'][0]['origin']")" "built-in" "arrays of tables are one value"
run config show
expect_contains "$OUT" '(built-in) site.time_zone = "Asia/Shanghai"' "table: (origin) key = value"

# --- XDG
mkdir -p "$XDG_CONFIG_HOME/svcdesk"
printf '# centre\n[site]\nname = "XDG Centre"\n' > "$XDG_CONFIG_HOME/svcdesk/config.toml"
run config show --format json
expect_eq "$(origin site.name)" 'XDG "XDG Centre"' "XDG layer"
expect_eq "$(json "[e for e in j if e['key'] == 'site.name'][0]['file'] + ':' + str([e for e in j if e['key'] == 'site.name'][0]['line'])")" \
  "$XDG_CONFIG_HOME/svcdesk/config.toml:3" "file and line of a value"
expect_eq "$(origin site.time_zone)" 'built-in "Asia/Shanghai"' "tables merge key by key"

# --- SVCDESK_CONFIG over XDG
printf '[limits]\nnote = 2000\n[site]\nname = "Env Centre"\n' > env.toml
SVCDESK_CONFIG=$TEST_DIR/env.toml run config show --format json
expect_eq "$(origin limits.note)" 'SVCDESK_CONFIG 2000' "SVCDESK_CONFIG layer"
expect_eq "$(origin site.name)" 'SVCDESK_CONFIG "Env Centre"' "SVCDESK_CONFIG wins over XDG"

# --- --config over everything
printf '[site]\nname = "Cli Centre"\n' > cli.toml
for d in internal surgery emergency pharmacy; do printf '[[desks]]\nid = "%s"\n' "$d" >> cli.toml; done
SVCDESK_CONFIG=$TEST_DIR/env.toml run --config cli.toml config show --format json
expect_eq "$(origin site.name)" '--config "Cli Centre"' "--config layer"
expect_eq "$(origin limits.note)" 'SVCDESK_CONFIG 2000' "lower layers still show"
expect_contains "$(origin desks)" '--config [' "an array comes whole from one layer"
expect_contains "$(origin desks)" 'id = "pharmacy"' "the array's value"
run --config cli.toml config show --format csv
expect_contains "$OUT" "key,value,origin,file,line" "csv header"

# --- /etc: only as root and when the machine has no config of its own (removed afterwards)
if [ "$(id -u)" -eq 0 ] && [ ! -e /etc/svcdesk/config.toml ]; then
  made_dir=0
  [ -d /etc/svcdesk ] || { mkdir /etc/svcdesk; made_dir=1; }
  trap 'rm -f /etc/svcdesk/config.toml; [ "$made_dir" -eq 1 ] && rmdir /etc/svcdesk; rm -rf "$TEST_DIR"' EXIT
  printf '[limits]\nnote = 4000  # the built-in value: harmless to concurrent tests\nsubject = 200\n' \
    > /etc/svcdesk/config.toml
  run config show --format json
  expect_eq "$(origin limits.note)" '/etc 4000' "/etc layer"
  SVCDESK_CONFIG=$TEST_DIR/env.toml run config show --format json
  expect_eq "$(origin limits.note)" 'SVCDESK_CONFIG 2000' "SVCDESK_CONFIG wins over /etc"
  expect_eq "$(origin limits.subject)" '/etc 200' "/etc below XDG and SVCDESK_CONFIG"
  rm -f /etc/svcdesk/config.toml
else
  echo "skip: /etc layer (needs root and no /etc/svcdesk/config.toml)"
fi

# --- a bad layer: show fails like every command, naming FILE:LINE
printf '[limits]\n\nnote = "long"\n' > bad.toml
expect_exit 1 "show with a bad value" -- --config bad.toml config show
expect_contains "$ERR" "bad.toml:3: limits.note" "show names the bad line"

# --- config check
expect_exit 0 "check a good file" -- config check cli.toml
expect_eq "$OUT" "cli.toml: ok" "check says ok"
expect_exit 1 "check a bad value" -- config check bad.toml
expect_contains "$ERR" "bad.toml:3: limits.note: expected an integer" "check: FILE:LINE: key: problem"
printf '[site]\nname = "x\n' > syntax.toml
expect_exit 1 "check a syntax error" -- config check syntax.toml
expect_contains "$ERR" "syntax.toml:2:" "check: FILE:LINE:COL for syntax"
expect_exit 1 "check a missing file" -- config check nowhere.toml
printf '[calendar]\nworking_hours = "25:00-26:00"\n' > hours.toml
expect_exit 1 "check a bad clock" -- config check hours.toml
expect_contains "$ERR" "hours.toml:2:" "check: line of a semantic error"
# A misspelt key: other commands ignore it, check names it.
printf '[database]\nbusy_timout_ms = 100\n' > typo.toml
expect_exit 1 "check a misspelt key" -- config check typo.toml
expect_contains "$ERR" "typo.toml:2: database.busy_timout_ms: unknown setting" "check: FILE:LINE: key of the typo"
expect_exit 0 "other commands ignore an unknown key" -- --config typo.toml config show
expect_exit 0 "check the shipped configuration" -- config check "$SVCDESK_SOURCE/config/svcdesk.toml"

# --- a working calendar that runs out (seed 000 §五.2 counts working days, which need the year's
# holidays): `config check` fails within 60 days of its end, every command warns once a day.
printf '[calendar]\nholidays = ["2026-10-01", "2027-01-01"]\n' > ending.toml
expect_exit 1 "seed 000 5.2: check fails when the calendar ends within 60 days" -- config check ending.toml
expect_contains "$ERR" "ending.toml: the working calendar ends on 2027-01-01" "check names the last day"
printf '[calendar]\nholidays = ["2026-10-01", "2027-01-01"]\nvalid_until = "2027-12-31"\n' > known.toml
expect_exit 0 "seed 000 5.2: valid_until says how far the calendar is known" -- config check known.toml
sd staff add boss --name 杨昕 --desk internal --role supervisor >/dev/null
expect_exit 0 "seed 000 5.2: a command on an ending calendar still works" -- --config ending.toml list
expect_contains "$ERR" "svcdesk: warning: the working calendar ends on 2027-01-01" "and warns on standard error"
expect_exit 0 "the second command of the day" -- --config ending.toml list
expect_eq "$ERR" "" "warns once a day"
SVCDESK_NOW="2026-11-24T09:00:00+08:00" expect_exit 0 "the next day" -- --config ending.toml list
expect_contains "$ERR" "svcdesk: warning: the working calendar ends" "warns again the next day"
expect_exit 0 "the shipped calendar" -- list
expect_eq "$ERR" "" "the shipped calendar covers this year and the next: no warning"
finish
