#include <svcdesk/domain/customer.hpp>
#include <svcdesk/domain/phone.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/callbacks.hpp>
#include <svcdesk/ops/permissions.hpp>
#include <svcdesk/ops/privacy.hpp>
#include <svcdesk/ops/roster.hpp>
#include <svcdesk/ops/ticket_change.hpp>
#include <svcdesk/ops/tickets.hpp>
#include <svcdesk/text.hpp>

#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace svcdesk {

using ticket_detail::check_closed_ticket_access;
using ticket_detail::checked_reason;
using ticket_detail::load;
using ticket_detail::Recorder;
using ticket_detail::target_of;
using ticket_detail::transition;

namespace {

// One lifecycle command in one transaction: checks the actor, loads the ticket, moves it to the
// status `action` allows (exit 4 otherwise) after `apply` recorded the command's own changes, and
// writes ticket and history event together.
template <typename Apply>
void run_transition(Context& ctx, TicketId id, Action action, Apply&& apply) {
    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        auto t = load(ctx, id);
        auto status = transition(t, action);
        Recorder change(ctx, t, std::string(to_string(action)), actor);
        apply(t, actor, change); // sees the ticket as it was, before the status changes
        change.set_status(status);
        change.commit();
    });
}

// Ends a pause: the resolve deadline gets back the time that was left when the wait began.
void end_pause(const Context& ctx, Ticket& t, Recorder& change) {
    if (!t.wait_started_at) return;
    auto target = target_of(ctx, t);
    auto due = deadline_after_pause(t.resolve_due, *t.wait_started_at, ctx.now, target.resolve_clock,
                                    ctx.config.calendar, ctx.zone());
    change.set("resolve_due", t.resolve_due, due);
    change.set("wait_started_at", t.wait_started_at, std::nullopt);
}

} // namespace

TicketId parse_ticket_id(std::string_view text) {
    auto digits = text;
    if (!digits.empty() && (digits[0] == 'T' || digits[0] == 't' || digits[0] == '#')) digits.remove_prefix(1);
    TicketId id = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || id <= 0) {
        fail(Code::invalid, "invalid ticket id '{}': expected a number such as 42", text);
    }
    return id;
}

TicketId intake(Context& ctx, const IntakeRequest& r) {
    const auto& limits = ctx.config.limits;
    Ticket t;
    t.channel = parse_channel(r.channel);
    const auto& category = ctx.config.category(r.category);
    t.category = category.id;
    if (r.complaint_class) {
        if (category.classes.empty()) {
            fail(Code::invalid, "category '{}' has no classes; --class is for complaint classes", category.id);
        }
        if (std::find(category.classes.begin(), category.classes.end(), *r.complaint_class) == category.classes.end()) {
            fail(Code::invalid, "unknown class '{}' for category '{}' (one of: {})", *r.complaint_class, category.id,
                 fmt::join(category.classes, ", "));
        }
        t.complaint_class = r.complaint_class;
    }
    t.priority = parse_priority(r.priority);
    if (r.desk) t.desk = ctx.config.desk(*r.desk).id;
    check_text("customer", r.customer, limits.customer, true);
    t.customer = r.customer;
    if (r.phone && !r.phone->empty()) {
        t.phone = normalize_phone(*r.phone, ctx.config.default_country);
    }
    t.customer_type = parse_customer_type(r.customer_type);
    t.flags = parse_flags(r.flags);
    if (r.language) {
        check_text("language", *r.language, 35, true);
        t.language = r.language;
    }
    check_text("subject", r.subject, limits.subject, true);
    t.subject = screen_id_numbers(ctx.config.privacy, "subject", r.subject);
    if (r.description) {
        check_text("description", *r.description, limits.description, false, true);
        t.description = screen_id_numbers(ctx.config.privacy, "description", *r.description);
    }
    if (r.external_ref) {
        check_text("external ref", *r.external_ref, limits.external_ref, true);
        t.external_ref = r.external_ref;
    }
    if (r.fee_cents < 0) fail(Code::invalid, "fee must not be negative");
    t.fee_cents = r.fee_cents;
    // Recorded now, by the clock; the SLA runs from the customer's contact (seed 000 §五.2), which
    // --at may put a little earlier (a call noted after the rush).
    t.created_at = ctx.now;
    t.contact_at = ctx.now;
    if (r.at) {
        try {
            check_contact_time(*r.at, ctx.now, ctx.config.sla.max_backdate, ctx.zone());
        } catch (const Error& e) {
            fail(e.code(), "--at: {}", e.what());
        }
        t.contact_at = *r.at;
    }

    auto target = target_of(ctx, t);
    t.response_due =
        deadline(t.contact_at, target.respond, target.respond_clock, ctx.config.calendar, ctx.zone());
    t.resolve_due =
        deadline(t.contact_at, target.resolve, target.resolve_clock, ctx.config.calendar, ctx.zone());
    t.status = Status::new_;
    t.updated_at = ctx.now;

    TicketId id = 0;
    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        if (!r.desk) t.desk = ctx.config.find_desk(actor.desk) ? actor.desk : ctx.config.default_desk;
        t.owner = actor.id;
        if (t.external_ref && ctx.store.tickets().find_by_external_ref(*t.external_ref)) {
            fail(Code::refused, "a ticket with external ref '{}' exists already", *t.external_ref);
        }
        id = ctx.store.tickets().insert(t);
        TicketEvent event{0, id, ctx.now, actor.id, "intake", {}, std::nullopt};
        event.changes = {{"status", std::nullopt, "new"},
                         {"category", std::nullopt, t.complaint_class ? t.category + "." + *t.complaint_class : t.category},
                         {"priority", std::nullopt, std::string(to_string(t.priority))},
                         {"desk", std::nullopt, t.desk},
                         {"owner", std::nullopt, t.owner}};
        if (t.contact_at != t.created_at)
            event.changes.push_back(
                {"contact_at", std::nullopt, format_iso(t.contact_at, ctx.zone())});
        ctx.store.tickets().add_event(event);
        // The caller's record (客户档案, seed 004), created or brought up to date by each intake.
        if (t.phone) {
            auto& customers = ctx.store.customers();
            customers.save(customer_after_intake(customers.find_by_phone(*t.phone), t, ctx.now));
        }
    });
    return id;
}

