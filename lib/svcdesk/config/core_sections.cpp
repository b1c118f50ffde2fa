// Loaders for the sections every command needs: site, desks, categories, calendar, SLA.
#include <svcdesk/error.hpp>
#include <svcdesk/domain/phone.hpp>
#include <svcdesk/domain/staff.hpp>
#include <svcdesk/config/sections.hpp>

#include <algorithm>
#include <array>
#include <set>

namespace svcdesk::config_detail {
namespace {

// Ids are typed at the shell and stored in the database: keep them plain.
void check_id(const Setting& s, const std::string& id) {
    bool ok = !id.empty() && id.size() <= 40 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
    if (!ok) s.error(format_message("'{}' is not a valid id (lower-case letters, digits, '_' or '-')", id));
}

template <typename T>
void check_unique(const Setting& s, const std::vector<T>& items, const std::string& id) {
    if (std::any_of(items.begin(), items.end(), [&](const T& item) { return item.id == id; })) {
        s.error(format_message("duplicate id '{}'", id));
    }
}

size_t limit(const Tree& tree, std::string_view key, size_t fallback) {
    auto s = tree.get({"limits", key});
    if (!s) return fallback;
    auto v = s.as_int();
    if (v < 1 || v > 1'000'000) s.error("must be between 1 and 1000000");
    return static_cast<size_t>(v);
}

SlaSpan span_of(const Setting& s, SlaClock clock, const WorkCalendar& cal) {
    auto text = s.as_string();
    if (text == "eod") return {minutes(0), true};
    // In working time a day means one working day, not 24 hours.
    if (clock == SlaClock::working && !text.empty() && text.back() == 'd' &&
        text.find_first_not_of("0123456789") == text.size() - 1) {
        return {cal.day_length() * std::stoll(text.substr(0, text.size() - 1)), false};
    }
    auto amount = s.as_duration();
    if (amount.count() <= 0) s.error("must be longer than zero");
    return {amount, false};
}

// The precedence of the layer a setting comes from (higher wins).
std::ptrdiff_t layer_rank(const Tree& tree, const Setting& s) {
    const auto& layers = tree.layers();
    for (size_t i = 0; i < layers.size(); ++i) {
        if (&layers[i] == s.layer()) return static_cast<std::ptrdiff_t>(i);
    }
    return -1;
}

SlaClock clock_of(const Setting& s) {
    if (!s) return SlaClock::calendar;
    auto text = s.as_string();
    if (text == "calendar") return SlaClock::calendar;
    if (text == "working") return SlaClock::working;
    s.error("expected \"calendar\" or \"working\"");
}

} // namespace

void load_site(const Tree& tree, Config& config) {
    if (auto s = tree.get({"site", "name"})) config.site_name = s.as_string();
    if (auto s = tree.get({"site", "time_zone"})) {
        config.time_zone = s.as_string();
        try {
            config.zone = find_zone(config.time_zone);
        } catch (const Error& e) {
            s.error(e.what());
        }
    } else {
        config.zone = find_zone(config.time_zone);
    }
    if (auto s = tree.get({"site", "default_country"})) {
        config.default_country = s.as_string();
        if (!known_phone_country(config.default_country))
            s.error("expected one of CN, HK, MO, TW, US, CA, GB, JP, KR, SG, DE, FR, AU, RU");
    }
    if (auto s = tree.get({"database", "path"})) config.database_path = s.as_string();
    // A PostgreSQL server instead of the SQLite file: postgresql://user@host:port/dbname.
    if (auto s = tree.get({"database", "url"})) {
        if (config.database_path) s.error("set database.path or database.url, not both");
        config.database_path = s.as_string();
    }
    // An empty read_url turns off one set in a lower layer (/etc).
    if (auto s = tree.get({"database", "read_url"})) {
        auto url = s.as_string();
        config.database_read_url = url.empty() ? std::nullopt : std::optional(url);
    }
    if (auto s = tree.get({"database", "busy_timeout_ms"})) {
        auto v = s.as_int();
        if (v < 0 || v > 600'000) s.error("must be between 0 and 600000");
        config.busy_timeout_ms = static_cast<int>(v);
    }
    if (auto s = tree.get({"auth", "session_hours"})) {
        auto v = s.as_int();
        if (v < 1 || v > 24) s.error("must be between 1 and 24");
        config.session_hours = static_cast<int>(v);
    }
    config.limits = {limit(tree, "customer", 100), limit(tree, "subject", 200), limit(tree, "description", 10000),
                     limit(tree, "note", 4000), limit(tree, "external_ref", 100)};
    for (auto [key, year] : {std::pair{"first_year", &config.limits.years.first_year},
                             std::pair{"last_year", &config.limits.years.last_year}}) {
        if (auto s = tree.get({"limits", key})) {
            auto v = s.as_int();
            if (v < 1970 || v > 9999) s.error("must be a year between 1970 and 9999");
            *year = static_cast<int>(v);
        }
    }
    if (config.limits.years.first_year > config.limits.years.last_year) {
        auto s = tree.get({"limits", "last_year"});
        (s ? s : tree.get({"limits", "first_year"})).error("first_year must not be after last_year");
    }

    auto desks = tree.require({"desks"});
    for (const auto& item : desks.items()) {
        Desk desk;
        desk.id = item.child("id").as_string();
        check_id(item.child("id"), desk.id);
        check_unique(item.child("id"), config.desks, desk.id);
        if (auto name = item.child("name")) desk.name = name.as_string();
        if (auto name = item.child("name_en")) desk.name_en = name.as_string();
        config.desks.push_back(std::move(desk));
    }
    if (config.desks.empty()) desks.error("at least one desk is required");
    if (auto s = tree.get({"tickets", "uncancel_days"})) {
        auto v = s.as_int();
        if (v < 0 || v > 365) s.error("must be between 0 and 365");
        config.uncancel_days = static_cast<int>(v);
    }
    if (auto s = tree.get({"customers", "risk_complaints"})) {
        auto v = s.as_int();
        if (v < 1 || v > 1000) s.error("must be between 1 and 1000");
        config.customers.complaints = static_cast<int>(v);
    }
    if (auto s = tree.get({"customers", "risk_days"})) {
        auto v = s.as_int();
        if (v < 1 || v > 3650) s.error("must be between 1 and 3650");
        config.customers.days = static_cast<int>(v);
    }
    if (auto departments = tree.get({"departments"})) {
        for (const auto& item : departments.items()) {
            Department department;
            department.id = item.child("id").as_string();
            check_id(item.child("id"), department.id);
            check_unique(item.child("id"), config.departments, department.id);
            department.name = item.child("name") ? item.child("name").as_string() : department.id;
            if (auto name = item.child("name_en")) department.name_en = name.as_string();
            if (auto contact = item.child("contact")) department.contact = contact.as_string();
            if (department.contact.empty()) item.error("a department needs a contact (a person or an extension)");
            config.departments.push_back(std::move(department));
        }
    }
    auto default_desk = tree.get({"site", "default_desk"});
    config.default_desk = default_desk ? default_desk.as_string() : config.desks.front().id;
    if (!config.find_desk(config.default_desk)) default_desk.error("names no desk in [[desks]]");
}

void load_catalog(const Tree& tree, Config& config) {
    auto categories = tree.require({"categories"});
    for (const auto& item : categories.items()) {
        Category category;
        category.id = item.child("id").as_string();
        check_id(item.child("id"), category.id);
        check_unique(item.child("id"), config.categories, category.id);
        if (auto name = item.child("name")) category.name = name.as_string();
        if (auto name = item.child("name_en")) category.name_en = name.as_string();
        if (auto classes = item.child("classes")) {
            // Each class an id, or a table {id, name, name_en} that names it for people.
            for (const auto& c : classes.items()) {
                if (c.node()->is_table()) {
                    auto id = c.child("id");
                    if (!id) c.error("a class given as a table needs an id");
                    category.classes.push_back(id.as_string());
                    auto& shown = category.class_names[category.classes.back()];
                    if (auto name = c.child("name")) shown.name = name.as_string();
                    if (auto name = c.child("name_en")) shown.name_en = name.as_string();
                } else {
                    category.classes.push_back(c.as_string());
                }
                check_id(classes, category.classes.back());
            }
        }
        if (auto paid = item.child("paid")) category.paid = paid.as_bool();
        config.categories.push_back(std::move(category));
    }
    if (config.categories.empty()) categories.error("at least one category is required");
    for (const auto& role : tree.keys({"roles"})) {
        auto setting = tree.get({"roles", role});
        if (std::find(std::begin(k_roles), std::end(k_roles), role) == std::end(k_roles)) {
            setting.error(fmt::format("'{}' is not a role of svcdesk", role));
        }
        auto& shown = config.role_names[role];
        if (auto name = tree.get({"roles", role, "name"})) shown.name = name.as_string();
        if (auto name = tree.get({"roles", role, "name_en"})) shown.name_en = name.as_string();
    }

    if (auto s = tree.get({"reports", "complaint_categories"})) {
        for (const auto& id : s.as_strings()) {
            if (!config.find_category(id)) {
                if (s.built_in()) continue; // the site's own [[categories]] replaced the reference ones
                s.error(format_message("no category '{}' in [[categories]]", id));
            }
            config.complaint_categories.push_back(id);
        }
    }
}

void load_calendar(const Tree& tree, Config& config) {
    static constexpr std::array<std::string_view, 7> k_days = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    WorkCalendar& cal = config.calendar;
    if (auto s = tree.get({"calendar", "working_days"})) {
        cal.working_weekday.fill(false);
        for (const auto& day : s.as_strings()) {
            auto it = std::find(k_days.begin(), k_days.end(), day);
            if (it == k_days.end()) s.error(format_message("unknown day '{}' (use mon, tue, ... sun)", day));
            cal.working_weekday[static_cast<size_t>(it - k_days.begin())] = true;
        }
    }
    if (auto s = tree.get({"calendar", "working_hours"})) {
        auto text = s.as_string();
        auto dash = text.find('-');
        auto open = dash == std::string::npos ? std::nullopt : parse_clock(text.substr(0, dash));
        auto close = dash == std::string::npos ? std::nullopt : parse_clock(text.substr(dash + 1));
        if (!open || !close || *close <= *open) s.error("expected \"HH:MM-HH:MM\" with the end after the start");
        cal.open = *open;
        cal.close = *close;
    }
    auto dates = [&](std::string_view key, std::set<date::local_days>& out) {
        auto s = tree.get({"calendar", key});
        if (!s) return;
        for (const auto& item : s.items()) out.insert(item.as_date());
    };
    dates("holidays", cal.holidays);
    dates("extra_working_days", cal.extra_working_days);
    if (auto s = tree.get({"calendar", "valid_until"})) cal.valid_until = s.as_date();
}

void load_sla(const Tree& tree, Config& config) {
    static constexpr std::array<std::string_view, 4> k_priorities = {"urgent", "high", "normal", "low"};
    for (auto name : k_priorities) {
        if (auto s = tree.get({"sla", "priority_scale", name})) {
            double factor = s.as_number();
            // Seed 000 §五.2 sets the limits; a priority may tighten them, never loosen them.
            if (factor <= 0 || factor > 1) {
                s.error("must be a factor above 0 and at most 1: a priority may tighten the SLA "
                        "targets, never loosen them");
            }
            config.sla.priority_scale[parse_priority(name)] = factor;
        }
    }
    for (const auto& key : tree.keys({"escalation", "warn_before"})) {
        auto s = tree.get({"escalation", "warn_before", key});
        if (key != "default" && !config.find_category(key)) s.error("names no category in [[categories]]");
        auto span = s.as_duration();
        if (span.count() < 0) s.error("must not be negative");
        config.escalation.warn_before[key] = span;
    }
    if (auto s = tree.get({"escalation", "level3_after"})) {
        auto span = s.as_duration();
        if (span.count() < 0) s.error("must not be negative");
        config.escalation.level3_after = span;
    }
    if (auto s = tree.get({"escalation", "level3"})) config.escalation.level3_staff = s.as_strings();
    if (auto s = tree.get({"sla", "max_backdate_hours"})) {
        auto v = s.as_int();
        if (v < 0 || v > 24 * 366) s.error("must be between 0 and 8784 (hours)");
        config.sla.max_backdate = std::chrono::hours(v);
    }
    if (auto s = tree.get({"sla", "max_extensions"})) {
        auto v = s.as_int();
        if (v < 0 || v > 100) s.error("must be between 0 and 100");
        config.sla.max_extensions = static_cast<int>(v);
    }
    if (auto s = tree.get({"sla", "reopen_resolve"})) {
        config.sla.reopen_resolve = SlaReopenSpan{span_of(s, SlaClock::calendar, config.calendar),
                                                  span_of(s, SlaClock::working, config.calendar)};
    }
    for (const auto& key : tree.keys({"sla", "rules"})) {
        Path base{"sla", "rules", key};
        SlaRule rule;
        // `clock` sets both clocks; respond_clock / resolve_clock set one (the higher layer wins).
        auto both = tree.get({"sla", "rules", key, "clock"});
        auto clock = [&](std::string_view name) {
            auto own = tree.get({"sla", "rules", key, name});
            return clock_of(own && !(both && layer_rank(tree, both) > layer_rank(tree, own)) ? own : both);
        };
        rule.base.respond_clock = clock("respond_clock");
        rule.base.resolve_clock = clock("resolve_clock");
        rule.base.respond = span_of(tree.require({"sla", "rules", key, "respond"}), rule.base.respond_clock, config.calendar);
        rule.base.resolve = span_of(tree.require({"sla", "rules", key, "resolve"}), rule.base.resolve_clock, config.calendar);
        for (auto name : k_priorities) {
            if (!tree.get({"sla", "rules", key, name})) continue;
            SlaTarget target = rule.base;
            if (auto s = tree.get({"sla", "rules", key, name, "respond"})) {
                target.respond = span_of(s, target.respond_clock, config.calendar);
                if (auto why = looser_than(target.respond, rule.base.respond)) s.error(*why);
            }
            if (auto s = tree.get({"sla", "rules", key, name, "resolve"})) {
                target.resolve = span_of(s, target.resolve_clock, config.calendar);
                if (auto why = looser_than(target.resolve, rule.base.resolve)) s.error(*why);
            }
            rule.by_priority[parse_priority(name)] = target;
        }
        // A rule must name something that exists, so that a typo does not silently fall back.
        auto dot = key.find('.');
        auto category = key.substr(0, dot);
        auto setting = tree.get(base);
        if (key != "default") {
            const auto* c = config.find_category(category);
            if (!c) setting.error(format_message("no category '{}' in [[categories]]", category));
            if (dot != std::string::npos &&
                std::find(c->classes.begin(), c->classes.end(), key.substr(dot + 1)) == c->classes.end()) {
                setting.error(format_message("category '{}' has no class '{}'", category, key.substr(dot + 1)));
            }
        }
        config.sla.rules[key] = rule;
    }
    if (!config.sla.rules.count("default")) {
        fail(Code::internal, "{}: sla.rules.default: required setting is missing", config.sources.back());
    }
}

} // namespace svcdesk::config_detail
