// Callback policy rules (SPEC §2) with fixed clocks, on the reference calendar of 2026:
// Mon-Fri working, the National Day week 2026-10-01..07 off, Saturday 2026-10-10 worked.
#include <svcdesk/config/config.hpp>
#include <svcdesk/domain/callback.hpp>
#include <svcdesk/error.hpp>

#include <doctest/doctest.h>

using namespace svcdesk;

namespace {

const Config& config() {
    static const Config c = load_config_text("", "<test>");
    return c;
}
Zone zone() { return config().zone; }
const WorkCalendar& cal() { return config().calendar; }
CallbackPolicy policy() { return config().callbacks; }

Timestamp at(const char* text) { return parse_time(text, zone(), Timestamp{}); }
std::string local(Timestamp t) { return format_local(t, zone()); }

Ticket overdue_ticket(std::string category, std::string flags) {
    Ticket t;
    t.id = 7;
    t.category = std::move(category);
    t.flags = std::move(flags);
    t.status = Status::in_progress;
    t.created_at = at("2026-11-23T09:00");
    t.resolve_due = at("2026-11-24T09:00");
    t.response_due = at("2026-11-23T11:00");
    t.first_response_at = at("2026-11-23T09:30");
    return t;
}

Callback pending_callback() {
    Callback cb;
    cb.id = 3;
    cb.ticket = 7;
    cb.due_at = at("2026-11-24T10:00");
    return cb;
}

} // namespace

TEST_CASE("the reference policy loads from the shipped config") {
    auto p = policy();
    CHECK(p.survey_time == minutes(10 * 60));
    CHECK(p.followup_days == 3);
    CHECK(p.max_attempts == 3);
    CHECK(p.retry_interval == minutes(120));
    CHECK(p.calling.open == minutes(9 * 60));
    CHECK(p.calling.close == minutes(20 * 60));
    CHECK(p.calling.working_days_only);
    CHECK(p.progress_by_flag.at("vip") == minutes(240));
}

TEST_CASE("survey: next working day at the configured time") {
    // Monday → Tuesday.
    CHECK(local(survey_due(at("2026-11-23T15:00"), policy(), cal(), zone())) == "2026-11-24 10:00");
    // Closed late on Monday evening: still Tuesday.
    CHECK(local(survey_due(at("2026-11-23T23:30"), policy(), cal(), zone())) == "2026-11-24 10:00");
    // Friday → across the weekend to Monday.
    CHECK(local(survey_due(at("2026-11-27T16:00"), policy(), cal(), zone())) == "2026-11-30 10:00");
    // Closed on a Saturday → Monday.
    CHECK(local(survey_due(at("2026-11-28T11:00"), policy(), cal(), zone())) == "2026-11-30 10:00");
    // Wednesday 2026-09-30 → across the National Day holiday week to Thursday 10-08.
    CHECK(local(survey_due(at("2026-09-30T12:00"), policy(), cal(), zone())) == "2026-10-08 10:00");
    // Friday 2026-10-09 → Saturday 10-10, a make-up working day.
    CHECK(local(survey_due(at("2026-10-09T12:00"), policy(), cal(), zone())) == "2026-10-10 10:00");
}

TEST_CASE("calling window: a due time outside calling hours moves to the next window") {
    auto p = policy();
    // Inside the window: unchanged.
    CHECK(local(calling_window_start(at("2026-11-24T15:00"), p, cal(), zone())) == "2026-11-24 15:00");
    // Before opening: the same day's opening.
    CHECK(local(calling_window_start(at("2026-11-24T07:00"), p, cal(), zone())) == "2026-11-24 09:00");
    // At closing time (the end is outside) and after: the next working day.
    CHECK(local(calling_window_start(at("2026-11-24T20:00"), p, cal(), zone())) == "2026-11-25 09:00");
    CHECK(local(calling_window_start(at("2026-11-27T21:30"), p, cal(), zone())) == "2026-11-30 09:00");
    // A holiday is skipped.
    CHECK(local(calling_window_start(at("2026-10-01T10:00"), p, cal(), zone())) == "2026-10-08 09:00");
    // With calling_days = "all" weekends count.
    p.calling.working_days_only = false;
    CHECK(local(calling_window_start(at("2026-11-28T10:00"), p, cal(), zone())) == "2026-11-28 10:00");
    CHECK(local(calling_window_start(at("2026-11-27T21:30"), p, cal(), zone())) == "2026-11-28 09:00");
}

