// Self-contained HTML reports (issue 23): labels in the report's language, display names, a
// summary band, one table comparing the desks, SVG charts with titles, axes and legends; inline
// CSS and SVG, no scripts or external assets; laid out for A4 when printed.
#include <svcdesk/i18n.hpp>
#include <svcdesk/report/render.hpp>
#include <svcdesk/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace svcdesk {
namespace {

struct HtmlSeries {
    std::string name, color;
    std::vector<double> values;
};

struct HtmlChart {
    std::string id, title, x_title, y_title;
    std::vector<std::string> labels;
    std::vector<HtmlSeries> series;
};

constexpr const char* k_html_style = R"css(
:root { --ink: #1f2933; --muted: #52606d; --line: #cbd2d9; --band: #f0f4f8; --accent: #2364aa; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 1.5em auto; max-width: 1100px; padding: 0 1em; color: var(--ink); line-height: 1.4; }
header h1 { font-size: 1.6em; margin: 0 0 0.2em; }
header p { margin: 0; color: var(--muted); }
h2 { font-size: 1.15em; margin: 1.4em 0 0.5em; border-bottom: 2px solid var(--accent); padding-bottom: 0.2em; }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(118px, 1fr)); gap: 0.6em; margin-top: 1em; }
.card { background: var(--band); border-left: 4px solid var(--accent); padding: 0.5em 0.7em; }
.card .value { display: block; font-size: 1.5em; font-weight: bold; white-space: nowrap; }
.card .label { display: block; color: var(--muted); font-size: 0.9em; }
.card.warn { border-left-color: #c0392b; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; white-space: normal; }
thead th { background: var(--band); border-bottom: 2px solid var(--line); }
tr.group th { background: #fff; text-align: left; padding-top: 0.8em; color: var(--accent); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 1.2em; }
figure { margin: 0; } figcaption { font-weight: bold; margin-bottom: 0.3em; }
svg.chart { width: 100%; height: auto; }
svg text { font-size: 11px; fill: var(--ink); }
svg .axis-title { font-size: 11px; fill: var(--muted); }
svg .grid { stroke: #e4e7eb; }
footer { margin-top: 2em; color: var(--muted); font-size: 0.8em; }
@page { size: A4; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  .summary { grid-template-columns: repeat(4, 1fr); }
  .charts { grid-template-columns: 1fr 1fr; gap: 0.6em; }
  figure, .card, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  section.compare { break-before: page; }
}
)css";

std::string number_text(double v) {
    return v == std::floor(v) ? fmt::format("{}", static_cast<long long>(v)) : fmt::format("{:.1f}", v);
}

// A y-axis step of 1, 2 or 5 × 10^n giving at most five gridlines up to `max`.
double nice_step(double max) {
    double raw = std::max(max / 5.0, 1.0);
    double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double f : {1.0, 2.0, 5.0, 10.0}) {
        if (f * magnitude >= raw) return f * magnitude;
    }
    return 10.0 * magnitude;
}

// A bar chart: several series side by side per label, y axis with gridlines, axis titles and a
// legend; each bar carries a <title> with its value.
std::string bar_chart(const HtmlChart& c) {
    const double width = 520, height = 280, left = 52, right = 12, top = 34;
    double longest = 0;
    for (const auto& l : c.labels) longest = std::max(longest, static_cast<double>(display_width(l)));
    double slot = (width - left - right) / static_cast<double>(std::max<size_t>(c.labels.size(), 1));
    bool rotate = longest * 6.5 > slot;
    double bottom = rotate ? 36 + std::min(longest, 16.0) * 5.0 : 44;
    double plot_h = height - bottom - top, base = height - bottom;
    double max_value = 0;
    for (const auto& s : c.series) {
        for (double v : s.values) max_value = std::max(max_value, v);
    }
    double step = nice_step(max_value);
    double axis_max = std::max(step, std::ceil(max_value / step) * step);
    std::string svg = fmt::format(
        R"svg(<figure><figcaption>{0}</figcaption><svg class="chart" id="{1}" data-chart="{1}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {2} {3}" role="img" aria-labelledby="{1}-title"><title id="{1}-title">{0}</title>)svg",
        html_escape(c.title), c.id, width, height);
    for (double y = 0; y <= axis_max + 1e-9; y += step) { // gridlines and y tick labels
        double py = base - plot_h * y / axis_max;
        svg += fmt::format(R"svg(<line class="grid" x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}"/><text x="{}" y="{:.1f}" text-anchor="end">{}</text>)svg",
                           left, py, width - right, py, left - 5, py + 4, number_text(y));
    }
    svg += fmt::format(R"svg(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#52606d"/><line x1="{0}" y1="{2}" x2="{3}" y2="{2}" stroke="#52606d"/>)svg",
                       left, top, base, width - right);
    svg += fmt::format(R"svg(<text class="axis-title" transform="translate(13 {:.1f}) rotate(-90)" text-anchor="middle">{}</text>)svg",
                       top + plot_h / 2, html_escape(c.y_title));
    svg += fmt::format(R"svg(<text class="axis-title" x="{:.1f}" y="{}" text-anchor="middle">{}</text>)svg",
                       left + (width - left - right) / 2, height - 6, html_escape(c.x_title));
    double bar = std::max(1.0, slot * 0.8 / static_cast<double>(std::max<size_t>(c.series.size(), 1)));
    for (size_t i = 0; i < c.labels.size(); ++i) {
        double x0 = left + slot * static_cast<double>(i) + slot * 0.1;
        for (size_t s = 0; s < c.series.size(); ++s) {
            double v = i < c.series[s].values.size() ? c.series[s].values[i] : 0;
            double h = plot_h * v / axis_max;
            svg += fmt::format(
                R"svg(<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"><title>{} · {}: {}</title></rect>)svg",
                x0 + bar * static_cast<double>(s), base - h, bar, h, c.series[s].color, html_escape(c.labels[i]),
                html_escape(c.series[s].name), number_text(v));
        }
        if (c.labels.size() > 12 && i % 3 != 0) continue;
        double lx = x0 + slot * 0.4;
        if (rotate) {
            svg += fmt::format(R"svg(<text transform="translate({:.1f} {}) rotate(-35)" text-anchor="end">{}</text>)svg", lx + 4,
                               base + 12, html_escape(c.labels[i]));
        } else {
            svg += fmt::format(R"svg(<text x="{:.1f}" y="{}" text-anchor="middle">{}</text>)svg", lx, base + 15,
                               html_escape(c.labels[i]));
        }
    }
    double lx = left; // the legend, above the plot
    for (const auto& s : c.series) {
        svg += fmt::format(R"svg(<g class="legend"><rect x="{0:.1f}" y="8" width="11" height="11" fill="{1}"/><text x="{2:.1f}" y="18">{3}</text></g>)svg",
                           lx, s.color, lx + 15, html_escape(s.name));
        lx += 30 + 7.0 * static_cast<double>(display_width(s.name));
    }
    return svg + "</svg></figure>\n";
}

