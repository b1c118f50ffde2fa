#pragma once
// Renderers of report JSON into the human formats: terminal table, CSV, Markdown, HTML.

#include <svcdesk/io/records.hpp>

#include <string>
#include <string_view>

namespace svcdesk {

// `report` is daily_report_json(); `format` one of table, csv, md, html.
std::string render_daily_report(const Json& report, std::string_view format);
// `report` is staff_report_json(); same formats.
std::string render_staff_report(const Json& report, std::string_view format);
// `report` is complaint_report_json(); table, csv or md.
std::string render_complaint_report(const Json& report, std::string_view format);

// A self-contained HTML page (inline CSS and SVG, no external assets).
std::string daily_report_html(const Json& report);
std::string staff_report_html(const Json& report);

std::string html_escape(std::string_view text);

} // namespace svcdesk
