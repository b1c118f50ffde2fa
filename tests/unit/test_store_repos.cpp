// The repository suite: every repository operation, with the same assertions, on each backend.
// SQLite always (in memory); PostgreSQL too when SVCDESK_TEST_PG_STATE names the throw-away
// cluster of `make test` (tests/pg/cluster.sh), each case in a database of its own. When it is
// set and the cluster cannot be reached, the cases fail: they never pass by skipping PostgreSQL.
#include <svcdesk/error.hpp>
#include <svcdesk/store/copy.hpp>
#include <svcdesk/store/postgres/pg.hpp>
#include <svcdesk/store/schema.hpp>
#include <svcdesk/store/sql_text.hpp>
#include <svcdesk/store/store.hpp>

#include "backends.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <unistd.h>

using namespace svcdesk;

namespace {

Timestamp at(std::int64_t seconds) { return Timestamp(std::chrono::seconds(seconds)); }
date::local_days day(int y, unsigned m, unsigned d) {
    return date::local_days(date::year(y) / date::month(m) / date::day(d));
}

using svcdesk::testing::code_of;
using svcdesk::testing::on_each_backend;

void add_staff(Store& s, const std::string& id, const std::string& desk, bool active = true) {
    s.staff().insert({id, "名" + id, desk, {"agent"}, "", active});
}

Ticket ticket(const std::string& desk, std::int64_t created, Status status = Status::new_) {
    Ticket t;
    t.created_at = at(created);
    t.contact_at = at(created);
    t.category = "consult";
    t.desk = desk;
    t.customer = "王小明";
    t.phone = "13800001111";
    t.subject = "挂号咨询";
    t.status = status;
    t.response_due = at(created + 600);
    t.resolve_due = at(created + 3600);
    t.updated_at = at(created);
    return t;
}

Deposit deposit(const std::string& tag, std::int64_t when) {
    Deposit d;
    d.tag = tag;
    d.desk = "internal";
    d.pieces = 2;
    d.items = "行李箱";
    d.depositor = "王小明";
    d.phone = "13800001111";
    d.id_last4 = "002X";
    d.id_hash = "hash";
    d.deposited_at = at(when);
    d.due_at = at(when + 3 * 86400);
    d.received_by = "ag";
    return d;
}

} // namespace

