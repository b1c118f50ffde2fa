#pragma once
// Working time of the site: which days are working days and which hours are working hours.

#include <svcdesk/time.hpp>

#include <array>
#include <set>

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

} // namespace svcdesk