void assign(Context& ctx, TicketId id, const std::string& staff_id, bool force, std::optional<std::string> note) {
    if (note) note = checked_reason(ctx, "note", *note);
    ctx.store.write([&] {
        auto actor = require_permission(ctx, Permission::ticket_assign);
        auto t = load(ctx, id);
        auto status = transition(t, Action::assign);
        auto assignee = ctx.store.staff().find(staff_id);
        if (!assignee) fail(Code::not_found, "no staff member '{}'", staff_id);
        if (!assignee->active) fail(Code::refused, "staff member {} is deactivated and cannot be assigned", staff_id);
        if (t.assignee == assignee->id) fail(Code::refused, "ticket {} is already assigned to {}", id, staff_id);
        // Roster rule (SPEC §4): off duty or another desk needs --force, which history keeps.
        auto problem = assignment_problem(ctx, t, *assignee);
        if (problem && !force)
            fail(Code::refused, "{}; use --force to assign anyway", *assignment_problem(ctx, t, *assignee, true));
        Recorder change(ctx, t, "assign", actor);
        if (force) {
            change.record("force", std::nullopt, problem ? *problem : std::string("true"));
            record_audit(
                ctx, "ticket.assign_force", fmt::format("ticket {}", id),
                fmt::format("to {}: {}", assignee->id, problem.value_or("nothing to override")));
        }
        change.set_status(status);
        change.set("assignee", t.assignee, assignee->id);
        if (note) change.reason(*note);
        change.commit();
    });
}

void start(Context& ctx, TicketId id, bool force) {
    run_transition(ctx, id, Action::start, [&](Ticket& t, const Staff& actor, Recorder& change) {
        if (!t.assignee) {
            // Taking an unassigned ticket is an assignment to oneself: the roster rule of `assign`
            // (SPEC §4, seed 001 §四.1) applies, and --force is recorded as there.
            auto problem = assignment_problem(ctx, t, actor);
            if (problem && !force)
                fail(Code::refused, "{}; use --force to take it anyway", *assignment_problem(ctx, t, actor, true));
            if (force) {
                change.record("force", std::nullopt, problem ? *problem : std::string("true"));
                record_audit(ctx, "ticket.assign_force", fmt::format("ticket {}", id),
                             fmt::format("to {}: {}", actor.id, problem.value_or("nothing to override")));
            }
            change.set("assignee", t.assignee, actor.id);
        }
        if (!t.first_response_at) change.set("first_response_at", t.first_response_at, ctx.now);
    });
}

void add_note(Context& ctx, TicketId id, const std::string& note) {
    auto text = checked_reason(ctx, "note", note);
    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        auto t = load(ctx, id);
        check_closed_ticket_access(ctx, t, actor, "add a note to", "ticket.note_other");
        Recorder change(ctx, t, "note", actor);
        change.reason(text);
        change.commit();
    });
}

void wait(Context& ctx, TicketId id, const std::string& reason_text) {
    auto reason = checked_reason(ctx, "reason", reason_text);
    run_transition(ctx, id, Action::wait, [&](Ticket& t, const Staff&, Recorder& change) {
        change.set("wait_started_at", t.wait_started_at, ctx.now);
        change.reason(reason);
    });
}

