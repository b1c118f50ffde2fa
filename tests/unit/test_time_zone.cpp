// svcdesk's TZif reader against the date library's tz database (linked by the tests only), over
// a century and a half of instants and around every change of offset, and against known
// daylight-saving dates after 2037, which only the rule at the end of a TZif file gives.
#include <svcdesk/time.hpp>

#include <date/tz.h>
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

using namespace svcdesk;
using std::chrono::hours;
using std::chrono::seconds;

namespace {

// Zones with every kind of history: none, half hours, DST in the southern hemisphere, negative
// DST, a skipped day, a 30-minute DST, the +14 edge, rules of their own.
const char* const k_zones[] = {"UTC",           "Asia/Shanghai",    "America/Los_Angeles", "Europe/London",
                               "Europe/Dublin", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata",
                               "America/St_Johns", "Pacific/Apia",  "Pacific/Kiritimati", "Africa/Casablanca",
                               "America/Sao_Paulo", "Asia/Tehran",  "America/Nuuk"    ,     "Antarctica/Troll"};

const Timestamp k_from = date::sys_days(date::year(1900) / 1 / 1);
// Debian's date library ignores the rule that ends each TZif file, so it is the reference only
// up to the last transition that the files list (2037).
const Timestamp k_to = date::sys_days(date::year(2037) / 1 / 1);

Timestamp utc(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
    return date::sys_days(date::year(y) / date::month(m) / date::day(d)) + hours(h) + std::chrono::minutes(min);
}
date::local_seconds local(int y, unsigned m, unsigned d, int h, int min = 0) {
    return date::local_days(date::year(y) / date::month(m) / date::day(d)) + hours(h) + std::chrono::minutes(min);
}

} // namespace

TEST_CASE("time zones: offsets agree with the date library from 1900 to 2037") {
    for (const char* name : k_zones) {
        CAPTURE(name);
        const TimeZone* ours = TimeZone::locate(name);
        REQUIRE(ours != nullptr);
        const date::time_zone* ref = date::locate_zone(name);
        // Every 25 hours and 7 minutes: each hour of the day comes up, and every day of the week.
        for (auto t = k_from; t < k_to; t += hours(25) + std::chrono::minutes(7)) {
            auto period = ours->period_at(t);
            REQUIRE(period.offset == ref->get_info(t).offset);
            REQUIRE(period.begin <= t);
            REQUIRE(t < period.end);
        }
        // Each change of offset, to the second.
        for (auto info = ref->get_info(k_from); info.end < k_to; info = ref->get_info(info.end)) {
            auto next = ref->get_info(info.end);
            CHECK(ours->period_at(info.end - seconds(1)).offset == info.offset);
            CHECK(ours->period_at(info.end).offset == next.offset);
            if (next.offset != info.offset) CHECK(ours->period_at(info.end).begin == info.end);
        }
    }
}

TEST_CASE("time zones: wall-clock times in gaps and overlaps agree with the date library") {
    for (const char* name : k_zones) {
        CAPTURE(name);
        const TimeZone* ours = TimeZone::locate(name);
        const date::time_zone* ref = date::locate_zone(name);
        for (auto info = ref->get_info(k_from); info.end < k_to; info = ref->get_info(info.end)) {
            auto next = ref->get_info(info.end);
            if (next.offset == info.offset) continue;
            // Wall-clock times on both sides of the change, as read before and after it.
            for (auto offset : {info.offset, next.offset}) {
                for (auto delta : {-7200, -3601, -1, 0, 1, 900, 1799, 1800, 3599, 3600, 7200}) {
                    auto wall = date::local_seconds((info.end + offset + seconds(delta)).time_since_epoch());
                    CAPTURE(date::format("%F %T", wall));
                    auto expected = ref->get_info(wall);
                    auto found = ours->lookup(wall);
                    REQUIRE(static_cast<int>(found.result) == static_cast<int>(expected.result));
                    CHECK(found.first.offset == expected.first.offset);
                    if (expected.result != date::local_info::unique) {
                        CHECK(found.second.offset == expected.second.offset);
                        CHECK(found.second.begin == expected.second.begin);
                    }
                }
            }
        }
    }
}

