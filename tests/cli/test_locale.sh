#!/usr/bin/env bash
# Issue 23 (the Chinese interface): the README tour run twice, under LANG=zh_CN.UTF-8 and LANG=C,
# each on a fresh sandbox database at the same clock.
#   - zh_CN: what is meant for people (help, tables, messages, notes, errors, text and Markdown
#     reports) has no English word, ids and data aside (the names svcdesk accepts, the values of
#     the records, option and config names, examples, and a few technical words: locale_check.py);
#   - C: the same outputs have no Chinese outside the data (and the examples of the help);
#   - the contract does not move: every JSON, CSV and JSON Lines output and every printed id is
#     byte-identical, every exit code the same, and a failure is one `svcdesk: error:` line in
#     both (the prefix untranslated).
# LANGUAGE and LC_MESSAGES choose the language too: checked on one command each.
source "$(dirname "$0")/lib.sh"

if ! locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\?8'; then
  echo "FAIL: the zh_CN.UTF-8 locale is missing: run scripts/deps.sh test (it generates it)" >&2
  exit 1
fi
if [ ! -s "$SVCDESK_LOCALEDIR/zh_CN/LC_MESSAGES/svcdesk.mo" ]; then
  echo "FAIL: no catalogue $SVCDESK_LOCALEDIR/zh_CN/LC_MESSAGES/svcdesk.mo (built from po/zh_CN.po)" >&2
  exit 1
fi

ID_NUMBER=110101199003074514 # a valid resident ID number (check digit), of no one

# step DIR KIND NAME [--stdin TEXT] -- ARGS...: runs svcdesk ARGS, keeping stdout, stderr and the
# exit code as DIR/NAME.{out,err,rc}; KIND is human or machine (what locale_check.py checks).
step() {
  local dir=$1 kind=$2 name=$3 input=""
  shift 3
  if [ "$1" = --stdin ]; then input=$2; shift 2; fi
  shift # --
  printf '%s\n' "$kind" >"$dir/$name.kind"
  printf '%s\n' "$@" >"$dir/$name.args"
  "$SVCDESK_BIN" "$@" >"$dir/$name.out" 2>"$dir/$name.err" <<<"$input"
  echo $? >"$dir/$name.rc"
}

