#include <svcdesk/domain/roster.hpp>
#include <svcdesk/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace svcdesk {
namespace {

constexpr minutes k_day{24 * 60};

Timestamp at(date::local_days day, minutes offset, Zone zone) {
    return to_utc(date::local_seconds(day) + offset, zone);
}

std::string clock_text(minutes m) {
    auto within = m.count() % (24 * 60);
    if (m.count() == 24 * 60) within = 24 * 60; // a range may end at 24:00
    return fmt::format("{:02}:{:02}", within / 60, within % 60);
}

} // namespace

ShiftPart parse_shift_part(std::string_view text) {
    auto dash = text.find('-');
    auto start = dash == std::string_view::npos ? std::nullopt : parse_clock(text.substr(0, dash));
    auto end = dash == std::string_view::npos ? std::nullopt : parse_clock(text.substr(dash + 1));
    if (!start || !end || *start >= k_day) {
        fail(Code::invalid, "invalid shift hours '{}': expected HH:MM-HH:MM such as 07:30-15:30 or 23:00-07:30", text);
    }
    ShiftPart part{*start, *end};
    if (part.end <= part.start) part.end += k_day; // crosses midnight
    return part;
}

std::string format_shift_part(const ShiftPart& part) {
    return clock_text(part.start) + "-" + clock_text(part.end);
}

minutes ShiftTemplate::nominal_length() const {
    minutes total{0};
    for (const auto& p : parts) total += p.end - p.start;
    return total;
}

std::string ShiftTemplate::hours_text() const {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ",") + format_shift_part(p);
    return out;
}

std::vector<Interval> shift_intervals(const ShiftTemplate& shift, date::local_days day, Zone zone) {
    std::vector<Interval> out;
    for (const auto& p : shift.parts) {
        Interval span{at(day, p.start, zone), at(day, p.end, zone)};
        if (span.from < span.to) out.push_back(span); // empty only inside a DST gap
    }
    return out;
}

minutes shift_duration(const ShiftTemplate& shift, date::local_days day, Zone zone) {
    std::chrono::seconds total{0};
    for (const auto& span : shift_intervals(shift, day, zone)) total += span.to - span.from;
    return std::chrono::duration_cast<minutes>(total);
}

const ShiftTemplate* RosterConfig::find_shift(std::string_view name) const {
    auto it = std::find_if(shifts.begin(), shifts.end(), [&](const ShiftTemplate& s) { return s.name == name; });
    return it == shifts.end() ? nullptr : &*it;
}

const ShiftTemplate& RosterConfig::shift(std::string_view name) const {
    if (const auto* s = find_shift(name)) return *s;
    std::string names;
    for (const auto& s : shifts) names += (names.empty() ? "" : ", ") + s.name;
    fail(Code::invalid, "unknown shift '{}' (one of: {})", name, names);
}

std::vector<Duty> duties_of(const std::vector<RosterEntry>& entries, const std::vector<Staff>& staff,
                            const RosterConfig& roster, Zone zone) {
    std::map<std::string, const Staff*> by_id;
    for (const auto& s : staff) by_id[s.id] = &s;
    std::vector<Duty> out;
    for (const auto& e : entries) {
        auto who = by_id.find(e.staff);
        const auto* shift = roster.find_shift(e.shift);
        if (who == by_id.end() || !shift) continue;
        for (const auto& span : shift_intervals(*shift, e.day, zone)) out.push_back({*who->second, e, span});
    }
    return out;
}

std::vector<Duty> on_duty_at(const std::vector<Duty>& duties, Timestamp t, std::optional<std::string> desk,
                             std::optional<std::string> role) {
    std::vector<Duty> out;
    for (const auto& d : duties) {
        if (!d.staff.active || !d.span.contains(t)) continue;
        if (desk && d.staff.desk != *desk) continue;
        if (role && !d.staff.has_role(*role)) continue;
        out.push_back(d);
    }
    return out;
}

std::vector<Gap> coverage_gaps(const std::vector<CoverageRule>& rules, const std::vector<Duty>& duties,
                               date::local_days day, Zone zone) {
    std::vector<Gap> out;
    for (const auto& rule : rules) {
        std::vector<ShiftPart> hours = rule.hours;
        if (hours.empty()) hours.push_back({minutes(0), k_day});
        for (const auto& window_part : hours) {
            Interval window{at(day, window_part.start, zone), at(day, window_part.end, zone)};
            if (!(window.from < window.to)) continue;
            // Sweep over the window: +1 where a matching duty starts, -1 where it ends.
            std::map<Timestamp, int> delta;
            delta[window.from] += 0;
            delta[window.to] += 0;
            for (const auto& d : duties) {
                if (!d.staff.active || d.staff.desk != rule.desk) continue;
                if (rule.role && !d.staff.has_role(*rule.role)) continue;
                if (!d.span.overlaps(window)) continue;
                delta[std::max(d.span.from, window.from)] += 1;
                delta[std::min(d.span.to, window.to)] -= 1;
            }
            int count = 0;
            for (auto it = delta.begin(); it != delta.end() && it->first < window.to; ++it) {
                count += it->second;
                auto next = std::next(it)->first;
                if (count >= rule.minimum) continue;
                bool merge = !out.empty() && out.back().desk == rule.desk &&
                             out.back().role == rule.role.value_or("any") && out.back().span.to == it->first &&
                             out.back().minimum == rule.minimum;
                if (merge) {
                    out.back().span.to = next;
                    out.back().on_duty = std::min(out.back().on_duty, count);
                } else {
                    out.push_back({rule.desk, rule.role.value_or("any"), {it->first, next}, count, rule.minimum});
                }
            }
        }
    }
    return out;
}

std::optional<Interval> overlap(const ShiftTemplate& a, date::local_days a_day, const ShiftTemplate& b,
                                date::local_days b_day, Zone zone) {
    for (const auto& x : shift_intervals(a, a_day, zone)) {
        for (const auto& y : shift_intervals(b, b_day, zone)) {
            if (x.overlaps(y)) return Interval{std::max(x.from, y.from), std::min(x.to, y.to)};
        }
    }
    return std::nullopt;
}

} // namespace svcdesk
