// Writers side by side on PostgreSQL (issue 22): a write transaction that loses a race to a
// concurrent one runs again (Store::write), the row it changes is locked, the audit chain's
// appends follow one another, and ids come from sequences. Each race is staged in one thread
// with two connections: the second commits between the first's snapshot and its write.
// SQLite's writers go one at a time, so the races are PostgreSQL's (SVCDESK_TEST_PG_STATE); what
// holds on both backends runs on both.
#include <svcdesk/error.hpp>
#include <svcdesk/ops/command.hpp>
#include <svcdesk/ops/staff.hpp>
#include <svcdesk/ops/tickets.hpp>
#include <svcdesk/store/copy.hpp>
#include <svcdesk/store/store.hpp>

#include "backends.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace svcdesk;
using svcdesk::testing::pg_url;
using svcdesk::testing::PgDatabase;

namespace {

Timestamp race_time(std::int64_t seconds) { return Timestamp(std::chrono::seconds(seconds)); }

Ticket race_ticket(const std::string& subject) {
    Ticket t;
    t.created_at = t.contact_at = t.updated_at = race_time(1000);
    t.category = "consult";
    t.desk = "internal";
    t.customer = "王小明";
    t.subject = subject;
    t.status = Status::new_;
    t.response_due = race_time(1600);
    t.resolve_due = race_time(4600);
    return t;
}

AuditEvent race_event(const std::string& action) {
    return {0, race_time(2000), "ag", action, "ticket 1", {}, {}};
}

// Two connections to one new database on the test cluster; nothing when it is not given.
struct Racers {
    PgDatabase db;
    std::unique_ptr<Store> first, second;
    explicit Racers(const std::string& base) : db(base) {
        first = open_store({db.url});
        second = open_store({db.url});
    }
};

} // namespace