TEST_CASE("follow-up: complaints only, N calendar days after close, inside calling hours") {
    Ticket complaint = overdue_ticket("complaint", "");
    Ticket consultation = overdue_ticket("consultation", "");
    CHECK(gets_followup(complaint, policy()));
    CHECK_FALSE(gets_followup(consultation, policy()));
    // Monday 15:00 + 3 days = Thursday 15:00.
    CHECK(local(followup_due(at("2026-11-23T15:00"), policy(), cal(), zone())) == "2026-11-26 15:00");
    // Thursday + 3 days is a Sunday: Monday's window opens.
    CHECK(local(followup_due(at("2026-11-26T15:00"), policy(), cal(), zone())) == "2026-11-30 09:00");
    auto p = policy();
    p.followup_days = 1;
    CHECK(local(followup_due(at("2026-11-23T15:00"), p, cal(), zone())) == "2026-11-24 15:00");
}

TEST_CASE("progress: in progress or waiting past the resolve target") {
    auto t = overdue_ticket("consultation", "");
    CHECK_FALSE(needs_progress_calls(t, at("2026-11-24T08:00")));
    CHECK(needs_progress_calls(t, at("2026-11-24T10:00")));
    t.status = Status::waiting;
    t.wait_started_at = at("2026-11-24T09:30"); // began waiting after the target: still late
    CHECK(needs_progress_calls(t, at("2026-11-25T10:00")));
    t.wait_started_at = at("2026-11-23T12:00"); // waiting since before the target: paused in time
    CHECK_FALSE(needs_progress_calls(t, at("2026-11-25T10:00")));
    t.status = Status::resolved;
    t.resolved_at = at("2026-11-25T09:00");
    CHECK_FALSE(needs_progress_calls(t, at("2026-11-25T10:00")));
}

TEST_CASE("progress: interval per category, shorter for flagged customers") {
    CHECK(progress_interval(overdue_ticket("consultation", ""), policy()) == minutes(24 * 60));
    CHECK(progress_interval(overdue_ticket("complaint", ""), policy()) == minutes(8 * 60));
    CHECK(progress_interval(overdue_ticket("complaint", "vip"), policy()) == minutes(4 * 60));
    CHECK(progress_interval(overdue_ticket("consultation", "elderly,foreign"), policy()) == minutes(6 * 60));
    CHECK(progress_interval(overdue_ticket("consultation", "vip,elderly"), policy()) == minutes(4 * 60));
    // A flag whose interval is longer than the category's does not lengthen it.
    auto p = policy();
    p.progress_by_flag["foreign"] = minutes(48 * 60);
    CHECK(progress_interval(overdue_ticket("complaint", "foreign"), p) == minutes(8 * 60));
}

TEST_CASE("progress: first at the resolve target, then one interval after the previous call") {
    auto t = overdue_ticket("complaint", ""); // resolve target Tue 09:00, interval 8h
    CHECK(local(next_progress_due(t, std::nullopt, policy(), cal(), zone())) == "2026-11-24 09:00");
    CHECK(local(next_progress_due(t, at("2026-11-24T09:20"), policy(), cal(), zone())) == "2026-11-24 17:20");
    // 8h after 14:00 is 22:00, outside calling hours: Wednesday 09:00.
    CHECK(local(next_progress_due(t, at("2026-11-24T14:00"), policy(), cal(), zone())) == "2026-11-25 09:00");
    t.flags = "vip"; // 4h
    CHECK(local(next_progress_due(t, at("2026-11-24T09:20"), policy(), cal(), zone())) == "2026-11-24 13:20");
}

