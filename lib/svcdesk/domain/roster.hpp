#pragma once
// The roster: shift templates, who works which shift on which date, who is on duty at an
// instant, coverage gaps against per-desk minimums and hours worked. Pure rules, no I/O.
//
// A shift is dated by the day it starts: a `night` of the 23rd runs 23:00 on the 23rd to 07:30
// on the 24th. Wall-clock times are turned into instants with to_utc in the site zone, so a
// shift over a daylight-saving change lasts the real elapsed time (one hour more or less).

#include <svcdesk/domain/staff.hpp>
#include <svcdesk/time.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

// One daily range of a shift in minutes after the local midnight of the shift's date.
// end > start always; an end past 24:00 means the range crosses midnight.
struct ShiftPart {
    minutes start{0};
    minutes end{0};
};

// "HH:MM-HH:MM" → part; an end at or before the start crosses midnight ("23:00-07:30").
// Throws Error(invalid).
ShiftPart parse_shift_part(std::string_view text);
std::string format_shift_part(const ShiftPart& part); // "23:00-07:30"

struct ShiftTemplate {
    std::string name;  // e.g. "night"
    std::string label; // e.g. "夜班"; may be empty ([roster.shifts.*] name, or label)
    std::vector<ShiftPart> parts; // in order, not overlapping
    std::string label_en = {};    // e.g. "Night"; may be empty (name_en)

    // Nominal length (wall-clock), ignoring daylight-saving changes.
    minutes nominal_length() const;
    std::string hours_text() const; // "07:30-11:30,13:30-17:00"
};

// A span of time [from, to).
struct Interval {
    Timestamp from;
    Timestamp to;
    bool contains(Timestamp t) const { return from <= t && t < to; }
    bool overlaps(const Interval& other) const { return from < other.to && other.from < to; }
};

// The instants a shift worked on `day` covers, one interval per part.
std::vector<Interval> shift_intervals(const ShiftTemplate& shift, date::local_days day, Zone zone);
// Real elapsed time of the shift on `day` (differs from nominal_length on DST days).
minutes shift_duration(const ShiftTemplate& shift, date::local_days day, Zone zone);

// A minimum number of people on duty at a desk (optionally with a role) during daily hours.
struct CoverageRule {
    std::string desk;
    std::optional<std::string> role; // empty: anyone at the desk
    int minimum = 1;
    std::vector<ShiftPart> hours;    // within one day (end <= 24:00); default the whole day
};

enum class DutyCheck { off, rostered, always };

// The [roster] section of the configuration.
struct RosterConfig {
    std::vector<ShiftTemplate> shifts;
    std::vector<CoverageRule> coverage;
    // off: assign never checks duty or desk; rostered: the desk must match, and duty is checked
    // once the ticket's desk has a roster for that day; always: both always.
    DutyCheck duty_check = DutyCheck::rostered;

    const ShiftTemplate* find_shift(std::string_view name) const;
    // Throws Error(invalid) naming the configured shifts.
    const ShiftTemplate& shift(std::string_view name) const;
};

// One line of the roster: `staff` works `shift` on `day`.
struct RosterEntry {
    std::string staff;
    date::local_days day;
    std::string shift;
};

// A staff member's worked time, one interval per shift part, with the entry it comes from.
struct Duty {
    Staff staff;
    RosterEntry entry;
    Interval span;
};

// Expands entries into duties (unknown shift names are skipped: the config may have changed).
std::vector<Duty> duties_of(const std::vector<RosterEntry>& entries, const std::vector<Staff>& staff,
                            const RosterConfig& roster, Zone zone);

// Entries that may cover an instant on local day `day` start on `day` or the day before.
inline date::local_days earliest_covering_day(date::local_days day) { return day - date::days(1); }

// Duties of active staff covering instant `t`, optionally only at `desk` / with `role`.
std::vector<Duty> on_duty_at(const std::vector<Duty>& duties, Timestamp t, std::optional<std::string> desk = {},
                             std::optional<std::string> role = {});

struct Gap {
    std::string desk;
    std::string role; // "any" for a rule without a role
    Interval span;
    int on_duty = 0;  // the fewest people on duty during the span
    int minimum = 0;
};

// Every span of local day `day` where a rule has fewer active people on duty than its minimum,
// in rule order then time; adjacent spans of one rule are merged.
std::vector<Gap> coverage_gaps(const std::vector<CoverageRule>& rules, const std::vector<Duty>& duties,
                               date::local_days day, Zone zone);

// Two entries of one person whose worked time overlaps (e.g. night on the 1st, early on the 2nd
// starting 07:00). Returns the part of `b` that overlaps `a`, if any.
std::optional<Interval> overlap(const ShiftTemplate& a, date::local_days a_day, const ShiftTemplate& b,
                                date::local_days b_day, Zone zone);

// One roster entry with its staff member and the time it covers: a line of `roster show`.
struct RosterLine {
    RosterEntry entry;
    Staff staff;
    const ShiftTemplate* shift = nullptr; // null when the config no longer has the shift
    std::vector<Interval> spans;
    minutes worked{0};
};

// A staff member's shifts and hours in a period: a line of `roster hours`.
struct StaffHours {
    Staff staff;
    int shifts = 0;
    minutes worked{0};
};

} // namespace svcdesk