TEST_SUITE("repositories") {

TEST_CASE("schema: one history, each migration with both DDLs, the queue index on the domain's open statuses") {
    for (const auto& m : sql::migrations()) {
        CAPTURE(m.version);
        REQUIRE(m.sqlite != nullptr);
        REQUIRE(m.postgres != nullptr);
        CHECK(std::string(m.sqlite).find(" TABLE ") != std::string::npos);
        CHECK(std::string(m.postgres).find(" TABLE ") != std::string::npos);
    }
    // A query repeats the partial index's term literally, so both DDLs must spell it as the store does.
    CHECK(store_detail::open_status_term() == "status IN ('new', 'assigned', 'in_progress', 'waiting')");
    CHECK(std::string(sql::migrations().front().sqlite).find(store_detail::open_status_term()) != std::string::npos);
    CHECK(std::string(sql::migrations().front().postgres).find(store_detail::open_status_term()) != std::string::npos);
    on_each_backend([](Store& s) { CHECK(s.schema_version() == current_schema_version()); });
}

// Seed 000 §五.2: the SLA runs from the customer's contact, kept apart from the record's time.
TEST_CASE(
    "tickets: the contact time is stored apart from created_at, and reports measure from it") {
    on_each_backend([](Store& s) {
        auto t = ticket("internal", 2000);
        t.contact_at = at(1000);
        t.first_response_at = at(2600);
        s.write([&] { s.tickets().insert(t); });
        auto found = *s.tickets().find(1);
        CHECK(found.created_at == at(2000));
        CHECK(found.contact_at == at(1000));
        s.write([&] {
            found.contact_at = at(1500);
            s.tickets().update(found);
        });
        CHECK(s.tickets().find(1)->contact_at == at(1500));
        auto facts = s.reports().tickets_active(at(0), at(3000), std::nullopt);
        REQUIRE(facts.size() == 1);
        CHECK(facts[0].created_at == at(2000));
        CHECK(facts[0].contact_at == at(1500));
    });
}

TEST_CASE("tickets: insert, update, find, list, each, events, count") {
    on_each_backend([](Store& s) {
        s.write([&] {
            add_staff(s, "ag", "internal");
            auto first = ticket("internal", 1000);
            first.external_ref = "SR-1";
            CHECK(s.tickets().insert(first) == 1);
            auto second = ticket("surgery", 2000, Status::assigned);
            second.assignee = "ag";
            second.response_due = at(1500); // due before the first: listed first
            CHECK(s.tickets().insert(second) == 2);
        });
        // SR-1 exists (a refused statement ends a PostgreSQL transaction: a write of its own).
        auto again = ticket("internal", 900);
        again.external_ref = "SR-1";
        CHECK(code_of([&] { s.write([&] { s.tickets().insert(again); }); }) == Code::refused);
        CHECK(s.tickets().count() == 2);
        s.write([&] {
            auto t = *s.tickets().find(1);
            CHECK(t.customer == "王小明");
            CHECK(t.external_ref == "SR-1");
            CHECK_FALSE(t.assignee);
            t.status = Status::resolved;
            t.resolved_at = at(5000);
            t.satisfaction = 4;
            t.root_cause = RootCause::staff;
            s.tickets().update(t);
        });
        auto t = *s.tickets().find(1);
        CHECK(t.status == Status::resolved);
        CHECK(t.resolved_at == at(5000));
        CHECK(t.satisfaction == 4);
        CHECK(t.root_cause == RootCause::staff);
        CHECK_FALSE(s.tickets().find(99));
        CHECK(s.tickets().find_by_external_ref("SR-1") == 1);
        CHECK_FALSE(s.tickets().find_by_external_ref("SR-2"));
        CHECK(s.tickets().count() == 2);

        TicketFilter all;
        auto listed = s.tickets().list(all);
        REQUIRE(listed.size() == 2);
        CHECK(listed[0].id == 2); // by next due time
        TicketFilter open;
        open.statuses = {Status::new_, Status::assigned};
        CHECK(s.tickets().list(open).size() == 1);
        TicketFilter by_desk;
        by_desk.desk = "internal";
        CHECK(s.tickets().list(by_desk).size() == 1);
        TicketFilter mine;
        mine.assignee = "ag";
        CHECK(s.tickets().list(mine).at(0).id == 2);
        TicketFilter period;
        period.since = at(1500);
        period.until = at(2500);
        CHECK(s.tickets().list(period).at(0).id == 2);
        TicketFilter overdue;
        overdue.overdue_only = true;
        overdue.now = at(1600); // ticket 2 missed its response at 1500; ticket 1 is resolved
        CHECK(s.tickets().list(overdue).size() == 1);
        TicketFilter one;
        one.limit = 1;
        CHECK(s.tickets().list(one).size() == 1);

        std::vector<TicketId> seen;
        TicketFilter since; // a parameter, and a query inside the visit (PostgreSQL: a cursor stays open)
        since.since = at(0);
        s.read([&] {
            s.tickets().each(since, [&](const Ticket& each) {
                seen.push_back(each.id);
                CHECK(s.tickets().find(each.id)->id == each.id);
            });
        });
        CHECK(seen == std::vector<TicketId>{1, 2}); // id order

        s.write([&] {
            s.tickets().add_event({0, 1, at(1000), "ag", "intake", {{"status", std::nullopt, "new"}}, std::nullopt});
            s.tickets().add_event({0, 1, at(5000), std::nullopt, "resolve", {{"status", "new", "resolved"}}, "原因"});
        });
        auto events = s.tickets().events(1);
        REQUIRE(events.size() == 2);
        CHECK(events[0].action == "intake");
        CHECK_FALSE(events[0].changes.at(0).old_value);
        CHECK(events[1].changes.at(0).new_value == "resolved");
        CHECK(events[1].reason == "原因");
        CHECK_FALSE(events[1].actor);
    });
}

// Issue 20: a returning caller's tickets by the normalised phone or the name, and the customer
// record keyed by the phone (seed 004 客户档案).
TEST_CASE("tickets by phone and by customer name, and the customer record") {
    on_each_backend([](Store& s) {
        s.write([&] {
            for (const char* phone : {"13812345678", "010-65528888", "13812345678"}) {
                auto t = ticket("internal", 1000);
                t.phone = phone;
                s.tickets().insert(t);
            }
            auto other = ticket("internal", 1000);
            other.customer = "李雷";
            s.tickets().insert(other);
        });
        TicketFilter by_phone;
        by_phone.phone = "13812345678";
        auto listed = s.tickets().list(by_phone);
        REQUIRE(listed.size() == 2);
        CHECK(listed[0].id == 1);
        CHECK(listed[1].id == 3);
        TicketFilter by_name;
        by_name.customer = "李雷";
        CHECK(s.tickets().list(by_name).at(0).id == 4);

        CHECK_FALSE(s.customers().find_by_phone("13812345678"));
        Customer c;
        c.phone = "13812345678";
        c.names = {"王小明", "王先生"};
        c.created_at = c.updated_at = at(1000);
        CustomerId id = 0;
        s.write([&] { id = s.customers().save(c); });
        CHECK(id == 1);
        auto found = s.customers().find_by_phone("13812345678");
        REQUIRE(found);
        CHECK(found->names == c.names);
        CHECK(found->customer_type == "other");
        s.write([&] {
            found->flags = "vip";
            found->notes = "耳背,请大声";
            s.customers().save(*found);
        });
        CHECK(s.customers().find(id)->flags == "vip");
        CHECK(s.customers().find(id)->notes == "耳背,请大声");
        // One record per phone, decided by the database.
        CHECK_THROWS(s.write([&] { s.customers().save(c); }));
    });
}

// Issue 20 (seed 000 §五.4 风险预警): what the at-risk rule reads, the record list's filters, and
// the records an import or the v4 migration makes in one INSERT ... SELECT.
TEST_CASE("customer records: risk facts, list filters, records made from tickets and deposits") {
    on_each_backend([](Store& s) {
        s.write([&] {
            add_staff(s, "ag", "internal");
            auto complaint = ticket("internal", 1000);
            complaint.category = "complaint";
            s.tickets().insert(complaint);                    // 1: before the window
            complaint.created_at = at(5000);
            s.tickets().insert(complaint);                    // 2
            auto unhappy = ticket("internal", 100);
            unhappy.phone = "13900002222";
            unhappy.customer = "Li Lei";
            unhappy.dissatisfied_at = at(6000);
            s.tickets().insert(unhappy);                      // 3
            s.tickets().insert(ticket("internal", 7000));     // 4: a consultation
            s.deposits().insert(deposit("A001", 8000));
        });
        auto facts = s.customers().risk_facts({"complaint"}, at(2000));
        REQUIRE(facts.size() == 2);
        CHECK(facts["13800001111"].complaints == std::vector<Timestamp>{at(5000)});
        CHECK(facts["13900002222"].dissatisfied ==
              std::vector<std::pair<TicketId, Timestamp>>{{3, at(6000)}});
        CHECK(s.customers().risk_facts({"complaint"}, at(2000), "13900002222").size() == 1);
        CHECK(s.customers().risk_facts({}, at(2000)).size() == 1); // no complaint categories

        CHECK(s.customers().last_ticket_id() == 4);
        s.write([&] { CHECK(s.customers().fill_from_records(0, 0) == 2); });
        s.write([&] { CHECK(s.customers().fill_from_records(0, 0) == 0); }); // once per phone
        auto lei = s.customers().find_by_phone("13900002222");
        REQUIRE(lei);
        CHECK(lei->names == std::vector<std::string>{"Li Lei"});
        CHECK(lei->created_at == at(100));
        auto wang = s.customers().find_by_phone("13800001111");
        REQUIRE(wang);
        CHECK(wang->names == std::vector<std::string>{"王小明"}); // on tickets and a deposit: once
        CHECK(wang->updated_at == at(8000));
        s.write([&] {
            wang->flags = "vip,elderly";
            s.customers().save(*wang);
        });
        CHECK(s.customers().list({"vip", std::nullopt, std::nullopt}).size() == 1);
        CHECK(s.customers().list({"elder", std::nullopt, std::nullopt}).empty()); // whole flags only
        CHECK(s.customers().list({std::nullopt, "li lei", std::nullopt}).at(0).id == lei->id);
        CHECK(s.customers().list({std::nullopt, "%", std::nullopt}).empty()); // LIKE's signs as text
        CHECK(s.customers().list({std::nullopt, std::nullopt, 1}).size() == 1);
    });
}

TEST_CASE("a failed write transaction leaves nothing, and nested calls join the outer one") {
    on_each_backend([](Store& s) {
        CHECK_THROWS(s.write([&] {
            add_staff(s, "ag", "internal");
            s.write([&] { s.tickets().insert(ticket("internal", 1000)); });
            throw std::runtime_error("refused half-way");
        }));
        CHECK(s.staff().count() == 0);
        CHECK(s.tickets().count() == 0);
    });
}

TEST_CASE("staff and roster") {
    on_each_backend([](Store& s) {
        s.write([&] {
            add_staff(s, "b", "surgery");
            add_staff(s, "a", "internal");
            add_staff(s, "c", "internal", false);
            CHECK(code_of([&] { add_staff(s, "a", "internal"); }) == Code::refused); // checked before the insert
            auto a = *s.staff().find("a");
            a.phone = "8801";
            a.roles = {"agent", "supervisor"};
            s.staff().update(a);
        });
        CHECK(s.staff().find("a")->phone == "8801");
        CHECK(s.staff().find("a")->is_supervisor());
        CHECK_FALSE(s.staff().find("zz"));
        auto active = s.staff().list(false);
        REQUIRE(active.size() == 2);
        CHECK(active[0].id == "a"); // by desk, then id
        CHECK(s.staff().list(true).size() == 3);
        CHECK(s.staff().count() == 3);

        s.write([&] {
            s.roster().set({"a", day(2026, 11, 23), "day"}, "a", at(1));
            s.roster().set({"a", day(2026, 11, 23), "night"}, "a", at(2)); // replaces
            s.roster().set({"b", day(2026, 11, 24), "day"}, "a", at(3));
        });
        CHECK(s.roster().find("a", day(2026, 11, 23))->shift == "night");
        CHECK(s.roster().count() == 2);
        CHECK(s.roster().range(day(2026, 11, 1), day(2026, 11, 30)).size() == 2);
        CHECK(s.roster().range(day(2026, 11, 1), day(2026, 11, 30), std::string("b")).at(0).day == day(2026, 11, 24));
        CHECK(s.roster().range(day(2026, 11, 1), day(2026, 11, 30), {}, std::string("internal")).size() == 1);
        auto facts = s.reports().roster(day(2026, 11, 23), day(2026, 11, 24), std::nullopt);
        REQUIRE(facts.size() == 1); // [from, to)
        CHECK(facts[0].desk == "internal");
        s.write([&] {
            CHECK(s.roster().clear("a", day(2026, 11, 23)));
            CHECK_FALSE(s.roster().clear("a", day(2026, 11, 23)));
        });
        CHECK_FALSE(s.roster().find("a", day(2026, 11, 23)));
    });
}

TEST_CASE("deposits, their events and handovers") {
    on_each_backend([](Store& s) {
        DepositId first = 0, second = 0;
        s.write([&] {
            add_staff(s, "ag", "internal");
            add_staff(s, "bb", "internal");
            first = s.deposits().insert(deposit("A001", 1000));
            CHECK(first == 1);
            // The unique index decides, and the message names the holder (seed 001 §六: one tag, one deposit).
            try {
                s.deposits().insert(deposit("A001", 2000));
                FAIL("a second deposit took tag A001");
            } catch (const Error& e) {
                CHECK(e.code() == Code::refused);
                CHECK(std::string(e.what()).find("deposit 1") != std::string::npos);
            }
            second = s.deposits().insert(deposit("A002", 2000)); // the transaction goes on
            // On PostgreSQL the refused insert used up id 2: ids come from a sequence (schema v7),
            // which is never rolled back.
            CHECK(second == (s.session_role() ? 3 : 2));
        });
        CHECK(s.deposits().find_active("A001")->id == first);
        CHECK(s.deposits().find(second)->tag == "A002");
        s.write([&] {
            auto d = *s.deposits().find(first);
            d.status = DepositStatus::released;
            d.released_at = at(3000);
            d.released_by = "ag";
            d.release_kind = ReleaseKind::out;
            s.deposits().update(d);
        });
        CHECK_FALSE(s.deposits().find_active("A001"));
        CHECK(s.deposits().find_latest("A001")->status == DepositStatus::released);
        CHECK(s.deposits().count() == 2);

        DepositFilter stored;
        stored.states = {DepositState::stored};
        stored.now = at(2000);
        CHECK(s.deposits().list(stored).size() == 1);
        DepositFilter overdue;
        overdue.states = {DepositState::overdue, DepositState::released};
        overdue.now = at(2000 + 4 * 86400);
        CHECK(s.deposits().list(overdue).size() == 2);
        DepositFilter desk;
        desk.desk = "surgery";
        CHECK(s.deposits().list(desk).empty());

        std::int64_t e1 = 0, e2 = 0;
        s.write([&] {
            e1 = s.deposits().add_event({0, first, at(1000), "ag", "in", "{}"});
            e2 = s.deposits().add_event({0, second, at(2000), "ag", "in", "{\"pieces\":2}"});
        });
        CHECK(e2 > e1);
        CHECK(s.deposits().last_event_id() == e2);
        CHECK(s.deposits().events(second).at(0).details == "{\"pieces\":2}");
        CHECK(s.deposits().desk_events("internal", e1, e2).size() == 1);

        HandoverId h1 = 0, h2 = 0;
        s.write([&] {
            h1 = s.deposits().insert_handover({0, "internal", at(4000), "ag", "bb", e2, std::nullopt,
                                               {{second, "A002", 2, "行李箱", at(2000), false}}});
            h2 = s.deposits().insert_handover({0, "internal", at(5000), "bb", "ag", e2, h1, {}});
        });
        auto h = *s.deposits().find_handover(h1);
        CHECK(h.to_staff == "bb");
        REQUIRE(h.contents.size() == 1);
        CHECK(h.contents[0].tag == "A002");
        CHECK(s.deposits().last_handover("internal", std::nullopt)->id == h2);
        CHECK(s.deposits().last_handover("internal", h2)->id == h1);
        CHECK_FALSE(s.deposits().last_handover("surgery", std::nullopt));

        auto facts = s.reports().deposits_active(at(0), at(10000), std::nullopt);
        REQUIRE(facts.size() == 2);
        CHECK(facts[0].ended_at == at(3000));
        CHECK_FALSE(facts[1].ended_at);
    });
}

TEST_CASE("callbacks with their attempts, and the audit trail") {
    on_each_backend([](Store& s) {
        CallbackId id = 0;
        s.write([&] {
            add_staff(s, "ag", "internal");
            add_staff(s, "own", "internal");
            auto t = ticket("internal", 1000, Status::closed);
            t.owner = "own";
            s.tickets().insert(t);
            Callback c;
            c.ticket = 1;
            c.due_at = at(5000);
            c.created_at = at(1000);
            c.attempts = {{at(1500), "ag", CallOutcome::no_answer, std::nullopt}};
            id = s.callbacks().insert(c);
        });
        auto listing = *s.callbacks().find(id);
        CHECK(listing.handler == "own"); // no assignee: the owner calls back
        CHECK(listing.phone == "13800001111");
        CHECK(listing.callback.attempts.size() == 1);
        s.write([&] {
            auto c = listing.callback;
            c.attempts.push_back({at(2500), "ag", CallOutcome::reached, "满意"});
            c.status = CallbackStatus::done;
            c.finished_at = at(2500);
            c.satisfaction = 5;
            s.callbacks().update(c);
            s.callbacks().update(c); // attempts already stored are not stored again
        });
        auto done = *s.callbacks().find(id);
        CHECK(done.callback.status == CallbackStatus::done);
        CHECK(done.callback.satisfaction == 5);
        REQUIRE(done.callback.attempts.size() == 2);
        CHECK(done.callback.attempts[1].note == "满意");
        CHECK_FALSE(s.callbacks().find(99));
        CallbackFilter filter;
        filter.statuses = {CallbackStatus::done};
        filter.handler = "own";
        filter.due_by = at(5000);
        CHECK(s.callbacks().list(filter).size() == 1);
        filter.purposes = {CallbackPurpose::care};
        CHECK(s.callbacks().list(filter).empty());
        CHECK(s.callbacks().count() == 1);
        CHECK(s.reports().callbacks_active(at(2000), at(3000), std::string("internal")).at(0).satisfaction == 5);
        CHECK(s.reports().attempts(at(0), at(3000), std::nullopt).size() == 2);

        s.write([&] {
            s.audit().add({0, at(100), "ag", "export.reveal", "tickets", std::nullopt, {}});
            s.audit().add({0, at(200), "own", "deposit.dispose", "deposit 1", "交保卫科", {}});
            s.audit().add({0, at(300), "own", "deposit_x", "deposit 2", std::nullopt, {}});
        });
        auto audit = [&](AuditFilter f) { return s.audit().list(f); };
        CHECK(audit({}).size() == 3);
        CHECK(audit({at(150), {}, {}, {}}).at(0).detail == "交保卫科");
        CHECK(audit({{}, at(200), {}, {}}).size() == 1); // until: before
        CHECK(audit({{}, {}, std::string("ag"), {}}).at(0).action == "export.reveal");
        CHECK(audit({{}, {}, {}, std::string("deposit.dispose")}).size() == 1);
        // An action family: "deposit" selects deposit.*, and its '_' is no wildcard.
        CHECK(audit({{}, {}, {}, std::string("deposit")}).size() == 1);
        CHECK(audit({{}, {}, {}, std::string("deposit_")}).empty());
        CHECK(audit({{}, {}, {}, std::string("export.reveal")}).at(0).hash->size() == 64);
    });
}

// Issue 18, seed 004 §4-5 (traceability): the audit trail is hash-chained, and db check names
// each broken link. Edits and deletions are made here in a copy of the rows (the triggers refuse
// them in place; the CLI test drops the triggers as an attacker would).
TEST_CASE(
    "audit trail: each event chains to the previous one, and db check names each broken link") {
    // The encoding is fixed (an outside verifier may recompute it): values length-prefixed, NULL
    // marked, the previous hash last.
    AuditEvent first{
        1, at(1795914000), std::string("boss"), "deposit.reveal", std::string("deposit 12"), {},
        {}};
    CHECK(audit_hash(first, "") ==
          "6a18776b86157fbaa9ac3ce584e217493d039ad1ea2be145843aa52d10d8acbe");
    AuditEvent second{
        2, at(1795914060), std::nullopt, "login.refused", std::nullopt, std::string("王五"), {}};
    CHECK(audit_hash(second, audit_hash(first, "")) ==
          "e888e373312b026d3880cddfd99c858f58d7aba50f676919c05009282a2fdf55");
    auto moved = first;
    moved.subject = "deposit 1";
    moved.detail = "2";
    CHECK(audit_hash(moved, "") != audit_hash(first, "")); // no ambiguity between fields

    on_each_backend([](Store& s) {
        CHECK_FALSE(s.check().audit.head_id);
        s.write([&] {
            for (int i = 1; i <= 5; ++i) {
                CHECK(s.audit().add({0,
                                     at(100 * i),
                                     "boss",
                                     "deposit.reveal",
                                     fmt::format("deposit {}", i),
                                     {},
                                     {}}) == i);
            }
        });
        auto events = s.audit().list({});
        REQUIRE(events.size() == 5);
        CHECK(events[0].hash == audit_hash(events[0], ""));
        CHECK(events[3].hash == audit_hash(events[3], *events[2].hash));
        auto healthy = s.check();
        CHECK(healthy.problems.empty());
        CHECK(healthy.audit.events == 5);
        CHECK(healthy.audit.head_id == 5);
        CHECK(healthy.audit.head_hash == events[4].hash);

        // A copy with event 2 edited and event 4 left out.
        auto tampered = open_store({":memory:"});
        const TableSpec spec{"audit_events", "id, at, actor, action, subject, detail, hash", "id"};
        tampered->write([&] {
            s.scan_table(spec, [&](const RawRow& row) {
                auto copy = row;
                if (row[0] == "4") return;
                if (row[0] == "2") copy[4] = "deposit 99";
                tampered->insert_row(spec, copy);
            });
        });
        auto report = tampered->check();
        REQUIRE(report.problems.size() == 2);
        CHECK(report.problems[0].data() == "audit event 2: content does not match its hash (edited?)");
        CHECK(report.problems[1].data() == "audit event 5: previous hash does not match event 3 (an event "
                                    "before it was deleted?)");
        CHECK(report.audit.head_id == 5);
    });
}

TEST_CASE("audit trail: events older than version 2 start the chain without a hash, and none may "
          "follow it") {
    on_each_backend([](Store& s) {
        const TableSpec spec{"audit_events", "id, at, actor, action, subject, detail, hash", "id"};
        s.write([&] {
            s.insert_row(
                spec, {"1", "100", "boss", "export.reveal", "tickets", std::nullopt, std::nullopt});
            s.insert_row(spec, {"2", "200", "boss", "export.reveal", "deposits", std::nullopt,
                                std::nullopt});
            CHECK(s.audit().add({0, at(300), "boss", "db.backup", "/tmp/b.db", {}, {}}) == 3);
        });
        auto events = s.audit().list({});
        CHECK(events[2].hash == audit_hash(events[2], "")); // its predecessor has no hash
        CHECK(s.check().problems.empty());
        s.write([&] {
            s.insert_row(spec, {"4", "400", "boss", "x", std::nullopt, std::nullopt, std::nullopt});
        });
        auto report = s.check();
        REQUIRE(report.problems.size() == 1);
        CHECK(report.problems[0].data() == "audit event 4: it has no hash, yet events before it have one "
                                    "(written or edited behind svcdesk's back?)");
        CHECK(report.audit.head_id == 4);
        CHECK_FALSE(report.audit.head_hash);
    });
}

TEST_CASE("import inserts each external ref once, and reports see the period's tickets") {
    on_each_backend([](Store& s) {
        s.write([&] {
            s.imports().begin_bulk();
            s.imports().expect_rows(2);
            for (int i = 0; i < 2; ++i) {
                auto t = ticket("internal", 1000 + i, Status::closed);
                t.external_ref = "SR-" + std::to_string(i);
                t.resolved_at = at(2000);
                t.closed_at = at(2000);
                CHECK(s.imports().insert_new(t, {0, 0, at(3000), std::nullopt, "import", {{"status", {}, "closed"}}, {}}));
            }
            auto again = ticket("internal", 1000, Status::closed);
            again.external_ref = "SR-0";
            CHECK_FALSE(s.imports().insert_new(again, {0, 0, at(3000), std::nullopt, "import", {}, {}}));
            s.imports().end_bulk();
        });
        CHECK(s.tickets().count() == 2);
        CHECK(s.tickets().events(2).at(0).changes.at(0).new_value == "closed");
        CHECK(s.reports().tickets_active(at(1500), at(2500), std::nullopt).size() == 2);
        s.write([&] { s.tickets().insert(ticket("surgery", 1000)); });
        auto open = s.reports().open_at(at(1500), std::nullopt); // ticket 3 open, 1 and 2 resolved later
        REQUIRE(open.size() == 2);
        CHECK(open[0] == std::pair<std::string, std::int64_t>{"internal", 2});
        CHECK(open[1] == std::pair<std::string, std::int64_t>{"surgery", 1});
        CHECK(s.reports().open_at(at(1500), std::string("surgery")).size() == 1);
    });
}

// Seed 000 §五.4 and seed 002 §六: the staff member a staff-caused complaint was about, and the
// assignments that took a ticket from one assignee to another, as the reports read them.
TEST_CASE("reports read the staff a complaint was about, and the reassignments of a period") {
    on_each_backend([](Store& s) {
        TicketId id = 0;
        s.write([&] {
            add_staff(s, "a1", "internal");
            add_staff(s, "e1", "emergency");
            auto t = ticket("internal", 1000);
            t.category = "complaint";
            t.root_cause = RootCause::staff;
            t.caused_by = "e1";
            t.resolved_at = at(1500);
            id = s.tickets().insert(t);
            s.tickets().add_event({0, id, at(1100), "a1", "assign", {{"assignee", std::nullopt, "a1"}}, {}});
            s.tickets().add_event({0, id, at(1200), "a1", "assign", {{"assignee", "a1", "e1"}}, {}});
            s.tickets().add_event({0, id, at(1300), "a1", "note", {{"assignee", "e1", "a1"}}, {}});
        });
        CHECK(s.tickets().find(id)->caused_by == "e1");
        auto facts = s.reports().tickets_active(at(0), at(5000), std::nullopt);
        REQUIRE(facts.size() == 1);
        CHECK(facts[0].caused_by == "e1");
        CHECK(facts[0].root_cause == RootCause::staff);
        auto moves = s.reports().reassignments(at(1000), at(2000));
        REQUIRE(moves.size() == 1); // the first assignment replaced no one, a note is no assignment
        CHECK(moves[0].ticket == id);
        CHECK(moves[0].at == at(1200));
        CHECK(moves[0].from == "a1");
        CHECK(moves[0].to == "e1");
        CHECK(s.reports().reassignments(at(1201), at(2000)).empty());
    });
}

TEST_CASE("db check finds a status its history does not record, and the salt is made once") {
    on_each_backend([](Store& s) {
        s.write([&] {
            s.tickets().insert(ticket("internal", 1000));
            s.tickets().add_event({0, 1, at(1000), std::nullopt, "intake", {{"status", std::nullopt, "new"}}, {}});
        });
        auto healthy = s.check();
        CHECK(healthy.problems.empty());
        CHECK(healthy.tickets == 1);
        CHECK(healthy.events == 1);
        s.write([&] {
            auto t = *s.tickets().find(1);
            t.status = Status::assigned; // without the event that would say so
            s.tickets().update(t);
        });
        auto report = s.check();
        REQUIRE(report.problems.size() == 1);
        CHECK(report.problems[0].data() == "ticket 1: status assigned but its history says new");

        std::string salt;
        s.write([&] { salt = s.salt(); });
        CHECK(salt.size() == 64);
        s.write([&] { CHECK(s.salt() == salt); });
    });
}

TEST_CASE("db copy moves every row between backends and verifies it") {
    on_each_backend([](Store& s) {
        s.write([&] {
            add_staff(s, "ag", "internal");
            s.tickets().insert(ticket("internal", 1000));
            s.deposits().insert(deposit("A001", 1000));
            s.roster().set({"ag", day(2026, 11, 23), "day"}, "ag", at(1));
        });
        auto target = open_store({":memory:"});
        auto copied = copy_database(s, *target);
        CHECK(copied.size() == copy_tables().size());
        CHECK(target->tickets().find(1)->customer == "王小明");
        CHECK(target->deposits().find_active("A001")->pieces == 2);
        CHECK(code_of([&] { copy_database(s, *target); }) == Code::refused); // not empty
    });
}


// Issue 20, "Search": the index follows inserts, updates, notes and the bulk import, in Chinese
// (two characters: the scan; three: the index) and English, with the list filters.
TEST_CASE("search finds tickets by their texts and notes, ranked, with the list filters") {
    on_each_backend([](Store& s) {
        auto ids = [&](std::vector<std::string> terms, TicketFilter f = {}) {
            std::string text;
            for (const auto& t : terms) text += (text.empty() ? "" : " ") + t;
            std::vector<TicketId> out;
            for (const auto& hit : s.tickets().search(terms, text, f)) out.push_back(hit.ticket.id);
            return out;
        };
        s.write([&] {
            add_staff(s, "ag", "internal");
            auto leak = ticket("internal", 1000);
            leak.subject = "洗衣机漏水";
            CHECK(s.tickets().insert(leak) == 1);
            auto printer = ticket("surgery", 2000);
            printer.subject = "Printer broken";
            printer.external_ref = "CALL-77";
            CHECK(s.tickets().insert(printer) == 2);
            s.tickets().add_event({0, 2, at(2100), std::string("ag"), "note", {}, std::string("换了墨盒 toner")});
            s.tickets().add_event({0, 1, at(2100), std::string("ag"), "assign", {}, std::string("墨盒 elsewhere")});
        });
        CHECK(ids({"漏水"}) == std::vector<TicketId>{1});
        CHECK(ids({"洗衣机"}) == std::vector<TicketId>{1});
        CHECK(ids({"printer"}) == std::vector<TicketId>{2});
        CHECK(ids({"call-77"}) == std::vector<TicketId>{2});
        CHECK(ids({"墨盒"}) == std::vector<TicketId>{2}); // notes only, not other events' reasons
        CHECK(ids({"toner"}) == std::vector<TicketId>{2});
        auto both = ids({"王小明"}); // the customer, in both
        std::sort(both.begin(), both.end());
        CHECK(both == std::vector<TicketId>{1, 2});
        CHECK(ids({"王小明", "漏水"}) == std::vector<TicketId>{1});
        CHECK(ids({"_"}).empty());
        auto hits = s.tickets().search({"toner"}, "toner", {});
        REQUIRE(hits.size() == 1);
        CHECK(hits[0].text == "Printer broken\n\n\n王小明\nCALL-77\n换了墨盒 toner");
        TicketFilter surgery;
        surgery.desk = "surgery";
        CHECK(ids({"王小明"}, surgery) == std::vector<TicketId>{2});
        TicketFilter one;
        one.limit = 1;
        CHECK(ids({"王小"}, one) == std::vector<TicketId>{2});

        // An update of a searched text re-indexes the ticket; other updates leave it.
        s.write([&] {
            auto t = *s.tickets().find(1);
            t.resolution = "更换进水管";
            t.status = Status::resolved;
            s.tickets().update(t);
        });
        CHECK(ids({"进水管"}) == std::vector<TicketId>{1});
        CHECK(ids({"漏水"}) == std::vector<TicketId>{1});

        // The bulk import's rows are searchable at once.
        s.write([&] {
            s.imports().begin_bulk();
            s.imports().expect_rows(1); // first a small estimate: rows indexed one by one
            auto t = ticket("internal", 3000, Status::closed);
            t.external_ref = "SR-9";
            t.subject = "停车场收费";
            CHECK(s.imports().insert_new(t, {0, 0, at(3000), std::nullopt, "import", {}, {}}));
            s.imports().expect_rows(50000); // then large enough to defer the indexes (SQLite)
            t.external_ref = "SR-10";
            t.subject = "停车位已满";
            CHECK(s.imports().insert_new(t, {0, 0, at(3000), std::nullopt, "import", {}, {}}));
            s.imports().end_bulk();
        });
        CHECK(ids({"停车"}) == std::vector<TicketId>{4, 3});
        CHECK(ids({"停车位"}) == std::vector<TicketId>{4});
        CHECK(ids({"停车场"}) == std::vector<TicketId>{3});
        CHECK(ids({"sr-9"}) == std::vector<TicketId>{3});
    });
}

TEST_CASE("list --breached follows the domain's breach rule, --due-within the next deadline") {
    on_each_backend([](Store& s) {
        s.write([&] {
            s.tickets().insert(ticket("internal", 1000));                   // 1: respond by 1600
            auto answered = ticket("internal", 1000, Status::in_progress);  // 2: answered late
            answered.first_response_at = at(1700);
            s.tickets().insert(answered);
            auto cancelled = ticket("internal", 1000, Status::cancelled); // 3: never breaches
            s.tickets().insert(cancelled);
            auto resolved = ticket("internal", 1000, Status::resolved); // 4: in time
            resolved.first_response_at = at(1100);
            resolved.resolved_at = at(2000);
            s.tickets().insert(resolved);
        });
        auto ids = [&](TicketFilter f) {
            std::vector<TicketId> out;
            for (const auto& t : s.tickets().list(f)) {
                CHECK(breached(t, f.now) == f.breached_only); // the SQL agrees with domain/sla.hpp
                out.push_back(t.id);
            }
            std::sort(out.begin(), out.end());
            return out;
        };
        TicketFilter f;
        f.breached_only = true;
        f.now = at(1500);
        CHECK(ids(f) == std::vector<TicketId>{2});
        f.now = at(1601);
        CHECK(ids(f) == std::vector<TicketId>{1, 2});
        f.now = at(9000);
        CHECK(ids(f) == std::vector<TicketId>{1, 2});
        TicketFilter due;
        due.due_before = at(1600);
        auto listed = s.tickets().list(due);
        REQUIRE(listed.size() == 1);
        CHECK(listed[0].id == 1);
        due.due_before = at(4600);
        CHECK(s.tickets().list(due).size() == 2); // 2's resolve deadline 4600; 3 and 4 are closed
    });
}

} // TEST_SUITE