TEST_CASE("calls: reached ends the callback and keeps the satisfaction") {
    auto cb = pending_callback();
    record_attempt(cb, {at("2026-11-24T10:05"), "a1", CallOutcome::reached, "fine"}, 4, policy(), cal(), zone());
    CHECK(cb.status == CallbackStatus::done);
    CHECK(cb.satisfaction == 4);
    CHECK(cb.finished_at == at("2026-11-24T10:05"));
    REQUIRE(cb.attempts.size() == 1);
    CHECK(cb.attempts[0].caller == "a1");
}

TEST_CASE("calls: no_answer retries after the interval, unreachable after the last attempt") {
    auto cb = pending_callback();
    record_attempt(cb, {at("2026-11-24T10:00"), "a1", CallOutcome::no_answer, {}}, {}, policy(), cal(), zone());
    CHECK(cb.status == CallbackStatus::pending);
    CHECK(local(cb.due_at) == "2026-11-24 12:00");
    // 19:00 + 2h is past calling hours: the retry moves to the next morning.
    record_attempt(cb, {at("2026-11-24T19:00"), "a1", CallOutcome::no_answer, {}}, {}, policy(), cal(), zone());
    CHECK(cb.status == CallbackStatus::pending);
    CHECK(local(cb.due_at) == "2026-11-25 09:00");
    CHECK_FALSE(cb.finished_at);
    record_attempt(cb, {at("2026-11-25T09:10"), "a2", CallOutcome::no_answer, {}}, {}, policy(), cal(), zone());
    CHECK(cb.status == CallbackStatus::unreachable);
    CHECK(cb.finished_at == at("2026-11-25T09:10"));
    CHECK(cb.attempts.size() == 3);
    // Once unreachable, no more calls are recorded.
    CHECK_THROWS_WITH(
        record_attempt(cb, {at("2026-11-25T10:00"), "a2", CallOutcome::reached, {}}, {}, policy(), cal(), zone()),
        "callback 3 is unreachable: only a pending callback can be called");
}

TEST_CASE("calls: max_attempts is configurable") {
    auto p = policy();
    p.max_attempts = 1;
    auto cb = pending_callback();
    record_attempt(cb, {at("2026-11-24T10:00"), "a1", CallOutcome::no_answer, {}}, {}, p, cal(), zone());
    CHECK(cb.status == CallbackStatus::unreachable);
}

TEST_CASE("calls: a wrong number makes the callback unreachable at once") {
    auto cb = pending_callback();
    record_attempt(cb, {at("2026-11-24T10:00"), "a1", CallOutcome::wrong_number, {}}, {}, policy(), cal(), zone());
    CHECK(cb.status == CallbackStatus::unreachable);
}

TEST_CASE("calls: satisfaction must be 1-5 and needs a reached call") {
    auto cb = pending_callback();
    CHECK_THROWS_WITH(
        record_attempt(cb, {at("2026-11-24T10:00"), "a1", CallOutcome::reached, {}}, 6, policy(), cal(), zone()),
        "satisfaction must be between 1 and 5, not 6");
    CHECK_THROWS_WITH(
        record_attempt(cb, {at("2026-11-24T10:00"), "a1", CallOutcome::no_answer, {}}, 3, policy(), cal(), zone()),
        "satisfaction needs a call that reached the customer, not no_answer");
    CHECK(cb.attempts.empty());
    CHECK(cb.status == CallbackStatus::pending);
}

TEST_CASE("cancel: only a pending callback") {
    auto cb = pending_callback();
    cancel_callback(cb, "customer asked not to be called", at("2026-11-24T08:00"));
    CHECK(cb.status == CallbackStatus::cancelled);
    CHECK(cb.cancel_reason == "customer asked not to be called");
    try {
        cancel_callback(cb, "again", at("2026-11-24T08:00"));
        FAIL("expected a refusal");
    } catch (const Error& e) {
        CHECK(e.code() == Code::refused);
    }
}

TEST_CASE("parsing of purposes, outcomes and ids") {
    CHECK(parse_purpose("care") == CallbackPurpose::care);
    CHECK(parse_outcome("no_answer") == CallOutcome::no_answer);
    CHECK_THROWS_WITH(parse_outcome("busy"), "unknown outcome 'busy' (one of: reached, no_answer, wrong_number)");
    CHECK(parse_callback_id("C12") == 12);
    CHECK(parse_callback_id("12") == 12);
    CHECK_THROWS(parse_callback_id("C"));
    CHECK_THROWS(parse_callback_id("-3"));
}

