// Output of the CLI: records as tables, CSV or JSON; completion words; and the output held back
// while a command's transaction is open.
#include "app.hpp"
#include "output.hpp"

#include <svcdesk/io/labels.hpp>

#include <svcdesk/i18n.hpp>
#include <svcdesk/error.hpp>

#include <cstdlib>
#include <iostream>
#include <streambuf>
#include <string>
#include <unistd.h>
#include <vector>

namespace svcdesk::cli {

std::string cell_text(const Json& value, bool for_people) {
    if (value.is_null()) return "";
    if (value.is_string()) {
        const auto& s = value.get_ref<const std::string&>();
        // ISO times are shown as local wall-clock minutes in tables.
        if (s.size() == 25 && s[4] == '-' && s[10] == 'T' && s[19] != 'Z') return s.substr(0, 10) + " " + s.substr(11, 5);
        return s;
    }
    if (value.is_boolean()) {
        bool yes = value.get<bool>();
        return for_people ? (yes ? _("yes") : _("no")) : (yes ? "yes" : "no");
    }
    if (value.is_array()) {
        std::string out;
        for (const auto& v : value) out += (out.empty() ? "" : ",") + cell_text(v, for_people);
        return out;
    }
    return value.dump();
}

std::optional<NameKind> names_of(std::string_view key) {
    if (key == "desk" || key == "from_desk" || key == "to_desk") return NameKind::desk;
    if (key == "category") return NameKind::category;
    if (key == "class") return NameKind::complaint_class;
    if (key == "department") return NameKind::department;
    if (key == "shift") return NameKind::shift;
    if (key == "roles" || key == "role") return NameKind::role;
    if (key == "status") return NameKind::status;
    if (key == "channel") return NameKind::channel;
    if (key == "priority") return NameKind::priority;
    if (key == "root_cause") return NameKind::root_cause;
    return std::nullopt;
}

Column field(std::string header, std::string key) {
    auto names = names_of(key);
    return {std::move(header), [key](const Json& r) { return cell_text(r.value(key, Json()), true); }, names};
}

std::string App::display(NameKind kind, const std::string& cell) {
    if (cell.empty()) return cell;
    std::string out;
    for (size_t start = 0; start <= cell.size();) {
        auto comma = cell.find(',', start);
        auto id = cell.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (kind == NameKind::complaint_class && id.find('.') == std::string::npos) {
            out += (out.empty() ? "" : ",") + id; // a bare class: its category is another column
        } else {
            out += (out.empty() ? "" : ",") + config().display_name(kind, id);
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

TableLayout App::table_layout() const { return {color(), options.wide ? 0 : terminal_width()}; }

std::string words(std::span<const std::string_view> choices) {
    std::string out;
    for (auto c : choices) out += (out.empty() ? "=" : ",") + std::string(c);
    return out;
}

std::string words(std::initializer_list<std::string_view> choices) {
    return words(std::span<const std::string_view>(choices.begin(), choices.size()));
}

std::string App::format(std::initializer_list<std::string_view> allowed) {
    if (!options.format) return std::string(*allowed.begin());
    for (auto f : allowed) {
        if (*options.format == f) return *options.format;
    }
    std::string list;
    for (auto f : allowed) list += (list.empty() ? "" : ", ") + std::string(f);
    fail(Code::invalid, "--format {} is not available here (use one of: {})", *options.format, list);
}

bool App::color() const {
    const char* no_color = std::getenv("NO_COLOR");
    return ::isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

void App::print_list(const Json& records, const std::vector<Column>& columns) {
    auto fmt_name = format({"table", "json", "csv"});
    if (fmt_name == "json") {
        std::cout << records.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
        return;
    }
    if (fmt_name == "csv") {
        std::vector<std::string> keys;
        if (!records.empty()) {
            for (const auto& [k, v] : records.front().items()) keys.push_back(k);
        }
        std::cout << csv_line(keys);
        for (const auto& r : records) {
            std::vector<std::string> cells;
            for (const auto& k : keys) {
                const auto& v = r.at(k);
                cells.push_back(v.is_string() ? v.get<std::string>() : (v.is_null() ? "" : cell_text(v)));
            }
            std::cout << csv_line(cells);
        }
        return;
    }
    std::vector<std::string> headers;
    for (const auto& c : columns) headers.push_back(_(c.header.c_str())); // (marked by field() and N_())
    Table table(headers);
    for (const auto& r : records) {
        std::vector<std::string> cells;
        for (const auto& c : columns) cells.push_back(c.names ? display(*c.names, c.cell(r)) : c.cell(r));
        table.add_row(std::move(cells));
    }
    std::cout << table.render(table_layout());
    if (records.empty() && !options.quiet) std::cout << _("(none)") << '\n';
}

void App::print_record(const Json& record) {
    auto fmt_name = format({"table", "json", "csv"});
    if (fmt_name == "json") {
        std::cout << record.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
        return;
    }
    if (fmt_name == "csv") {
        print_list(Json::array({record}), {});
        return;
    }
    Table table({"field", "value"});
    for (const auto& [k, v] : record.items()) {
        if (v.is_array() && !v.empty() && v.front().is_object()) continue; // nested lists: caller prints
        auto names = names_of(k);
        // a complaint class is shown with its category's
        if (k == "class" && v.is_string() && record.contains("category") && record["category"].is_string()) {
            table.add_row({field_label(k), config().display_name(NameKind::complaint_class,
                                                    record["category"].get<std::string>() + "." + v.get<std::string>())});
            continue;
        }
        table.add_row({field_label(k), names ? display(*names, cell_text(v, true)) : cell_text(v, true)});
    }
    auto text = table.render();
    std::cout << text.substr(text.find('\n') + 1); // key: value lines need no header
}

void App::say(const std::string& text) {
    if (!options.quiet) std::cout << text << '\n';
}

// Collects up to k_limit bytes, then writes them and everything after to `target`.
class HeldOutput::Buffer : public std::streambuf {
public:
    explicit Buffer(std::streambuf* target) : m_target(target) {}

    void release() {
        flush_held();
        m_target->pubsync();
    }
    bool discard() {
        m_held.clear();
        return !m_streaming;
    }

protected:
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        char ch = traits_type::to_char_type(c);
        return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        if (m_streaming) return m_target->sputn(s, n);
        m_held.append(s, static_cast<std::size_t>(n));
        if (m_held.size() > k_limit) {
            flush_held();
            m_streaming = true;
        }
        return n;
    }
    int sync() override { return m_streaming ? m_target->pubsync() : 0; }

private:
    void flush_held() {
        m_target->sputn(m_held.data(), static_cast<std::streamsize>(m_held.size()));
        m_held.clear();
    }

    std::streambuf* m_target;
    std::string m_held;
    bool m_streaming = false;
};

HeldOutput::HeldOutput(std::ostream& out, bool hold) : m_out(out) {
    if (!hold) return;
    out.flush();
    m_original = out.rdbuf();
    m_buffer = std::make_unique<Buffer>(m_original);
    out.rdbuf(m_buffer.get());
}

HeldOutput::~HeldOutput() {
    if (m_buffer) m_out.rdbuf(m_original);
}

bool HeldOutput::discard() {
    if (!m_buffer) return false; // nothing is held: what was written is out
    m_out.flush();
    return m_buffer->discard();
}

void HeldOutput::release() {
    if (!m_buffer) return;
    m_out.rdbuf(m_original);
    m_buffer->release();
    m_buffer.reset();
}

} // namespace svcdesk::cli