# tour DIR LANG: the README tour (A short tour, callbacks, deposits, roster, reports, export) and
# a few mistakes, on a new database, in the locale LANG.
tour() {
  local dir=$1 lang=$2 db
  mkdir -p "$dir"
  db=$(new_db "tour_${lang%%.*}")
  (
    export LANG=$lang SVCDESK_DB=$db SVCDESK_USER=s001
    s() { step "$dir" "$@"; }
    s human 00_init -- init --sandbox
    s human 01_staff_add -- staff add s001 --name 杨昕 --desk internal --role supervisor,agent
    s human 02_whoami -- whoami
    s machine 02_whoami_json -- whoami --format json
    s human 03_staff_add2 -- staff add s002 --name 陈玲 --desk internal --role agent,front_desk
    s human 04_roster_set -- roster set s002 2026-11-23 early
    s human 06_staff_add3 -- staff add s003 --name 周敏 --desk surgery --role agent
    s human 07_staff_list -- staff list
    s human 05_roster_set -- roster set s001 2026-11-23 early
    s machine 10_intake -- intake --channel phone --category complaint --class after_sales \
      --customer 王女士 --phone 13812345678 --subject 发票抬头错误
    s human 11_assign -- assign 1 s002
    s human 12_start -- start 1 --as s002
    s human 13_wait -- wait 1 --reason 等客户提供单据 --as s002
    s human 14_resume -- resume 1 --as s002
    s human 15_resolve -- resolve 1 --resolution 重开发票 --root-cause staff --as s002
    s human 16_close -- close 1 --satisfaction 5 --as s002
    s human 17_reopen -- reopen 1 --reason 客户仍未收到
    s human 18_extend -- extend 1 --to +3d --reason 等财务 --notified-at now
    s human 19_edit -- edit 1 --priority urgent --phone 13812345679 --reason 来电更正
    s human 20_transfer -- transfer 1 --department 放射科 --reason 影像报告延迟
    s machine 21_intake2 -- intake --channel walk_in --category consultation --customer 王女士 \
      --phone 13812345679 --subject 医保异地就医盖章 --at 07:40
    s human 22_escalations -- escalations --desk internal
    s human 23_show -- show 1
    s machine 24_show_json -- show 1 --format json
    s human 25_list -- list
    s machine 26_list_json -- list --status open --desk internal --format json
    s machine 27_list_csv -- list --format csv
    s human 28_list_phone -- list --phone "+86 138-1234-5679"
    s human 29_customer_show -- customer show "138 1234 5679"
    s machine 30_customer_json -- customer show "138 1234 5679" --format json
    s human 31_customer_risk -- customer list --risk
    s human 32_due_within -- list --due-within 30m
    s human 33_breached -- list --breached --since 2026-11-01
    s human 34_search -- search 发票 --desk internal
    s machine 35_search_json -- search 发票 --format json
    s human 36_callback_due -- callback due --at 2026-11-30
    s human 37_callback_list -- callback list
    s machine 38_callback_json -- callback list --format json
    s machine 39_callback_schedule -- callback schedule 2 --at 2026-11-23T10:00 --purpose progress
    local cb
    cb=$(cat "$dir/39_callback_schedule.out")
    s human 39_callback_show -- callback show "$cb"
    s human 39_callback_done -- callback done "$cb" --outcome no_answer
    s machine 40_deposit_in --stdin "$ID_NUMBER" -- deposit in --tag A017 --depositor 李明 \
      --phone 13900000000 --id-number - --items 行李箱 --pieces 1 --checked
    s human 41_deposit_list -- deposit list
    s machine 42_deposit_csv -- deposit list --format csv
    s human 43_deposit_show -- deposit show A017
    s human 44_handover -- deposit handover --desk internal --to s002
    s human 45_deposit_out -- deposit out A017 --pieces 1 --as s002
    s human 50_on_duty -- roster on-duty --desk internal
    s machine 51_on_duty_json -- roster on-duty --format json
    s human 52_gaps -- roster gaps
    s human 53_roster_show -- roster show
    s human 54_roster_hours -- roster hours --week 2026-11-23
    s human 55_escalate -- escalate 2 --reason 客户催促
    s human 56_sweep -- sweep
    s human 57_import -- import "$TEST_DIR/calls.csv" --profile la311 --dry-run
    s human 60_report -- report daily
    s human 61_report_md -- report daily --format md
    s machine 62_report_json -- report daily --format json
    s machine 63_report_csv -- report daily --format csv
    s human 64_staff_report -- report staff --month 2026-11
    s machine 65_staff_report_csv -- report staff --month 2026-11 --format csv
    s human 66_complaints -- report complaints --month 2026-11
    s machine 70_export_tickets -- export tickets --since 2026-11-01 --format csv
    s machine 71_export_callbacks -- export callbacks --since 2026-11-01 --format jsonl
    s machine 72_export_deposits -- export deposits --since 2026-11-01 --format csv
    s human 73_db_check -- db check
    s machine 74_db_check_json -- db check --format json
    s human 75_audit -- audit
    s machine 75_audit_json -- audit --format json # (its details are records: data)
    s machine 76_config_json -- config show --format json
    # mistakes: one error line each, the same exit code
    s human 80_no_ticket -- show 999
    s human 81_bad_satisfaction -- close 2 --satisfaction 9
    s human 82_typo_command -- lisst
    s human 83_typo_option -- list --overdeu
    s human 84_missing_option -- intake --channel phone
    s human 85_bad_transition -- resume 2
    s human 86_bad_phone -- intake --channel phone --category consultation --customer 张 --phone 12345 --subject x
    s human 87_no_tag -- deposit out Z999
    s human 88_not_number -- list --limit abc
    s human 89_prohibited --stdin "$ID_NUMBER" -- deposit in --tag A018 --depositor 李明 --phone 13900000000 \
      --id-number - --items "a lighter and fuel" --pieces 1 --checked
    s human 90_bad_date -- report daily --date 2026-13-45
    s human 91_no_command -- callback
    s human 92_not_on_duty -- assign 2 s003
    # help pages
    s human 95_help -- --help
    s human 96_help_intake -- intake --help
    s human 97_help_list -- list --help
    s human 98_help_deposit_in -- deposit in --help
    s human 99_help_report -- report daily --help
    s human 9a_help_callback -- callback --help
    s human 9b_help_roster -- roster --help
    s human 9c_help_import -- import --help
    s human 9d_help_staff_add -- staff add --help
  )
}

