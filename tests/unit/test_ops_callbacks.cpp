// Callback policy applied by the ticket commands and the callback use cases, on an in-memory
// database with a fixed clock (Monday 2026-11-23 09:00).
#include <svcdesk/error.hpp>
#include <svcdesk/ops/callbacks.hpp>
#include <svcdesk/ops/staff.hpp>
#include <svcdesk/ops/tickets.hpp>

#include <doctest/doctest.h>

#include <algorithm>

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
        add_staff(ctx, {"a2", "李四", "internal", "agent", ""});
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
    // Runs `fn` as staff member `who`, then acts as a1 again.
    template <typename Fn>
    auto as(const std::string& who, Fn&& fn) {
        ctx.actor = who;
        struct Back {
            Context& c;
            ~Back() { c.actor = "a1"; }
        } back{ctx};
        return fn();
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

// Issue 19 changed this test: a survey is no longer dropped silently by anyone with any reason
// (seed 004 §4.1). An agent drops it with a configured reason; the drop is kept as a cancelled
// survey with who dropped it, and nothing else is scheduled.
TEST_CASE("close --no-callback drops the survey with a configured reason and records it") {
    Fixture f;
    auto id = f.ticket("complaint");
    start(f.ctx, id);
    resolve(f.ctx, id, "已处理", std::nullopt);
    close(f.ctx, id, std::nullopt, std::string("customer declined: 客户拒绝回访"));
    auto callbacks = f.of(id);
    REQUIRE(callbacks.size() == 1);
    CHECK(callbacks[0].callback.purpose == CallbackPurpose::survey);
    CHECK(callbacks[0].callback.status == CallbackStatus::cancelled);
    CHECK(callbacks[0].callback.dropped_by == "a1");
    CHECK(callbacks[0].callback.cancel_reason == "customer declined: 客户拒绝回访");
    auto history = show_ticket(f.ctx, id).history;
    CHECK(history.back().reason == "customer declined: 客户拒绝回访");
}

TEST_CASE("seed 004 4.1: dropping a survey needs a supervisor or a configured reason") {
    Fixture f;
    auto id = f.ticket("consultation");
    start(f.ctx, id);
    resolve(f.ctx, id, "已处理", std::nullopt);
    try {
        close(f.ctx, id, std::nullopt, std::string("太忙了"));
        FAIL("expected a refusal");
    } catch (const Error& e) {
        CHECK(e.code() == Code::permission);
    }
    CHECK(show_ticket(f.ctx, id).ticket.status == Status::resolved); // nothing written
    CHECK(f.of(id).empty());
    f.as("boss", [&] { close(f.ctx, id, std::nullopt, std::string("主任决定不回访")); });
    CHECK(f.of(id)[0].callback.dropped_by == "boss");

    // callback cancel of a survey: the same rule; other purposes are cancelled freely.
    auto other = f.closed("consultation");
    auto survey = f.of(other)[0].callback.id;
    try {
        cancel_callback(f.ctx, survey, "不想打");
        FAIL("expected a refusal");
    } catch (const Error& e) {
        CHECK(e.code() == Code::permission);
    }
    CHECK(show_callback(f.ctx, survey).callback.status == CallbackStatus::pending);
    cancel_callback(f.ctx, survey, "duplicate ticket");
    auto dropped = show_callback(f.ctx, survey).callback;
    CHECK(dropped.status == CallbackStatus::cancelled);
    CHECK(dropped.dropped_by == "a1");
    auto care = schedule_callback(f.ctx, other, f.ctx.now + 1h, CallbackPurpose::care);
    cancel_callback(f.ctx, care, "不需要了");
    CHECK_FALSE(show_callback(f.ctx, care).callback.dropped_by);
}

TEST_CASE("seed 004 4.1: a ticket closed without a phone number schedules no survey and says why") {
    Fixture f;
    IntakeRequest r;
    r.category = "consultation";
    r.customer = "无名";
    r.subject = "现场咨询";
    auto id = intake(f.ctx, r);
    start(f.ctx, id);
    resolve(f.ctx, id, "已答复", std::nullopt);
    close(f.ctx, id, std::nullopt);
    CHECK(f.of(id).empty());
    auto last = show_ticket(f.ctx, id).history.back();
    CHECK(last.reason == "no phone number on record: no survey callback");
    bool recorded = std::any_of(last.changes.begin(), last.changes.end(),
                                [](const FieldChange& c) { return c.field == "callbacks" && c.new_value == "none"; });
    CHECK(recorded);
    CHECK(f.store->check().problems.empty()); // db check stays clean
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
    f.as("a2", [&] { return record_call(f.ctx, {survey, CallOutcome::reached, 2, std::nullopt}); });
    reopen(f.ctx, id, "不满意");
    CHECK(show_callback(f.ctx, survey).callback.status == CallbackStatus::done);
}

TEST_CASE("satisfaction from a call becomes the ticket's, with a history event") {
    Fixture f;
    auto id = f.closed("consultation");
    auto survey = f.of(id)[0].callback.id;
    auto events = show_ticket(f.ctx, id).history.size();
    // Issue 19: the survey is made by someone other than the assignee (a1), here a2.
    auto cb = f.as("a2", [&] { return record_call(f.ctx, {survey, CallOutcome::reached, 5, std::string("很满意")}); });
    CHECK(cb.status == CallbackStatus::done);
    auto detail = show_ticket(f.ctx, id);
    CHECK(detail.ticket.satisfaction == 5);
    CHECK_FALSE(detail.ticket.dissatisfied_at);
    REQUIRE(detail.history.size() == events + 1);
    CHECK(detail.history.back().action == "callback");
    CHECK(detail.history.back().actor == "a2");
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
    f.ctx.actor = "a2"; // issue 19: not the assignee
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

TEST_CASE("seed 004 4.1: the assignee cannot record the survey of their own ticket") {
    Fixture f;
    auto id = f.closed("consultation"); // a1 started it: the assignee
    auto survey = f.of(id)[0].callback.id;
    try {
        record_call(f.ctx, {survey, CallOutcome::reached, 5, std::nullopt});
        FAIL("expected a refusal");
    } catch (const Error& e) {
        CHECK(e.code() == Code::permission);
    }
    CHECK(show_callback(f.ctx, survey).callback.attempts.empty());
    CHECK_FALSE(show_ticket(f.ctx, id).ticket.satisfaction);
    f.as("a2", [&] { return record_call(f.ctx, {survey, CallOutcome::reached, 5, std::nullopt}); });
    CHECK(show_ticket(f.ctx, id).ticket.satisfaction == 5);
}

TEST_CASE("seed 004 4.1: a progress or care callback never writes satisfaction") {
    Fixture f;
    auto id = f.ticket("consultation");
    auto care = schedule_callback(f.ctx, id, f.ctx.now + 1h, CallbackPurpose::care);
    try {
        f.as("a2", [&] { return record_call(f.ctx, {care, CallOutcome::reached, 1, std::nullopt}); });
        FAIL("expected a refusal");
    } catch (const Error& e) {
        CHECK(e.code() == Code::refused);
    }
    CHECK_FALSE(show_ticket(f.ctx, id).ticket.satisfaction);
    CHECK(show_callback(f.ctx, care).callback.status == CallbackStatus::pending);
}

TEST_CASE("seed 000 3.3: a low survey score marks the ticket dissatisfied and schedules the owner's follow-up") {
    Fixture f;
    // boss takes the first contact (owner), a1 handles it.
    auto id = f.as("boss", [&] { return f.ticket("consultation"); });
    start(f.ctx, id);
    resolve(f.ctx, id, "已处理", std::nullopt);
    close(f.ctx, id, std::nullopt);
    auto survey = f.of(id)[0].callback.id;
    f.ctx.now = f.at("2026-11-24T10:05");
    f.as("a2", [&] { return record_call(f.ctx, {survey, CallOutcome::reached, 2, std::string("不满意")}); });
    auto t = show_ticket(f.ctx, id);
    CHECK(t.ticket.dissatisfied_at == f.ctx.now);
    bool marked = std::any_of(t.history.back().changes.begin(), t.history.back().changes.end(),
                              [](const FieldChange& c) { return c.field == "dissatisfied"; });
    CHECK(marked);
    auto followups = f.of(id, {CallbackStatus::pending});
    REQUIRE(followups.size() == 1);
    CHECK(followups[0].callback.purpose == CallbackPurpose::followup);
    CHECK(followups[0].handler == "boss"); // the owner, not the assignee
    CHECK(f.local(followups[0].callback.due_at) == "2026-11-25 10:00");

    TicketFilter dissatisfied;
    dissatisfied.dissatisfied_only = true;
    auto listed = list_tickets(f.ctx, dissatisfied);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].id == id);

    // A score of 3 is not dissatisfied.
    auto fine = f.closed("consultation");
    auto s2 = f.of(fine)[0].callback.id;
    f.as("a2", [&] { return record_call(f.ctx, {s2, CallOutcome::reached, 3, std::nullopt}); });
    CHECK_FALSE(show_ticket(f.ctx, fine).ticket.dissatisfied_at);
    CHECK(list_tickets(f.ctx, dissatisfied).size() == 1);
}

