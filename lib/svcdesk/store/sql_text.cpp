#include <svcdesk/error.hpp>
#include <svcdesk/store/query.hpp>
#include <svcdesk/store/sql_text.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

namespace svcdesk::store_detail {
namespace {

void append_json_string(std::string& out, const std::string& text) {
    out.push_back('"');
    for (unsigned char c : text) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (c < 0x20) {
            out += fmt::format("\\u{:04x}", c);
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    out.push_back('"');
}

void append_json_value(std::string& out, const std::optional<std::string>& value) {
    if (value) append_json_string(out, *value);
    else out += "null";
}

} // namespace

const std::string& open_status_term() {
    static const std::string k_term = [] {
        std::string out = "status IN (";
        for (auto s : {Status::new_, Status::assigned, Status::in_progress, Status::waiting, Status::resolved,
                       Status::closed, Status::cancelled}) {
            if (!is_open(s)) continue;
            out += fmt::format("{}'{}'", out.back() == '(' ? "" : ", ", to_string(s));
        }
        return out + ")";
    }();
    return k_term;
}

namespace {

std::string without_id(const char* columns) {
    std::string_view all = columns;
    return std::string(all.substr(all.find(',') + 2));
}

} // namespace

std::string insert_row(const sql::Dialect& dialect, const char* table, const char* columns) {
    auto names = without_id(columns);
    auto count = static_cast<std::size_t>(std::count(names.begin(), names.end(), ',')) + 1;
    return fmt::format("INSERT INTO {} ({}) VALUES ({}, {})", table, columns,
                       fmt::format(fmt::runtime(dialect.next_id), table), sql::marks(count));
}

std::string assignments(const char* columns) {
    std::string out, rest = without_id(columns);
    for (std::size_t start = 0; start < rest.size();) {
        std::size_t end = std::min(rest.find(',', start), rest.size());
        out += fmt::format("{}{} = ?", out.empty() ? "" : ", ", rest.substr(start, end - start));
        start = end + 2;
    }
    return out;
}

date::local_days day_of(const std::string& text) {
    std::istringstream in(text);
    date::year_month_day ymd{};
    in >> date::parse("%Y-%m-%d", ymd);
    if (in.fail() || !ymd.ok()) fail(Code::internal, "roster: bad date '{}' in the database", text);
    return date::local_days(ymd);
}

void append_changes_json(std::string& out, const std::vector<FieldChange>& changes) {
    out.push_back('[');
    bool first = true;
    for (const auto& c : changes) {
        if (!first) out.push_back(',');
        first = false;
        out += "{\"field\":";
        append_json_string(out, c.field);
        out += ",\"old\":";
        append_json_value(out, c.old_value);
        out += ",\"new\":";
        append_json_value(out, c.new_value);
        out.push_back('}');
    }
    out.push_back(']');
}

std::vector<FieldChange> parse_changes_json(const std::string& text) {
    std::vector<FieldChange> out;
    for (const auto& c : nlohmann::json::parse(text)) {
        FieldChange change;
        change.field = c.at("field").get<std::string>();
        if (!c.at("old").is_null()) change.old_value = c.at("old").get<std::string>();
        if (!c.at("new").is_null()) change.new_value = c.at("new").get<std::string>();
        out.push_back(std::move(change));
    }
    return out;
}

} // namespace svcdesk::store_detail