std::string desk_label(const std::string& id, const ReportView& view) {
    return view.config ? view.config->display_name(NameKind::desk, id) : id;
}

std::string page(const std::string& title, const std::string& subtitle, const std::string& body, const ReportView& view) {
    auto lang = report_language(view) == "zh" ? "zh-CN" : "en";
    return fmt::format("<!DOCTYPE html>\n<html lang=\"{3}\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{0}</title>\n"
                       "<style>{1}</style>\n</head>\n<body>\n<header><h1>{0}</h1><p>{4}</p></header>\n{2}"
                       "<footer>{5}</footer>\n</body>\n</html>\n",
                       html_escape(title), k_html_style, body, lang, html_escape(subtitle), html_escape(_("Made by svcdesk")));
}

std::string rate_text(const Json& v) { return v.is_number() ? format_percent(v.get<double>()) : "—"; }

std::string summary_band(const Json& r) {
    double scored = 0, total = 0;
    for (int s = 1; s <= 5; ++s) {
        double n = r["satisfaction_distribution"][std::to_string(s)].get<double>();
        scored += n;
        total += n * s;
    }
    auto card = [](const std::string& value, const char* label, bool warn = false) {
        return fmt::format(R"svg(<div class="card{}"><span class="value">{}</span><span class="label">{}</span></div>)svg",
                           warn ? " warn" : "", html_escape(value), html_escape(_(label)));
    };
    auto count = [&](const char* a, const char* b) { return r[a][b].dump(); };
    std::string out = fmt::format("<section class=\"summary\" aria-label=\"{}\">", html_escape(_("Summary")));
    out += card(count("tickets", "created"), N_("Tickets received"));
    out += card(count("tickets", "closed"), N_("Tickets closed"));
    out += card(rate_text(r["sla"]["rate"]), N_("SLA met rate"));
    out += card(rate_text(r["complaints"]["on_time_rate"]), N_("Complaints on time"));
    out += card(scored > 0 ? format_score(total / scored) : "—", N_("Mean satisfaction"));
    out += card(count("deposits", "stored_end_of_day"), N_("Deposits in storage"));
    out += card(count("deposits", "overdue"), N_("Deposits overdue"), r["deposits"]["overdue"].get<long long>() > 0);
    if (r.contains("loans")) { // equipment loans (issue 24, seed 001 §六, §八): items out, overdue, the cash
        out += card(count("loans", "out"), N_("Loans made"));
        out += card(count("loans", "out_end_of_day"), N_("Loan items out"));
        out += card(count("loans", "overdue"), N_("Loans overdue"), r["loans"]["overdue"].get<long long>() > 0);
        out += card(r["loans"]["cash"]["closing"].get<std::string>(), N_("Loan deposit cash, closing (yuan)"));
    }
    out += card(count("customers", "at_risk"), N_("At-risk customers"), r["customers"]["at_risk"].get<long long>() > 0);
    return out + "</section>\n";
}

