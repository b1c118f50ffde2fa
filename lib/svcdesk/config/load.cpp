#include <svcdesk/config/config.hpp>
#include <svcdesk/config/layers.hpp>
#include <svcdesk/config/sections.hpp>

#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace svcdesk {

using namespace config_detail;

namespace {

Config build(const Tree& tree) {
    Config config;
    for (const auto& layer : tree.layers()) config.sources.push_back(layer.name);
    load_site(tree, config);
    load_catalog(tree, config);
    load_calendar(tree, config);
    load_sla(tree, config);
    load_callbacks(tree, config);
    load_deposits(tree, config);
    load_loans(tree, config);
    load_privacy(tree, config);
    load_retention(tree, config);
    load_roster(tree, config);
    load_import(tree, config);
    return config;
}

template <typename T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
    return it == items.end() ? nullptr : &*it;
}

template <typename T>
std::string ids_of(const std::vector<T>& items) {
    std::vector<std::string_view> ids;
    for (const auto& item : items) ids.push_back(item.id);
    return fmt::format("{}", fmt::join(ids, ", "));
}

} // namespace

const Desk* Config::find_desk(std::string_view id) const { return find_by_id(desks, id); }
const Category* Config::find_category(std::string_view id) const { return find_by_id(categories, id); }
bool Config::is_complaint(std::string_view category) const {
    return std::find(complaint_categories.begin(), complaint_categories.end(), category) !=
           complaint_categories.end();
}

const Desk& Config::desk(std::string_view id) const {
    if (const auto* d = find_desk(id)) return *d;
    fail(Code::invalid, "unknown desk '{}' (one of: {})", id, ids_of(desks));
}

const Category& Config::category(std::string_view id) const {
    if (const auto* c = find_category(id)) return *c;
    fail(Code::invalid, "unknown category '{}' (one of: {})", id, ids_of(categories));
}

const Department& Config::department(std::string_view id_or_name) const {
    for (const auto& d : departments)
        if (d.id == id_or_name || d.name == id_or_name) return d;
    if (departments.empty()) fail(Code::invalid, "unknown department '{}': no [[departments]] are configured", id_or_name);
    fail(Code::invalid, "unknown department '{}' (one of: {})", id_or_name, ids_of(departments));
}

ConfigSources default_config_sources(std::optional<std::string> explicit_file) {
    ConfigSources sources;
    sources.explicit_file = std::move(explicit_file);
    if (const char* env = std::getenv("SVCDESK_CONFIG"); env && *env) sources.env_file = env;
    sources.optional_files.push_back("/etc/svcdesk/config.toml");
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
        sources.optional_files.push_back(std::string(xdg) + "/svcdesk/config.toml");
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        sources.optional_files.push_back(std::string(home) + "/.config/svcdesk/config.toml");
    }
    return sources;
}

Tree config_detail::config_tree(const ConfigSources& sources) {
    Tree tree;
    tree.add_text(builtin_config_text(), std::string(k_builtin_layer));
    for (const auto& file : sources.optional_files) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(file, ec)) tree.add_file(file);
    }
    if (sources.env_file) tree.add_file(*sources.env_file);
    if (sources.explicit_file) tree.add_file(*sources.explicit_file);
    return tree;
}

Config load_config(const ConfigSources& sources) { return build(config_tree(sources)); }

Config load_config_text(std::string_view toml_text, std::string_view source_name) {
    Tree tree;
    tree.add_text(builtin_config_text(), std::string(k_builtin_layer));
    tree.add_text(toml_text, std::string(source_name));
    auto config = build(tree);
    tree.reject_unread_keys();
    return config;
}

} // namespace svcdesk
