#include <svcdesk/i18n.hpp>
#include <svcdesk/io/table.hpp>
#include <svcdesk/report/render.hpp>

#include <fmt/format.h>

#include <cmath>
#include <vector>

namespace svcdesk {
namespace {

// One figure of the report: a dotted path and its value in each column (all desks, then each desk).
struct ReportRow {
    std::string metric;
    std::vector<const Json*> values; // null where a desk lacks the figure
};

// The exact value, as CSV shows it.
std::string exact_text(const Json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_float()) {
        auto text = fmt::format("{:.4f}", v.get<double>());
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
        return text;
    }
    return v.dump();
}

void flatten_paths(const Json& node, const std::string& prefix, std::vector<std::string>& out) {
    for (const auto& [key, value] : node.items()) {
        if (key == "created_by_hour" || key == "staff" || key == "desks" || key == "date" || key == "desk" ||
            key == "month")
            continue;
        auto path = prefix.empty() ? key : prefix + "." + key;
        if (value.is_object()) flatten_paths(value, path, out);
        else out.push_back(path);
    }
}

} // namespace

std::vector<std::string> report_paths(const Json& report) {
    std::vector<std::string> paths;
    flatten_paths(report, "", paths);
    return paths;
}

const Json* report_value(const Json& node, const std::string& path) {
    const Json* cur = &node;
    size_t start = 0;
    while (start <= path.size()) {
        if (!cur->is_object()) return nullptr;
        // A key may hold dots itself ("complaint.product" of complaints.by_class).
        if (auto rest = path.substr(start); cur->contains(rest)) return &(*cur)[rest];
        size_t dot = path.find('.', start);
        if (dot == std::string::npos) return nullptr;
        auto key = path.substr(start, dot - start);
        if (!cur->contains(key)) return nullptr;
        cur = &(*cur)[key];
        start = dot + 1;
    }
    return nullptr;
}

namespace {

// The figures as rows × columns ("all" and each desk): the column ids and the rows.
std::pair<std::vector<std::string>, std::vector<ReportRow>> report_matrix(const Json& report) {
    std::vector<std::string> columns = {report["desk"].is_null() ? "all" : report["desk"].get<std::string>()};
    std::vector<const Json*> sources = {&report};
    if (report["desk"].is_null()) {
        for (const auto& [desk, figures] : report["desks"].items()) {
            columns.push_back(desk);
            sources.push_back(&figures);
        }
    }
    std::vector<ReportRow> rows;
    for (const auto& path : report_paths(report)) {
        ReportRow row{path, {}};
        for (const auto* source : sources) row.values.push_back(report_value(*source, path));
        rows.push_back(std::move(row));
    }
    return {columns, rows};
}

std::string csv_of(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    std::string out = csv_line(header, false);
    for (const auto& r : rows) out += csv_line(r, true);
    return out;
}

std::string markdown_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    std::string out = "|";
    for (const auto& h : header) out += " " + markdown_escape(h) + " |";
    out += "\n|";
    for (size_t i = 0; i < header.size(); ++i) out += i ? " ---: |" : " --- |";
    out += "\n";
    for (const auto& r : rows) {
        out += "|";
        for (const auto& c : r) out += " " + markdown_escape(c) + " |";
        out += "\n";
    }
    return out;
}

std::string table_of(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                     const ReportView& view) {
    Table t(header);
    for (const auto& r : rows) t.add_row(r);
    return t.render({false, view.width});
}

std::string desk_name(const std::string& id, const ReportView& view) {
    if (id == "all") return _("All desks");
    return view.config ? view.config->display_name(NameKind::desk, id) : id;
}

// The matrix for CSV: ids and exact values, as before issue 23.
std::vector<std::vector<std::string>> exact_rows(const std::vector<ReportRow>& rows) {
    std::vector<std::vector<std::string>> out;
    for (const auto& r : rows) {
        std::vector<std::string> line{r.metric};
        bool count_map = r.metric.find(".by_") != std::string::npos;
        for (const auto* v : r.values) line.push_back(v ? exact_text(*v) : (count_map ? "0" : ""));
        out.push_back(std::move(line));
    }
    return out;
}

// The matrix as CSV: a "metric" column of figure ids, a column per desk id, exact values.
std::string matrix_csv(const std::vector<std::string>& columns, const std::vector<ReportRow>& rows) {
    std::vector<std::string> header{"metric"};
    header.insert(header.end(), columns.begin(), columns.end());
    return csv_of(header, exact_rows(rows));
}

// The matrix for people: labels, display names, percentages and durations.
std::pair<std::vector<std::string>, std::vector<std::vector<std::string>>>
people_matrix(const std::vector<std::string>& columns, const std::vector<ReportRow>& rows, const ReportView& view) {
    std::vector<std::string> header{_("Figure")};
    for (const auto& c : columns) header.push_back(desk_name(c, view));
    std::vector<std::vector<std::string>> out;
    for (const auto& r : rows) {
        std::vector<std::string> line{figure_label(r.metric, view)};
        bool count_map = r.metric.find(".by_") != std::string::npos;
        for (const auto* v : r.values) line.push_back(v ? figure_text(r.metric, *v) : (count_map ? "0" : ""));
        out.push_back(std::move(line));
    }
    return {header, out};
}

