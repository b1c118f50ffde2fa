#include <svcdesk/domain/customer.hpp>
#include <svcdesk/domain/phone.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/callbacks.hpp>
#include <svcdesk/ops/permissions.hpp>
#include <svcdesk/ops/privacy.hpp>
#include <svcdesk/ops/roster.hpp>
#include <svcdesk/ops/tickets.hpp>
#include <svcdesk/text.hpp>

#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace svcdesk {
namespace {

// Collects the field changes of one command into one history event.
class Recorder {
public:
    Recorder(Context& ctx, Ticket& ticket, std::string action, const Staff& actor)
        : m_ctx(ctx), m_ticket(ticket) {
        m_event.ticket = ticket.id;
        m_event.at = ctx.now;
        m_event.actor = actor.id;
        m_event.action = std::move(action);
        // A breach is a fact (seed 000 §五.2): recorded before this command may move a deadline
        // or clear a time it rests on, so that no later extend, resume, reopen or resolve erases it.
        auto facts = sla_facts(ticket);
        if (!ticket.response_breached_at)
            set("response_breached_at", ticket.response_breached_at, response_breach(facts, ctx.now));
        if (!ticket.resolve_breached_at)
            set("resolve_breached_at", ticket.resolve_breached_at, resolve_breach(facts, ctx.now));
    }

    void set(std::string field, std::optional<std::string>& member, std::optional<std::string> value) {
        if (member == value) return;
        m_event.changes.push_back({std::move(field), member, value});
        member = std::move(value);
    }
    void set(std::string field, std::optional<Timestamp>& member, std::optional<Timestamp> value) {
        if (member == value) return;
        m_event.changes.push_back({std::move(field), text(member), text(value)});
        member = value;
    }
    void set(std::string field, Timestamp& member, Timestamp value) {
        if (member == value) return;
        m_event.changes.push_back({std::move(field), text(member), text(value)});
        member = value;
    }
    void set_status(Status value) {
        if (m_ticket.status == value) return;
        m_event.changes.push_back(
            {"status", std::string(to_string(m_ticket.status)), std::string(to_string(value))});
        m_ticket.status = value;
    }
    void record(std::string field, std::optional<std::string> old_value, std::optional<std::string> new_value) {
        m_event.changes.push_back({std::move(field), std::move(old_value), std::move(new_value)});
    }
    void reason(std::string why) { m_event.reason = std::move(why); }

    // Writes the ticket and its event.
    void commit() {
        m_ticket.updated_at = m_ctx.now;
        m_ctx.store.tickets().update(m_ticket);
        m_ctx.store.tickets().add_event(m_event);
    }

private:
    std::optional<std::string> text(std::optional<Timestamp> t) const {
        return t ? std::optional<std::string>(format_iso(*t, m_ctx.zone())) : std::nullopt;
    }

