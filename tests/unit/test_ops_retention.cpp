// Retention at the use cases (issue 24; seed 004: 明确客户信息的收集范围、使用目的及存储期限):
// who may purge and forget, a dry run writing nothing, a purge anonymising once and only once.
#include <svcdesk/error.hpp>
#include <svcdesk/ops/retention.hpp>
#include <svcdesk/ops/staff.hpp>
#include <svcdesk/ops/tickets.hpp>

#include "support.hpp"

#include <doctest/doctest.h>

using namespace svcdesk;
using svcdesk::testing::code_of;

namespace {

struct RetentionFixture {
    Config config = load_config_text("", "test.toml");
    std::unique_ptr<Store> store = open_store({":memory:"});
    Context ctx{config, *store, parse_time("2024-03-04T09:00", config.zone, {}), std::nullopt};
    TicketId ticket = 0;

    RetentionFixture() {
        add_staff(ctx, {"boss", "杨昕", "internal", "supervisor,agent", ""});
        ctx.actor = "boss";
        add_staff(ctx, {"a1", "张三", "internal", "agent", ""});
        add_staff(ctx, {"cron", "夜间任务", "internal", "system", ""});
        IntakeRequest r;
        r.category = "consultation";
        r.customer = "王小明";
        r.phone = "13812345678";
        r.subject = "王小明预约";
        ticket = intake(ctx, r);
        start(ctx, ticket);
        resolve(ctx, ticket, "已预约", std::nullopt);
        close(ctx, ticket, 5, std::string("customer declined"));
        ctx.now = parse_time("2026-11-23T09:00", config.zone, {}); // past the year of [retention]
    }

    Ticket stored() {
        Ticket t;
        store->read([&] { t = *store->tickets().find(ticket); });
        return t;
    }
};

} // namespace

TEST_CASE("purge: the supervisor or the system role, a dry run counts and writes nothing") {
    RetentionFixture f;
    f.ctx.actor = "a1";
    CHECK(code_of([&] { purge(f.ctx, false); }) == Code::permission);
    CHECK(code_of([&] { purge(f.ctx, true); }) == Code::permission);
    CHECK(f.stored().customer == "王小明");

    f.ctx.actor = "cron";
    auto dry = purge(f.ctx, true);
    CHECK(dry.dry_run);
    CHECK(dry.tickets == 1);
    CHECK(dry.customers == 1);
    CHECK(f.stored().customer == "王小明");

    auto done = purge(f.ctx, false);
    CHECK_FALSE(done.dry_run);
    CHECK(done.tickets == 1);
    auto t = f.stored();
    CHECK(t.customer == std::string(k_erased_text));
    CHECK(t.subject == std::string(k_erased_text));
    REQUIRE(t.phone);
    CHECK(is_erased_phone_key(*t.phone));
    CHECK(t.category == "consultation"); // what the reports count stays
    CHECK(t.satisfaction == 5);
    CHECK(purge(f.ctx, false).total() == 0); // idempotent
}

TEST_CASE("purge keeps what is not yet due") {
    RetentionFixture f;
    f.ctx.now = parse_time("2024-06-01T09:00", f.config.zone, {}); // within the year
    CHECK(purge(f.ctx, false).total() == 0);
    CHECK(f.stored().customer == "王小明");
}

TEST_CASE("customer forget: a supervisor's, for a known phone, at once") {
    RetentionFixture f;
    f.ctx.now = parse_time("2024-03-05T09:00", f.config.zone, {}); // long before the period ends
    f.ctx.actor = "cron";
    CHECK(code_of([&] { forget_customer(f.ctx, "13812345678"); }) == Code::permission);
    f.ctx.actor = "boss";
    CHECK(code_of([&] { forget_customer(f.ctx, "12"); }) == Code::invalid);
    CHECK(code_of([&] { forget_customer(f.ctx, "13900000000"); }) == Code::not_found);
    auto r = forget_customer(f.ctx, "138 1234 5678");
    CHECK(r.tickets == 1);
    CHECK(r.customers == 1);
    CHECK(r.customer > 0);
    CHECK(f.stored().customer == std::string(k_erased_text));
    CHECK(code_of([&] { forget_customer(f.ctx, "13812345678"); }) == Code::not_found);
}