TEST_CASE("seed 001 §六 loans out at a time, their cash, and the loans of a handover (issue 24)") {
    on_each_backend([](Store& s) {
        s.write([&] {
            add_staff(s, "ag", "internal");
            Loan l;
            l.desk = "internal";
            l.item = "wheelchair";
            l.borrower = "王小明";
            l.phone = "13800001111";
            l.id_last4 = "002X";
            l.id_hash = "h";
            l.lent_by = "ag";
            l.unit = 1, l.deposit = 20000, l.out_at = at(1000), l.due_at = at(5000);
            auto first = s.loans().insert(l);
            l.unit = 2, l.deposit = 15050, l.out_at = at(2000), l.due_at = at(6000);
            s.loans().insert(l);
            auto back = *s.loans().find(first, true);
            back.returned_at = at(3000);
            back.returned_by = "ag";
            back.condition = LoanCondition::ok;
            back.refunded = 20000;
            s.loans().update(back);
        });
        s.read([&] {
            CHECK(s.loans().out_at("internal", at(999)).empty());
            CHECK(s.loans().out_at("internal", at(1000)).size() == 1); // lent in that second
            CHECK(s.loans().out_at("internal", at(2500)).size() == 2);
            CHECK(s.loans().out_at("internal", at(3000)).size() == 1); // returned in that second
            CHECK(s.loans().out_at("surgery", at(2500)).empty());
            CHECK(s.loans().cash("internal", std::nullopt, at(2500)).closing() == 35050);
            CHECK(s.loans().cash("internal", std::nullopt, at(3001)).closing() == 15050);
        });
        Handover h;
        s.write([&] {
            h.desk = "internal";
            h.at = at(2500);
            h.from_staff = h.to_staff = "ag";
            h.loans_out = 2;
            h.loan_cash = 35050;
            h.id = s.deposits().insert_handover(h);
            h.confirmed_at = at(2600);
            h.pieces_counted = 0;
            h.loans_counted = 2;
            h.cash_counted = 30050;
            h.discrepancy = "short";
            s.deposits().confirm_handover(h);
        });
        s.read([&] {
            auto found = *s.deposits().find_handover(h.id);
            CHECK(found.loans_out == 2);
            CHECK(found.loan_cash == 35050);
            CHECK(found.loans_counted == 2);
            CHECK(found.cash_counted == 30050);
        });
    });
}

