// The audit trail at the use cases (issue 18; seed 004 §4-5 confidentiality and traceability,
// seed 000 §四.4 access only for authorised staff): which actions leave an event, the need-to-know
// rules of callback numbers, proxy approval by the acting supervisor, refusals recorded apart.
#include <svcdesk/error.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/callbacks.hpp>
#include <svcdesk/ops/deposits.hpp>
#include <svcdesk/ops/export.hpp>
#include <svcdesk/ops/staff.hpp>
#include <svcdesk/ops/tickets.hpp>

#include "support.hpp"

#include <doctest/doctest.h>

using namespace svcdesk;
using svcdesk::testing::code_of;

namespace {

struct Fixture {
    Config config = load_config_text("", "test.toml");
    std::unique_ptr<Store> store = open_store({":memory:"});
    Context ctx{config, *store, parse_time("2026-11-23T09:00", config.zone, {}), std::nullopt};

    Fixture() {
        add_staff(ctx, {"boss", "杨昕", "internal", "supervisor,agent", ""});
        ctx.actor = "boss";
        add_staff(ctx, {"a1", "张三", "internal", "agent", ""});
        add_staff(ctx, {"a2", "李四", "internal", "agent", ""});
    }

    // The (actor, action, subject) of every event of `action`, as the supervisor reads them.
    std::vector<std::string> events(const std::string& action) {
        auto saved = ctx.actor;
        ctx.actor = "boss";
        std::vector<std::string> out;
        for (const auto& e : list_audit(ctx, {{}, {}, {}, action})) {
            out.push_back(e.actor.value_or("-") + " " + e.action + " " + e.subject.value_or("-"));
        }
        ctx.actor = saved;
        return out;
    }

    TicketId ticket(const std::string& as) {
        ctx.actor = as;
        IntakeRequest r;
        r.category = "consultation";
        r.customer = "王小明";
        r.phone = "13812345678";
        r.subject = "回访";
        return intake(ctx, r);
    }
};

} // namespace

TEST_CASE("callback dial and show --reveal: the handler or a supervisor, each audited") {
    Fixture f;
    auto t = f.ticket("a1"); // a1 owns it, nobody is assigned: a1 handles its callbacks
    f.ctx.actor = "a1";
    auto cb =
        schedule_callback(f.ctx, t, f.ctx.now + std::chrono::hours(2), CallbackPurpose::followup);
    CHECK(dial_callback(f.ctx, cb) == "13812345678");
    CHECK(show_callback(f.ctx, cb, true).phone == "13812345678");
    f.ctx.actor = "a2";
    CHECK(code_of([&] { dial_callback(f.ctx, cb); }) == Code::permission);
    CHECK_THROWS_WITH(show_callback(f.ctx, cb, true),
                      "only the staff member handling callback 1 (a1) or a supervisor may reveal "
                      "its phone number; "
                      "a2 is neither");
    CHECK(show_callback(f.ctx, cb).callback.id == cb); // masked: anyone
    f.ctx.actor = "boss";
    CHECK(dial_callback(f.ctx, cb) == "13812345678");
    CHECK(f.events("callback") == std::vector<std::string>{"a1 callback.dial callback 1",
                                                           "a1 callback.reveal callback 1",
                                                           "boss callback.dial callback 1"});
    // Assigned to a2: now a2 handles it, and a1 no longer sees the number.
    assign(f.ctx, t, "a2", true, std::nullopt);
    f.ctx.actor = "a1";
    CHECK(code_of([&] { dial_callback(f.ctx, cb); }) == Code::permission);
    f.ctx.actor = "a2";
    CHECK(dial_callback(f.ctx, cb) == "13812345678");
    cancel_callback(f.ctx, cb, "客户已来电");
    CHECK(code_of([&] { dial_callback(f.ctx, cb); }) == Code::refused); // nothing left to call
}

TEST_CASE(
    "the audit trail is for supervisors, and refusals are recorded in a transaction of their own") {
    Fixture f;
    f.ctx.actor = "a1";
    CHECK_THROWS_WITH(list_audit(f.ctx, {}),
                      "only a supervisor may read the audit trail; a1 is not one");
    CHECK(record_refusal(*f.store, f.ctx.now, std::string("a2"), "identity.refused",
                         std::string("a1"), "not proven"));
    f.store->write([&] {
        // Inside a transaction it would roll back with the failing command: it refuses instead.
        CHECK_FALSE(
            record_refusal(*f.store, f.ctx.now, std::nullopt, "login.failed", std::nullopt));
    });
    CHECK(f.events("identity.refused") == std::vector<std::string>{"a2 identity.refused a1"});
    CHECK(f.events("login").empty());
    CHECK(f.store->check().problems.empty());
}

