#include <svcdesk/error.hpp>
#include <svcdesk/time.hpp>

#include <doctest/doctest.h>

using namespace svcdesk;
using namespace std::chrono_literals;

namespace {
Timestamp utc(int y, unsigned mo, unsigned d, int h, int mi = 0) {
    return date::sys_days(date::year(y) / mo / d) + std::chrono::hours(h) + std::chrono::minutes(mi);
}
} // namespace

TEST_CASE("ISO times without offset are site-local (Asia/Shanghai)") {
    Zone sh = find_zone("Asia/Shanghai");
    Timestamp now = utc(2026, 11, 23, 1); // 09:00 in Shanghai
    CHECK(parse_time("2026-11-23T10:00", sh, now) == utc(2026, 11, 23, 2));
    CHECK(parse_time("2026-11-23 10:00:30", sh, now) == utc(2026, 11, 23, 2) + 30s);
    CHECK(parse_time("2026-11-23", sh, now) == utc(2026, 11, 22, 16));
    CHECK(parse_time("2026-11-23T10:00Z", sh, now) == utc(2026, 11, 23, 10));
    CHECK(parse_time("2026-11-23T10:00:00+05:30", sh, now) == utc(2026, 11, 23, 4, 30));
    CHECK(parse_time("2026-11-23T10:00:00.123+0800", sh, now) == utc(2026, 11, 23, 2));
    CHECK(format_iso(utc(2026, 11, 23, 2), sh) == "2026-11-23T10:00:00+08:00");
    CHECK(format_local(utc(2026, 11, 23, 2), sh) == "2026-11-23 10:00");
}

TEST_CASE("relative and named times") {
    Zone sh = find_zone("Asia/Shanghai");
    Timestamp now = utc(2026, 11, 23, 1); // Monday 09:00 local
    CHECK(parse_time("now", sh, now) == now);
    CHECK(parse_time("+2h", sh, now) == now + 2h);
    CHECK(parse_time("-30m", sh, now) == now - 30min);
    CHECK(parse_time("+3d", sh, now) == now + 72h);
    CHECK(parse_time("+1h30m", sh, now) == now + 90min);
    CHECK(parse_time("today", sh, now) == utc(2026, 11, 22, 16));
    CHECK(parse_time("yesterday", sh, now) == utc(2026, 11, 21, 16));
    CHECK(parse_time("tomorrow 10:00", sh, now) == utc(2026, 11, 24, 2));
    CHECK(parse_time("14:30", sh, now) == utc(2026, 11, 23, 6, 30));
    CHECK(format_date(parse_date("yesterday", sh, now)) == "2026-11-22");
    CHECK(format_date(parse_date("2026-02-28", sh, now)) == "2026-02-28");
}

TEST_CASE("malformed times are invalid input") {
    Zone sh = find_zone("Asia/Shanghai");
    Timestamp now = utc(2026, 11, 23, 1);
    for (const char* bad : {"", "abc", "2026-02-30", "2026-11-23T25:00", "2026-11-23T10:61", "2026/11/23",
                            "+2x", "tomorrow 9", "2026-11-23T10:00+99:00", "1e3"}) {
        CAPTURE(bad);
        try {
            parse_time(bad, sh, now);
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.code() == Code::invalid);
            CHECK(std::string(e.what()).find("invalid time") == 0);
        }
    }
    CHECK_THROWS_AS(parse_date("2026-13-01", sh, now), Error);
    CHECK_THROWS_WITH(parse_month("2026-13"), "invalid month '2026-13': use YYYY-MM");
}