TEST_CASE("time zones: after 2037 the closing rule of the file gives daylight-saving time") {
    const TimeZone* la = TimeZone::locate("America/Los_Angeles");
    REQUIRE(la != nullptr);
    CHECK(la->period_at(utc(2040, 1, 15)).offset == hours(-8));
    CHECK(la->period_at(utc(2040, 7, 1)).offset == hours(-7));
    // 2040: the second Sunday of March is the 11th, the first of November the 4th; at 02:00 local.
    CHECK(la->period_at(utc(2040, 7, 1)).begin == utc(2040, 3, 11, 10));
    CHECK(la->period_at(utc(2040, 7, 1)).end == utc(2040, 11, 4, 9));
    CHECK(la->lookup(local(2040, 3, 11, 2, 30)).result == LocalLookup::nonexistent);
    CHECK(la->lookup(local(2040, 3, 11, 2, 30)).second.begin == utc(2040, 3, 11, 10));
    CHECK(la->lookup(local(2040, 11, 4, 1, 30)).result == LocalLookup::ambiguous);
    CHECK(la->lookup(local(2040, 11, 4, 1, 30)).first.offset == hours(-7));
    CHECK(la->period_at(utc(2100, 7, 1)).offset == hours(-7));

    const TimeZone* sydney = TimeZone::locate("Australia/Sydney");
    REQUIRE(sydney != nullptr);
    CHECK(sydney->period_at(utc(2045, 1, 1)).offset == hours(11));
    CHECK(sydney->period_at(utc(2045, 7, 1)).offset == hours(10));

    const TimeZone* shanghai = TimeZone::locate("Asia/Shanghai");
    REQUIRE(shanghai != nullptr);
    CHECK(shanghai->period_at(utc(2090, 6, 1)).offset == hours(8));
    CHECK(format_iso(utc(2090, 6, 1), shanghai) == "2090-06-01T08:00:00+08:00");
}

TEST_CASE("time zones: POSIX TZ rules") {
    TimeZone::Rule r;
    REQUIRE(TimeZone::parse_rule("PST8PDT,M3.2.0,M11.1.0", r));
    CHECK(r.std_offset == hours(-8));
    CHECK(r.has_dst);
    CHECK(r.dst_offset == hours(-7));
    CHECK(r.start.month == 3);
    CHECK(r.start.week == 2);
    CHECK(r.start.day == 0);
    CHECK(r.start.time == 7200);
    CHECK(r.end.month == 11);

    REQUIRE(TimeZone::parse_rule("CST-8", r));
    CHECK(r.std_offset == hours(8));
    CHECK_FALSE(r.has_dst);

    REQUIRE(TimeZone::parse_rule("<+0330>-3:30", r));
    CHECK(r.std_offset == hours(3) + std::chrono::minutes(30));

    REQUIRE(TimeZone::parse_rule("IST-1GMT0,M10.5.0,M3.5.0/1", r)); // Dublin: winter is the DST
    CHECK(r.std_offset == hours(1));
    CHECK(r.dst_offset == hours(0));
    CHECK(r.start.week == 5);
    CHECK(r.end.time == 3600);

    REQUIRE(TimeZone::parse_rule("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", r)); // Greenland: negative times
    CHECK(r.start.time == -3600);

    REQUIRE(TimeZone::parse_rule("EST5EDT4,0/0,J365/25", r)); // all-year DST, RFC 8536's example
    CHECK(r.start.kind == TimeZone::Rule::Day::zero_based);
    CHECK(r.end.kind == TimeZone::Rule::Day::julian_no_leap);
    CHECK(r.end.time == 25 * 3600);

    for (const char* bad : {"", "PST", "AB8", "PST8PDT,M13.1.0,M11.1.0", "PST8PDT,M3.2.0", "PST8PDT,M3.2.0,M11.1.0x",
                            "<+03-3", "CST-8,"}) {
        CAPTURE(bad);
        CHECK_FALSE(TimeZone::parse_rule(bad, r));
    }
}

TEST_CASE("time zones: names outside the tz database are refused, UTC always exists") {
    CHECK(TimeZone::locate("Nowhere/Land") == nullptr);
    CHECK(TimeZone::locate("../../etc/passwd") == nullptr);
    CHECK(TimeZone::locate("/etc/passwd") == nullptr);
    CHECK(TimeZone::locate("") == nullptr);
    CHECK(TimeZone::locate("Asia/Shanghai") == TimeZone::locate("Asia/Shanghai")); // read once

    // A machine without tzdata: UTC still works, other zones are unknown.
    char pattern[] = "/tmp/svcdesk-tzdir-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    ::setenv("TZDIR", pattern, 1);
    const TimeZone* utc_zone = TimeZone::locate("Etc/UTC");
    const TimeZone* paris = TimeZone::locate("Europe/Paris");
    ::unsetenv("TZDIR");
    std::filesystem::remove(pattern);
    REQUIRE(utc_zone != nullptr);
    CHECK(utc_zone->period_at(utc(2026, 11, 23)).offset == seconds(0));
    CHECK(paris == nullptr);

    // A file that is not TZif.
    TimeZone zone;
    CHECK_FALSE(TimeZone::parse("Bad/Zone", "TZif", zone));
    CHECK_FALSE(TimeZone::parse("Bad/Zone", "not a zone file at all, not at all", zone));
}