// Issue 24 (seed 001 §六, §八): an overdue loan's callback is for the loan, not a ticket; the
// schema (v9) refuses a callback for neither or both, purpose loan without a loan, and a second
// callback for one loan.
TEST_CASE("callbacks of overdue loans: for the loan, once, by the schema's rules (issue 24)") {
    on_each_backend([](Store& s) {
        LoanId loan = 0;
        CallbackId id = 0;
        s.write([&] {
            add_staff(s, "ag", "internal");
            s.tickets().insert(ticket("internal", 1000, Status::new_));
            Loan l;
            l.desk = "internal";
            l.item = "wheelchair";
            l.borrower = "王小明";
            l.phone = "13800001111";
            l.id_last4 = "002X";
            l.id_hash = "h";
            l.lent_by = "ag";
            l.unit = 1, l.deposit = 20000, l.out_at = at(1000), l.due_at = at(5000);
            loan = s.loans().insert(l);
        });
        s.read([&] {
            CHECK(s.callbacks().loans_needing_callback(at(5000)).empty()); // not past due yet
            REQUIRE(s.callbacks().loans_needing_callback(at(5001)).size() == 1);
        });
        s.write([&] {
            Callback c;
            c.loan = loan;
            c.purpose = CallbackPurpose::loan;
            c.due_at = at(6000);
            c.created_at = at(5001);
            id = s.callbacks().insert(c);
        });
        auto listing = *s.callbacks().find(id);
        CHECK(listing.callback.ticket == 0);
        CHECK(listing.callback.loan == loan);
        CHECK(listing.loan_item == "wheelchair");
        CHECK(listing.desk == "internal");
        CHECK(listing.customer == "王小明");
        CHECK(listing.phone == "13800001111");
        CHECK(listing.handler == "ag"); // who lent it
        CallbackFilter filter;
        filter.loan = loan;
        CHECK(s.callbacks().list(filter).size() == 1);
        filter = {};
        filter.desk = "internal";
        filter.purposes = {CallbackPurpose::loan};
        CHECK(s.callbacks().list(filter).size() == 1);
        s.read([&] { CHECK(s.callbacks().loans_needing_callback(at(9000)).empty()); });
        auto facts = s.reports().callbacks_active(at(5500), at(6500), std::string("internal"));
        REQUIRE(facts.size() == 1);
        CHECK(facts[0].purpose == "loan");

        auto refused = [&](Callback c) {
            c.due_at = at(6000);
            c.created_at = at(5001);
            CHECK_THROWS(s.write([&] { s.callbacks().insert(c); }));
        };
        Callback second; // a second callback for the loan
        second.loan = loan;
        second.purpose = CallbackPurpose::loan;
        refused(second);
        Callback ticketless; // purpose loan without a loan
        ticketless.purpose = CallbackPurpose::loan;
        refused(ticketless);
        Callback care_of_loan; // a loan's callback of another purpose
        care_of_loan.loan = loan;
        care_of_loan.purpose = CallbackPurpose::care;
        refused(care_of_loan);
        Callback loan_on_ticket; // purpose loan for a ticket
        loan_on_ticket.ticket = 1;
        loan_on_ticket.purpose = CallbackPurpose::loan;
        refused(loan_on_ticket);
        CHECK(s.callbacks().count() == 1);
    });
}