// The label of a group of figures: the first part of their path.
const char* group_label(std::string_view group) {
    if (group == "tickets") return N_("Tickets");
    if (group == "first_response_minutes") return N_("First response");
    if (group == "resolution_minutes") return N_("Resolution");
    if (group == "sla") return N_("SLA");
    if (group == "complaints") return N_("Complaints");
    if (group == "callbacks") return N_("Callbacks");
    if (group == "deposits") return N_("Deposits");
    if (group == "loans") return N_("Equipment loans");
    if (group == "transfers") return N_("Transfers");
    if (group == "satisfaction_distribution") return N_("Satisfaction");
    if (group == "customers") return N_("Customers");
    return nullptr;
}

// One table comparing the desks: a row per figure, a column for all desks and one per desk.
std::string comparison_table(const Json& r, const ReportView& view) {
    std::vector<std::pair<std::string, const Json*>> columns;
    columns.emplace_back(r["desk"].is_null() ? std::string(_("All desks")) : desk_label(r["desk"].get<std::string>(), view), &r);
    if (r["desk"].is_null()) {
        for (const auto& [desk, figures] : r["desks"].items()) columns.emplace_back(desk_label(desk, view), &figures);
    }
    std::string out = "<section class=\"compare\"><h2>" + html_escape(_("Desks compared")) + "</h2>\n<table class=\"figures\"><thead><tr><th>" +
                      html_escape(_("Figure")) + "</th>";
    for (const auto& [name, source] : columns) out += "<th>" + html_escape(name) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    std::string group;
    for (const auto& path : report_paths(r)) {
        auto head = path.substr(0, path.find('.'));
        if (head != group) {
            group = head;
            const char* label = group_label(group);
            out += fmt::format("<tr class=\"group\"><th colspan=\"{}\">{}</th></tr>\n", columns.size() + 1,
                               html_escape(label ? _(label) : group));
        }
        out += "<tr><td>" + html_escape(figure_label(path, view)) + "</td>";
        bool count_map = path.find(".by_") != std::string::npos;
        for (const auto& [name, source] : columns) {
            const Json* v = report_value(*source, path);
            auto text = v ? figure_text(path, *v) : (count_map ? "0" : "");
            out += "<td>" + html_escape(text.empty() ? "—" : text) + "</td>"; // no value: none to judge
        }
        out += "</tr>\n";
    }
    return out + "</tbody></table></section>\n";
}

std::string people_table(const Json& list, const ReportView& view) {
    if (list.empty()) return "<p>" + html_escape(_("(none)")) + "</p>\n";
    std::string out = "<table class=\"staff\"><thead><tr>";
    for (const auto& [k, v] : list.front().items()) out += "<th>" + html_escape(figure_label("staff." + k, view)) + "</th>";
    out += "</tr></thead><tbody>";
    for (const auto& row : list) {
        out += "<tr>";
        for (const auto& [k, v] : row.items()) {
            std::string text = figure_text("staff." + k, v);
            if (view.config && v.is_string() && k == "desk") text = view.config->display_name(NameKind::desk, text);
            if (view.config && v.is_string() && k == "shift") text = view.config->display_name(NameKind::shift, text);
            out += "<td>" + html_escape(text) + "</td>";
        }
        out += "</tr>";
    }
    return out + "</tbody></table>\n";
}

