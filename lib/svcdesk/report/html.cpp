// Self-contained HTML reports: inline CSS, inline SVG bar charts, no scripts or external assets,
// readable when printed.
#include <svcdesk/report/render.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace svcdesk {
namespace {

struct Series {
    std::string name, color;
    std::vector<double> values;
};

constexpr const char* k_style = R"css(
body { font-family: "Noto Sans CJK SC", "Source Han Sans", sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.5em; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
th, td { border: 1px solid #bbb; padding: 2px 8px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5em; }
figure { margin: 0; } figcaption { font-weight: bold; margin-bottom: 0.3em; }
svg text { font-size: 11px; fill: #333; }
@media print { body { margin: 0.5cm; } .charts { page-break-inside: avoid; } }
)css";

std::string fmt_num(double v) {
    return v == static_cast<long long>(v) ? fmt::format("{}", static_cast<long long>(v)) : fmt::format("{:.1f}", v);
}

// A vertical bar chart; several series are drawn side by side per label.
std::string bar_chart(const std::string& id, const std::string& caption, const std::vector<std::string>& labels,
                      const std::vector<Series>& series) {
    const double width = 480, height = 220, left = 36, bottom = 40, top = 16;
    double max_value = 1;
    for (const auto& s : series) {
        for (double v : s.values) max_value = std::max(max_value, v);
    }
    double slot = (width - left - 8) / static_cast<double>(std::max<size_t>(labels.size(), 1));
    double bar = std::max(1.0, slot * 0.8 / static_cast<double>(std::max<size_t>(series.size(), 1)));
    std::string svg = fmt::format(
        R"(<figure><figcaption>{}</figcaption><svg class="chart" id="{}" data-chart="{}" xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-label="{}">)",
        html_escape(caption), id, id, width, height, width, height, html_escape(caption));
    double plot_h = height - bottom - top;
    svg += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#888"/>)", left, height - bottom, width - 4,
                       height - bottom);
    svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", left - 4, top + 4, fmt_num(max_value));
    svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">0</text>)", left - 4, height - bottom);
    for (size_t i = 0; i < labels.size(); ++i) {
        double x0 = left + slot * static_cast<double>(i) + slot * 0.1;
        for (size_t s = 0; s < series.size(); ++s) {
            double v = i < series[s].values.size() ? series[s].values[i] : 0;
            double h = plot_h * v / max_value;
            svg += fmt::format(
                R"(<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"><title>{} {}: {}</title></rect>)",
                x0 + bar * static_cast<double>(s), height - bottom - h, bar, h, series[s].color,
                html_escape(labels[i]), html_escape(series[s].name), fmt_num(v));
        }
        bool show_label = labels.size() <= 12 || i % 3 == 0;
        if (show_label) {
            svg += fmt::format(R"(<text x="{:.1f}" y="{}" text-anchor="middle">{}</text>)", x0 + slot * 0.4,
                               height - bottom + 14, html_escape(labels[i]));
        }
    }
    if (series.size() > 1) { // legend
        for (size_t s = 0; s < series.size(); ++s) {
            double x = left + 100.0 * static_cast<double>(s);
            svg += fmt::format(R"(<rect x="{}" y="{}" width="10" height="10" fill="{}"/><text x="{}" y="{}">{}</text>)",
                               x, height - 14, series[s].color, x + 14, height - 5, html_escape(series[s].name));
        }
    }
    return svg + "</svg></figure>\n";
}

std::string cell(const Json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return html_escape(v.get<std::string>());
    if (v.is_number_float()) return fmt::format("{:.4g}", v.get<double>());
    return html_escape(v.dump());
}

void figures_table(std::string& out, const Json& r) {
    auto section = [&](const char* name, const Json& obj) {
        out += fmt::format("<tr><th colspan=\"2\">{}</th></tr>", name);
        for (const auto& [k, v] : obj.items()) {
            if (v.is_object() || v.is_array()) continue;
            out += fmt::format("<tr><td>{}</td><td>{}</td></tr>", html_escape(k), cell(v));
        }
    };
    out += "<table class=\"figures\">";
    section("tickets", r["tickets"]);
    section("first response (minutes)", r["first_response_minutes"]);
    section("resolution (minutes)", r["resolution_minutes"]);
    section("SLA", r["sla"]);
    section("complaints", r["complaints"]);
    section("complaints by class", r["complaints"]["by_class"]);
    section("complaints by root cause", r["complaints"]["by_root_cause"]);
    section("callbacks", r["callbacks"]);
    section("deposits", r["deposits"]);
    if (r.contains("loans")) {
        section("loans", r["loans"]);
        section("loan deposit cash (yuan)", r["loans"]["cash"]);
    }
    section("customers", r["customers"]);
    out += "</table>\n";
}

