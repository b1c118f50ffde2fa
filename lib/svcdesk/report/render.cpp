#include <svcdesk/error.hpp>
#include <svcdesk/i18n.hpp>
#include <svcdesk/io/labels.hpp>
#include <svcdesk/io/table.hpp>
#include <svcdesk/report/render.hpp>

#include <fmt/format.h>

#include <vector>

namespace svcdesk {
namespace {

// One figure of the report: a dotted path and its value in each column (all desks, then each desk).
struct Row {
    std::string metric;
    std::vector<std::string> values;
};

std::string value_text(const Json& v) {
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

void flatten(const Json& node, const std::string& prefix, std::vector<std::pair<std::string, const Json*>>& out) {
    for (const auto& [key, value] : node.items()) {
        if (key == "created_by_hour" || key == "staff" || key == "desks" || key == "date" || key == "desk" ||
            key == "month")
            continue;
        auto path = prefix.empty() ? key : prefix + "." + key;
        if (value.is_object()) flatten(value, path, out);
        else out.emplace_back(path, &value);
    }
}

const Json* find_path(const Json& node, const std::string& path) {
    const Json* cur = &node;
    size_t start = 0;
    while (start <= path.size()) {
        size_t dot = path.find('.', start);
        auto key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!cur->is_object() || !cur->contains(key)) return nullptr;
        cur = &(*cur)[key];
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return cur;
}

// The figures as rows × columns ("all" and each desk).
std::pair<std::vector<std::string>, std::vector<Row>> matrix(const Json& report) {
    std::vector<std::string> columns = {"metric", report["desk"].is_null() ? "all" : report["desk"].get<std::string>()};
    std::vector<const Json*> sources = {&report};
    if (report["desk"].is_null()) {
        for (const auto& [desk, figures] : report["desks"].items()) {
            columns.push_back(desk);
            sources.push_back(&figures);
        }
    }
    std::vector<std::pair<std::string, const Json*>> paths;
    flatten(report, "", paths);
    std::vector<Row> rows;
    for (const auto& [path, value] : paths) {
        Row row{path, {value_text(*value)}};
        bool count_map = path.find(".by_") != std::string::npos;
        for (size_t i = 1; i < sources.size(); ++i) {
            const Json* v = find_path(*sources[i], path);
            row.values.push_back(v ? value_text(*v) : (count_map ? "0" : ""));
        }
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
    auto cell = [](std::string s) {
        std::string out;
        for (char c : s) {
            if (c == '|') out += "\\|";
            else if (c == '\n' || c == '\r') out += ' ';
            else out += c;
        }
        return out;
    };
    std::string out = "|";
    for (const auto& h : header) out += " " + cell(h) + " |";
    out += "\n|";
    for (size_t i = 0; i < header.size(); ++i) out += i ? " ---: |" : " --- |";
    out += "\n";
    for (const auto& r : rows) {
        out += "|";
        for (const auto& c : r) out += " " + cell(c) + " |";
        out += "\n";
    }
    return out;
}

// The rows as cells; `for_people` (table, Markdown) labels the figures in the user's language,
// CSV keeps their paths.
std::vector<std::vector<std::string>> cells(const std::vector<Row>& rows, bool for_people = true) {
    std::vector<std::vector<std::string>> out;
    for (const auto& r : rows) {
        std::vector<std::string> line{for_people ? path_label(r.metric) : r.metric};
        line.insert(line.end(), r.values.begin(), r.values.end());
        out.push_back(std::move(line));
    }
    return out;
}

// The staff part of a report as header + rows, with the given keys.
std::pair<std::vector<std::string>, std::vector<std::vector<std::string>>> staff_rows(const Json& list) {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    if (!list.empty()) {
        for (const auto& [k, v] : list.front().items()) header.push_back(k);
    }
    for (const auto& s : list) {
        std::vector<std::string> row;
        for (const auto& k : header) row.push_back(value_text(s[k]));
        rows.push_back(std::move(row));
    }
    return {header, rows};
}

// The header of a table or Markdown view: each key labelled (the CSV keeps the keys).
std::vector<std::string> labelled(std::vector<std::string> header) {
    for (auto& h : header) h = field_label(h);
    return header;
}

// The header of the figures: "metric", "all" (or the desk) and the desk ids.
std::vector<std::string> figure_columns(std::vector<std::string> columns) {
    columns[0] = _("metric");
    if (columns.size() > 1 && columns[1] == "all") columns[1] = _("all");
    return columns;
}

std::string scope_text(const Json& report) {
    return report["desk"].is_null() ? std::string(_("all desks")) : format_message("desk {}", report["desk"].get<std::string>());
}

std::string table_of(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    Table t(header);
    for (const auto& r : rows) t.add_row(r);
    return t.render();
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

std::string render_daily_report(const Json& report, std::string_view format) {
    if (format == "html") return daily_report_html(report);
    auto [columns, rows] = matrix(report);
    auto [staff_header, staff] = staff_rows(report["staff"]);
    if (format == "csv") return csv_of(columns, cells(rows, false));
    auto title = format_message("Daily report {} ({})", report["date"].get<std::string>(), scope_text(report));
    std::string none = std::string(_("(none)")) + "\n";
    if (format == "md") {
        std::string out = "# " + title + "\n\n" + markdown_table(figure_columns(columns), cells(rows));
        out += "\n## " + std::string(_("Staff on duty")) + "\n\n" +
               (staff.empty() ? none : markdown_table(labelled(staff_header), staff));
        return out;
    }
    std::string out = title + "\n\n" + table_of(figure_columns(columns), cells(rows));
    out += "\n" + std::string(_("staff on duty")) + "\n" + (staff.empty() ? none : table_of(labelled(staff_header), staff));
    return out;
}

std::string render_complaint_report(const Json& report, std::string_view format) {
    auto [columns, rows] = matrix(report);
    if (format == "csv") return csv_of(columns, cells(rows, false));
    auto title = format_message("Complaint analysis {} ({})", report["month"].get<std::string>(), scope_text(report));
    if (format == "md") return "# " + title + "\n\n" + markdown_table(figure_columns(columns), cells(rows));
    return title + "\n\n" + table_of(figure_columns(columns), cells(rows));
}

std::string render_staff_report(const Json& report, std::string_view format) {
    if (format == "html") return staff_report_html(report);
    auto [header, rows] = staff_rows(report["staff"]);
    if (format == "csv") return csv_of(header, rows);
    auto title = format_message("Staff report {} ({})", report["month"].get<std::string>(), scope_text(report));
    std::string none = std::string(_("(none)")) + "\n";
    if (format == "md") return "# " + title + "\n\n" + (rows.empty() ? none : markdown_table(labelled(header), rows));
    return title + "\n\n" + (rows.empty() ? none : table_of(labelled(header), rows));
}

} // namespace svcdesk
