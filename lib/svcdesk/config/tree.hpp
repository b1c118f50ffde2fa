#pragma once
// Layered TOML lookup for the config loaders (private to lib/: it exposes toml++ types).
// Tables merge key by key across layers; any other value, arrays included, comes whole from
// the highest layer that sets it.

#include <svcdesk/error.hpp>
#include <svcdesk/time.hpp>

#include <toml++/toml.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace svcdesk::config_detail {

// The name of the compiled-in reference configuration's layer.
inline constexpr std::string_view k_builtin_layer = "<built-in>";

struct Layer {
    std::string name; // file path, or k_builtin_layer
    toml::table root;
};

using Path = std::vector<std::string_view>;

// The nodes that the loaders read, so that keys nobody reads (typos) can be found.
using ReadNodes = std::unordered_set<const toml::node*>;

// One value found in the configuration, with where it came from, for typed reads and errors.
class Setting {
public:
    Setting() = default;
    Setting(const toml::node* node, const Layer* layer, std::string key, ReadNodes* read = nullptr)
        : m_node(node), m_layer(layer), m_key(std::move(key)), m_read(read) {
        if (m_read && m_node) m_read->insert(m_node);
    }

    explicit operator bool() const { return m_node != nullptr; }
    const std::string& key() const { return m_key; }
    const Layer* layer() const { return m_layer; }
    // Set by the compiled-in reference configuration, not by a site file.
    bool built_in() const { return m_layer && m_layer->name == k_builtin_layer; }
    const toml::node* node() const { return m_node; }

    // Throws Error(internal) as "FILE:LINE: key: message".
    [[noreturn]] void error(std::string_view message) const;

    std::string as_string() const;
    long long as_int() const;
    double as_number() const;
    bool as_bool() const;
    std::vector<std::string> as_strings() const;
    minutes as_duration() const;
    minutes as_clock() const;           // "HH:MM"
    date::local_days as_date() const;   // "YYYY-MM-DD"
    std::vector<Setting> items() const; // elements of an array (e.g. [[desks]])
    Setting child(std::string_view key) const; // inside one table node (no layering)
    std::vector<std::string> keys() const;     // keys of one table node

private:
    const toml::node* m_node = nullptr;
    const Layer* m_layer = nullptr;
    std::string m_key;
    ReadNodes* m_read = nullptr; // the tree's record of what was read; children are added to it
};

class Tree {
public:
    // Parses a file or text as a new highest-precedence layer; throws Error(internal) with
    // FILE:LINE:COL on a syntax error.
    void add_file(const std::string& path);
    void add_text(std::string_view text, std::string name);

    // The value at `path` from the highest layer defining it; empty Setting when absent.
    Setting get(const Path& path) const;
    // Union of the keys of the tables at `path` over all layers, in first-seen order.
    std::vector<std::string> keys(const Path& path) const;
    // Reads a required value; throws naming the key when missing.
    Setting require(const Path& path) const;

    const std::vector<Layer>& layers() const { return m_layers; }

    // After every section was loaded: throws Error(internal) as "FILE:LINE: key: unknown setting"
    // for the first key of a site file (not the built-in layer) that no loader read.
    void reject_unread_keys() const;

private:
    std::vector<Layer> m_layers; // lowest precedence first
    mutable ReadNodes m_read;
    mutable std::unordered_set<std::string> m_tables; // dotted paths of tables a loader looked in
};

std::string join_path(const Path& path);

} // namespace svcdesk::config_detail
