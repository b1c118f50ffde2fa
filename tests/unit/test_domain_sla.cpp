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
    CHECK(after_sales.respond_clock == SlaClock::calendar);
    CHECK(after_sales.resolve_clock == SlaClock::working);
    CHECK(after_sales.respond.amount == 60min);
    CHECK(after_sales.resolve.amount == 2 * 570min); // two working days of 9 h 30
    CHECK(config.sla.target("complaint", std::string("order"), Priority::normal).respond.amount == 30min);
    CHECK(config.sla.target("complaint", std::string("other"), Priority::normal).respond.end_of_day);
    // No class: the category rule; high priority scales it by 0.75.
    CHECK(config.sla.target("complaint", std::nullopt, Priority::high).respond.amount == 90min);
    // Seed 000 §五.2 (issue 19): low priority no longer loosens the seed's limits (it gave
    // 45 min here, 1.5 × 30 min); the target stays the rule's.
    CHECK(config.sla.target("consultation", std::nullopt, Priority::low).resolve.amount == 30min);
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

// Seed 000 §五.2: after-sales "respond within 1 h" is calendar time, "done within 2 working days"
// working time; each target runs on its own clock.
TEST_CASE("seed 000 5.2: the response and the resolve target each have their own clock") {
    auto config = load_config_text("", "empty.toml");
    auto zone = config.zone;
    auto friday_five = parse_time("2026-11-27 17:00", zone, Timestamp{});
    for (const auto& category : {std::string("after_sales"), std::string("complaint")}) {
        std::optional<std::string> klass;
        if (category == "complaint") klass = "after_sales";
        auto target = config.sla.target(category, klass, Priority::normal);
        CHECK(deadline(friday_five, target.respond, target.respond_clock, config.calendar, zone) ==
              parse_time("2026-11-27 18:00", zone, Timestamp{})); // not Monday
        // 30 min on Friday, 9 h 30 on Monday, 9 h on Tuesday.
        CHECK(deadline(friday_five, target.resolve, target.resolve_clock, config.calendar, zone) ==
              parse_time("2026-12-01 17:00", zone, Timestamp{}));
    }
    // `clock` sets both; respond_clock / resolve_clock set one.
    auto both = load_config_text(R"(
[sla.rules.insurance]
clock = "calendar"
respond = "1h"
resolve = "1d"
[sla.rules.deposit]
clock = "working"
resolve_clock = "calendar"
respond = "1h"
resolve = "1d"
)",
                                 "clocks.toml");
    auto insurance = both.sla.target("insurance", std::nullopt, Priority::normal);
    CHECK(insurance.respond_clock == SlaClock::calendar);
    CHECK(insurance.resolve_clock == SlaClock::calendar);
    CHECK(insurance.resolve.amount == 24h);
    auto deposit = both.sla.target("deposit", std::nullopt, Priority::normal);
    CHECK(deposit.respond_clock == SlaClock::working);
    CHECK(deposit.resolve_clock == SlaClock::calendar);
    CHECK_THROWS_WITH(load_config_text("[sla.rules.deposit]\nrespond_clock = \"lunar\"\nrespond = \"1h\"\nresolve = \"2h\"\n",
                                       "bad.toml"),
                      doctest::Contains("sla.rules.deposit.respond_clock: expected \"calendar\" or \"working\""));
}

// Seed 000 §五.2: priority may tighten the seed's limits, never loosen them.
TEST_CASE("seed 000 5.2: a priority never loosens a target") {
    auto config = load_config_text("", "empty.toml");
    for (auto priority : {Priority::urgent, Priority::high, Priority::normal, Priority::low}) {
        for (const auto& [key, rule] : config.sla.rules) {
            auto dot = key.find('.');
            std::optional<std::string> klass;
            if (dot != std::string::npos) klass = key.substr(dot + 1);
            auto target = config.sla.target(key.substr(0, dot), klass, priority);
            CHECK_FALSE(looser_than(target.respond, rule.base.respond).has_value());
            CHECK_FALSE(looser_than(target.resolve, rule.base.resolve).has_value());
        }
    }
    CHECK(config.sla.priority_scale.at(Priority::low) == 1.0);
    CHECK_THROWS_WITH(load_config_text("[sla.priority_scale]\nlow = 1.5\n", "site.toml"),
                      "site.toml:2: sla.priority_scale.low: must be a factor above 0 and at most 1: "
                      "a priority may tighten the SLA targets, never loosen them");
    CHECK_NOTHROW(load_config_text("[sla.priority_scale]\nlow = 1\n", "site.toml"));
    CHECK_THROWS_WITH(load_config_text(R"([sla.rules."complaint.product".low]
resolve = "36h"
)",
                                       "site.toml"),
                      doctest::Contains("sla.rules.complaint.product.low.resolve: 1d12h is longer than the "
                                        "rule's 1d: a priority may tighten a target, never loosen it"));
    CHECK_NOTHROW(load_config_text(R"([sla.rules."complaint.product".low]
resolve = "12h"
)",
                                   "site.toml"));
    CHECK(looser_than({0min, true}, {60min, false}).has_value());  // eod vs 1 h: may be longer
    CHECK(looser_than({60min, false}, {0min, true}).has_value());  // 1 h vs eod: may be longer
    CHECK_FALSE(looser_than({0min, true}, {0min, true}).has_value());
    CHECK_FALSE(looser_than({30min, false}, {60min, false}).has_value());
}

