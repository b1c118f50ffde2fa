#!/usr/bin/env bash
# Writes the message template of svcdesk (every string the sources mark for translation) to $2.
# Usage: po/extract.sh SOURCE_DIR OUT.pot
# The keywords: _() and N_() and n_() (lib/svcdesk/i18n.hpp); fail()'s message (error.hpp
# translates it); the CLI11 help texts, translated when the parser is complete (apps/svcdesk/
# help_text.cpp): option, flag and command descriptions, footers; table headers (field()).
set -euo pipefail
src=$1
out=$2
cd "$src"
# The library's sources with the keywords every layer uses; then the CLI's with those of CLI11's
# help texts and table columns (field() would also match the store's SQL helper d.field()).
mapfile -t lib_sources < <(find lib/svcdesk -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort)
mapfile -t app_sources < <(find apps/svcdesk -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort)
common=(--from-code=UTF-8 --language=C++ --no-wrap --sort-by-file --add-comments=TRANSLATORS:
        --package-name=svcdesk --msgid-bugs-address=https://svcdesk.invalid/issues
        --keyword=_ --keyword=N_ --keyword=n_:1,2 --keyword=NC_:1c,2 --keyword=p_:1c,2 --keyword=fail:2 --keyword=format_message:1
        --keyword=require_supervisor:2 --keyword=error:1 --keyword=parse_enum:3 --keyword=parse_name:3
        --keyword=check_pending:2 --keyword=check_handler:3
        --keyword=SVCDESK_TEXT:1)
xgettext "${common[@]}" -o "$out" "${lib_sources[@]}"
xgettext "${common[@]}" --join-existing -o "$out" \
  --keyword=add_option:3,3t --keyword=add_option_function:3,3t --keyword=add_flag:3,3t \
  --keyword=add_subcommand:2,2t --keyword=description:1 --keyword=footer:1 --keyword=field:1 \
  --keyword=secret:3 --keyword=ticket_command:4 --keyword=tag_command:4 \
  "${app_sources[@]}"
# The messages are fmt format strings ({} fields), never printf ones: a '%' in a message (a date
# format such as %Y) does not make it a C format string for msgfmt --check.
sed -i -E '/^#,/ s/(^|[ ,])c-format/\1no-c-format/' "$out"