# a call log of the shipped la311 profile (docs: SPEC §7), for an import's summary
cat >"$TEST_DIR/calls.csv" <<'CSV'
SRNumber,CreatedDate,ClosedDate,RequestSource,Status,RequestType,Address,ZipCode,NCName,PolicePrecinct,AssignTo
1-100,11/20/2026 09:15:00 AM,11/20/2026 11:00:00 AM,Call,Closed,Bulky Items,1 Main St,90012,Downtown,CENTRAL,BOS
CSV
tour "$TEST_DIR/zh" zh_CN.UTF-8
tour "$TEST_DIR/c" C

# the contract: machine output byte for byte, exit codes, the error line
for f in "$TEST_DIR"/c/*.kind; do
  name=$(basename "$f" .kind)
  zh=$TEST_DIR/zh/$name c=$TEST_DIR/c/$name
  if [ "$(cat "$zh.rc")" != "$(cat "$c.rc")" ]; then
    OUT=$(cat "$zh.out") ERR=$(cat "$zh.err")
    failed "$name: exit $(cat "$zh.rc") under zh_CN, $(cat "$c.rc") under C"
  else
    pass
  fi
  if [ "$(cat "$f")" = machine ]; then
    if cmp -s "$zh.out" "$c.out"; then pass
    else OUT=$(diff "$c.out" "$zh.out" | head -20) ERR=""; failed "$name: the output differs between C and zh_CN"; fi
  fi
  if [ "$(cat "$c.rc")" -ne 0 ]; then
    for l in zh c; do
      err=$TEST_DIR/$l/$name.err
      if [ "$(wc -l <"$err")" -eq 1 ] && grep -q '^svcdesk: error: ' "$err"; then pass
      else OUT="" ERR=$(cat "$err"); failed "$name ($l): stderr is not one 'svcdesk: error:' line"; fi
    done
  fi
done
# The tour went as the README says: every step before 80_ succeeded, every mistake (80_ to 92_)
# was refused, and the help pages were shown.
for f in "$TEST_DIR"/c/*.rc; do
  name=$(basename "$f" .rc) rc=$(cat "$f")
  case $name in
    8* | 90_* | 91_* | 92_*) [ "$rc" -ne 0 ] && pass || { OUT="" ERR=""; failed "$name: the mistake was not refused"; } ;;
    *) [ "$rc" -eq 0 ] && pass || { OUT=$(cat "${f%.rc}.out") ERR=$(cat "${f%.rc}.err"); failed "$name: exit $rc"; } ;;
  esac
done
expect_eq "$(cat "$TEST_DIR/c/10_intake.out")" "1" "the first ticket is 1"
expect_contains "$(cat "$TEST_DIR/zh/80_no_ticket.err")" "svcdesk: error: 没有工单 999" "the error message translated, its prefix not"
expect_contains "$(cat "$TEST_DIR/zh/95_help.out")" "用法" "the help in Chinese"

# The words: no English for people under zh_CN, no Chinese outside the data under C.
if python3 "$SVCDESK_SOURCE/tests/cli/locale_check.py" "$SVCDESK_SOURCE" "$TEST_DIR/zh" "$TEST_DIR/c" >"$TEST_DIR/words" 2>&1; then
  pass
else
  OUT=$(head -60 "$TEST_DIR/words") ERR=""
  failed "English words for people under zh_CN, or Chinese outside the data under C"
fi

# LANGUAGE (over an English locale) and LC_MESSAGES choose the language as well; POSIX is English.
run_in() { OUT=$(env "$@" "$SVCDESK_BIN" show 999 2>&1); }
run_in LANG=C.UTF-8 LANGUAGE=zh_CN
expect_contains "$OUT" "没有工单 999" "LANGUAGE=zh_CN over C.UTF-8 gives Chinese"
run_in LANG=C LC_MESSAGES=zh_CN.UTF-8
expect_contains "$OUT" "没有工单 999" "LC_MESSAGES=zh_CN.UTF-8 gives Chinese"
run_in LANG=POSIX
expect_eq "$OUT" "svcdesk: error: no ticket 999" "POSIX gives English"
run_in LANG=zh_CN.UTF-8 LC_ALL=C
expect_eq "$OUT" "svcdesk: error: no ticket 999" "LC_ALL=C wins over LANG"

finish
