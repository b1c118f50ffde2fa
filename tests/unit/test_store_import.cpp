// The import's bulk path (ImportRepo::add, settle), the same assertions on each backend: SQLite
// decides each row at once; PostgreSQL streams rows with COPY into a staging table and moves
// them a batch at a time (store/postgres/import_copy.cpp). Issue 22.
#include <svcdesk/store/import_repo.hpp>
#include <svcdesk/store/store.hpp>

#include "backends.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using namespace svcdesk;
using svcdesk::testing::on_each_backend;

namespace {

Timestamp import_at(std::int64_t seconds) { return Timestamp(std::chrono::seconds(seconds)); }

// A closed ticket as an import maps a row, with a text that needs COPY's escapes.
Ticket imported_ticket(const std::string& ref, std::int64_t created) {
    Ticket t;
    t.created_at = import_at(created);
    t.contact_at = t.created_at;
    t.category = "consult";
    t.desk = "internal";
    t.customer = "王小明";
    t.phone = "1380000" + ref.substr(ref.size() - 4);
    t.subject = "停车\t收费 \\ 咨询";
    t.description = "第一行\r\n第二行";
    t.external_ref = ref;
    t.status = Status::closed;
    t.resolved_at = import_at(created + 60);
    t.closed_at = import_at(created + 120);
    t.response_due = import_at(created + 600);
    t.resolve_due = import_at(created + 3600);
    t.updated_at = t.created_at;
    return t;
}

TicketEvent import_event(const std::string& note) {
    return {0, 0, import_at(5000), std::nullopt, "import", {{"status", {}, "closed"}}, note};
}

struct Stopped : std::runtime_error {
    Stopped() : std::runtime_error("stopped") {}
};

} // namespace

TEST_SUITE("repositories") {

    TEST_CASE("import bulk path: new rows in order, stored refs counted present, events, surveys, "
              "search") {
        on_each_backend([](Store& s) {
            s.write([&] { s.tickets().insert(imported_ticket("SR-0001", 1000)); });
            s.write([&] {
                auto& imports = s.imports();
                imports.begin_bulk();
                imports.add(imported_ticket("SR-0002", 1100), import_event("来电\\备注"), true);
                imports.add(imported_ticket("SR-0001", 1000), import_event(""),
                            true); // stored already
                imports.add(imported_ticket("SR-0003", 1200), import_event("无"), false);
                imports.settle();
                CHECK(imports.tally().imported == 2);
                CHECK(imports.tally().present == 1);
                REQUIRE(imports.tally().surveys.size() == 1);
                CHECK(imports.tally().surveys[0] ==
                      std::pair<TicketId, Timestamp>{2, import_at(1220)});
                imports.end_bulk();
            });
            CHECK(s.tickets().count() == 3);
            auto second = s.tickets().find(2);
            REQUIRE(second);
            CHECK(second->external_ref == "SR-0002");
            CHECK(second->subject == "停车\t收费 \\ 咨询");
            CHECK(second->description == "第一行\r\n第二行");
            CHECK(second->closed_at == import_at(1220));
            CHECK(s.tickets().find(3)->external_ref == "SR-0003");
            auto events = s.tickets().events(2);
            REQUIRE(events.size() == 1);
            CHECK(events[0].action == "import");
            CHECK(events[0].reason == "来电\\备注");
            CHECK(events[0].changes.at(0).new_value == "closed");
            CHECK(s.tickets().events(3).size() == 1);
            CHECK(s.tickets().events(1).empty()); // the stored ticket got no second event
            auto hits =
                s.tickets().search({"sr-0003"}, "sr-0003", {}); // the search index has the new rows
            REQUIRE(hits.size() == 1);
            CHECK(hits[0].ticket.id == 3);
        });
    }

    TEST_CASE("import bulk path: more rows than one batch, ids without gaps, then a re-run adds "
              "nothing") {
        on_each_backend([](Store& s) {
            constexpr int k_rows = 20005; // PostgreSQL moves 20,000 rows at a time
            auto load = [&](ImportTally& tally) {
                s.write([&] {
                    s.imports().begin_bulk();
                    for (int i = 0; i < k_rows; ++i) {
                        s.imports().add(imported_ticket(fmt::format("SR-{:05}", i), 1000 + i),
                                        import_event("x"), false);
                    }
                    s.imports().end_bulk();
                    tally = s.imports().tally();
                });
            };
            ImportTally first, again;
            load(first);
            CHECK(first.imported == k_rows);
            CHECK(first.present == 0);
            CHECK(s.tickets().count() == k_rows);
            CHECK(s.tickets().find(k_rows)->external_ref == fmt::format("SR-{:05}", k_rows - 1));
            CHECK(s.tickets().events(k_rows).size() == 1);
            load(again);
            CHECK(again.imported == 0);
            CHECK(again.present == k_rows);
            CHECK(s.tickets().count() == k_rows);
        });
    }

    TEST_CASE(
        "import bulk path: a load stopped half way writes nothing and leaves the store usable") {
        on_each_backend([](Store& s) {
            CHECK_THROWS_AS(s.write([&] {
                s.imports().begin_bulk();
                s.imports().add(imported_ticket("SR-0001", 1000), import_event("x"), false);
                s.imports().abandon_bulk(); // as import_tickets does on any exception
                throw Stopped();
            }),
                            Stopped);
            CHECK(s.tickets().count() == 0);
            s.write([&] {
                s.imports().begin_bulk();
                s.imports().add(imported_ticket("SR-0001", 1000), import_event("x"), false);
                s.imports().end_bulk();
            });
            CHECK(s.imports().tally().imported == 1);
            CHECK(s.tickets().count() == 1);
        });
    }

} // TEST_SUITE
