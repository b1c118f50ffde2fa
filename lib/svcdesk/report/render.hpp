#pragma once
// Renderers of report JSON into the human formats: terminal table, CSV, Markdown, HTML. CSV keeps
// the exact numbers and ids of the JSON; the formats for people show percentages, durations,
// labels in the language of the messages and the display names of config (issue 23).

#include <svcdesk/config/config.hpp>
#include <svcdesk/io/records.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

// How a report is rendered for people.
struct ReportView {
    std::size_t width = 0;            // table: fit to this terminal width; 0: nothing is cut
    const Config* config = nullptr;   // display names of desks, categories ...; ids when null
    std::string lang;                 // html: the lang attribute, "zh" or "en" (default: the messages')
};

// `report` is daily_report_json(); `format` one of table, csv, md, html.
std::string render_daily_report(const Json& report, std::string_view format, const ReportView& view = {});
// `report` is staff_report_json(); same formats.
std::string render_staff_report(const Json& report, std::string_view format, const ReportView& view = {});
// `report` is complaint_report_json(); table, csv or md.
std::string render_complaint_report(const Json& report, std::string_view format, const ReportView& view = {});

// A self-contained HTML page (inline CSS and SVG, no scripts, no external assets).
std::string daily_report_html(const Json& report, const ReportView& view = {});
std::string staff_report_html(const Json& report, const ReportView& view = {});

std::string html_escape(std::string_view text);
// A Markdown table cell: HTML and Markdown-significant characters escaped, line breaks as spaces,
// so that data is shown as written and never run or formatted by a renderer.
std::string markdown_escape(std::string_view text);

// Numbers for people: a rate 0.6667 as "66.7 %"; minutes 85 as "1 h 25 min" (in Chinese
// "1小时25分"); a mean score as "4.3".
std::string format_percent(double rate);
std::string format_minutes(double amount); // minutes
std::string format_score(double score);

// A report figure (its dotted JSON path, "sla.rate") for people: its label, and its value as
// text (percent, duration, count; "" for null).
std::string figure_label(std::string_view path, const ReportView& view);
std::string figure_text(std::string_view path, const Json& value);

// The dotted paths of a report's figures (the rows of its tables), and the value at one.
std::vector<std::string> report_paths(const Json& report);
const Json* report_value(const Json& node, const std::string& path);

// What ReportView::lang asks for, as the lang attribute: "zh" or "en".
std::string report_language(const ReportView& view);

} // namespace svcdesk
