#include <svcdesk/config/tree.hpp>
#include <svcdesk/i18n.hpp>

#include <algorithm>
#include <optional>
#include <fstream>
#include <sstream>

namespace svcdesk::config_detail {
namespace {

const toml::node* walk(const toml::table& root, const Path& path) {
    const toml::node* node = &root;
    for (auto key : path) {
        const auto* table = node->as_table();
        if (!table) return nullptr;
        node = table->get(key);
        if (!node) return nullptr;
    }
    return node;
}

} // namespace

std::string join_path(const Path& path) {
    std::string out;
    for (auto key : path) {
        if (!out.empty()) out += '.';
        out += key;
    }
    return out;
}

void Setting::error(std::string_view message) const {
    std::string where = m_layer ? m_layer->name : "<config>";
    if (m_node && m_node->source().begin.line > 0) where += fmt::format(":{}", m_node->source().begin.line);
    // (a literal message is translated here: xgettext's keyword error:1 collects it)
    fail(Code::internal, "{}: {}: {}", where, m_key, _(std::string(message).c_str()));
}

std::string Setting::as_string() const {
    auto v = m_node ? m_node->value<std::string>() : std::nullopt;
    if (!v) error("expected a string");
    return *v;
}

long long Setting::as_int() const {
    auto v = m_node ? m_node->value<long long>() : std::nullopt;
    if (!v || !m_node->is_integer()) error("expected an integer");
    return *v;
}

double Setting::as_number() const {
    auto v = m_node ? m_node->value<double>() : std::nullopt;
    if (!v) error("expected a number");
    return *v;
}

bool Setting::as_bool() const {
    auto v = m_node ? m_node->value<bool>() : std::nullopt;
    if (!v) error("expected true or false");
    return *v;
}

std::vector<std::string> Setting::as_strings() const {
    const auto* array = m_node ? m_node->as_array() : nullptr;
    if (!array) error("expected an array of strings");
    std::vector<std::string> out;
    for (const auto& element : *array) {
        auto v = element.value<std::string>();
        if (!v) Setting(&element, m_layer, m_key).error("expected an array of strings");
        out.push_back(*v);
    }
    return out;
}

minutes Setting::as_duration() const {
    try {
        return parse_duration(as_string());
    } catch (const Error& e) {
        error(e.what());
    }
}

minutes Setting::as_clock() const {
    auto m = parse_clock(as_string());
    if (!m) error("expected a time of day as HH:MM");
    return *m;
}

date::local_days Setting::as_date() const {
    std::istringstream in(as_string());
    date::year_month_day ymd{};
    in >> date::parse("%Y-%m-%d", ymd);
    if (in.fail() || !ymd.ok()) error("expected a date as YYYY-MM-DD");
    return date::local_days(ymd);
}

std::vector<Setting> Setting::items() const {
    const auto* array = m_node ? m_node->as_array() : nullptr;
    if (!array) error("expected an array");
    std::vector<Setting> out;
    for (size_t i = 0; i < array->size(); ++i) {
        out.emplace_back(array->get(i), m_layer, fmt::format("{}[{}]", m_key, i), m_read);
    }
    return out;
}

Setting Setting::child(std::string_view key) const {
    const auto* table = m_node ? m_node->as_table() : nullptr;
    if (!table) error("expected a table");
    return Setting(table->get(key), m_layer, m_key + "." + std::string(key), m_read);
}

std::vector<std::string> Setting::keys() const {
    const auto* table = m_node ? m_node->as_table() : nullptr;
    if (!table) error("expected a table");
    std::vector<std::string> out;
    for (const auto& [k, v] : *table) out.emplace_back(k.str());
    return out;
}

void Tree::add_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(Code::internal, "{}: cannot read config file", path);
    std::ostringstream text;
    text << in.rdbuf();
    add_text(text.str(), path);
}

void Tree::add_text(std::string_view text, std::string name) {
    try {
        m_layers.push_back({name, toml::parse(text, name)});
    } catch (const toml::parse_error& e) {
        fail(Code::internal, "{}:{}:{}: {}", name, e.source().begin.line, e.source().begin.column,
             e.description());
    }
}

Setting Tree::get(const Path& path) const {
    for (size_t n = 1; n < path.size(); ++n) m_tables.insert(join_path(Path(path.begin(), path.begin() + n)));
    Setting found(nullptr, nullptr, join_path(path));
    // The value comes from the highest layer; the same key in lower layers was read too (overridden).
    for (auto layer = m_layers.rbegin(); layer != m_layers.rend(); ++layer) {
        const auto* node = walk(layer->root, path);
        if (!node) continue;
        if (!found) found = Setting(node, &*layer, join_path(path), &m_read);
        else m_read.insert(node);
    }
    return found;
}

std::vector<std::string> Tree::keys(const Path& path) const {
    for (size_t n = 1; n <= path.size(); ++n) m_tables.insert(join_path(Path(path.begin(), path.begin() + n)));
    std::vector<std::string> out;
    for (const auto& layer : m_layers) {
        const auto* node = walk(layer.root, path);
        const auto* table = node ? node->as_table() : nullptr;
        if (!table) continue;
        for (const auto& [k, v] : *table) {
            if (std::find(out.begin(), out.end(), k.str()) == out.end()) out.emplace_back(k.str());
        }
    }
    return out;
}

namespace {

using Unread = std::optional<std::pair<std::string, const toml::node*>>;

// The first unread key under `table` (keys as a dotted path from `prefix`): a whole table when
// no loader looked into it, else the first unread key inside. Sets `any_read` when one was read.
Unread first_unread(const toml::table& table, const std::string& prefix, const ReadNodes& read,
                    const std::unordered_set<std::string>& tables, bool& any_read) {
    Unread first;
    for (const auto& [k, node] : table) {
        std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        bool inner_read = false;
        Unread inner;
        if (const auto* sub = node.as_table()) {
            inner = first_unread(*sub, key, read, tables, inner_read);
        } else if (const auto* array = node.as_array(); array && array->is_array_of_tables()) {
            for (size_t i = 0; i < array->size() && !inner; ++i) {
                inner = first_unread(*array->get(i)->as_table(), fmt::format("{}[{}]", key, i), read, tables,
                                     inner_read);
            }
        }
        bool this_read = read.count(&node) > 0 || inner_read || tables.count(key) > 0;
        any_read = any_read || this_read;
        if (first) continue;
        if (!this_read) first = std::pair{key, &node};
        else if (inner) first = inner;
    }
    return first;
}

} // namespace

void Tree::reject_unread_keys() const {
    for (const auto& layer : m_layers) {
        if (layer.name == k_builtin_layer) continue;
        bool any_read = false;
        if (auto unread = first_unread(layer.root, "", m_read, m_tables, any_read)) {
            Setting(unread->second, &layer, unread->first)
                .error("unknown setting (misspelt? the settings are listed in svcdesk.toml(5))");
        }
    }
}

Setting Tree::require(const Path& path) const {
    auto s = get(path);
    if (!s) {
        std::string where = m_layers.empty() ? "<config>" : m_layers.back().name;
        fail(Code::internal, "{}: {}: required setting is missing", where, join_path(path));
    }
    return s;
}

} // namespace svcdesk::config_detail
