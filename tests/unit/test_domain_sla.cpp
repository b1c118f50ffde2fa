#include <svcdesk/config/config.hpp>
#include <svcdesk/domain/sla.hpp>
#include <svcdesk/error.hpp>

#include <doctest/doctest.h>

using namespace svcdesk;
using namespace std::chrono_literals;

namespace {

Zone shanghai() { return find_zone("Asia/Shanghai"); }

Timestamp at(const char* local) { return parse_time(local, shanghai(), Timestamp{}); }

WorkCalendar calendar() {
    WorkCalendar cal; // Mon-Fri 08:00-17:30
    cal.holidays = {date::local_days(date::year(2026) / 10 / 1), date::local_days(date::year(2026) / 10 / 2),
                    date::local_days(date::year(2026) / 10 / 5)};
    cal.extra_working_days = {date::local_days(date::year(2026) / 10 / 10)}; // a Saturday
    return cal;
}

} // namespace

TEST_CASE("calendar-time deadlines") {
    auto cal = calendar();
    CHECK(deadline(at("2026-11-27 16:30"), {120min, false}, SlaClock::calendar, cal, shanghai()) ==
          at("2026-11-27 18:30"));
    // "eod" in calendar time: midnight at the end of the same local day.
    CHECK(deadline(at("2026-11-27 16:30"), {0min, true}, SlaClock::calendar, cal, shanghai()) ==
          at("2026-11-28 00:00"));
}

TEST_CASE("working-time deadlines skip nights, weekends and holidays") {
    auto cal = calendar();
    auto zone = shanghai();
    // Friday 16:30 + 2 working hours: 1 h on Friday, 1 h on Monday.
    CHECK(deadline(at("2026-11-27 16:30"), {120min, false}, SlaClock::working, cal, zone) == at("2026-11-30 09:00"));
    // Saturday intake: the clock starts Monday 08:00.
    CHECK(deadline(at("2026-11-28 11:00"), {60min, false}, SlaClock::working, cal, zone) == at("2026-11-30 09:00"));
    // Wednesday 30 Sep 17:00 + 1 h: 30 min left that day, Thu 1 and Fri 2 Oct are holidays,
    // the weekend is skipped, Mon 5 Oct is a holiday: Tuesday 6 Oct 08:30.
    CHECK(deadline(at("2026-09-30 17:00"), {60min, false}, SlaClock::working, cal, zone) == at("2026-10-06 08:30"));
    // Saturday 10 Oct is a make-up working day.
    CHECK(deadline(at("2026-10-09 17:00"), {60min, false}, SlaClock::working, cal, zone) == at("2026-10-10 08:30"));
    // "eod" in working time: the close of that working day, or the next one after hours.
    CHECK(deadline(at("2026-11-27 10:00"), {0min, true}, SlaClock::working, cal, zone) == at("2026-11-27 17:30"));
    CHECK(deadline(at("2026-11-27 18:00"), {0min, true}, SlaClock::working, cal, zone) == at("2026-11-30 17:30"));
    CHECK(cal.working_between(at("2026-11-27 17:00"), at("2026-11-30 09:00"), zone) == 90min);
}

TEST_CASE("a pause grants the time that was left") {
    auto cal = calendar();
    auto zone = shanghai();
    // Calendar: due 12:00, paused 10:00 with 2 h left, resumed 11:00 → due 13:00.
    CHECK(deadline_after_pause(at("2026-11-23 12:00"), at("2026-11-23 10:00"), at("2026-11-23 11:00"),
                               SlaClock::calendar, cal, zone) == at("2026-11-23 13:00"));
    // Working: due Monday 09:00, paused Friday 17:00 (1 h 30 working minutes left), resumed
    // Monday 10:00 → Monday 11:30.
    CHECK(deadline_after_pause(at("2026-11-30 09:00"), at("2026-11-27 17:00"), at("2026-11-30 10:00"),
                               SlaClock::working, cal, zone) == at("2026-11-30 11:30"));
    // Paused after the deadline had passed: it stays missed.
    CHECK(deadline_after_pause(at("2026-11-23 12:00"), at("2026-11-23 13:00"), at("2026-11-23 15:00"),
                               SlaClock::calendar, cal, zone) == at("2026-11-23 12:00"));
}

TEST_CASE("targets by class, category, default, and priority") {
    auto config = load_config_text("", "empty.toml");
    auto product = config.sla.target("complaint", std::string("product"), Priority::normal);
    CHECK(product.respond.amount == 120min);
    CHECK(product.resolve.amount == 24h);
    auto urgent = config.sla.target("complaint", std::string("product"), Priority::urgent);
    CHECK(urgent.respond.amount == 30min); // explicit override in the shipped config
    CHECK(urgent.resolve.amount == 8h);
    auto after_sales = config.sla.target("complaint", std::string("after_sales"), Priority::normal);
    CHECK(after_sales.clock == SlaClock::working);
    CHECK(after_sales.respond.amount == 60min);
    CHECK(after_sales.resolve.amount == 2 * 570min); // two working days of 9 h 30
    CHECK(config.sla.target("complaint", std::string("order"), Priority::normal).respond.amount == 30min);
    CHECK(config.sla.target("complaint", std::string("other"), Priority::normal).respond.end_of_day);
    // No class: the category rule; high priority scales it by 0.75.
    CHECK(config.sla.target("complaint", std::nullopt, Priority::high).respond.amount == 90min);
    CHECK(config.sla.target("consultation", std::nullopt, Priority::low).resolve.amount == 45min);
}

// Seed 000 §五.2: the SLA runs from the customer's contact, which intake may backdate only a
// little.
TEST_CASE("the backdate window of a contact time") {
    auto now = at("2026-11-23 09:00");
    CHECK_NOTHROW(check_contact_time(now, now, 24h, shanghai()));
    CHECK_NOTHROW(check_contact_time(now - 2h, now, 24h, shanghai()));
    CHECK_NOTHROW(check_contact_time(now - 24h, now, 24h, shanghai())); // the limit itself
    CHECK_THROWS_WITH(
        check_contact_time(now - 25h, now, 24h, shanghai()),
        "contact time 2026-11-22 08:00 is 1d1h ago, more than the 24 h allowed "
        "(sla.max_backdate_hours); an older contact is history: bring it in with `svcdesk import`");
    CHECK_THROWS_WITH(
        check_contact_time(now + 1min, now, 24h, shanghai()),
        "contact time 2026-11-23 09:01 is in the future (the clock says 2026-11-23 09:00): give "
        "when the customer made contact");
    CHECK_THROWS_AS(check_contact_time(now - 5h, now, 4h, shanghai()), Error); // configured
}
