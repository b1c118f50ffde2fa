// Callback policy applied by the ticket commands and the callback use cases, on an in-memory
// database with a fixed clock (Monday 2026-11-23 09:00).
#include <svcdesk/error.hpp>
#include <svcdesk/ops/callbacks.hpp>
#include <svcdesk/ops/staff.hpp>
#include <svcdesk/ops/tickets.hpp>

#include <doctest/doctest.h>

using namespace svcdesk;
using namespace std::chrono_literals;

namespace {

struct Fixture {
    Config config = load_config_text("", "test.toml");
    std::unique_ptr<Store> store = open_store({":memory:"});
    Context ctx{config, *store, at("2026-11-23T09:00"), std::string("a1")};

    Fixture() {
        ctx.actor = "boss";
        add_staff(ctx, {"boss", "杨昕", "internal", "supervisor,agent", ""});
        add_staff(ctx, {"a1", "张三", "internal", "agent", ""});
        ctx.actor = "a1";
    }

    Timestamp at(const char* text) const { return parse_time(text, config.zone, Timestamp{}); }
    std::string local(Timestamp t) const { return format_local(t, config.zone); }

    TicketId ticket(const std::string& category, const std::string& flags = "") {
        IntakeRequest r;
        r.category = category;
        r.customer = "王女士";
        r.phone = "13812345678";
        r.subject = "回访";
        r.flags = flags;
        return intake(ctx, r);
    }
    TicketId closed(const std::string& category) {
        auto id = ticket(category);
        start(ctx, id);
        resolve(ctx, id, "已处理", std::nullopt);
        close(ctx, id, std::nullopt);
        return id;
    }
    std::vector<CallbackListing> of(TicketId id, std::vector<CallbackStatus> statuses = {}) {
        CallbackFilter f;
        f.ticket = id;
        f.statuses = std::move(statuses);
        return list_callbacks(ctx, f);
    }
};

} // namespace

TEST_CASE("close schedules a survey, a complaint also a follow-up") {
    Fixture f;
    auto plain = f.of(f.closed("consultation"));
    REQUIRE(plain.size() == 1);
    CHECK(plain[0].callback.purpose == CallbackPurpose::survey);
    CHECK(f.local(plain[0].callback.due_at) == "2026-11-24 10:00");
    CHECK(plain[0].callback.created_by == "a1");

    auto complaint = f.of(f.closed("complaint"));
    REQUIRE(complaint.size() == 2);
    CHECK(complaint[1].callback.purpose == CallbackPurpose::followup);
    CHECK(f.local(complaint[1].callback.due_at) == "2026-11-26 09:00");
}

TEST_CASE("close --no-callback schedules nothing and records the reason") {
    Fixture f;
    auto id = f.ticket("complaint");
    start(f.ctx, id);
    resolve(f.ctx, id, "已处理", std::nullopt);
    close(f.ctx, id, std::nullopt, std::string("客户拒绝回访"));
    CHECK(f.of(id).empty());
    auto history = show_ticket(f.ctx, id).history;
    CHECK(history.back().reason == "客户拒绝回访");
}

TEST_CASE("reopen cancels the pending survey and follow-up, closing again schedules new ones") {
    Fixture f;
    auto id = f.closed("complaint");
    f.ctx.now += 1h;
    reopen(f.ctx, id, "客户仍不满意");
    auto after = f.of(id);
    REQUIRE(after.size() == 2);
    for (const auto& l : after) {
        CHECK(l.callback.status == CallbackStatus::cancelled);
        CHECK(l.callback.finished_at == f.ctx.now);
    }
    resolve(f.ctx, id, "再次处理", std::nullopt);
    close(f.ctx, id, std::nullopt);
    CHECK(f.of(id, {CallbackStatus::pending}).size() == 2);
}

TEST_CASE("a done survey survives a reopen, only pending ones are cancelled") {
    Fixture f;
    auto id = f.closed("consultation");
    auto survey = f.of(id)[0].callback.id;
    record_call(f.ctx, {survey, CallOutcome::reached, 2, std::nullopt});
    reopen(f.ctx, id, "不满意");
    CHECK(show_callback(f.ctx, survey).callback.status == CallbackStatus::done);
}

