#!/usr/bin/env bash
# Shell completion: the script is generated from the command table; desks, tags, staff and
# tickets come from `svcdesk __complete` (config and database).
source "$(dirname "$0")/lib.sh"
setup_staff
export SVCDESK_USER=a1

# complete WORD...: COMPREPLY (one per line) for the command line "svcdesk WORD..." with the
# cursor at the end of the last word ("" = after a space).
complete_line() {
  COMP_WORDS=("$SVCDESK_BIN" "$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _svcdesk
  printf '%s\n' "${COMPREPLY[@]}"
}

run completion bash
expect_eq "$RC" 0 "completion bash"
# shellcheck disable=SC1090
source <(sd completion bash)
expect_contains "$(complete -p svcdesk)" "_svcdesk" "the script registers the completion"

# --- commands, subcommands and flags from the command table
expect_eq "$(complete_line dep)" "deposit" "svcdesk dep"
expect_eq "$(complete_line deposit o)" "out" "svcdesk deposit o"
expect_eq "$(complete_line roster on-duty --r)" "--role" "subcommand flags"
expect_contains "$(complete_line deposit out A001 --)" "--format" "global flags after a command"
expect_not_contains "$(complete_line '')" "__complete" "the helper command is hidden"
expect_contains "$(complete_line list --a)" "--all" "list --all"
expect_contains "$(complete_line staff list --w)" "--wide" "--wide, a global flag, after any command"
expect_eq "$(complete_line report daily --lang '' | sort | tr '\n' ' ')" "en zh " "report daily --lang"
expect_contains "$(complete_line '')" "completion" "top-level commands"
# Issue 24: retention.
expect_eq "$(complete_line pur)" "purge" "svcdesk pur"
expect_eq "$(complete_line purge --dr)" "--dry-run" "purge --dry-run"
expect_eq "$(complete_line customer fo)" "forget" "customer forget"

# --- fixed values read from the option descriptions, dynamic values from the config
expect_eq "$(complete_line intake --priority h)" "high" "--priority"
expect_eq "$(complete_line callback done 1 --outcome w)" "wrong_number" "--outcome"
expect_eq "$(complete_line list --desk e)" "emergency" "--desk from the config"
expect_eq "$(complete_line intake --category comp)" "complaint" "--category from the config"
expect_eq "$(complete_line roster set a1 2026-11-24 ni)" "night" "shift names from the config"
expect_eq "$(complete_line import x.csv --profile '')" "la311" "import profiles from the config"
for d in internal surgery emergency pharmacy; do printf '[[desks]]\nid = "%s"\n' "$d" >> site.toml; done
expect_eq "$(complete_line --config site.toml list --desk p)" "pharmacy" "--config on the line is passed on"

# --- tags of stored deposits only
din() { sd deposit in --tag "$1" --depositor 王小明 --phone 13800001111 --id-number 11010519491231002X \
          --items "行李箱一个" --pieces 1 --checked >/dev/null; }
din A001; din A002; din A015
sd deposit out A015 --pieces 1 >/dev/null
expect_eq "$(complete_line deposit out A0 | tr '\n' ' ')" "A001 A002 " "svcdesk deposit out A0: stored tags"
expect_eq "$(complete_line deposit out '' | tr '\n' ' ')" "A001 A002 " "all stored tags"

# --- loans (issue 24): kinds from [loans], open loans from the database
expect_eq "$(complete_line loan s)" "stock" "svcdesk loan s"
expect_eq "$(complete_line loan out --item w)" "wheelchair" "--item from [loans]"
expect_eq "$(complete_line loan return 1 --condition d)" "damaged" "--condition"
L1=$(sd loan out --item umbrella --borrower 王小明 --phone 13800001111 --id-number 11010519491231002X)
L2=$(sd loan out --item umbrella --borrower 王小明 --phone 13800001111 --id-number 11010519491231002X)
sd loan return "$L2" >/dev/null
expect_eq "$(complete_line loan return '' | tr '\n' ' ')" "$L1 " "svcdesk loan return: open loans only"

# --- staff and tickets from the database; staff on duty at the ticket's desk first
sd --as boss roster set a2 2026-11-23 early >/dev/null
sd --as boss roster set e1 2026-11-23 early >/dev/null
T=$(sd intake --channel phone --category consultation --customer 王女士 --subject 问路 --desk internal)
T2=$(sd intake --channel phone --category consultation --customer 李先生 --subject 停车 --desk emergency)
sd --as boss cancel "$T2" --reason test >/dev/null
expect_eq "$(complete_line assign "$T" '' | tr '\n' ' ')" "a2 e1 a1 boss " "svcdesk assign ID: on duty first"
expect_eq "$(complete_line assign '' | tr '\n' ' ')" "$T " "open tickets only"
expect_eq "$(complete_line deposit handover --desk internal --to b)" "boss" "--to STAFF"
expect_eq "$(complete_line --as '' | tr '\n' ' ')" "e1 a1 a2 boss " "--as: active staff"

# --- no database yet: nothing, quietly, and nothing created
run --db "$TEST_DIR/none.db" __complete staff
expect_eq "$RC:$OUT:$ERR" "0::" "__complete without a database"
[ ! -e "$TEST_DIR/none.db" ] && pass || failed "__complete created a database"

# --- zsh: the same tables with the zsh driver (run when zsh is installed)
run completion zsh
expect_contains "$OUT" "#compdef svcdesk" "completion zsh"
if command -v zsh >/dev/null; then
  printf '%s\n' "$OUT" > _svcdesk
  zsh -n _svcdesk && pass || failed "zsh script does not parse"
fi
expect_exit 2 "unknown shell" -- completion fish
finish
