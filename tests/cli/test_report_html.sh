#!/usr/bin/env bash
# The HTML daily report renders in a real browser (headless Chromium): the PNG is not blank and
# the page has its four charts with bars in them.
source "$(dirname "$0")/lib.sh"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "chromium is not installed (scripts/deps.sh test installs it)" >&2
  exit 1
fi
setup_staff
export SVCDESK_USER=boss
for i in 1 2 3; do
  id=$(sd intake --channel phone --category complaint --class product --customer "客户$i" --subject "投诉 $i")
  sd start "$id" >/dev/null; sd resolve "$id" --resolution 好 >/dev/null; sd close "$id" --satisfaction $((i + 2)) >/dev/null
done
sd intake --channel walk_in --category consultation --customer 张 --subject 咨询 --desk emergency >/dev/null
expect_exit 0 "html report" -- report daily --format html --output "$TEST_DIR/daily.html"

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$TEST_DIR/chrome" --hide-scrollbars)
timeout 120 "$chromium" "${flags[@]}" --window-size=1200,1600 --screenshot="$TEST_DIR/daily.png" \
  "file://$TEST_DIR/daily.html" >/dev/null 2>&1
[ -s "$TEST_DIR/daily.png" ] && pass || failed "no screenshot"
timeout 120 "$chromium" "${flags[@]}" --dump-dom "file://$TEST_DIR/daily.html" >"$TEST_DIR/dom.html" 2>/dev/null
dom=$(cat "$TEST_DIR/dom.html")
for chart in tickets-per-hour tickets-by-category sla-per-desk satisfaction; do
  expect_contains "$dom" "id=\"$chart\"" "rendered DOM has chart $chart"
done
expect_eq "$(grep -o '<rect class="bar"' "$TEST_DIR/dom.html" | wc -l)" "$((24 + 2 + 6 + 5))" "bars in the charts"
# Not blank: the screenshot has many distinct colours and a fair share of non-white pixels.
verdict=$(/usr/bin/python3 - "$TEST_DIR/daily.png" <<'PY'
import sys
from PIL import Image
img = Image.open(sys.argv[1]).convert("RGB")
pixels = list(img.getdata())
ink = sum(1 for p in pixels if p != (255, 255, 255)) / len(pixels)
print("ok" if ink > 0.02 and len(set(pixels)) > 20 else f"blank ink={ink:.4f} colours={len(set(pixels))}")
PY
)
expect_eq "$verdict" "ok" "the rendered page is not blank"
[ -n "${SVCDESK_KEEP_PNG:-}" ] && cp "$TEST_DIR/daily.png" "$SVCDESK_KEEP_PNG"
finish
