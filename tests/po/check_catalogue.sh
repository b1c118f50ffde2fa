#!/usr/bin/env bash
# The message catalogues are complete and fit the sources (issue 23):
#   - msgfmt --check --statistics: no untranslated and no fuzzy entry in po/zh_CN.po;
#   - every string the sources mark (po/extract.sh, a fresh template) is in the catalogue: the
#     missing ones are named;
#   - each translation has the fmt fields of its English text ({} in order, or numbered {0} {1}
#     in any order, with the same format specs), so that no translated message fails to format.
# Usage: tests/po/check_catalogue.sh [SOURCE_DIR]
set -euo pipefail
src=${1:-${SVCDESK_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}}
work=$(mktemp -d "${TMPDIR:-/tmp}/svcdesk-po.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0

for po in "$src"/po/*.po; do
  name=${po#"$src/"}
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) || {
    echo "FAIL: msgfmt --check $name:"; echo "$stats"; status=1; continue
  }
  if grep -Eq 'untranslated|fuzzy' <<<"$stats"; then
    echo "FAIL: $name is not complete: $stats"
    status=1
  else
    echo "ok: $name: $stats"
  fi
done

bash "$src/po/extract.sh" "$src" "$work/svcdesk.pot"
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3
"$PYTHON" - "$work/svcdesk.pot" "$src"/po/*.po <<'PY' || status=1
import re, sys

def entries(path):
    """(msgid, msgid_plural, [msgstr...], fuzzy) of a PO file, header left out."""
    out = []
    for block in open(path, encoding="utf-8").read().split("\n\n"):
        d, cur, fuzzy = {}, None, False
        for line in block.split("\n"):
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if line.startswith("#"):
                continue
            m = re.match(r'(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                cur = m.group(1)
                d[cur] = m.group(2)
            elif line.startswith('"') and cur:
                d[cur] += line[1:-1]
        if d.get("msgid"):
            strs = [v for k, v in sorted(d.items()) if k.startswith("msgstr")]
            out.append((d["msgid"], d.get("msgid_plural"), strs, fuzzy))
    return out

FIELD = re.compile(r"\{\{|\}\}|\{([0-9]*)(:[^{}]*)?\}")

def fields(text):
    """[(index or None, spec)] of the fmt replacement fields of `text`."""
    return [(m.group(1), m.group(2) or "") for m in FIELD.finditer(text) if m.group(0) not in ("{{", "}}")]

def check(msgid, msgstr):
    """Why msgstr cannot stand for msgid in fmt::format, or None."""
    want = fields(msgid)
    got = fields(msgstr)
    if any(i for i, _ in want):        # numbered English: the same numbers and specs, any order
        if all(i for i, _ in got) and {(int(i), s) for i, s in got} == {(int(i), s) for i, s in want}:
            return None
        return f"fields {want} translated as {got}"
    specs = [s for _, s in want]
    if not any(i for i, _ in got):     # automatic: same number, same specs, in order
        return None if [s for _, s in got] == specs else f"fields {want} translated as {got}"
    if not all(i for i, _ in got):
        return "mixes {} and numbered fields"
    used = {int(i): s for i, s in got}
    if sorted(used) != list(range(len(want))) or any(used[n] != specs[n] for n in used):
        return f"fields {want} translated as {got}"
    return None

pot = entries(sys.argv[1])
failed = False
for po in sys.argv[2:]:
    catalogue = {e[0]: e for e in entries(po)}
    missing = [e[0] for e in pot if e[0] not in catalogue]
    for m in missing:
        print(f"FAIL: {po}: not in the catalogue: \"{m}\"")
    failed |= bool(missing)
    stale = [k for k in catalogue if k not in {e[0] for e in pot}]
    for s in stale:
        print(f"note: {po}: no longer in the sources: \"{s}\"")
    for msgid, plural, strs, fuzzy in catalogue.values():
        for s in strs:
            if not s:
                continue
            why = check(msgid, s)
            if why:
                print(f"FAIL: {po}: \"{msgid}\" → \"{s}\": {why}")
                failed = True
    if not missing:
        print(f"ok: {po}: all {len(pot)} strings of the sources are in it")
sys.exit(1 if failed else 0)
PY
[ $status -eq 0 ] && echo "catalogue check passed"
exit $status
