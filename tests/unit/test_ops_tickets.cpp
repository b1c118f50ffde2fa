#include <svcdesk/error.hpp>
#include <svcdesk/ops/staff.hpp>
#include <svcdesk/ops/tickets.hpp>

#include <doctest/doctest.h>

using namespace svcdesk;
using namespace std::chrono_literals;

namespace {

// An in-memory centre with a supervisor, two agents and a deactivated agent.
struct Fixture {
    Config config = load_config_text("", "test.toml");
    std::unique_ptr<Store> store = open_store({":memory:"});
    Context ctx{config, *store, parse_time("2026-11-23T09:00", config.zone, Timestamp{}), std::string("boss")};

    Fixture() {
        add_staff(ctx, {"boss", "杨昕", "internal", "supervisor,agent", ""});
        add_staff(ctx, {"a1", "张三", "internal", "agent", ""});
        add_staff(ctx, {"a2", "李四", "internal", "agent", ""});
        add_staff(ctx, {"gone", "赵六", "internal", "agent", ""});
        deactivate_staff(ctx, "gone");
    }

    TicketId complaint(std::string klass = "product") {
        IntakeRequest r;
        r.category = "complaint";
        r.complaint_class = klass;
        r.customer = "王女士";
        r.phone = "13812345678";
        r.subject = "发票抬头错误";
        return intake(ctx, r);
    }

    // A request of the shipped site's category `category`, from 王女士.
    static IntakeRequest request(std::string category, std::string subject) {
        IntakeRequest r;
        r.category = std::move(category);
        r.customer = "王女士";
        r.subject = std::move(subject);
        return r;
    }

    size_t history(TicketId id) { return show_ticket(ctx, id).ticket.id ? show_ticket(ctx, id).history.size() : 0; }
    Ticket ticket(TicketId id) { return show_ticket(ctx, id).ticket; }
};

} // namespace

TEST_CASE("intake computes deadlines and records owner and history") {
    Fixture f;
    auto id = f.complaint();
    auto t = f.ticket(id);
    CHECK(t.status == Status::new_);
    CHECK(t.owner == "boss");
    CHECK(t.desk == "internal"); // the actor's desk
    CHECK(t.response_due == f.ctx.now + 2h);
    CHECK(t.resolve_due == f.ctx.now + 24h);
    CHECK(f.history(id) == 1);
}

TEST_CASE("the whole lifecycle with a pause, a reopen and an extension") {
    Fixture f;
    auto id = f.complaint();
    assign(f.ctx, id, "a1", false, std::nullopt);
    f.ctx.now += 30min;
    start(f.ctx, id);
    CHECK(f.ticket(id).first_response_at == f.ctx.now);
    f.ctx.now += 1h;
    wait(f.ctx, id, "等客户提供单据");
    f.ctx.now += 5h;
    resume(f.ctx, id);
    CHECK(f.ticket(id).resolve_due == parse_time("2026-11-24T14:00", f.config.zone, Timestamp{}));
    resolve(f.ctx, id, "重开发票", RootCause::staff);
    close(f.ctx, id, 4);
    auto closed = f.ticket(id);
    CHECK(closed.status == Status::closed);
    CHECK(closed.satisfaction == 4);
    CHECK_FALSE(breached(closed, f.ctx.now + 1000h));
    reopen(f.ctx, id, "客户仍未收到");
    CHECK(f.ticket(id).status == Status::in_progress);
    CHECK_FALSE(f.ticket(id).closed_at.has_value());
    extend(f.ctx, id, f.ctx.now + 48h, "等财务", f.ctx.now);
    CHECK(f.ticket(id).resolve_due == f.ctx.now + 48h);
    cancel(f.ctx, id, "客户撤回");
    CHECK(f.history(id) == 10); // intake, assign, start, wait, resume, resolve, close, reopen, extend, cancel
}

// Seed 000 §五.2: the SLA runs from the customer's contact; the record keeps the clock's time.
TEST_CASE("intake --at is the contact time: deadlines run from it, created_at is the clock") {
    Fixture f;
    auto r = Fixture::request("complaint", "发票抬头错误");
    r.complaint_class = "product";
    r.at = f.ctx.now - 2h;
    auto t = f.ticket(intake(f.ctx, r));
    CHECK(t.created_at == f.ctx.now);
    CHECK(t.contact_at == f.ctx.now - 2h);
    CHECK(t.response_due == t.contact_at + 2h);
    CHECK(t.resolve_due == t.contact_at + 24h);
    auto intake_event = show_ticket(f.ctx, t.id).history.front();
    CHECK(intake_event.at == f.ctx.now);
    CHECK(intake_event.changes.back().field == "contact_at");
    CHECK(intake_event.changes.back().new_value == "2026-11-23T07:00:00+08:00");

    r.at.reset();
    auto plain = f.ticket(intake(f.ctx, r));
    CHECK(plain.contact_at == plain.created_at);

    r.at = f.ctx.now - 25h;
    CHECK_THROWS_WITH(intake(f.ctx, r),
                      "--at: contact time 2026-11-22 08:00 is 1d1h ago, more than the 24 h "
                      "allowed (sla.max_backdate_hours); an older contact is history: bring it "
                      "in with `svcdesk import`");
    r.at = f.ctx.now + 1h;
    CHECK_THROWS_AS(intake(f.ctx, r), Error);
    CHECK(f.store->tickets().count() == 2);
}