void resume(Context& ctx, TicketId id) {
    run_transition(ctx, id, Action::resume,
                   [&](Ticket& t, const Staff&, Recorder& change) { end_pause(ctx, t, change); });
}

void resolve(Context& ctx, TicketId id, const std::string& resolution_text,
             std::optional<RootCause> root_cause, std::optional<std::string> caused_by) {
    auto resolution = checked_reason(ctx, "resolution", resolution_text);
    if (caused_by && root_cause != RootCause::staff) {
        fail(Code::invalid, "--caused-by names the staff member of a staff root cause: give --root-cause staff");
    }
    run_transition(ctx, id, Action::resolve, [&](Ticket& t, const Staff&, Recorder& change) {
        if (caused_by) {
            auto who = ctx.store.staff().find(*caused_by);
            if (!who) fail(Code::not_found, "no staff member '{}'", *caused_by);
            change.set("caused_by", t.caused_by, who->id);
        }
        end_pause(ctx, t, change); // resolving while waiting ends the pause first
        change.set("resolved_at", t.resolved_at, ctx.now);
        change.set("resolution", t.resolution, resolution);
        if (root_cause) {
            std::optional<std::string> old;
            if (t.root_cause) old = std::string(to_string(*t.root_cause));
            change.record("root_cause", old, std::string(to_string(*root_cause)));
            t.root_cause = root_cause;
        }
    });
}

void close(Context& ctx, TicketId id, std::optional<int> satisfaction, std::optional<std::string> no_callback_reason) {
    if (satisfaction && (*satisfaction < 1 || *satisfaction > 5)) {
        fail(Code::invalid, "satisfaction must be between 1 and 5, not {}", *satisfaction);
    }
    if (no_callback_reason) no_callback_reason = checked_reason(ctx, "reason", *no_callback_reason);
    run_transition(ctx, id, Action::close, [&](Ticket& t, const Staff& actor, Recorder& change) {
        change.set("closed_at", t.closed_at, ctx.now);
        if (satisfaction) {
            std::optional<std::string> old;
            if (t.satisfaction) old = std::to_string(*t.satisfaction);
            change.record("satisfaction", old, std::to_string(*satisfaction));
            t.satisfaction = satisfaction;
            for (auto& c : on_satisfaction(ctx, t, *satisfaction, actor)) change.record(c.field, c.old_value, c.new_value);
        }
        if (no_callback_reason) {
            check_survey_drop(ctx, actor, *no_callback_reason); // seed 004 §4.1: no silent drops
            drop_survey(ctx, t, actor, *no_callback_reason);
            change.record("callbacks", std::nullopt, "none");
            change.reason(*no_callback_reason);
        } else if (!t.phone || t.phone->empty()) {
            // Nobody can be called back: no survey, and the history says why (db check reads it).
            change.record("callbacks", std::nullopt, "none");
            change.reason("no phone number on record: no survey callback");
        } else {
            on_ticket_closed(ctx, t, actor); // the survey (and follow-up) in the same transaction
        }
    });
}

namespace {

// Undoes a cancel (a cancelled ticket reopened): a supervisor's act, within tickets.uncancel_days
// of the cancel, audited. The ticket returns to the status it was cancelled from (a wait ends:
// in_progress), with its deadlines; a deadline that passed meanwhile is breached.
void uncancel(Context& ctx, TicketId id, const std::string& reason) {
    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        auto t = load(ctx, id);
        if (!actor.is_supervisor()) {
            fail(Code::permission, "ticket {} is cancelled: only a supervisor may undo a cancel", id);
        }
        std::optional<TicketEvent> cancelled;
        for (const auto& e : ctx.store.tickets().events(id))
            if (e.action == "cancel") cancelled = e;
        if (!cancelled) fail(Code::refused, "ticket {} is cancelled but its history has no cancel to undo", id);
        auto limit = cancelled->at + std::chrono::days(ctx.config.uncancel_days);
        if (ctx.config.uncancel_days == 0 || ctx.now > limit) {
            fail(Code::refused, "ticket {} was cancelled on {}: a cancel can be undone within {} days "
                 "(tickets.uncancel_days); take a new intake instead",
                 id, format_iso(cancelled->at, ctx.zone()), ctx.config.uncancel_days);
        }
        Status before = Status::new_;
        for (const auto& c : cancelled->changes)
            if (c.field == "status" && c.old_value) before = parse_status(*c.old_value);
        if (before == Status::waiting) before = Status::in_progress;
        Recorder change(ctx, t, "uncancel", actor); // not a reopen: no re-investigation deadline
        change.set_status(before);
        change.reason(reason);
        record_audit(ctx, "ticket.uncancel", fmt::format("ticket {}", id),
                     fmt::format("cancelled {}: {}", format_iso(cancelled->at, ctx.zone()), reason));
        change.commit();
    });
}