TEST_CASE("config: [callbacks] is validated with the file and key") {
    CHECK_THROWS_WITH(load_config_text("[callbacks]\nsurvey_time = \"21:00\"\n", "site.toml"),
                      doctest::Contains("survey_time: must lie inside calling_hours"));
    CHECK_THROWS_WITH(load_config_text("[callbacks.progress_interval]\ncomplain = \"8h\"\n", "site.toml"),
                      doctest::Contains("no category 'complain'"));
    CHECK_THROWS_WITH(load_config_text("[callbacks.flagged_interval]\nvvip = \"1h\"\n", "site.toml"),
                      doctest::Contains("unknown customer flag 'vvip'"));
    CHECK_THROWS_WITH(load_config_text("[callbacks]\nretry_interval = \"5m\"\n", "site.toml"),
                      doctest::Contains("must be at least 15m"));
    CHECK_THROWS_WITH(load_config_text("[callbacks]\nmax_attempts = 0\n", "site.toml"),
                      doctest::Contains("must be between 1 and 20"));
    auto c = load_config_text("[callbacks]\nsurvey_time = \"14:30\"\ncalling_days = \"all\"\n", "site.toml");
    CHECK(c.callbacks.survey_time == minutes(14 * 60 + 30));
    CHECK_FALSE(c.callbacks.calling.working_days_only);
}

TEST_CASE("callback due: by default the list runs to the last second of today, site time") {
    CHECK(format_iso(due_horizon(at("2026-11-23T09:00"), zone()), zone()) == "2026-11-23T23:59:59+08:00");
    CHECK(format_iso(due_horizon(at("2026-11-23T23:59:59"), zone()), zone()) == "2026-11-23T23:59:59+08:00");
    CHECK(format_iso(due_horizon(at("2026-11-24T00:00"), zone()), zone()) == "2026-11-24T23:59:59+08:00");
}

// ---- issue 19: satisfaction and callbacks without loopholes

TEST_CASE("seed 004 4.1: only a survey records satisfaction, another purpose is refused") {
    for (auto purpose : {CallbackPurpose::progress, CallbackPurpose::followup, CallbackPurpose::care}) {
        auto cb = pending_callback();
        cb.purpose = purpose;
        try {
            record_attempt(cb, {at("2026-11-24T10:00"), "a2", CallOutcome::reached, {}}, 5, policy(), cal(), zone());
            FAIL("expected a refusal");
        } catch (const Error& e) {
            CHECK(e.code() == Code::refused);
            CHECK(std::string(e.what()).find("only a satisfaction survey") != std::string::npos);
        }
        CHECK(cb.attempts.empty());
        CHECK_FALSE(cb.satisfaction);
        // Without a score the call is recorded as usual.
        record_attempt(cb, {at("2026-11-24T10:00"), "a2", CallOutcome::reached, {}}, {}, policy(), cal(), zone());
        CHECK(cb.status == CallbackStatus::done);
    }
}

TEST_CASE("seed 004 4.1: the assignee may not survey their own ticket unless the config allows it") {
    auto cb = pending_callback(); // a survey
    CHECK(policy().survey_by_assignee == false);
    try {
        check_surveyor(cb, "a1", std::string("a1"), policy());
        FAIL("expected a refusal");
    } catch (const Error& e) {
        CHECK(e.code() == Code::permission);
    }
    CHECK_NOTHROW(check_surveyor(cb, "a2", std::string("a1"), policy()));
    CHECK_NOTHROW(check_surveyor(cb, "a1", std::nullopt, policy()));
    auto p = policy();
    p.survey_by_assignee = true;
    CHECK_NOTHROW(check_surveyor(cb, "a1", std::string("a1"), p));
    cb.purpose = CallbackPurpose::progress; // the handler's own progress call is theirs to make
    CHECK_NOTHROW(check_surveyor(cb, "a1", std::string("a1"), policy()));
}

