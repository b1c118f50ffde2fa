#include <svcdesk/config/describe.hpp>
#include <svcdesk/config/layers.hpp>

#include <cctype>
#include <deque>
#include <sstream>

namespace svcdesk {

using namespace config_detail;

namespace {

// Which source each layer is, in the order config_tree adds them (lowest first).
std::vector<std::string> origin_labels(const Tree& tree, const ConfigSources& sources) {
    const auto& layers = tree.layers();
    std::vector<std::string> labels(layers.size());
    size_t top = layers.size();
    if (sources.explicit_file && top > 1) labels[--top] = "--config";
    if (sources.env_file && top > 1) labels[--top] = "SVCDESK_CONFIG";
    for (size_t i = 0; i < top; ++i) {
        if (i == 0) labels[i] = "built-in";
        else if (!sources.optional_files.empty() && layers[i].name == sources.optional_files.front()) labels[i] = "/etc";
        else labels[i] = "XDG";
    }
    return labels;
}

std::string key_text(std::string_view key) {
    bool bare = !key.empty();
    for (char c : key) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) bare = false;
    }
    return bare ? std::string(key) : "\"" + std::string(key) + "\"";
}

std::string value_text(const toml::node& node) {
    std::ostringstream out;
    out << toml::toml_formatter{node, toml::format_flags::allow_unicode_strings};
    std::string text, raw = out.str();
    bool space = false;
    for (char c : raw) {
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
            space = true;
            continue;
        }
        if (space && !text.empty()) text += ' ';
        space = false;
        text += c;
    }
    return text;
}

struct Walker {
    const Tree& tree;
    const std::vector<std::string>& labels;
    std::vector<ConfigEntry> out;
    std::deque<std::string> names; // keeps the Path's string_views valid

    void walk(Path path, const std::string& prefix) {
        for (const auto& key : tree.keys(path)) {
            names.push_back(key);
            Path child = path;
            child.push_back(names.back());
            auto setting = tree.get(child);
            if (!setting) continue;
            auto name = prefix.empty() ? key_text(key) : prefix + "." + key_text(key);
            if (setting.node()->is_table()) {
                walk(child, name);
                continue;
            }
            auto index = static_cast<size_t>(setting.layer() - tree.layers().data());
            out.push_back({name, value_text(*setting.node()), labels.at(index), setting.layer()->name,
                           static_cast<int>(setting.node()->source().begin.line)});
        }
    }
};

} // namespace

std::vector<ConfigEntry> describe_config(const ConfigSources& sources) {
    auto tree = config_tree(sources);
    auto labels = origin_labels(tree, sources);
    Walker walker{tree, labels, {}, {}};
    walker.walk({}, "");
    return std::move(walker.out);
}

} // namespace svcdesk