// The staff part of a report: the keys (CSV header) and rows of exact values, or, for people,
// labels and shown values.
std::pair<std::vector<std::string>, std::vector<std::vector<std::string>>> staff_rows(const Json& list, const ReportView* view) {
    std::vector<std::string> keys, header;
    std::vector<std::vector<std::string>> rows;
    if (!list.empty()) {
        for (const auto& [k, v] : list.front().items()) keys.push_back(k);
    }
    for (const auto& k : keys) header.push_back(view ? figure_label("staff." + k, *view) : k);
    for (const auto& s : list) {
        std::vector<std::string> row;
        for (const auto& k : keys) {
            const Json& v = s[k];
            if (!view) row.push_back(exact_text(v));
            else if (view->config && v.is_string() && (k == "desk" || k == "shift"))
                row.push_back(view->config->display_name(k == "desk" ? NameKind::desk : NameKind::shift, v.get<std::string>()));
            else row.push_back(figure_text("staff." + k, v));
        }
        rows.push_back(std::move(row));
    }
    return {view ? header : keys, rows};
}

std::string scope_text(const Json& report, const ReportView& view) {
    return report["desk"].is_null() ? std::string(_("all desks")) : desk_name(report["desk"].get<std::string>(), view);
}

} // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string markdown_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\n' || c == '\r') out += ' ';
        else if (c == '&' || c == '<' || c == '>') out += html_escape(std::string_view(&c, 1));
        else if (std::string_view("\\`*_[]|~#").find(c) != std::string_view::npos) {
            out += '\\';
            out += c;
        } else {
            out += c;
        }
    }
    return out;
}

std::string format_percent(double rate) { return fmt::format(fmt::runtime(_("{0:.1f} %")), rate * 100.0); }

std::string format_score(double score) { return fmt::format("{:.1f}", score); }

std::string format_minutes(double amount) {
    auto total = static_cast<long long>(std::llround(amount));
    if (total < 60) return fmt::format(fmt::runtime(_("{0} min")), total);
    long long days = total / (24 * 60), hours = total / 60 % 24, mins = total % 60;
    if (days > 0) {
        return hours ? fmt::format(fmt::runtime(_("{0} d {1} h")), days, hours) : fmt::format(fmt::runtime(_("{0} d")), days);
    }
    return mins ? fmt::format(fmt::runtime(_("{0} h {1} min")), hours, mins) : fmt::format(fmt::runtime(_("{0} h")), hours);
}

std::string figure_text(std::string_view path, const Json& value) {
    if (value.is_null()) return "";
    if (!value.is_number()) return exact_text(value);
    double v = value.get<double>();
    auto leaf = path.substr(path.rfind('.') + 1);
    if (leaf.ends_with("rate")) return format_percent(v);
    if (leaf == "satisfaction_mean") return format_score(v);
    if (leaf == "rostered_hours") return format_minutes(v * 60.0);
    bool duration = (path.find("_minutes.") != std::string_view::npos && leaf != "count") ||
                    (path.starts_with("staff.") && (leaf.ends_with("_mean") || leaf.ends_with("_median")));
    if (duration) return format_minutes(v);
    return exact_text(value);
}

std::string report_language(const ReportView& view) {
    if (view.lang == "zh" || view.lang == "en") return view.lang;
    return chinese_messages() ? "zh" : "en";
}

std::string render_daily_report(const Json& report, std::string_view format, const ReportView& view) {
    if (format == "html") return daily_report_html(report, view);
    auto [columns, rows] = report_matrix(report);
    if (format == "csv") return matrix_csv(columns, rows);
    auto [header, shown] = people_matrix(columns, rows, view);
    auto [staff_header, staff] = staff_rows(report["staff"], &view);
    auto title = fmt::format(fmt::runtime(_("Daily report {0} ({1})")), report["date"].get<std::string>(), scope_text(report, view));
    std::string none = std::string(_("(none)")) + "\n";
    if (format == "md") {
        std::string out = "# " + markdown_escape(title) + "\n\n" + markdown_table(header, shown);
        out += "\n## " + markdown_escape(_("Staff on duty")) + "\n\n" + (staff.empty() ? none : markdown_table(staff_header, staff));
        return out;
    }
    std::string out = title + "\n\n" + table_of(header, shown, view);
    out += "\n" + std::string(_("Staff on duty")) + "\n" + (staff.empty() ? none : table_of(staff_header, staff, view));
    return out;
}

std::string render_complaint_report(const Json& report, std::string_view format, const ReportView& view) {
    auto [columns, rows] = report_matrix(report);
    if (format == "csv") return matrix_csv(columns, rows);
    auto [header, shown] = people_matrix(columns, rows, view);
    auto title = fmt::format(fmt::runtime(_("Complaint analysis {0} ({1})")), report["month"].get<std::string>(),
                             scope_text(report, view));
    if (format == "md") return "# " + markdown_escape(title) + "\n\n" + markdown_table(header, shown);
    return title + "\n\n" + table_of(header, shown, view);
}

std::string render_staff_report(const Json& report, std::string_view format, const ReportView& view) {
    if (format == "html") return staff_report_html(report, view);
    if (format == "csv") {
        auto [keys, rows] = staff_rows(report["staff"], nullptr);
        return csv_of(keys, rows);
    }
    auto [header, rows] = staff_rows(report["staff"], &view);
    auto title = fmt::format(fmt::runtime(_("Staff report {0} ({1})")), report["month"].get<std::string>(),
                             scope_text(report, view));
    std::string none = std::string(_("(none)")) + "\n";
    if (format == "md") return "# " + markdown_escape(title) + "\n\n" + (rows.empty() ? none : markdown_table(header, rows));
    return title + "\n\n" + (rows.empty() ? none : table_of(header, rows, view));
}

} // namespace svcdesk