TEST_CASE("seed 000 3.3: a low score at close marks the ticket dissatisfied too") {
    Fixture f;
    auto id = f.ticket("consultation");
    start(f.ctx, id);
    resolve(f.ctx, id, "已处理", std::nullopt);
    close(f.ctx, id, 1);
    CHECK(show_ticket(f.ctx, id).ticket.dissatisfied_at == f.ctx.now);
    auto pending = f.of(id, {CallbackStatus::pending});
    REQUIRE(pending.size() == 2); // the survey and the owner's follow-up
    auto followup = std::find_if(pending.begin(), pending.end(),
                                 [](const CallbackListing& l) { return l.callback.purpose == CallbackPurpose::followup; });
    REQUIRE(followup != pending.end());
    CHECK(followup->callback.handler == "a1");
}

TEST_CASE("seed 000 5.3: progress calls reach a new ticket past its response deadline") {
    Fixture f;
    auto id = f.ticket("complaint"); // product complaint: respond within 2 h
    CHECK(sweep_progress_callbacks(f.ctx) == 0);
    f.ctx.now = f.at("2026-11-23T12:00");
    CHECK(sweep_progress_callbacks(f.ctx) == 1);
    auto calls = f.of(id);
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].callback.purpose == CallbackPurpose::progress);
}

