#!/usr/bin/env bash
# The HTML daily report (issue 23) renders in a real browser (headless Chromium) in both
# languages: labels in the report's language (--lang zh|en, default from the locale), desks by
# their display names, a summary band, one table comparing the desks, four charts with titles,
# axes and legends; valid HTML5 (html5lib), one self-contained file, A4 when printed.
# SVCDESK_UPDATE_SCREENSHOTS=1 writes the two screenshots to docs/report-zh.png and report-en.png.
# The Chinese catalogue is compiled here from po/zh_CN.po into the test's folder (SVCDESK_LOCALEDIR).
source "$(dirname "$0")/lib.sh"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "chromium is not installed (scripts/deps.sh test installs it)" >&2
  exit 1
fi
# The zh_CN.UTF-8 locale, which gettext needs to pick the Chinese catalogue.
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
  if [ "$(id -u)" = 0 ] && [ -f /etc/locale.gen ]; then
    sed -i 's/^# *zh_CN.UTF-8/zh_CN.UTF-8/' /etc/locale.gen && locale-gen >/dev/null
  fi
  locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$' || { echo "the zh_CN.UTF-8 locale is missing (locale-gen)" >&2; exit 1; }
fi
mkdir -p "$TEST_DIR/locale/zh_CN/LC_MESSAGES"
msgfmt --check -o "$TEST_DIR/locale/zh_CN/LC_MESSAGES/svcdesk.mo" "$SVCDESK_SOURCE/po/zh_CN.po" ||
  { echo "po/zh_CN.po does not compile" >&2; exit 1; }
export SVCDESK_LOCALEDIR="$TEST_DIR/locale"

setup_staff
export SVCDESK_USER=boss
at() { local t=$1; shift; SVCDESK_NOW="2026-11-23T$t:00+08:00" sd "$@"; }
for i in 1 2 3; do
  h=$(printf %02d $((i + 7)))
  id=$(at "$h:00" intake --channel phone --category complaint --class product --customer "客户$i" --subject "投诉 $i")
  at "$h:20" start "$id" >/dev/null; at "1$i:25" resolve "$id" --resolution 好 >/dev/null
  at "1$i:30" close "$id" --satisfaction $((i + 2)) >/dev/null
done
at 10:00 intake --channel walk_in --category consultation --customer 张 --subject 咨询 --desk emergency >/dev/null
at 14:00 intake --channel online --category document_delivery --customer 刘 --subject 病历复印 --desk surgery >/dev/null
at 10:00 deposit in --tag A001 --depositor 庚 --phone 13900000001 --id-number 110101199001015676 \
  --items 背包 --pieces 2 --checked >/dev/null
# A wheelchair lent against its deposit (issue 24, seed 001 §六): the loan figures and the cash.
at 11:00 loan out --item wheelchair --borrower 辛 --phone 13900000002 --id-number 110101199001015676 >/dev/null
export SVCDESK_NOW=2026-11-23T18:00:00+08:00

expect_exit 0 "html report in Chinese" -- report daily --format html --lang zh --output "$TEST_DIR/zh.html"
expect_exit 0 "html report in English" -- report daily --format html --lang en --output "$TEST_DIR/en.html"
expect_exit 2 "an unknown language" -- report daily --format html --lang fr
zh=$(cat "$TEST_DIR/zh.html")
en=$(cat "$TEST_DIR/en.html")
expect_contains "$zh" '<html lang="zh-CN">' "the Chinese page says so"
expect_contains "$en" '<html lang="en">' "the English page says so"
OUT=$(LC_ALL=zh_CN.UTF-8 sd report daily --format html)
expect_contains "$OUT" '<html lang="zh-CN">' "the language defaults to the locale's (zh)"
expect_contains "$OUT" "受理工单" "... and so do the labels"
OUT=$(LC_ALL=C sd report daily --format html)
expect_contains "$OUT" '<html lang="en">' "the language defaults to the locale's (C: English)"
expect_eq "$(LC_ALL=zh_CN.UTF-8 sd report daily --format json)" "$(LC_ALL=C sd report daily --format json)" \
  "the JSON report does not change with the locale"

