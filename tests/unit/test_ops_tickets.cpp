#include <svcdesk/error.hpp>
#include <svcdesk/ops/staff.hpp>
#include <svcdesk/ops/tickets.hpp>

#include <doctest/doctest.h>

#include <algorithm>

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

// Seed 000 §五.2: a Friday 17:00 after-sales complaint is due for its first response at 18:00
// (calendar time), and resolved within 2 working days.
TEST_CASE("seed 000 5.2: intake puts each deadline on its own clock") {
    Fixture f;
    f.ctx.now = parse_time("2026-11-27T17:00", f.config.zone, Timestamp{}); // a Friday
    auto t = f.ticket(f.complaint("after_sales"));
    CHECK(t.response_due == parse_time("2026-11-27T18:00", f.config.zone, Timestamp{}));
    CHECK(t.resolve_due == parse_time("2026-12-01T17:00", f.config.zone, Timestamp{}));
}

// Seed 000 §五.2: a breach is a fact; no later command erases it.
TEST_CASE("seed 000 5.2: a missed deadline stays breached through extend, reopen and resolve") {
    Fixture f;
    auto id = f.complaint(); // respond by 11:00, resolve by tomorrow 09:00
    auto due = f.ticket(id).resolve_due;
    assign(f.ctx, id, "a1", false, std::nullopt);
    f.ctx.now += 3h; // the response comes an hour late
    start(f.ctx, id);
    auto started = f.ticket(id);
    CHECK(started.response_breached_at == started.response_due);
    CHECK(show_ticket(f.ctx, id).history.back().changes.front().field == "response_breached_at");
    f.ctx.now = due + 1h; // the resolve deadline passes unmet
    add_note(f.ctx, id, "还在查");
    CHECK(f.ticket(id).resolve_breached_at == due);
    // An extension after the deadline is refused (exit 4), naming it; nothing is written.
    auto events = f.history(id);
    try {
        extend(f.ctx, id, due + 48h, "等财务", f.ctx.now);
        FAIL("extended a breached deadline");
    } catch (const Error& e) {
        CHECK(e.code() == Code::refused);
        CHECK(std::string(e.what()).find("the resolve deadline 2026-11-24 09:00 has passed unmet") !=
              std::string::npos);
    }
    CHECK(f.history(id) == events);
    resolve(f.ctx, id, "重开发票", std::nullopt);
    close(f.ctx, id, 5);
    f.ctx.now += 1h;
    reopen(f.ctx, id, "客户仍未收到");
    f.ctx.now += 1h;
    resolve(f.ctx, id, "再开发票", std::nullopt); // in time for the new deadline
    auto t = f.ticket(id);
    CHECK(t.resolve_due > t.resolved_at.value());
    CHECK(t.resolve_breached_at == due);
    CHECK(resolve_breached(t, f.ctx.now));
    CHECK(response_breached(t, f.ctx.now));
}

TEST_CASE("seed 000 5.2: a breach is recorded by the command that moves past it, also without a note") {
    Fixture f;
    auto id = f.complaint();
    auto due = f.ticket(id).resolve_due;
    assign(f.ctx, id, "a1", false, std::nullopt);
    start(f.ctx, id);
    f.ctx.now = due + 2h;
    resolve(f.ctx, id, "迟了", std::nullopt); // late: the resolve itself records it
    CHECK(f.ticket(id).resolve_breached_at == due);
    reopen(f.ctx, id, "不满意");
    f.ctx.now += 1h;
    resolve(f.ctx, id, "好了", std::nullopt);
    CHECK(resolve_breached(f.ticket(id), f.ctx.now)); // the reopen did not make it "met"
}

// Seed 000 §五.2: tell the customer and explain — after the contact, before the deadline, and at
// most sla.max_extensions times.
TEST_CASE("seed 000 5.2: extend needs a notification after the contact and is limited") {
    Fixture f;
    auto id = f.complaint();
    auto due = f.ticket(id).resolve_due;
    CHECK_THROWS_WITH(extend(f.ctx, id, due + 24h, "等财务", f.ctx.now - 1h),
                      "--notified-at 2026-11-23 08:00 is before the customer's contact at 2026-11-23 "
                      "09:00: give the time the customer was told");
    extend(f.ctx, id, due + 24h, "等财务", f.ctx.now);
    CHECK(f.ticket(id).resolve_due == due + 24h);
    try {
        extend(f.ctx, id, due + 48h, "再等等", f.ctx.now);
        FAIL("extended twice");
    } catch (const Error& e) {
        CHECK(e.code() == Code::refused);
        CHECK(std::string(e.what()) == "ticket 1: extended 1 time(s) already, the most sla.max_extensions allows");
    }
    f.config.sla.max_extensions = 2;
    extend(f.ctx, id, due + 48h, "再等等", f.ctx.now);
    CHECK(f.ticket(id).resolve_due == due + 48h);
}