    Context& m_ctx;
    Ticket& m_ticket;
    TicketEvent m_event;
};

Ticket load(Context& ctx, TicketId id) {
    auto ticket = ctx.store.tickets().find(id);
    if (!ticket) fail(Code::not_found, "no ticket {}", id);
    return *ticket;
}

Status transition(const Ticket& t, Action action) {
    try {
        return next_status(t.status, action);
    } catch (const Error& e) {
        fail(e.code(), "ticket {}: {}", t.id, e.what());
    }
}

SlaTarget target_of(const Context& ctx, const Ticket& t) {
    return ctx.config.sla.target(t.category, t.complaint_class, t.priority);
}

// SPEC §5: a closed ticket belongs to the people who handled it; others need a supervisor, whose
// use of that power is an audit event (`audit_action`, issue 18).
void check_closed_ticket_access(Context& ctx, const Ticket& t, const Staff& actor,
                                std::string_view action, std::string_view audit_action) {
    if (t.status != Status::closed) return;
    if (t.owner == actor.id || t.assignee == actor.id) return;
    if (!actor.is_supervisor()) {
        fail(Code::permission, "ticket {} is closed and not yours: only a supervisor may {} it",
             t.id, action);
    }
    record_audit(ctx, std::string(audit_action), fmt::format("ticket {}", t.id),
                 fmt::format("owner {}, assignee {}", t.owner.value_or("none"),
                             t.assignee.value_or("none")));
}

// Validates the free text of `field` (a note, reason or resolution) and returns it as it may be
// stored: without ID numbers (privacy.id_in_text, seed 004 §4-5).
std::string checked_reason(const Context& ctx, std::string_view field, const std::string& text) {
    check_text(field, text, ctx.config.limits.note, true, true);
    return screen_id_numbers(ctx.config.privacy, field, text);
}

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
        if (problem && !force) fail(Code::refused, "{}; use --force to assign anyway", *problem);
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
            if (problem && !force) fail(Code::refused, "{}; use --force to take it anyway", *problem);
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

namespace {

// The class a ticket has in `category` after an edit: the one given ("" clears it), else the old
// one when the new category has it too.
std::optional<std::string> edited_class(const Category& category, const std::optional<std::string>& given,
                                        const std::optional<std::string>& old) {
    const auto& classes = category.classes;
    auto known = [&](const std::string& k) { return std::find(classes.begin(), classes.end(), k) != classes.end(); };
    if (!given) return old && known(*old) ? old : std::nullopt;
    if (given->empty()) return std::nullopt;
    if (classes.empty()) {
        fail(Code::invalid, "category '{}' has no classes; --class is for complaint classes", category.id);
    }
    if (!known(*given)) {
        fail(Code::invalid, "unknown class '{}' for category '{}' (one of: {})", *given, category.id,
             fmt::join(classes, ", "));
    }
    return given;
}

// Recomputes the deadlines of `t` for its (new) SLA target, seed 000 §五.2: the response deadline
// from the contact unless the response was given already (its verdict is settled); the resolve
// deadline from the contact (or from the last reopen, on the reopen span) unless the ticket is
// resolved, closed or cancelled, and never before an extension the customer was told of. A wait
// in progress keeps its pause: resume grants what was left of the new deadline.
void recompute_deadlines(Context& ctx, Ticket& t, Recorder& change) {
    auto target = target_of(ctx, t);
    const auto& cal = ctx.config.calendar;
    if (!t.first_response_at && t.status != Status::cancelled) {
        change.set("response_due", t.response_due,
                   deadline(t.contact_at, target.respond, target.respond_clock, cal, ctx.zone()));
    }
    if (t.resolved_at || !is_open(t.status)) return;
    std::optional<Timestamp> reopened_at;
    for (const auto& e : ctx.store.tickets().events(t.id))
        if (e.action == "reopen") reopened_at = e.at;
    auto due = reopened_at ? deadline(*reopened_at, ctx.config.sla.reopen_span(target), target.resolve_clock, cal,
                                      ctx.zone())
                           : deadline(t.contact_at, target.resolve, target.resolve_clock, cal, ctx.zone());
    if (t.extended_to && *t.extended_to > due) due = *t.extended_to;
    change.set("resolve_due", t.resolve_due, due);
}

} // namespace

void edit(Context& ctx, TicketId id, const EditRequest& r) {
    const auto& limits = ctx.config.limits;
    if (!r.customer && !r.phone && !r.priority && !r.category && !r.complaint_class && !r.subject &&
        !r.description && !r.flags) {
        fail(Code::invalid, "nothing to edit: give at least one of --customer, --phone, --priority, "
                            "--category, --class, --subject, --description, --flags");
    }
    auto reason = checked_reason(ctx, "reason", r.reason);
    // Every value is checked before the transaction, as intake checks it.
    if (r.customer) check_text("customer", *r.customer, limits.customer, true);
    if (r.phone && !r.phone->empty()) check_phone(*r.phone);
    std::optional<Priority> priority;
    if (r.priority) priority = parse_priority(*r.priority);
    const Category* category = r.category ? &ctx.config.category(*r.category) : nullptr;
    std::optional<std::string> subject, description, flags;
    if (r.subject) {
        check_text("subject", *r.subject, limits.subject, true);
        subject = screen_id_numbers(ctx.config.privacy, "subject", *r.subject);
    }
    if (r.description) {
        check_text("description", *r.description, limits.description, false, true);
        description = screen_id_numbers(ctx.config.privacy, "description", *r.description);
    }
    if (r.flags) flags = parse_flags(*r.flags);

    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        auto t = load(ctx, id);
        // A finished ticket is a settled record: correcting it is a supervisor's act, audited.
        if (t.status == Status::closed || t.status == Status::cancelled) {
            if (!actor.is_supervisor()) {
                fail(Code::permission, "ticket {} is {}: only a supervisor may edit it", id, to_string(t.status));
            }
        }
        Recorder change(ctx, t, "edit", actor);
        bool changed = false;
        auto text_field = [&](const char* name, std::string& member, const std::optional<std::string>& value) {
            if (!value || member == *value) return;
            change.record(name, member, *value);
            member = *value;
            changed = true;
        };
        auto optional_field = [&](const char* name, std::optional<std::string>& member,
                                  const std::optional<std::string>& value) {
            if (!value) return;
            std::optional<std::string> next;
            if (!value->empty()) next = value;
            if (member == next) return;
            change.set(name, member, next);
            changed = true;
        };
        text_field("customer", t.customer, r.customer);
        optional_field("phone", t.phone, r.phone);
        text_field("subject", t.subject, subject);
        optional_field("description", t.description, description);
        text_field("flags", t.flags, flags);

        bool sla_changed = false;
        if (priority && *priority != t.priority) {
            change.record("priority", std::string(to_string(t.priority)), std::string(to_string(*priority)));
            t.priority = *priority;
            sla_changed = true;
        }
        if (category || r.complaint_class) {
            const auto& new_category = category ? *category : ctx.config.category(t.category);
            if (new_category.id != t.category) {
                change.record("category", t.category, new_category.id);
                t.category = new_category.id;
                sla_changed = true;
            }
            auto new_class = edited_class(new_category, r.complaint_class, t.complaint_class);
            if (new_class != t.complaint_class) {
                change.set("class", t.complaint_class, new_class);
                sla_changed = true;
            }
        }
        changed = changed || sla_changed;
        if (!changed) fail(Code::refused, "ticket {}: nothing to change, the values given are the ticket's already", id);
        if (sla_changed) recompute_deadlines(ctx, t, change);
        if (t.status == Status::closed || t.status == Status::cancelled) {
            record_audit(ctx, "ticket.edit_finished", fmt::format("ticket {}", id),
                         fmt::format("{} ticket corrected: {}", to_string(t.status), reason));
        }
        change.reason(reason);
        change.commit();
    });
}