void reopen_finished(Context& ctx, TicketId id, const std::string& reason);

} // namespace

void reopen(Context& ctx, TicketId id, const std::string& reason_text) {
    auto reason = checked_reason(ctx, "reason", reason_text);
    ctx.store.write([&] { // one transaction: the status read decides which reopen this is
        if (load(ctx, id).status == Status::cancelled) uncancel(ctx, id, reason);
        else reopen_finished(ctx, id, reason);
    });
}

namespace {

// Reopen of a resolved or closed ticket: the customer was not satisfied.
void reopen_finished(Context& ctx, TicketId id, const std::string& reason) {
    run_transition(ctx, id, Action::reopen, [&](Ticket& t, const Staff& actor, Recorder& change) {
        check_closed_ticket_access(ctx, t, actor, "reopen", "ticket.reopen_other");
        change.set("resolved_at", t.resolved_at, std::nullopt);
        change.set("closed_at", t.closed_at, std::nullopt);
        // Seeds 000/002: the customer was not satisfied, so the case is investigated again: the
        // old resolution and score go into this event's history, and a new resolve deadline runs
        // from now (sla.reopen_resolve, else the ticket's own resolve target).
        change.set("resolution", t.resolution, std::nullopt);
        if (t.satisfaction) {
            change.record("satisfaction", std::to_string(*t.satisfaction), std::nullopt);
            t.satisfaction.reset();
        }
        auto target = target_of(ctx, t);
        change.set("resolve_due", t.resolve_due,
                   deadline(ctx.now, ctx.config.sla.reopen_span(target), target.resolve_clock,
                            ctx.config.calendar, ctx.zone()));
        change.set("extended_to", t.extended_to, std::nullopt);
        change.reason(reason);
        on_ticket_reopened(ctx, t, actor);
    });
}

} // namespace

void cancel(Context& ctx, TicketId id, const std::string& reason_text) {
    auto reason = checked_reason(ctx, "reason", reason_text);
    run_transition(ctx, id, Action::cancel, [&](Ticket& t, const Staff&, Recorder& change) {
        change.set("wait_started_at", t.wait_started_at, std::nullopt);
        change.reason(reason);
    });
}

void extend(Context& ctx, TicketId id, Timestamp to, const std::string& reason_text,
            Timestamp notified_at) {
    auto reason = checked_reason(ctx, "reason", reason_text);
    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        auto t = load(ctx, id);
        if (!is_open(t.status)) fail(Code::refused, "ticket {}: cannot extend a ticket that is {}", id, to_string(t.status));
        auto history = ctx.store.tickets().events(id);
        auto extensions = std::count_if(history.begin(), history.end(),
                                        [](const TicketEvent& e) { return e.action == "extend"; });
        check_extension(t, to, notified_at, ctx.now, static_cast<int>(extensions),
                        ctx.config.sla.max_extensions, ctx.zone());
        Recorder change(ctx, t, "extend", actor);
        change.set("resolve_due", t.resolve_due, to);
        change.set("extended_to", t.extended_to, to);
        change.record("customer_notified_at", std::nullopt, format_iso(notified_at, ctx.zone()));
        change.reason(reason);
        change.commit();
    });
}

TicketDetail show_ticket(Context& ctx, TicketId id) {
    TicketDetail detail;
    ctx.store.read([&] {
        auto found = ctx.store.tickets().find(id);
        if (!found) fail(Code::not_found, "no ticket {}", id);
        detail.ticket = std::move(*found);
        detail.history = ctx.store.tickets().events(id);
    });
    return detail;
}

namespace {

// Checks the names a filter gives and puts its phone in the stored spelling: any spelling finds
// the caller (issue 20).
TicketFilter checked_filter(const Context& ctx, TicketFilter filter) {
    if (filter.desk) ctx.config.desk(*filter.desk);
    if (filter.category) ctx.config.category(*filter.category);
    if (filter.phone) filter.phone = normalize_phone(*filter.phone, ctx.config.default_country);
    filter.now = ctx.now;
    return filter;
}

} // namespace

std::vector<Ticket> list_tickets(Context& ctx, const TicketFilter& filter) {
    auto checked = checked_filter(ctx, filter);
    std::vector<Ticket> out;
    ctx.store.read([&] { out = ctx.store.tickets().list(checked); });
    return out;
}

std::vector<SearchHit> search_tickets(Context& ctx, const std::string& text, const TicketFilter& filter) {
    auto terms = search_terms(text);
    auto checked = checked_filter(ctx, filter);
    if (!checked.limit) checked.limit = k_search_default_limit;
    std::vector<SearchHit> out;
    ctx.store.read([&] { out = ctx.store.tickets().search(terms, text, checked); });
    for (auto& hit : out) hit.snippet = search_snippet(hit.text, terms);
    return out;
}

} // namespace svcdesk