// Seed 000 §五.2: waiting on the customer pauses the clock; a paused ticket is not breached in
// show or list, and resume gives back the time that was left.
TEST_CASE("seed 000 5.2: a ticket waiting since before its deadline is not breached anywhere") {
    Fixture f;
    auto id = f.complaint();
    auto due = f.ticket(id).resolve_due;
    assign(f.ctx, id, "a1", false, std::nullopt);
    start(f.ctx, id);
    f.ctx.now += 1h;
    wait(f.ctx, id, "等客户提供单据");
    f.ctx.now = due + 30h;
    CHECK_FALSE(breached(f.ticket(id), f.ctx.now));
    TicketFilter overdue;
    overdue.overdue_only = true;
    CHECK(list_tickets(f.ctx, overdue).empty());
    resume(f.ctx, id);
    auto t = f.ticket(id);
    CHECK_FALSE(t.resolve_breached_at.has_value());
    CHECK(t.resolve_due == f.ctx.now + (due - (parse_time("2026-11-23T10:00", f.config.zone, Timestamp{}))));
    CHECK_FALSE(breached(t, f.ctx.now));
}

// `list --overdue` lists exactly the open tickets that show and list flag as breached.
TEST_CASE("seed 000 5.2: list --overdue agrees with the breach flag") {
    Fixture f;
    auto late_answer = f.complaint();
    auto paused = f.complaint();
    auto unanswered = f.complaint();
    auto fine = f.complaint();
    for (auto id : {late_answer, paused, fine}) assign(f.ctx, id, "a1", false, std::nullopt);
    start(f.ctx, paused);
    start(f.ctx, fine);
    wait(f.ctx, paused, "等客户");
    auto agree = [&](std::vector<TicketId> expected) {
        TicketFilter all, overdue;
        overdue.overdue_only = true;
        std::vector<TicketId> flagged, listed;
        for (const auto& t : list_tickets(f.ctx, all)) {
            if (is_open(t.status) && breached(t, f.ctx.now)) flagged.push_back(t.id);
        }
        for (const auto& t : list_tickets(f.ctx, overdue)) listed.push_back(t.id);
        std::sort(flagged.begin(), flagged.end());
        std::sort(listed.begin(), listed.end());
        CHECK(flagged == expected);
        CHECK(listed == expected);
    };
    agree({});
    f.ctx.now += 3h; // past the response deadlines
    start(f.ctx, late_answer);
    agree({late_answer, unanswered}); // answered late is breached, and listed as overdue
    f.ctx.now += 22h; // past the resolve deadlines
    agree({late_answer, unanswered, fine});
    resume(f.ctx, paused);
    agree({late_answer, unanswered, fine});
}

// Seeds 000/002: a reopened ticket is investigated again: a new resolve deadline from the reopen,
// and the old score and resolution go into history, so a re-close reports no stale score.
TEST_CASE("seed 000 5.2: reopen sets a new resolve deadline and moves score and resolution into history") {
    Fixture f;
    auto id = f.complaint();
    assign(f.ctx, id, "a1", false, std::nullopt);
    start(f.ctx, id);
    f.ctx.now += 2h;
    resolve(f.ctx, id, "重开发票", std::nullopt);
    close(f.ctx, id, 5);
    f.ctx.now += 48h; // long after the first deadline
    reopen(f.ctx, id, "客户仍未收到");
    auto t = f.ticket(id);
    CHECK(t.resolve_due == f.ctx.now + 24h); // the category's resolve target, from the reopen
    CHECK_FALSE(t.satisfaction.has_value());
    CHECK_FALSE(t.resolution.has_value());
    CHECK_FALSE(breached(t, f.ctx.now)); // met the first time: the re-investigation has its time
    auto event = show_ticket(f.ctx, id).history.back();
    CHECK(event.action == "reopen");
    auto changed = [&](const std::string& field) {
        return std::find_if(event.changes.begin(), event.changes.end(),
                            [&](const FieldChange& c) { return c.field == field; });
    };
    REQUIRE(changed("satisfaction") != event.changes.end());
    CHECK(changed("satisfaction")->old_value == "5");
    CHECK_FALSE(changed("satisfaction")->new_value.has_value());
    REQUIRE(changed("resolution") != event.changes.end());
    CHECK(changed("resolution")->old_value == "重开发票");
    resolve(f.ctx, id, "再开发票", std::nullopt);
    close(f.ctx, id, std::nullopt);
    CHECK_FALSE(f.ticket(id).satisfaction.has_value()); // no stale 5

    // sla.reopen_resolve, on the rule's resolve clock.
    f.config.sla.reopen_resolve = SlaReopenSpan{{4h, false}, {4h, false}};
    reopen(f.ctx, id, "还是不行");
    CHECK(f.ticket(id).resolve_due == f.ctx.now + 4h);
}

// `intake --at` is the customer's contact: never in the future (import refuses it too).
TEST_CASE("seed 000 5.2: intake refuses a contact time in the future") {
    Fixture f;
    auto r = Fixture::request("consultation", "挂号");
    r.at = f.ctx.now + 1min;
    try {
        intake(f.ctx, r);
        FAIL("future contact accepted");
    } catch (const Error& e) {
        CHECK(e.code() == Code::invalid);
        CHECK(std::string(e.what()) == "--at: contact time 2026-11-23 09:01 is in the future (the clock "
                                       "says 2026-11-23 09:00): give when the customer made contact");
    }
    CHECK(f.store->tickets().count() == 0);
}