TEST_SUITE("repositories") {

    TEST_CASE("writers race on PostgreSQL: the loser runs again and sees the winner's change, its "
              "row locked") {
        auto base = pg_url();
        if (!base) return; // SQLite's writers never race: BEGIN IMMEDIATE waits
        Racers r(*base);
        TicketId id = 0;
        r.first->write([&] { id = r.first->tickets().insert(race_ticket("first")); });
        int runs = 0;
        r.first->write([&] {
            ++runs;
            CHECK(r.first->tickets().count() == 1); // the transaction's snapshot is taken here
            if (runs == 1) {
                r.second->write([&] {
                    auto t = r.second->tickets().find_for_update(id).value();
                    t.subject = "changed by the second desk";
                    r.second->tickets().update(t);
                });
            }
            auto t = r.first->tickets().find_for_update(id).value(); // 40001 on the first run
            CHECK(t.subject == "changed by the second desk");
            t.status = Status::assigned;
            r.first->tickets().update(t);
        });
        CHECK(runs == 2);
        auto stored = r.second->tickets().find(id).value();
        CHECK(stored.subject == "changed by the second desk");
        CHECK(stored.status == Status::assigned);
    }

    TEST_CASE(
        "audit chain on PostgreSQL: an append that raced another runs again and links to it") {
        auto base = pg_url();
        if (!base) return;
        Racers r(*base);
        int runs = 0;
        r.first->write([&] {
            ++runs;
            CHECK(r.first->tickets().count() == 0); // snapshot
            if (runs == 1)
                r.second->write([&] { r.second->audit().add(race_event("second.first")); });
            r.first->audit().add(race_event("first.second"));
        });
        CHECK(runs == 2);
        auto events = r.second->audit().list({});
        REQUIRE(events.size() == 2);
        CHECK(events[0].id == 1);
        CHECK(events[0].action == "second.first");
        CHECK(events[1].id == 2);
        CHECK(events[1].action == "first.second");
        auto chain = r.second->audit().verify();
        CHECK(chain.problems.empty());
        CHECK(chain.events == 2);
    }

    TEST_CASE("writers race on PostgreSQL: again() runs before each new run, and may stop it") {
        auto base = pg_url();
        if (!base) return;
        Racers r(*base);
        TicketId id = 0;
        r.first->write([&] { id = r.first->tickets().insert(race_ticket("first")); });
        // Each run loses: the second desk changes the ticket after the first's snapshot every time.
        auto losing = [&](int& runs) {
            return [&] {
                ++runs;
                r.first->tickets().count();
                r.second->write([&] {
                    auto t = r.second->tickets().find(id).value();
                    t.subject = fmt::format("second {}", runs);
                    r.second->tickets().update(t);
                });
                auto t = r.first->tickets().find_for_update(id).value();
                t.status = Status::cancelled;
                r.first->tickets().update(t);
            };
        };
        int runs = 0, agains = 0;
        REQUIRE_THROWS_WITH_AS(
            r.first->write(losing(runs), [&] { return ++agains < 3; }),
            doctest::Contains("changed the same records at the same moment; nothing was written"),
            Error);
        CHECK(runs == 3); // the third again() refused a fourth run
        CHECK(agains == 3);
        runs = 0;
        const auto times = fmt::format("{} times in a row", Store::k_write_attempts);
        REQUIRE_THROWS_WITH_AS(r.first->write(losing(runs)), doctest::Contains(times.c_str()),
                               Error);
        CHECK(runs == Store::k_write_attempts); // bounded
        CHECK(r.second->tickets().find(id).value().status ==
              Status::new_); // the loser wrote nothing
    }

    TEST_CASE("run_command on PostgreSQL: a command that lost a race runs again, the notices of "
              "the lost run dropped") {
        auto base = pg_url();
        if (!base) return;
        Racers r(*base);
        Config config = load_config_text("", "test.toml");
        Context ctx{config, *r.first, parse_time("2026-11-23T09:00", config.zone, Timestamp{}),
                    std::string("boss")};
        add_staff(ctx, {"boss", "杨昕", "internal", "supervisor,agent", ""});
        IntakeRequest request;
        request.category = "other";
        request.customer = "王女士";
        request.subject = "问路";
        const TicketId id = intake(ctx, request);
        ctx.notices = {"before the command"};
        int runs = 0, agains = 0;
        run_command(
            ctx, {Access::write, Actor::staff},
            [&] {
                ++runs;
                ctx.notices.push_back(fmt::format("run {}", runs));
                if (runs == 1) {
                    r.second->write([&] {
                        auto t = r.second->tickets().find(id).value();
                        t.subject = "changed by the second desk";
                        r.second->tickets().update(t);
                    });
                }
                add_note(ctx, id, "called back"); // locks the ticket: 40001 on the first run
            },
            [&] { return ++agains > 0; });
        CHECK(runs == 2);
        CHECK(agains == 1);
        CHECK(ctx.notices == std::vector<std::string>{"before the command", "run 2"});
        std::vector<TicketEvent> events;
        r.second->read([&] { events = r.second->tickets().events(id); });
        CHECK(std::count_if(events.begin(), events.end(),
                            [](const TicketEvent& e) { return e.action == "note"; }) == 1);
    }

    TEST_CASE("ids: after db copy names them, new rows continue past them, on both backends") {
        auto check = [](Store& from, Store& to) {
            from.write([&] {
                from.tickets().insert(race_ticket("one"));
                auto second = from.tickets().insert(race_ticket("two"));
                auto t = race_ticket("three");
                from.tickets().insert(t);
                CHECK(second == 2);
            });
            copy_database(from, to);
            TicketId next = 0;
            to.write([&] { next = to.tickets().insert(race_ticket("after the copy")); });
            CHECK(next == 4);
            // A refused insert may use up an id on PostgreSQL (a sequence is not rolled back): ids
            // grow, with a gap at most.
            CHECK_THROWS(to.write([&] {
                to.tickets().insert(race_ticket("rolled back"));
                throw Error(Code::refused, "refused");
            }));
            to.write([&] { next = to.tickets().insert(race_ticket("after the refusal")); });
            CHECK(next >= 5);
            CHECK(to.tickets().count() == 5);
        };
        {
            CAPTURE("sqlite");
            auto from = open_store({":memory:"});
            auto to = open_store({":memory:"});
            check(*from, *to);
        }
        if (auto base = pg_url()) {
            CAPTURE("postgresql");
            PgDatabase db(*base);
            auto from = open_store({":memory:"});
            auto to = open_store({db.url});
            check(*from, *to);
        }
    }

} // TEST_SUITE