void transfer(Context& ctx, TicketId id, const TransferRequest& r) {
    if (r.desk.has_value() == r.department.has_value()) {
        fail(Code::invalid, "give either --desk or --department");
    }
    if (r.to && !r.desk) fail(Code::invalid, "--to names a staff member of the new desk: give --desk too");
    auto reason = checked_reason(ctx, "reason", r.reason);
    const Desk* desk = r.desk ? &ctx.config.desk(*r.desk) : nullptr;
    const Department* department = r.department ? &ctx.config.department(*r.department) : nullptr;
    ctx.store.write([&] {
        auto actor = require_permission(ctx, Permission::ticket_assign);
        auto t = load(ctx, id);
        if (!is_open(t.status)) {
            fail(Code::refused, "ticket {} is {}: only an open ticket can be transferred", id, to_string(t.status));
        }
        Recorder change(ctx, t, "transfer", actor);
        if (department) {
            if (t.department == department->id) {
                fail(Code::refused, "ticket {} is with {} already", id, department->name);
            }
            change.set("department", t.department, department->id);
            change.record("contact", std::nullopt, department->contact);
        } else {
            std::optional<Staff> assignee;
            if (r.to) {
                assignee = ctx.store.staff().find(*r.to);
                if (!assignee) fail(Code::not_found, "no staff member '{}'", *r.to);
                if (!assignee->active) {
                    fail(Code::refused, "staff member {} is deactivated and cannot be assigned", *r.to);
                }
            }
            if (t.desk == desk->id && !t.department && (!assignee || t.assignee == assignee->id)) {
                fail(Code::refused, "ticket {} is at desk {} already", id, desk->id);
            }
            if (t.desk != desk->id) {
                change.record("desk", t.desk, desk->id);
                t.desk = desk->id;
            }
            change.set("department", t.department, std::nullopt);
            if (assignee) {
                // The roster rule of assign (SPEC §4) at the new desk; --force is recorded as there.
                auto problem = assignment_problem(ctx, t, *assignee);
                if (problem && !r.force) fail(Code::refused, "{}; use --force to transfer anyway", *problem);
                if (r.force) {
                    change.record("force", std::nullopt, problem ? *problem : std::string("true"));
                    record_audit(ctx, "ticket.assign_force", fmt::format("ticket {}", id),
                                 fmt::format("to {}: {}", assignee->id, problem.value_or("nothing to override")));
                }
                change.set("assignee", t.assignee, assignee->id);
                change.set_status(next_status(t.status, Action::assign));
            } else {
                // The new desk assigns it: an assigned ticket waits there as new.
                change.set("assignee", t.assignee, std::nullopt);
                if (t.status == Status::assigned) change.set_status(Status::new_);
            }
        }
        change.reason(reason);
        change.commit();
    });
}

TicketDetail show_ticket(Context& ctx, TicketId id) {
    TicketDetail detail;
    ctx.store.read([&] {
        detail.ticket = load(ctx, id);
        detail.history = ctx.store.tickets().events(id);
    });
    return detail;
}

std::vector<Ticket> list_tickets(Context& ctx, TicketFilter filter) {
    if (filter.desk) ctx.config.desk(*filter.desk);
    if (filter.category) ctx.config.category(*filter.category);
    // Any spelling finds the caller: stored phones are normalised the same way (issue 20).
    if (filter.phone) filter.phone = normalize_phone(*filter.phone, ctx.config.default_country);
    filter.now = ctx.now;
    std::vector<Ticket> out;
    ctx.store.read([&] { out = ctx.store.tickets().list(filter); });
    return out;
}

std::vector<SearchHit> search_tickets(Context& ctx, const std::string& text, TicketFilter filter) {
    auto terms = search_terms(text);
    if (filter.desk) ctx.config.desk(*filter.desk);
    if (filter.category) ctx.config.category(*filter.category);
    if (!filter.limit) filter.limit = k_search_default_limit;
    filter.now = ctx.now;
    std::vector<SearchHit> out;
    ctx.store.read([&] { out = ctx.store.tickets().search(terms, text, filter); });
    for (auto& hit : out) hit.snippet = search_snippet(hit.text, terms);
    return out;
}

} // namespace svcdesk
