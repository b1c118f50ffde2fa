// The monthly staff report: the month it covers by default.
#include <svcdesk/error.hpp>
#include <svcdesk/report/staff_report.hpp>

#include <doctest/doctest.h>

using namespace svcdesk;

TEST_CASE("report staff: --month as given, else this month in the site zone") {
    Zone sh = find_zone("Asia/Shanghai");
    // 2026-11-30T20:00Z is already December 1st in Shanghai.
    auto now = parse_time("2026-11-30T20:00:00Z", sh, Timestamp{});
    CHECK(report_month("", now, sh) == date::year(2026) / date::December);
    CHECK(report_month("2026-02", now, sh) == date::year(2026) / date::February);
    CHECK_THROWS_AS(report_month("2026-13", now, sh), Error);
}
