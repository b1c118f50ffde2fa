#pragma once
// Roster use cases: set and import shifts, who is on duty, coverage gaps, hours worked, and the
// duty check used by `assign`. All throw Error: invalid (2), not_found (3), refused (4),
// permission (5).

#include <svcdesk/domain/roster.hpp>
#include <svcdesk/domain/ticket.hpp>
#include <svcdesk/ops/context.hpp>

#include <functional>
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
// Imports CSV read from `fd` (io/csv_reader.hpp) with a header naming staff, date, shift (any
// order; an empty shift clears); `path` names the input in messages. All or nothing: any bad
// row throws Error(invalid) "PATH:LINE: problem" and nothing is written.
// Every bad row is given to `bad_row` ("FILE:LINE: problem", in file order) before the one
// Error(invalid) that says how many there were; a single bad row is that error alone.
RosterImportResult import_roster(Context& ctx, int fd, const std::string& path,
                                 const std::function<void(const std::string&)>& bad_row);

// The roster of the days from..to (inclusive), by day then desk.
std::vector<RosterLine> show_roster(Context& ctx, date::local_days from, date::local_days to,
                                    const std::optional<std::string>& desk = {});

// Active staff on duty at `at`, by desk then staff.
std::vector<Duty> roster_on_duty(Context& ctx, Timestamp at, const std::optional<std::string>& desk = {},
                                 const std::optional<std::string>& role = {});

// Coverage gaps of local day `day` against [[roster.coverage]].
std::vector<Gap> roster_gaps(Context& ctx, date::local_days day, const std::optional<std::string>& desk = {});

// Hours of every staff member (or one) from the shifts dated from..to (inclusive); a shift
// counts wholly on the day it starts. Active members without shifts are listed with 0.
std::vector<StaffHours> roster_hours(Context& ctx, date::local_days from, date::local_days to,
                                     const std::optional<std::string>& staff = {},
                                     const std::optional<std::string>& desk = {});

// Why `assignee` should not get `ticket` at ctx.now (other desk, not on duty), naming who is on
// duty at the ticket's desk instead; nullopt when fine. Call inside a transaction.
std::optional<std::string> assignment_problem(Context& ctx, const Ticket& ticket, const Staff& assignee,
                                              bool for_people = false);

} // namespace svcdesk
