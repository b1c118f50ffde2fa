// Loader of the [roster] section: shift templates, coverage minimums and the duty check.
#include <svcdesk/error.hpp>
#include <svcdesk/config/sections.hpp>
#include <svcdesk/domain/staff.hpp>

#include <algorithm>

namespace svcdesk::config_detail {
namespace {

ShiftPart part_of(const Setting& s, const std::string& text) {
    try {
        return parse_shift_part(text);
    } catch (const Error& e) {
        s.error(e.what());
    }
}

std::vector<ShiftPart> parts_of(const Setting& s) {
    std::vector<ShiftPart> parts;
    for (const auto& text : s.as_strings()) parts.push_back(part_of(s, text));
    if (parts.empty()) s.error("at least one range such as \"07:30-15:30\" is required");
    std::sort(parts.begin(), parts.end(), [](const ShiftPart& a, const ShiftPart& b) { return a.start < b.start; });
    for (size_t i = 1; i < parts.size(); ++i) {
        if (parts[i].start < parts[i - 1].end) s.error("the ranges overlap");
    }
    // Two parts may not reach into the same hours of the next day either.
    if (parts.back().end - parts.front().start > minutes(24 * 60)) s.error("a shift may not last more than 24 hours");
    return parts;
}

// Daily hours of a coverage rule; a range over midnight splits into its two halves of the day.
std::vector<ShiftPart> daily_parts(const Setting& s) {
    std::vector<ShiftPart> out;
    for (const auto& text : s.as_strings()) {
        auto p = part_of(s, text);
        constexpr minutes day{24 * 60};
        if (p.end <= day) {
            out.push_back(p);
        } else {
            out.push_back({minutes(0), p.end - day});
            out.push_back({p.start, day});
        }
    }
    return out;
}

} // namespace

void load_roster(const Tree& tree, Config& config) {
    auto& roster = config.roster;
    if (auto s = tree.get({"roster", "duty_check"})) {
        auto text = s.as_string();
        if (text == "off") roster.duty_check = DutyCheck::off;
        else if (text == "rostered") roster.duty_check = DutyCheck::rostered;
        else if (text == "always") roster.duty_check = DutyCheck::always;
        else s.error("expected \"off\", \"rostered\" or \"always\"");
    }
    for (const auto& name : tree.keys({"roster", "shifts"})) {
        auto hours = tree.require({"roster", "shifts", name, "hours"});
        bool ok = !name.empty() && name.size() <= 40 && std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        });
        if (!ok) hours.error(format_message("'{}' is not a valid shift name (lower-case letters, digits, '_' or '-')", name));
        ShiftTemplate shift;
        shift.name = name;
        if (auto label = tree.get({"roster", "shifts", name, "name"})) shift.label = label.as_string();
        else if (auto old = tree.get({"roster", "shifts", name, "label"})) shift.label = old.as_string();
        if (auto label = tree.get({"roster", "shifts", name, "name_en"})) shift.label_en = label.as_string();
        shift.parts = parts_of(hours);
        roster.shifts.push_back(std::move(shift));
    }
    if (auto coverage = tree.get({"roster", "coverage"})) {
        for (const auto& item : coverage.items()) {
            CoverageRule rule;
            auto desk = item.child("desk");
            if (!desk) item.error("desk is required");
            rule.desk = desk.as_string();
            if (names_replaced_reference_desk(desk, config, rule.desk)) continue;
            if (!config.find_desk(rule.desk)) desk.error(format_message("no desk '{}' in [[desks]]", rule.desk));
            if (auto role = item.child("role")) {
                auto text = role.as_string();
                if (std::find(std::begin(k_roles), std::end(k_roles), text) == std::end(k_roles)) {
                    role.error(format_message("unknown role '{}'", text));
                }
                rule.role = text;
            }
            if (auto minimum = item.child("minimum")) {
                auto v = minimum.as_int();
                if (v < 1 || v > 1000) minimum.error("must be between 1 and 1000");
                rule.minimum = static_cast<int>(v);
            }
            if (auto hours = item.child("hours")) rule.hours = daily_parts(hours);
            roster.coverage.push_back(std::move(rule));
        }
    }
}

} // namespace svcdesk::config_detail