TEST_CASE("supervisor powers and --force leave their events") {
    Fixture f;
    // staff add, update, deactivate (the first add, before any staff existed, included)
    f.ctx.actor = "boss";
    StaffUpdate update;
    update.id = "a1";
    update.roles = "agent,dispatcher";
    update_staff(f.ctx, update);
    deactivate_staff(f.ctx, "a2");
    CHECK(f.events("staff") ==
          std::vector<std::string>{"- staff.add staff boss", "boss staff.add staff a1",
                                   "boss staff.add staff a2", "boss staff.update staff a1",
                                   "boss staff.deactivate staff a2"});
    CHECK(list_audit(f.ctx, {{}, {}, {}, std::string("staff.update")}).at(0).detail ==
          "roles agent -> agent,dispatcher");

    // assign --force; reopen of someone else's closed ticket by a supervisor (not of one's own)
    auto t = f.ticket("a1");
    f.ctx.actor = "boss";
    assign(f.ctx, t, "a1", true, std::nullopt);
    f.ctx.actor = "a1";
    start(f.ctx, t);
    resolve(f.ctx, t, "已处理", std::nullopt);
    close(f.ctx, t, std::nullopt, std::string("customer declined: 客户拒绝回访")); // issue 19: a listed reason
    reopen(f.ctx, t, "自己重开");
    resolve(f.ctx, t, "已处理", std::nullopt);
    close(f.ctx, t, std::nullopt, std::string("customer declined: 客户拒绝回访")); // issue 19: a listed reason
    f.ctx.actor = "boss";
    reopen(f.ctx, t, "客户投诉未解决");
    CHECK(f.events("ticket") == std::vector<std::string>{"boss ticket.assign_force ticket 1",
                                                         "boss ticket.reopen_other ticket 1"});
}

TEST_CASE("a proxy pickup is approved by the acting supervisor, and deposit reveals are audited") {
    Fixture f;
    f.ctx.actor = "a1";
    DepositRequest r{"A001", "王小明",     "13800001111", "11010519491231002X", "行李箱", 1,
                     false,  std::nullopt, true};
    deposit_in(f.ctx, r);
    ProxyRequest p{"A001", "王大明", "110101199003071233", "11010519491231002X",
                   std::string("boss")};
    CHECK_THROWS_WITH(proxy_pickup(f.ctx, p),
                      "only a supervisor may approve proxy pickups; a1 is not one: the supervisor runs the "
                      "command, or confirms it with --approver STAFF --approver-pin-stdin");
    f.ctx.actor = "boss";
    p.approved_by = "a1";
    CHECK_THROWS_WITH(proxy_pickup(f.ctx, p),
                      "--approved-by a1 is not the acting staff member boss: the supervisor "
                      "who approves a proxy pickup runs the command");
    p.approved_by = std::nullopt; // the flag may be left out: the actor approves
    CHECK(proxy_pickup(f.ctx, p).approved_by == "boss");
    DepositFilter all;
    all.states = {DepositState::released};
    CHECK(list_deposits(f.ctx, all, true).size() == 1);
    show_deposit(f.ctx, "D1", true);
    CHECK(f.events("deposit") == std::vector<std::string>{"boss deposit.proxy deposit 1",
                                                          "boss deposit.reveal deposits",
                                                          "boss deposit.reveal deposit 1"});
    CHECK(list_audit(f.ctx, {{}, {}, {}, std::string("deposit.reveal")}).at(0).detail ==
          "1 deposit: 1");
}

TEST_CASE("an export masks customer names like phones unless a supervisor reveals them") {
    Fixture f;
    f.ticket("a1");
    std::string out;
    auto sink = [&](std::string_view piece) { out += piece; };
    export_records(f.ctx, {"tickets", "jsonl", std::nullopt, std::nullopt, false}, sink);
    CHECK(out.find("\"customer\":\"王**\"") != std::string::npos);
    CHECK(out.find("王小明") == std::string::npos);
    out.clear();
    f.ctx.actor = "boss";
    export_records(f.ctx, {"tickets", "jsonl", std::nullopt, std::nullopt, true}, sink);
    CHECK(out.find("\"customer\":\"王小明\"") != std::string::npos);
}
