// Loader of [import.profiles.<name>]: column mapping, value maps and defaults of call-log imports.
#include <svcdesk/error.hpp>
#include <svcdesk/config/sections.hpp>
#include <svcdesk/domain/ticket.hpp>

#include <algorithm>

namespace svcdesk::config_detail {
namespace {

bool is_field(std::string_view field) {
    return std::find(std::begin(k_import_fields), std::end(k_import_fields), field) != std::end(k_import_fields);
}

void check_field(const Setting& s, std::string_view field) {
    if (!is_field(field)) {
        std::string known;
        for (auto f : k_import_fields) known += (known.empty() ? "" : ", ") + std::string(f);
        s.error(format_message("'{}' is not a ticket field an import can fill (one of: {})", field, known));
    }
}

bool is_time_field(std::string_view field) { return field.ends_with("_at"); }

// Mapped and default values are checked once here, so that a typo fails at load, not per row.
void check_value(const Setting& s, const Config& config, std::string_view field, const std::string& value) {
    try {
        if (field == "channel") parse_channel(value);
        else if (field == "status") parse_status(value);
        else if (field == "priority") parse_priority(value);
        else if (field == "customer_type") parse_customer_type(value);
        else if (field == "flags") parse_flags(value);
        else if (field == "desk") config.desk(value);
        else if (field == "category") config.category(value.substr(0, value.find('.')));
    } catch (const Error& e) {
        s.error(e.what());
    }
}

ImportValue value_of(const Setting& s, const Config& config, std::string_view field) {
    ImportValue v;
    if (s.node()->is_table()) {
        v.value = s.child("value").as_string();
        if (auto note = s.child("note")) v.note = note.as_string();
        for (const auto& key : s.keys()) {
            if (key != "value" && key != "note") s.error(format_message("unknown key '{}' (use value and note)", key));
        }
    } else {
        v.value = s.as_string();
    }
    check_value(s, config, field, v.value);
    return v;
}

ImportProfile load_profile(const Tree& tree, const Config& config, const std::string& name) {
    ImportProfile p;
    p.name = name;
    auto at = [&](std::initializer_list<std::string_view> rest) {
        Path path{"import", "profiles", name};
        path.insert(path.end(), rest.begin(), rest.end());
        return path;
    };
    if (auto s = tree.get(at({"format"}))) {
        p.format = s.as_string();
        if (p.format != "csv" && p.format != "jsonl") s.error("expected \"csv\" or \"jsonl\"");
    }
    p.time_zone = config.time_zone;
    p.zone = config.zone;
    if (auto s = tree.get(at({"time_zone"}))) {
        p.time_zone = s.as_string();
        try {
            p.zone = find_zone(p.time_zone);
        } catch (const Error& e) {
            s.error(e.what());
        }
    }
    if (auto s = tree.get(at({"date_formats"}))) {
        p.date_formats = s.as_strings();
        for (const auto& f : p.date_formats) {
            if (f.find('%') == std::string::npos) s.error(format_message("'{}' has no % directive", f));
        }
    }
    if (auto s = tree.get(at({"closed_before_created"}))) {
        auto text = s.as_string();
        if (text != "reject" && text != "clamp") s.error("expected \"reject\" or \"clamp\"");
        p.clamp_closed_before_created = text == "clamp";
    }
    if (auto s = tree.get(at({"description_columns"}))) p.description_columns = s.as_strings();
    if (auto s = tree.get(at({"surveys"}))) p.surveys = s.as_bool();
    if (auto s = tree.get(at({"surveys_max_age_days"}))) {
        auto days = s.as_int();
        if (days < 0 || days > 366) s.error("must be between 0 and 366");
        p.surveys_max_age_days = static_cast<int>(days);
    }

    for (const auto& field : tree.keys(at({"columns"}))) {
        auto s = tree.get(at({"columns", field}));
        check_field(s, field);
        p.columns[field] = s.as_string();
    }
    if (!p.columns.count("external_ref")) {
        tree.require(at({"columns"})).error("external_ref is required: the column that identifies a row in "
                                            "the source, so that re-running an import adds nothing");
    }
    for (const auto& field : tree.keys(at({"defaults"}))) {
        auto s = tree.get(at({"defaults", field}));
        check_field(s, field);
        if (is_time_field(field)) s.error("times have no default");
        // Without it, rows go where a row without a desk goes (the importer's or the default desk).
        if (field == "desk" && names_replaced_reference_desk(s, config, s.as_string())) continue;
        p.defaults[field] = s.as_string();
        check_value(s, config, field, p.defaults[field]);
    }
    for (const auto& field : tree.keys(at({"values"}))) {
        auto table = tree.get(at({"values", field}));
        check_field(table, field);
        if (is_time_field(field)) table.error("times cannot have a value map");
        ImportValueMap map;
        for (const auto& key : tree.keys(at({"values", field}))) {
            auto s = tree.get(at({"values", field, key}));
            if (key == "*") map.fallback = value_of(s, config, field);
            else map.values[key] = value_of(s, config, field);
        }
        p.values[field] = std::move(map);
    }
    return p;
}

} // namespace

void load_import(const Tree& tree, Config& config) {
    for (const auto& name : tree.keys({"import", "profiles"})) {
        config.import_profiles[name] = load_profile(tree, config, name);
    }
}

} // namespace svcdesk::config_detail