// Seed 004 §4-5: no ID numbers in the free text of a ticket.
TEST_CASE("ID numbers in a ticket's free text are refused naming the field, or masked") {
    Fixture f;
    auto r = Fixture::request("consultation", "补办 11010519491231002X 的就诊卡");
    r.phone = "13812345678";
    CHECK_THROWS_WITH(intake(f.ctx, r),
                      "subject contains what looks like an ID number: leave it out (deposits "
                      "keep only its last 4 digits, seed 004 data minimisation), or set "
                      "privacy.id_in_text = \"mask\"");
    r.subject = "补办就诊卡, 回电 13812345678";
    r.description = "证件 110101199003074514";
    CHECK_THROWS_WITH(intake(f.ctx, r), doctest::Contains("description contains"));
    r.description = "编号 12345, 电话 13812345678";
    auto id = intake(f.ctx, r);
    CHECK_THROWS_WITH(add_note(f.ctx, id, "核对 11010519491231002X"),
                      doctest::Contains("note contains"));
    CHECK_THROWS_WITH(resolve(f.ctx, id, "已核对 110101199003074514", std::nullopt),
                      doctest::Contains("resolution contains"));
    CHECK_THROWS_WITH(cancel(f.ctx, id, "110101199003074514"),
                      doctest::Contains("reason contains"));
    CHECK(f.history(id) == 1);

    f.config.privacy.id_in_text = IdInText::mask;
    add_note(f.ctx, id, "核对 11010519491231002X");
    CHECK(show_ticket(f.ctx, id).history.back().reason == "核对 **************002X");
}

TEST_CASE("refusals leave ticket and history untouched") {
    Fixture f;
    auto id = f.complaint();
    auto before = f.ticket(id);
    CHECK_THROWS_WITH(close(f.ctx, id, std::nullopt), "ticket 1: cannot close a ticket that is new");
    CHECK_THROWS_WITH(assign(f.ctx, id, "gone", false, std::nullopt),
                      "staff member gone is deactivated and cannot be assigned");
    CHECK_THROWS_WITH(assign(f.ctx, id, "nobody", false, std::nullopt), "no staff member 'nobody'");
    CHECK_THROWS_WITH(close(f.ctx, id, 6), "satisfaction must be between 1 and 5, not 6");
    CHECK_THROWS_WITH(extend(f.ctx, id, f.ctx.now + 1h, "x", f.ctx.now),
                      "ticket 1: --to 2026-11-23 10:00 is not after the current resolve deadline 2026-11-24 09:00");
    CHECK_THROWS_WITH(extend(f.ctx, id, f.ctx.now + 48h, "x", f.ctx.now + 1h),
                      "--notified-at 2026-11-23 10:00 is in the future: give the time the customer was told");
    CHECK_THROWS_WITH(show_ticket(f.ctx, 99), "no ticket 99");
    CHECK(f.ticket(id).updated_at == before.updated_at);
    CHECK(f.history(id) == 1);
}

TEST_CASE("who may act") {
    Fixture f;
    auto id = f.complaint();
    f.ctx.actor.reset();
    CHECK_THROWS_WITH(start(f.ctx, id), "this command needs to know who you are: say it with --as STAFF or SVCDESK_USER");
    f.ctx.actor = "gone";
    CHECK_THROWS_WITH(start(f.ctx, id), "staff member gone is deactivated and may not act");
    f.ctx.actor = "ghost";
    CHECK_THROWS_AS(start(f.ctx, id), Error);

    // A closed ticket belongs to its handlers; anyone else needs a supervisor to reopen it.
    f.ctx.actor = "a1";
    assign(f.ctx, id, "a1", false, std::nullopt);
    start(f.ctx, id);
    resolve(f.ctx, id, "done", std::nullopt);
    close(f.ctx, id, std::nullopt);
    f.ctx.actor = "a2";
    try {
        reopen(f.ctx, id, "not mine");
        FAIL("reopened");
    } catch (const Error& e) {
        CHECK(e.code() == Code::permission);
    }
    f.ctx.actor = "boss";
    reopen(f.ctx, id, "supervisor may");
    CHECK(f.ticket(id).status == Status::in_progress);
}

TEST_CASE("input validation") {
    Fixture f;
    IntakeRequest r;
    r.category = "complaint";
    r.customer = "王女士";
    r.subject = "x";
    r.complaint_class = "weather";
    CHECK_THROWS_WITH(intake(f.ctx, r), "unknown class 'weather' for category 'complaint' (one of: product, "
                                        "after_sales, communication, order, other)");
    r.complaint_class.reset();
    r.subject = "   ";
    CHECK_THROWS_WITH(intake(f.ctx, r), "subject must not be empty");
    r.subject = std::string(201, 'x');
    CHECK_THROWS_WITH(intake(f.ctx, r), "subject is too long (201 characters; at most 200)");
    r.subject = "bad\x1b[31m";
    CHECK_THROWS_WITH(intake(f.ctx, r), "subject contains a control character (U+001B)");
    r.subject = "ok";
    r.phone = "call me";
    CHECK_THROWS_AS(intake(f.ctx, r), Error);
    r.phone.reset();
    r.external_ref = "CALL-1";
    intake(f.ctx, r);
    CHECK_THROWS_WITH(intake(f.ctx, r), "a ticket with external ref 'CALL-1' exists already");
    CHECK(f.store->tickets().count() == 1);
}