TEST_CASE("seed 000 3.3: a score at or below dissatisfied_at is dissatisfied") {
    CHECK(policy().dissatisfied_at == 2);
    CHECK(is_dissatisfied(1, policy()));
    CHECK(is_dissatisfied(2, policy()));
    CHECK_FALSE(is_dissatisfied(3, policy()));
    auto p = policy();
    p.dissatisfied_at = 3;
    CHECK(is_dissatisfied(3, p));
}

TEST_CASE("seed 004 4.1: drop reasons come from the configured list, alone or with details") {
    auto p = policy();
    p.drop_reasons = {"customer declined", "duplicate ticket"};
    CHECK(is_drop_reason("customer declined", p));
    CHECK(is_drop_reason("customer declined: asked twice", p));
    CHECK_FALSE(is_drop_reason("customer declinedx", p));
    CHECK_FALSE(is_drop_reason("too busy", p));
    CHECK_FALSE(is_drop_reason("", p));
    CHECK(policy().drop_reasons.size() >= 1); // the shipped config names some
}

TEST_CASE("seed 000 5.3: progress calls reach new and assigned tickets past a deadline") {
    auto t = overdue_ticket("consultation", "");
    t.status = Status::new_;
    t.first_response_at.reset(); // response due Mon 11:00
    CHECK_FALSE(needs_progress_calls(t, at("2026-11-23T10:00")));
    CHECK(needs_progress_calls(t, at("2026-11-23T12:00")));
    CHECK(local(next_progress_due(t, std::nullopt, policy(), cal(), zone())) == "2026-11-23 11:00");
    t.status = Status::assigned;
    CHECK(needs_progress_calls(t, at("2026-11-24T10:00")));
}

TEST_CASE("seed 000 5.3: early progress rules match priorities, categories and flags, soonest wins") {
    auto t = overdue_ticket("consultation", "");
    t.status = Status::new_;
    t.priority = Priority::urgent;
    const auto shipped_policy = policy(); // the rule found points into it
    const auto* shipped = early_progress_rule(t, shipped_policy);
    REQUIRE(shipped);
    CHECK(shipped->after == minutes(120));
    t.priority = Priority::normal;
    CHECK_FALSE(early_progress_rule(t, shipped_policy));

    auto p = policy();
    p.early_progress.push_back({"vip", minutes(60), {}, {}, {"vip"}});
    p.early_progress.push_back({"complaints", minutes(240), {}, {"complaint"}, {}});
    t.flags = "elderly,vip";
    REQUIRE(early_progress_rule(t, p));
    CHECK(early_progress_rule(t, p)->name == "vip");
    t.flags = "";
    t.category = "complaint";
    CHECK(early_progress_rule(t, p)->name == "complaints");
    t.priority = Priority::urgent; // urgent complaint: the 2 h rule is sooner
    CHECK(early_progress_rule(t, p)->name == "severe");
    t.status = Status::resolved;
    CHECK_FALSE(early_progress_rule(t, p));
}

TEST_CASE("config: the issue 19 keys of [callbacks] are validated") {
    CHECK_THROWS_WITH(load_config_text("[callbacks]\ndissatisfied_at = 5\n", "site.toml"),
                      doctest::Contains("must be between 1 and 4"));
    CHECK_THROWS_WITH(load_config_text("[callbacks.early_progress.x]\nafter = \"2h\"\npriorities = [\"asap\"]\n",
                                       "site.toml"),
                      doctest::Contains("unknown priority"));
    CHECK_THROWS_WITH(load_config_text("[callbacks.early_progress.x]\npriorities = [\"high\"]\n", "site.toml"),
                      doctest::Contains("after"));
    CHECK_THROWS_WITH(load_config_text("[callbacks]\ndrop_reasons = [\"a:b\"]\n", "site.toml"),
                      doctest::Contains("without ':'"));
    auto c = load_config_text("[callbacks]\nsurvey_by_assignee = true\ndissatisfied_at = 3\n"
                              "[callbacks.early_progress.elderly]\nafter = \"4h\"\nflags = [\"elderly\"]\n",
                              "site.toml");
    CHECK(c.callbacks.survey_by_assignee);
    CHECK(c.callbacks.dissatisfied_at == 3);
    CHECK(c.callbacks.early_progress.size() == 2); // the shipped rule and the site's
}