TEST_CASE("a zone with daylight saving time (America/Los_Angeles)") {
    Zone la = find_zone("America/Los_Angeles");
    Timestamp now = utc(2026, 6, 1, 12);
    CHECK(parse_time("2026-07-01T12:00", la, now) == utc(2026, 7, 1, 19));   // PDT, UTC-7
    CHECK(parse_time("2026-12-01T12:00", la, now) == utc(2026, 12, 1, 20));  // PST, UTC-8
    // 2026-03-08 02:30 does not exist: the clock jumps from 02:00 to 03:00 (10:00 UTC). Typed by
    // a user it is refused, naming the gap (issue 21); to_utc maps it to the jump.
    CHECK_THROWS_WITH(parse_time("2026-03-08T02:30", la, now),
                      doctest::Contains("the clocks go from 2026-03-08 02:00 to 03:00"));
    CHECK(to_utc(date::local_seconds(date::local_days(date::year(2026) / 3 / 8)) + 150min, la) == utc(2026, 3, 8, 10));
    CHECK(parse_time("2026-03-08T02:30-08:00", la, now) == utc(2026, 3, 8, 10, 30)); // an offset says which
    // 2026-11-01 01:30 happens twice: the earlier one (PDT) is taken, and the caller is told.
    bool ambiguous = false;
    CHECK(parse_time("2026-11-01T01:30", la, now, {}, &ambiguous) == utc(2026, 11, 1, 8, 30));
    CHECK(ambiguous);
    ambiguous = false;
    parse_time("2026-07-01T12:00", la, now, {}, &ambiguous);
    CHECK_FALSE(ambiguous);
    CHECK(format_iso(utc(2026, 7, 1, 19), la) == "2026-07-01T12:00:00-07:00");
    CHECK(format_iso(utc(2026, 12, 1, 20), la) == "2026-12-01T12:00:00-08:00");
    // A local day across the autumn change has 25 hours.
    auto day = date::local_days(date::year(2026) / 11 / 1);
    CHECK(start_of_day(day + date::days(1), la) - start_of_day(day, la) == 25h);
}

TEST_CASE("times and durations outside the accepted years are refused, naming the value") {
    Zone sh = find_zone("Asia/Shanghai");
    Timestamp now = utc(2026, 11, 23, 1);
    CHECK_THROWS_WITH(parse_time("+99999999999d", sh, now), doctest::Contains("'+99999999999d' is outside the years 2000 to 2099"));
    CHECK_THROWS_WITH(parse_time("-999999999999w", sh, now), doctest::Contains("outside the years"));
    CHECK_THROWS_WITH(parse_time("1999-12-31T23:00", sh, now), doctest::Contains("outside the years"));
    CHECK(parse_time("2000-01-01T00:00", sh, now) == utc(1999, 12, 31, 16)); // midnight in the site's zone
    CHECK(parse_time("2099-12-31T23:59", sh, now) == utc(2099, 12, 31, 15, 59));
    CHECK_THROWS(parse_time("2027-01-01", sh, now, {2000, 2026}));
    CHECK_THROWS_WITH(parse_duration("99999999d"), doctest::Contains("longer than 36525 days"));
    CHECK(parse_duration("36525d") == std::chrono::days(36525));
}

TEST_CASE("durations and clock times") {
    CHECK(parse_duration("30m") == 30min);
    CHECK(parse_duration("2h") == 120min);
    CHECK(parse_duration("1h30m") == 90min);
    CHECK(parse_duration("3d") == std::chrono::minutes(3 * 24 * 60));
    CHECK(parse_duration("45") == 45min);
    CHECK_THROWS_AS(parse_duration("-2h"), Error);
    CHECK_THROWS_AS(parse_duration("soon"), Error);
    CHECK(parse_clock("07:30") == std::chrono::minutes(450));
    CHECK(parse_clock("24:00") == std::chrono::minutes(1440));
    CHECK_FALSE(parse_clock("7:30").has_value());
    CHECK(format_duration(std::chrono::minutes(150)) == "2h30m");
    CHECK(format_duration(std::chrono::minutes(0)) == "0m");
    CHECK(format_duration(std::chrono::minutes(24 * 60 + 60)) == "1d1h");
}

TEST_CASE("an unknown zone is reported by name") {
    CHECK_THROWS_WITH(find_zone("Mars/Olympus"),
                      "unknown time zone 'Mars/Olympus' (use an IANA name such as Asia/Shanghai)");
}

TEST_CASE("days, weeks and months of the roster and reports") {
    auto day = [](int y, unsigned m, unsigned d) { return date::local_days(date::year(y) / m / d); };
    CHECK(format_day(day(2026, 11, 3)) == "2026-11-03");
    CHECK(week_start(day(2026, 11, 25)) == day(2026, 11, 23)); // a Wednesday: its Monday
    CHECK(week_start(day(2026, 11, 23)) == day(2026, 11, 23));
    CHECK(week_start(day(2026, 11, 29)) == day(2026, 11, 23)); // Sunday ends the week
    auto week = week_of(day(2026, 12, 31));
    CHECK(week.from == day(2026, 12, 28));
    CHECK(week.to == day(2027, 1, 3));
    auto feb = month_days(date::year(2028) / 2);
    CHECK(feb.from == day(2028, 2, 1));
    CHECK(feb.to == day(2028, 2, 29)); // leap year
}