std::string page(const std::string& title, const std::string& body) {
    return fmt::format("<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n<title>{0}</title>\n"
                       "<style>{1}</style>\n</head>\n<body>\n<h1>{0}</h1>\n{2}</body>\n</html>\n",
                       html_escape(title), k_style, body);
}

std::string list_table(const Json& list) {
    if (list.empty()) return "<p>(none)</p>\n";
    std::string out = "<table class=\"staff\"><tr>";
    for (const auto& [k, v] : list.front().items()) out += "<th>" + html_escape(k) + "</th>";
    out += "</tr>";
    for (const auto& row : list) {
        out += "<tr>";
        for (const auto& [k, v] : row.items()) out += "<td>" + cell(v) + "</td>";
        out += "</tr>";
    }
    return out + "</table>\n";
}

} // namespace

std::string daily_report_html(const Json& r) {
    std::string body;
    std::vector<std::string> hours;
    std::vector<double> per_hour;
    for (size_t h = 0; h < 24; ++h) {
        hours.push_back(fmt::format("{:02}", h));
        per_hour.push_back(r["tickets"]["created_by_hour"][h].get<double>());
    }
    std::vector<std::string> categories;
    std::vector<double> per_category;
    for (const auto& [k, v] : r["tickets"]["by_category"].items()) {
        categories.push_back(k);
        per_category.push_back(v.get<double>());
    }
    std::vector<std::string> desks;
    Series met{"met", "#4c9a2a", {}}, breached{"breached", "#c0392b", {}};
    for (const auto& [desk, f] : r["desks"].items()) {
        desks.push_back(desk);
        met.values.push_back(f["sla"]["met"].get<double>());
        breached.values.push_back(f["sla"]["breached"].get<double>());
    }
    if (desks.empty()) {
        desks.push_back(r["desk"].is_null() ? "all" : r["desk"].get<std::string>());
        met.values.push_back(r["sla"]["met"].get<double>());
        breached.values.push_back(r["sla"]["breached"].get<double>());
    }
    std::vector<std::string> scores = {"1", "2", "3", "4", "5"};
    std::vector<double> per_score;
    for (const auto& s : scores) per_score.push_back(r["satisfaction_distribution"][s].get<double>());

    body += "<section class=\"charts\">\n";
    body += bar_chart("tickets-per-hour", "Tickets per hour", hours, {{"tickets", "#2e86c1", per_hour}});
    body += bar_chart("tickets-by-category", "Tickets by category", categories, {{"tickets", "#8e44ad", per_category}});
    body += bar_chart("sla-per-desk", "SLA met vs breached per desk", desks, {met, breached});
    body += bar_chart("satisfaction", "Satisfaction (closed that day)", scores, {{"tickets", "#d68910", per_score}});
    body += "</section>\n<h2>All desks</h2>\n";
    figures_table(body, r);
    for (const auto& [desk, f] : r["desks"].items()) {
        body += "<h2>Desk " + html_escape(desk) + "</h2>\n";
        figures_table(body, f);
    }
    body += "<h2>Staff on duty</h2>\n" + list_table(r["staff"]);
    auto title = "Daily report " + r["date"].get<std::string>() +
                 (r["desk"].is_null() ? std::string() : " — desk " + r["desk"].get<std::string>());
    return page(title, body);
}

std::string staff_report_html(const Json& r) {
    std::vector<std::string> names;
    std::vector<double> handled;
    for (const auto& s : r["staff"]) {
        names.push_back(s["id"].get<std::string>());
        handled.push_back(s["handled"].get<double>());
    }
    std::string body = "<section class=\"charts\">\n" +
                       bar_chart("handled-per-person", "Tickets handled", names, {{"handled", "#2e86c1", handled}}) +
                       "</section>\n" + list_table(r["staff"]);
    return page("Staff report " + r["month"].get<std::string>(), body);
}

} // namespace svcdesk
