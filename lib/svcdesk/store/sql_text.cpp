#include <svcdesk/error.hpp>
#include <svcdesk/store/sql_text.hpp>

#include <fmt/format.h>

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

std::string day_text(date::local_days day) { return format_date(date::year_month_day(day)); }

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

} // namespace svcdesk::store_detail