std::string scope_line(const Json& r, const ReportView& view) {
    std::string site = view.config ? view.config->site_name + " · " : std::string();
    return site + (r["desk"].is_null() ? std::string(_("all desks")) : desk_label(r["desk"].get<std::string>(), view));
}

} // namespace

std::string daily_report_html(const Json& r, const ReportView& view) {
    HtmlChart per_hour{"tickets-per-hour", _("Tickets received per hour"), _("Hour of day"), _("Tickets"), {}, {}};
    HtmlSeries received{_("Tickets received"), "#2364aa", {}};
    for (size_t h = 0; h < 24; ++h) {
        per_hour.labels.push_back(fmt::format("{:02}", h));
        received.values.push_back(r["tickets"]["created_by_hour"][h].get<double>());
    }
    per_hour.series.push_back(received);

    HtmlChart by_category{"tickets-by-category", _("Tickets by category"), _("Category"), _("Tickets"), {}, {}};
    HtmlSeries categories{_("Tickets received"), "#7b4fa0", {}};
    for (const auto& [k, v] : r["tickets"]["by_category"].items()) {
        by_category.labels.push_back(view.config ? view.config->display_name(NameKind::category, k) : k);
        categories.values.push_back(v.get<double>());
    }
    by_category.series.push_back(categories);

    HtmlChart sla{"sla-per-desk", _("SLA met and breached per desk"), _("Desk"), _("Tickets"), {}, {}};
    HtmlSeries met{_("SLA met"), "#3f8f29", {}}, breached{_("SLA breached"), "#c0392b", {}};
    for (const auto& [desk, f] : r["desks"].items()) {
        sla.labels.push_back(desk_label(desk, view));
        met.values.push_back(f["sla"]["met"].get<double>());
        breached.values.push_back(f["sla"]["breached"].get<double>());
    }
    if (sla.labels.empty()) {
        sla.labels.push_back(r["desk"].is_null() ? std::string(_("All desks")) : desk_label(r["desk"].get<std::string>(), view));
        met.values.push_back(r["sla"]["met"].get<double>());
        breached.values.push_back(r["sla"]["breached"].get<double>());
    }
    sla.series = {met, breached};

    HtmlChart satisfaction{"satisfaction", _("Satisfaction of tickets closed that day"), _("Score (1–5)"), _("Tickets"), {}, {}};
    HtmlSeries scores{_("Tickets closed"), "#d68910", {}};
    for (const char* s : {"1", "2", "3", "4", "5"}) {
        satisfaction.labels.push_back(s);
        scores.values.push_back(r["satisfaction_distribution"][s].get<double>());
    }
    satisfaction.series.push_back(scores);

    std::string body = summary_band(r);
    body += "<h2>" + html_escape(_("Charts")) + "</h2>\n<section class=\"charts\">\n";
    for (const auto* chart : {&per_hour, &by_category, &sla, &satisfaction}) body += bar_chart(*chart);
    body += "</section>\n" + comparison_table(r, view);
    body += "<h2>" + html_escape(_("Staff on duty")) + "</h2>\n" + people_table(r["staff"], view);
    auto title = fmt::format(fmt::runtime(_("Daily report {0}")), r["date"].get<std::string>());
    return page(title, scope_line(r, view), body, view);
}

std::string staff_report_html(const Json& r, const ReportView& view) {
    HtmlChart handled{"handled-per-person", _("Tickets handled per person"), _("Staff"), _("Tickets"), {}, {}};
    HtmlSeries series{_("Handled"), "#2364aa", {}};
    for (const auto& s : r["staff"]) {
        handled.labels.push_back(s["name"].is_string() && !s["name"].get<std::string>().empty() ? s["name"].get<std::string>()
                                                                                                : s["id"].get<std::string>());
        series.values.push_back(s["handled"].get<double>());
    }
    handled.series.push_back(series);
    std::string body = "<section class=\"charts\">\n" + bar_chart(handled) + "</section>\n<h2>" +
                       html_escape(_("Staff")) + "</h2>\n" + people_table(r["staff"], view);
    auto title = fmt::format(fmt::runtime(_("Staff report {0}")), r["month"].get<std::string>());
    return page(title, scope_line(r, view), body, view);
}

} // namespace svcdesk
