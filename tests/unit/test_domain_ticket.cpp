#include <svcdesk/domain/ticket.hpp>
#include <svcdesk/error.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <vector>

using namespace svcdesk;

TEST_CASE("every lifecycle transition, allowed and refused") {
    using enum Status;
    // The whole table: (from, action) → to; anything missing must be refused.
    const std::map<std::pair<Status, Action>, Status> allowed = {
        {{new_, Action::assign}, assigned},         {{assigned, Action::assign}, assigned},
        {{in_progress, Action::assign}, in_progress}, {{waiting, Action::assign}, waiting},
        {{new_, Action::start}, in_progress},       {{assigned, Action::start}, in_progress},
        {{in_progress, Action::wait}, waiting},     {{waiting, Action::resume}, in_progress},
        {{in_progress, Action::resolve}, resolved}, {{waiting, Action::resolve}, resolved},
        {{resolved, Action::close}, closed},        {{resolved, Action::reopen}, in_progress},
        {{closed, Action::reopen}, in_progress},    {{new_, Action::cancel}, cancelled},
        {{assigned, Action::cancel}, cancelled},    {{in_progress, Action::cancel}, cancelled},
        {{waiting, Action::cancel}, cancelled},
    };
    int refused = 0;
    for (auto from : {new_, assigned, in_progress, waiting, resolved, closed, cancelled}) {
        for (auto action : {Action::assign, Action::start, Action::wait, Action::resume, Action::resolve,
                            Action::close, Action::reopen, Action::cancel}) {
            CAPTURE(to_string(from));
            CAPTURE(to_string(action));
            auto it = allowed.find({from, action});
            if (it != allowed.end()) {
                CHECK(next_status(from, action) == it->second);
                continue;
            }
            ++refused;
            try {
                next_status(from, action);
                FAIL("transition was allowed");
            } catch (const Error& e) {
                CHECK(e.code() == Code::refused);
                std::string message = e.what();
                CHECK(message.find(std::string(to_string(action))) != std::string::npos);
                CHECK(message.find(std::string(to_string(from))) != std::string::npos);
            }
        }
    }
    CHECK(refused == 7 * 8 - static_cast<int>(allowed.size()));
    CHECK_THROWS_WITH(next_status(in_progress, Action::close), "cannot close a ticket that is in_progress");
    CHECK_THROWS_WITH(next_status(new_, Action::resolve), "cannot resolve a ticket that is new (start it first)");
}

TEST_CASE("breach flags") {
    Ticket t;
    Timestamp t0 = date::sys_days(date::year(2026) / 11 / 23);
    t.created_at = t0;
    t.response_due = t0 + std::chrono::hours(1);
    t.resolve_due = t0 + std::chrono::hours(4);
    t.status = Status::new_;
    CHECK_FALSE(breached(t, t0 + std::chrono::minutes(59)));
    CHECK(response_breached(t, t0 + std::chrono::minutes(61)));

    t.first_response_at = t0 + std::chrono::minutes(30);
    t.status = Status::in_progress;
    CHECK_FALSE(response_breached(t, t0 + std::chrono::hours(3)));
    CHECK(resolve_breached(t, t0 + std::chrono::hours(5)));

    // Waiting pauses the clock: judged at the moment the wait began.
    t.status = Status::waiting;
    t.wait_started_at = t0 + std::chrono::hours(2);
    CHECK_FALSE(resolve_breached(t, t0 + std::chrono::hours(50)));
    t.wait_started_at = t0 + std::chrono::hours(5);
    CHECK(resolve_breached(t, t0 + std::chrono::hours(50)));

    // Resolved on time stays met for ever; cancelled tickets are never breached.
    t.status = Status::closed;
    t.resolved_at = t0 + std::chrono::hours(3);
    CHECK_FALSE(breached(t, t0 + std::chrono::hours(500)));
    Ticket c = t;
    c.status = Status::cancelled;
    c.first_response_at.reset();
    c.resolved_at.reset();
    CHECK_FALSE(breached(c, t0 + std::chrono::hours(500)));
}

TEST_CASE("value parsing") {
    CHECK(parse_status("in_progress") == Status::in_progress);
    CHECK_THROWS_WITH(parse_priority("asap"), "unknown priority 'asap' (one of: urgent, high, normal, low)");
    CHECK(parse_channel("walk_in") == "walk_in");
    CHECK_THROWS_AS(parse_channel("fax"), Error);
    CHECK(parse_flags("elderly,vip,vip") == "vip,elderly");
    CHECK_THROWS_AS(parse_flags("vip,famous"), Error);
}

TEST_CASE("the open statuses are the one list behind is_open and the 'open' filter word") {
    for (auto s : k_statuses) {
        bool listed = std::find(std::begin(k_open_statuses), std::end(k_open_statuses), s) != std::end(k_open_statuses);
        CHECK(is_open(s) == listed);
    }
    auto open = parse_status_filter("open");
    CHECK(open == std::vector<Status>(std::begin(k_open_statuses), std::end(k_open_statuses)));
    CHECK(parse_status_filter("waiting") == std::vector<Status>{Status::waiting});
    CHECK_THROWS_WITH_AS(parse_status_filter("opened"),
                         "unknown status 'opened' (one of: new, assigned, in_progress, waiting, resolved, closed, "
                         "cancelled)",
                         Error);
}

TEST_CASE("a fee in yuan becomes cents, rounded, within 0 to 1e9 yuan") {
    CHECK(fee_cents(0) == 0);
    CHECK(fee_cents(12.5) == 1250);
    CHECK(fee_cents(0.005) == 1);  // half a cent rounds up
    CHECK(fee_cents(0.004) == 0);
    CHECK(fee_cents(19.99) == 1999);
    CHECK(fee_cents(1e9) == 100000000000);
    CHECK_THROWS_WITH_AS(fee_cents(-0.01), "--fee must be between 0 and 1000000000", Error);
    CHECK_THROWS_WITH_AS(fee_cents(1e9 + 1), "--fee must be between 0 and 1000000000", Error);
    CHECK_THROWS_AS(fee_cents(std::numeric_limits<double>::quiet_NaN()), Error);
}
