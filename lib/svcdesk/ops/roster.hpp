#pragma once
// Roster use cases: set and import shifts, who is on duty, coverage gaps, hours worked, and the
// duty check used by `assign`. All throw Error: invalid (2), not_found (3), refused (4),
// permission (5).

#include <svcdesk/domain/roster.hpp>
#include <svcdesk/domain/ticket.hpp>
#include <svcdesk/ops/context.hpp>

#include <optional>
#include <string>
#include <vector>

namespace svcdesk {

// Sets `staff`'s shift on `day` (replacing any), or clears it when `shift` is empty.
// Refused (4) for a deactivated member or a shift overlapping the one of the day before/after.
void set_roster(Context& ctx, const std::string& staff, date::local_days day, const std::optional<std::string>& shift);

struct RosterImportResult {
    std::size_t set = 0;     // entries written
    std::size_t cleared = 0; // rows with an empty shift that removed an entry
};
// Imports a CSV file with a header naming staff, date, shift (any order; empty shift clears).
// All or nothing: any bad row throws Error(invalid) "FILE:LINE: problem" and nothing is written.
RosterImportResult import_roster(Context& ctx, const std::string& path);

// One roster entry with its staff member and the time it covers.
struct RosterLine {
    RosterEntry entry;
    Staff staff;
    const ShiftTemplate* shift = nullptr; // null when the config no longer has the shift
    std::vector<Interval> spans;
    minutes worked{0};
};
std::vector<RosterLine> show_roster(Context& ctx, date::local_days from, date::local_days to,
                                    const std::optional<std::string>& desk = {});

// Active staff on duty at `at`, by desk then staff.
std::vector<Duty> roster_on_duty(Context& ctx, Timestamp at, const std::optional<std::string>& desk = {},
                                 const std::optional<std::string>& role = {});

// Coverage gaps of local day `day` against [[roster.coverage]].
std::vector<Gap> roster_gaps(Context& ctx, date::local_days day, const std::optional<std::string>& desk = {});

struct StaffHours {
    Staff staff;
    int shifts = 0;
    minutes worked{0};
};
// Hours of every staff member (or one) from the shifts dated from..to (inclusive); a shift
// counts wholly on the day it starts. Active members without shifts are listed with 0.
std::vector<StaffHours> roster_hours(Context& ctx, date::local_days from, date::local_days to,
                                     const std::optional<std::string>& staff = {},
                                     const std::optional<std::string>& desk = {});

// Why `assignee` should not get `ticket` at ctx.now (other desk, not on duty), naming who is on
// duty at the ticket's desk instead; nullopt when fine. Call inside a transaction.
std::optional<std::string> assignment_problem(Context& ctx, const Ticket& ticket, const Staff& assignee);

// Monday of the week containing `day`.
date::local_days week_start(date::local_days day);

} // namespace svcdesk