# One self-contained file: no script, no link, nothing fetched.
for page in zh en; do
  html=$(cat "$TEST_DIR/$page.html")
  expect_not_contains "$html" "<script" "$page: no script"
  expect_not_contains "$html" "<link" "$page: no linked stylesheet"
  expect_not_contains "$html" "src=" "$page: no external image"
  expect_eq "$(grep -o 'https\?://[^" ]*' <<<"$html" | sort -u)" "http://www.w3.org/2000/svg" "$page: no address but SVG's namespace"
  expect_contains "$html" "@page { size: A4" "$page: A4 when printed"
  verdict=$(/usr/bin/python3 - "$TEST_DIR/$page.html" <<'PY'
import sys, html5lib
try:
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(open(sys.argv[1], encoding="utf-8").read())
    print("valid")
except Exception as e:
    print(f"invalid: {e}")
PY
)
  expect_eq "$verdict" "valid" "$page: valid HTML5 (html5lib, strict)"
done

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --hide-scrollbars)
# Chromium idles most of its ~7 s start (D-Bus time-outs): the two pages render side by side,
# each with a profile of its own, and the A4 print of the Chinese one beside them.
render() { # render PAGE: screenshot and DOM of PAGE.html
  local profile=(--user-data-dir="$TEST_DIR/chrome-$1")
  timeout 120 "$chromium" "${flags[@]}" "${profile[@]}" --window-size=1100,2300 --screenshot="$TEST_DIR/$1.png" \
    "file://$TEST_DIR/$1.html" >/dev/null 2>&1
  timeout 120 "$chromium" "${flags[@]}" "${profile[@]}" --dump-dom "file://$TEST_DIR/$1.html" >"$TEST_DIR/$1.dom" 2>/dev/null
}
render zh & render en &
timeout 120 "$chromium" "${flags[@]}" --user-data-dir="$TEST_DIR/chrome-pdf" --no-pdf-header-footer \
  --print-to-pdf="$TEST_DIR/zh.pdf" "file://$TEST_DIR/zh.html" >/dev/null 2>&1 &
wait
for page in zh en; do
  [ -s "$TEST_DIR/$page.png" ] && pass || failed "$page: no screenshot"
  dom=$(cat "$TEST_DIR/$page.dom")
  for chart in tickets-per-hour tickets-by-category sla-per-desk satisfaction; do
    expect_contains "$dom" "id=\"$chart\"" "$page: rendered DOM has chart $chart"
  done
  expect_eq "$(grep -o '<rect class="bar"' "$TEST_DIR/$page.dom" | wc -l)" "$((24 + 3 + 6 + 5))" "$page: bars in the charts"
  expect_eq "$(grep -o '<g class="legend"' "$TEST_DIR/$page.dom" | wc -l)" "5" "$page: every chart has a legend"
  expect_eq "$(grep -o 'class="axis-title"' "$TEST_DIR/$page.dom" | wc -l)" "8" "$page: every chart titles both axes"
  expect_eq "$(grep -o '<title id="[a-z-]*-title">' "$TEST_DIR/$page.dom" | wc -l)" "4" "$page: every chart has a title"
  expect_eq "$(grep -o '<table class="figures"' "$TEST_DIR/$page.dom" | wc -l)" "1" "$page: one table compares the desks"
  expect_eq "$(grep -o '<div class="card' "$TEST_DIR/$page.dom" | wc -l)" "12" "$page: the summary band's twelve figures (four of loans, issue 24)"
  expect_not_contains "$dom" "open_end_of_day" "$page: no raw figure ids"
  expect_not_contains "$dom" "0.3333" "$page: no raw ratios"
