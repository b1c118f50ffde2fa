#pragma once
// IANA time zones, read from the system's compiled tz database (TZif files, RFC 8536).
//
// svcdesk needs one or two zones per command. The date library's tz database lists and stats
// every file under /usr/share/zoneinfo before it answers anything (about 700 system calls, a
// third of a short command's), and Debian's build ignores the rule a TZif file ends with, so it
// gets daylight-saving time wrong after 2037. This reads the one file asked for, rule included.

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

using Timestamp = std::chrono::sys_seconds;

// A stretch of time with one UTC offset: [begin, end). Zones with no change reach far into the
// past or future (years -32767 and 32767).
struct ZonePeriod {
    Timestamp begin;
    Timestamp end;
    std::chrono::seconds offset; // local = UTC + offset
};

// Where a wall-clock time falls. unique: `first` holds it. nonexistent: the clock jumped over it;
// `first` ends and `second` begins at the jump. ambiguous: it happens twice, in `first` and then
// in `second`.
struct LocalLookup {
    enum Result { unique, nonexistent, ambiguous } result = unique;
    ZonePeriod first;
    ZonePeriod second;
};

class TimeZone {
public:
    // Reads the zone `name` (such as "Asia/Shanghai") from $TZDIR or /usr/share/zoneinfo, once per
    // process; later calls return the same zone. nullptr when there is no such zone.
    static const TimeZone* locate(std::string_view name);

    const std::string& name() const { return m_name; }
    ZonePeriod period_at(Timestamp t) const;
    LocalLookup lookup(date::local_seconds local) const;
    date::local_seconds to_local(Timestamp t) const {
        return date::local_seconds(t.time_since_epoch() + period_at(t).offset);
    }

    // A POSIX TZ rule, the part of a TZif file that covers the time after its last transition
    // (such as "PST8PDT,M3.2.0,M11.1.0"). Public for its parser's tests.
    struct Rule {
        struct Day { // when in the year a change happens, and at what local time (seconds)
            enum Kind { julian_no_leap, zero_based, month_week_day } kind = month_week_day;
            int day = 0, month = 0, week = 0; // Jn: day 1-365; n: day 0-365; Mm.w.d
            std::int64_t time = 7200;
        };
        std::chrono::seconds std_offset{0};
        bool has_dst = false;
        std::chrono::seconds dst_offset{0};
        Day start, end;
    };
    static bool parse_rule(std::string_view text, Rule& rule);

    // Builds a zone from the bytes of a TZif file; false when they are not one.
    static bool parse(std::string_view name, std::string_view tzif, TimeZone& zone);

private:
    struct Transition {
        std::int64_t at;             // UTC seconds
        std::chrono::seconds offset; // in effect from `at`
    };
    void rule_transitions(int year, std::vector<Transition>& out) const;

    std::string m_name;
    std::chrono::seconds m_initial_offset{0}; // before the first transition
    std::vector<Transition> m_transitions;    // ascending
    bool m_has_rule = false;
    Rule m_rule;
};

} // namespace svcdesk