// Seed 000 §五.2: a breach is a fact; a paused clock is not late.
TEST_CASE("seed 000 5.2: breaches, recorded and computed, one rule for every output") {
    auto t0 = at("2026-11-23 09:00");
    SlaFacts f;
    f.status = Status::in_progress;
    f.response_due = t0 + 1h;
    f.resolve_due = t0 + 4h;
    f.first_response_at = t0 + 30min;
    CHECK_FALSE(response_breach(f, t0 + 10h).has_value());
    CHECK_FALSE(resolve_breach(f, t0 + 4h).has_value());
    CHECK(resolve_breach(f, t0 + 4h + 1min) == t0 + 4h);
    // Waiting on the customer since before the deadline: not late, however long it waits.
    f.status = Status::waiting;
    f.wait_started_at = t0 + 2h;
    CHECK_FALSE(resolve_breach(f, t0 + 100h).has_value());
    // Waiting since after it: late at the deadline.
    f.wait_started_at = t0 + 5h;
    CHECK(resolve_breach(f, t0 + 100h) == t0 + 4h);
    // A recorded breach stands though the deadline moved on and the ticket was resolved in time.
    f.status = Status::closed;
    f.wait_started_at.reset();
    f.resolve_due = t0 + 48h;
    f.resolved_at = t0 + 10h;
    CHECK_FALSE(resolve_breach(f, t0 + 100h).has_value());
    f.resolve_breached_at = t0 + 4h;
    CHECK(resolve_breach(f, t0 + 100h) == t0 + 4h);
    f.response_breached_at = t0 + 1h;
    CHECK(response_breach(f, t0 + 100h) == t0 + 1h);
    // A cancelled ticket without a recorded breach is never late.
    SlaFacts c;
    c.status = Status::cancelled;
    c.response_due = t0;
    c.resolve_due = t0;
    CHECK_FALSE(response_breach(c, t0 + 100h).has_value());
    CHECK_FALSE(resolve_breach(c, t0 + 100h).has_value());
}

// Seed 000 §五.2: an extension is agreed with the customer (told, and told after the contact),
// before the deadline, a limited number of times.
TEST_CASE("seed 000 5.2: when an extension is allowed") {
    auto zone = shanghai();
    Ticket t;
    t.id = 7;
    t.status = Status::in_progress;
    t.contact_at = at("2026-11-23 09:00");
    t.first_response_at = t.contact_at + 10min;
    t.response_due = t.contact_at + 2h;
    t.resolve_due = at("2026-11-24 09:00");
    auto now = at("2026-11-23 15:00");
    CHECK_NOTHROW(check_extension(t, t.resolve_due + 24h, now, now, 0, 1, zone));
    CHECK_THROWS_WITH(check_extension(t, t.resolve_due + 24h, now, now, 1, 1, zone),
                      "ticket 7: extended 1 time(s) already, the most sla.max_extensions allows");
    CHECK_THROWS_WITH(check_extension(t, t.resolve_due + 24h, t.contact_at - 1min, now, 0, 1, zone),
                      "--notified-at 2026-11-23 08:59 is before the customer's contact at 2026-11-23 "
                      "09:00: give the time the customer was told");
    auto late = at("2026-11-24 09:01");
    try {
        check_extension(t, t.resolve_due + 24h, late, late, 0, 1, zone);
        FAIL("extended after the deadline");
    } catch (const Error& e) {
        CHECK(e.code() == Code::refused);
        CHECK(std::string(e.what()) ==
              "ticket 7: the resolve deadline 2026-11-24 09:00 has passed unmet; an extension is "
              "agreed with the customer before the deadline, and a breach stays a breach");
    }
    // A recorded breach refuses it too, whatever the deadline says now.
    t.resolve_breached_at = at("2026-11-23 12:00");
    CHECK_THROWS_AS(check_extension(t, t.resolve_due + 24h, now, now, 0, 1, zone), Error);
}

// Issue 20 (seed 000 §五.4 风险预警): a ticket is escalated before its next deadline, by level.
TEST_CASE("escalation levels before and after the next deadline") {
    EscalationPolicy policy;
    policy.warn_before = {{"default", 30min}, {"consultation", 5min}};
    policy.level3_after = 120min;
    Ticket t;
    t.category = "complaint";
    t.status = Status::assigned;
    t.response_due = at("2026-11-23 11:00");
    t.resolve_due = at("2026-11-24 09:00");
    CHECK(next_deadline(t) == t.response_due);
    CHECK(escalation_level(t, at("2026-11-23 10:29"), policy) == 0);
    CHECK(escalation_level(t, at("2026-11-23 10:30"), policy) == 1); // the assignee and owner
    CHECK(escalation_level(t, at("2026-11-23 11:00"), policy) == 2); // past it: the supervisors
    CHECK(escalation_level(t, at("2026-11-23 13:00"), policy) == 3); // level3_after past it
    t.category = "consultation"; // its own warn_before
    CHECK(escalation_level(t, at("2026-11-23 10:54"), policy) == 0);
    CHECK(escalation_level(t, at("2026-11-23 10:55"), policy) == 1);
    // After the first response the resolve deadline counts; waiting pauses the clock.
    t.first_response_at = at("2026-11-23 10:00");
    t.status = Status::in_progress;
    CHECK(next_deadline(t) == t.resolve_due);
    CHECK(escalation_level(t, at("2026-11-23 13:00"), policy) == 0);
    t.status = Status::waiting;
    CHECK_FALSE(next_deadline(t).has_value());
    CHECK(escalation_level(t, at("2026-11-25 09:00"), policy) == 0);
    t.status = Status::resolved;
    CHECK(escalation_level(t, at("2026-11-25 09:00"), policy) == 0);
}