done
zh_dom=$(cat "$TEST_DIR/zh.dom")
en_dom=$(cat "$TEST_DIR/en.dom")
for label in 日报 概览 受理工单 关闭工单 SLA达标率 投诉按时处理率 平均满意度 在存物品 逾期寄存 风险客户 各服务台对比 \
             每小时受理工单 时段 值班人员 内科楼一楼大厅客服总台 外科楼一楼大厅客服中心 门急诊客服中心 投诉 咨询服务 \
             产品/技术类 物品借用 借出未还 当日借出 逾期未还 借用押金期末余额（元） 收取押金（元） 200.00; do
  expect_contains "$zh_dom" "$label" "zh: the rendered page shows $label"
done
expect_not_contains "$zh_dom" "Tickets received" "zh: no English label"
expect_not_contains "$zh_dom" "Internal medicine building" "zh: no English desk name"
for label in "Daily report" "Summary" "Tickets received" "Tickets closed" "SLA met rate" "Complaints on time" \
             "Mean satisfaction" "Deposits in storage" "At-risk customers" "Desks compared" "Hour of day" \
             "Internal medicine building" "Emergency" "Complaint" "Product / technical" "Equipment loans" \
             "Loan items out" "Loans overdue" "Loan deposit cash, closing (yuan)" "Loan deposits received (yuan)"; do
  expect_contains "$en_dom" "$label" "en: the rendered page shows $label"
done
expect_eq "$(grep -cE '>[0-9]+\.[0-9]%<' <<<"$zh_dom" | tr -d '\n' | sed 's/^[1-9][0-9]*$/yes/')" "yes" "zh: rates as percentages (66.7%)"
expect_eq "$(grep -cE '>[0-9]+\.[0-9] %<' <<<"$en_dom" | tr -d '\n' | sed 's/^[1-9][0-9]*$/yes/')" "yes" "en: rates as percentages (66.7 %)"
grep -qE '>[0-9]+小时([0-9]+分)?<' <<<"$zh_dom" && pass || failed "zh: durations in hours and minutes (1小时25分)"
grep -qE '>[0-9]+ h( [0-9]+ min)?<' <<<"$en_dom" && pass || failed "en: durations in hours and minutes (1 h 25 min)"
for label in 受理工单 各服务台对比 内科楼一楼大厅客服总台 概览; do
  expect_not_contains "$en_dom" "$label" "en: no Chinese label $label"
done

# Not blank: the screenshot has many distinct colours and a fair share of non-white pixels.
for page in zh en; do
  verdict=$(/usr/bin/python3 - "$TEST_DIR/$page.png" <<'PY'
import sys
from PIL import Image
img = Image.open(sys.argv[1]).convert("RGB")
pixels = list(img.getdata())
ink = sum(1 for p in pixels if p != (255, 255, 255)) / len(pixels)
print("ok" if ink > 0.02 and len(set(pixels)) > 20 else f"blank ink={ink:.4f} colours={len(set(pixels))}")
PY
)
  expect_eq "$verdict" "ok" "$page: the rendered page is not blank"
done
# Printed: A4 pages (595 × 842 points).
boxes=$(grep -ao 'MediaBox *\[[^]]*\]' "$TEST_DIR/zh.pdf" | sort -u)
[[ "$boxes" =~ ^MediaBox\ *\[0\ 0\ 59[45][.0-9]*\ 84[12][.0-9]*\]$ ]] && pass || failed "printed on A4: $boxes"
if [ -n "${SVCDESK_UPDATE_SCREENSHOTS:-}" ]; then
  cp "$TEST_DIR/zh.png" "$SVCDESK_SOURCE/docs/report-zh.png"
  cp "$TEST_DIR/en.png" "$SVCDESK_SOURCE/docs/report-en.png"
fi
[ -n "${SVCDESK_KEEP_PNG:-}" ] && cp "$TEST_DIR/zh.png" "$SVCDESK_KEEP_PNG"
finish