TEST_CASE("satisfaction from a call becomes the ticket's, with a history event") {
    Fixture f;
    auto id = f.closed("consultation");
    auto survey = f.of(id)[0].callback.id;
    auto events = show_ticket(f.ctx, id).history.size();
    auto cb = record_call(f.ctx, {survey, CallOutcome::reached, 5, std::string("很满意")});
    CHECK(cb.status == CallbackStatus::done);
    auto detail = show_ticket(f.ctx, id);
    CHECK(detail.ticket.satisfaction == 5);
    REQUIRE(detail.history.size() == events + 1);
    CHECK(detail.history.back().action == "callback");
    CHECK(detail.history.back().actor == "a1");
}

TEST_CASE("refusals write nothing") {
    Fixture f;
    auto id = f.closed("consultation");
    auto survey = f.of(id)[0].callback.id;
    CHECK_THROWS_WITH(record_call(f.ctx, {survey, CallOutcome::reached, 7, std::nullopt}),
                      "satisfaction must be between 1 and 5, not 7");
    CHECK_THROWS_WITH(record_call(f.ctx, {999, CallOutcome::reached, std::nullopt, std::nullopt}), "no callback 999");
    CHECK_THROWS_WITH(schedule_callback(f.ctx, 999, f.ctx.now + 1h, CallbackPurpose::care), "no ticket 999");
    CHECK(show_callback(f.ctx, survey).callback.attempts.empty());
    CHECK(f.store->callbacks().count() == 1);
    record_call(f.ctx, {survey, CallOutcome::reached, std::nullopt, std::nullopt});
    try {
        record_call(f.ctx, {survey, CallOutcome::reached, std::nullopt, std::nullopt});
        FAIL("expected a refusal");
    } catch (const Error& e) {
        CHECK(e.code() == Code::refused);
    }
    CHECK(show_callback(f.ctx, survey).callback.attempts.size() == 1);
}

TEST_CASE("progress calls: one pending per late ticket, idempotent, ended by resolve") {
    Fixture f;
    auto id = f.ticket("consultation", "elderly"); // resolve target 09:30; interval 6 h
    start(f.ctx, id);
    CHECK(sweep_progress_callbacks(f.ctx) == 0); // not late yet
    f.ctx.now = f.at("2026-11-23T10:00");
    CHECK(sweep_progress_callbacks(f.ctx) == 1);
    CHECK(sweep_progress_callbacks(f.ctx) == 0); // idempotent
    auto first = f.of(id);
    REQUIRE(first.size() == 1);
    CHECK(f.local(first[0].callback.due_at) == "2026-11-23 09:30");
    CHECK_FALSE(first[0].callback.created_by);

    record_call(f.ctx, {first[0].callback.id, CallOutcome::reached, std::nullopt, std::string("进展已告知")});
    auto next = f.of(id, {CallbackStatus::pending});
    REQUIRE(next.size() == 1);
    CHECK(f.local(next[0].callback.due_at) == "2026-11-23 16:00");

    resolve(f.ctx, id, "已解决", std::nullopt);
    CHECK(sweep_progress_callbacks(f.ctx) == 1);
    CHECK(f.of(id, {CallbackStatus::pending}).empty());
}

TEST_CASE("manual schedule moves into calling hours and refuses the past") {
    Fixture f;
    auto id = f.ticket("consultation");
    auto cb = schedule_callback(f.ctx, id, f.at("2026-11-28T10:00"), CallbackPurpose::care); // a Saturday
    CHECK(f.local(show_callback(f.ctx, cb).callback.due_at) == "2026-11-30 09:00");
    CHECK_THROWS_WITH(schedule_callback(f.ctx, id, f.ctx.now - 1h, CallbackPurpose::care),
                      "--at 2026-11-23 08:00 is in the past; give a time from now on");
}
