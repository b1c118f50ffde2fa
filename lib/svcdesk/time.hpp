#pragma once
// Time for svcdesk: instants are UTC seconds; the site zone turns them into wall-clock time.

#include <svcdesk/time_zone.hpp>

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace svcdesk {

using std::chrono::minutes;
using Zone = const TimeZone*;

// Looks a zone up in the system tz database; throws Error(invalid) naming it when unknown.
Zone find_zone(std::string_view name);

// The system clock, to the second.
Timestamp system_now();
// The time SVCDESK_NOW asks for (parsed in `zone`), nullopt when it is unset. Only a sandbox
// database takes it (ops/identity.hpp decides). Throws Error(invalid) when it is malformed.
std::optional<Timestamp> clock_override(Zone zone);

// The years a time given to svcdesk may fall in ([limits] first_year, last_year; issue 21): a
// slip of the finger (+99999999999d, 20266-11-23) is refused rather than stored.
struct TimeWindow {
    int first_year = 2000;
    int last_year = 2099;
};

// Parses user input: ISO 8601 ("2026-11-23", "2026-11-23T10:00", "... 10:00:30+08:00", "...Z"),
// "HH:MM" (today), "now", "today", "yesterday", "tomorrow" (each optionally followed by a time),
// and offsets from now ("+2h", "-30m", "+3d", "+1w"). A time without offset is in `zone`: one
// that the clocks skip (a daylight-saving gap) is refused naming the gap; one that happens twice
// (the overlap) is taken at its earlier instant and sets `*ambiguous` when given.
// Throws Error(invalid) describing the accepted forms, or naming the window the time is outside.
Timestamp parse_time(std::string_view text, Zone zone, Timestamp now, const TimeWindow& window = {},
                     bool* ambiguous = nullptr);

// Whether `t` lies in `window`, in `zone`'s calendar.
bool in_window(Timestamp t, const TimeWindow& window, Zone zone);

// Parses a calendar day: "YYYY-MM-DD", "today", "yesterday", "tomorrow", "+Nd"/"-Nd".
date::year_month_day parse_date(std::string_view text, Zone zone, Timestamp now);

// Parses "YYYY-MM"; throws Error(invalid).
date::year_month parse_month(std::string_view text);

// Parses a duration such as "30m", "2h", "1h30m", "3d", "90" (minutes), at most
// k_max_duration_days long. Throws Error(invalid).
inline constexpr int k_max_duration_days = 36525; // a hundred years
minutes parse_duration(std::string_view text);

// Parses "HH:MM" (00:00-24:00) into minutes after midnight; std::nullopt when malformed.
std::optional<minutes> parse_clock(std::string_view text);

// The instant at which wall-clock `local` happens in `zone`. In a daylight-saving gap the
// instant of the transition is used; in an overlap the earlier instant.
Timestamp to_utc(date::local_seconds local, Zone zone);

date::local_seconds to_local(Timestamp t, Zone zone);
date::local_days local_day(Timestamp t, Zone zone);
Timestamp start_of_day(date::local_days day, Zone zone);

// The days of a period, both ends included.
struct DayRange {
    date::local_days from, to;
};
// Monday of the week containing `day`.
date::local_days week_start(date::local_days day);
// Monday to Sunday of the week containing `day`.
DayRange week_of(date::local_days day);
// The first to the last day of `month`.
DayRange month_days(date::year_month month);

std::string format_iso(Timestamp t, Zone zone);     // 2026-11-23T14:05:00+08:00
std::string format_local(Timestamp t, Zone zone);   // 2026-11-23 14:05
std::string format_date(date::year_month_day day);  // 2026-11-23
std::string format_day(date::local_days day);       // 2026-11-23
std::string format_duration(minutes m);             // 2h30m, 45m, 3d2h

} // namespace svcdesk
