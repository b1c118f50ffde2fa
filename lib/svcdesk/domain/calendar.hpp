#pragma once
// Working time of the site: which days are working days and which hours are working hours.

#include <svcdesk/time.hpp>

#include <array>
#include <optional>
#include <set>
#include <string>

namespace svcdesk {

// How many days a search along the calendar looks at before giving up: far enough for any
// calendar, and it stops one without working days from looping for ever.
inline constexpr int k_max_days_scanned = 3 * 366;

struct WorkCalendar {
    std::array<bool, 7> working_weekday{false, true, true, true, true, true, false}; // Sun..Sat
    minutes open{8 * 60};
    minutes close{17 * 60 + 30};
    std::set<date::local_days> holidays;
    std::set<date::local_days> extra_working_days; // weekend days worked to make up a holiday
    std::optional<date::local_days> valid_until;   // calendar.valid_until, when the site says it

    // The last day whose working time the calendar knows: valid_until, else the last holiday
    // listed (nothing is known of the days after it); none for a calendar without holidays and
    // without valid_until (a site that keeps no public holidays has none to run out of).
    std::optional<date::local_days> known_until() const;

    bool is_working_day(date::local_days day) const;
    minutes day_length() const { return close - open; }

    // The instant `amount` of working time after `start`. Throws Error(internal) when the
    // calendar has no working time at all.
    Timestamp add_working(Timestamp start, minutes amount, Zone zone) const;
    // Working time between two instants (0 when to <= from).
    minutes working_between(Timestamp from, Timestamp to, Zone zone) const;
    // The close of the working day that contains `t`, or of the next one if `t` is after hours.
    Timestamp end_of_working_day(Timestamp t, Zone zone) const;
    // Start of the first working window at or after `t` (`t` itself when inside one).
    Timestamp next_working_moment(Timestamp t, Zone zone) const;
};

// How long before its end a working calendar is reported as running out.
inline constexpr int k_calendar_warning_days = 60;

// When the calendar's known days end within k_calendar_warning_days of `today` (or have ended):
// a one-line explanation naming the last day and what to add. Beyond it, working-time deadlines
// and survey days would be computed over days whose holidays nobody entered (seed 000 §五.2:
// "2 working days"; the Spring Festival week is not working time).
std::optional<std::string> calendar_end_warning(const WorkCalendar& cal, date::local_days today);

} // namespace svcdesk