TEST_CASE("seed 000 5.3: an urgent ticket gets a progress call 2 h after the contact, before any deadline") {
    Fixture f;
    IntakeRequest r;
    r.category = "after_sales";
    r.priority = "urgent";
    r.customer = "王女士";
    r.phone = "13812345678";
    r.subject = "设备故障";
    auto id = intake(f.ctx, r);
    start(f.ctx, id); // answered at once: only the early rule can call now
    auto normal = f.ticket("after_sales");
    CHECK(sweep_progress_callbacks(f.ctx) == 1);
    auto calls = f.of(id);
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].callback.purpose == CallbackPurpose::progress);
    CHECK(f.local(calls[0].callback.due_at) == "2026-11-23 11:00");
    CHECK(f.of(normal).empty());
    // Once made, the early call is not repeated; later calls follow the deadline rule.
    f.ctx.now = f.at("2026-11-23T11:05");
    f.as("a2", [&] { return record_call(f.ctx, {calls[0].callback.id, CallOutcome::reached, std::nullopt, std::nullopt}); });
    sweep_progress_callbacks(f.ctx); // (the unanswered normal ticket is now late: it gets one)
    CHECK(f.of(id, {CallbackStatus::pending}).empty());
    CHECK(f.of(normal, {CallbackStatus::pending}).size() == 1);
}

TEST_CASE("seed 001 4.1: start on an unassigned ticket follows the roster rule of assign") {
    Fixture f;
    f.as("boss", [&] { add_staff(f.ctx, {"s3", "王五", "surgery", "agent", ""}); });
    auto id = f.ticket("consultation"); // internal desk
    try {
        f.as("s3", [&] { start(f.ctx, id); });
        FAIL("expected a refusal");
    } catch (const Error& e) {
        CHECK(e.code() == Code::refused);
        CHECK(std::string(e.what()).find("surgery desk") != std::string::npos);
    }
    auto t = show_ticket(f.ctx, id);
    CHECK(t.ticket.status == Status::new_);
    CHECK_FALSE(t.ticket.assignee);
    f.as("s3", [&] { start(f.ctx, id, true); });
    t = show_ticket(f.ctx, id);
    CHECK(t.ticket.assignee == "s3");
    bool forced = std::any_of(t.history.back().changes.begin(), t.history.back().changes.end(),
                              [](const FieldChange& c) { return c.field == "force"; });
    CHECK(forced);
    // An assigned ticket is started by its assignee without the check.
    auto other = f.ticket("consultation");
    f.as("boss", [&] { assign(f.ctx, other, "a1", false, std::nullopt); });
    CHECK_NOTHROW(start(f.ctx, other));
}

TEST_CASE("seed 001 4.1: list --owner finds the first contact's tickets, the owner may act on their closed ticket") {
    Fixture f;
    auto mine = f.as("a2", [&] { return f.ticket("consultation"); });
    f.ticket("consultation"); // a1's
    TicketFilter owner;
    owner.owner = "a2";
    auto listed = list_tickets(f.ctx, owner);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].id == mine);
    start(f.ctx, mine); // a1 handles it
    resolve(f.ctx, mine, "已处理", std::nullopt);
    close(f.ctx, mine, std::nullopt);
    f.as("a2", [&] {
        add_note(f.ctx, mine, "首问负责：已跟进");
        reopen(f.ctx, mine, "客户再次来电");
    });
    CHECK(show_ticket(f.ctx, mine).ticket.status == Status::in_progress);
}
