#include <svcdesk/error.hpp>
#include <svcdesk/i18n.hpp>
#include <svcdesk/io/callback_ics.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/callbacks.hpp>
#include <svcdesk/ops/privacy.hpp>
#include <svcdesk/text.hpp>

#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>

namespace svcdesk {
namespace {

bool has_pending(const std::vector<CallbackListing>& callbacks, CallbackPurpose purpose) {
    return std::any_of(callbacks.begin(), callbacks.end(), [&](const CallbackListing& l) {
        return l.callback.purpose == purpose && l.callback.status == CallbackStatus::pending;
    });
}

Callback new_callback(const Context& ctx, TicketId ticket, CallbackPurpose purpose, Timestamp due,
                      std::optional<std::string> created_by) {
    Callback c;
    c.ticket = ticket;
    c.purpose = purpose;
    c.due_at = due;
    c.created_at = ctx.now;
    c.created_by = std::move(created_by);
    return c;
}

// Cancels the ticket's pending callbacks of the given purposes.
void cancel_pending(Context& ctx, TicketId ticket, std::vector<CallbackPurpose> purposes, const std::string& why) {
    CallbackFilter filter;
    filter.ticket = ticket;
    filter.statuses = {CallbackStatus::pending};
    filter.purposes = std::move(purposes);
    for (auto& listing : ctx.store.callbacks().list(filter)) {
        cancel_callback(listing.callback, why, ctx.now);
        ctx.store.callbacks().update(listing.callback);
    }
}

CallbackListing load(Context& ctx, CallbackId id) {
    auto found = ctx.store.callbacks().find(id);
    if (!found) fail(Code::not_found, "no callback {}", id);
    return *found;
}

// load(), for a write of the callback: its row stays locked until the transaction ends.
CallbackListing load_for_update(Context& ctx, CallbackId id) {
    auto found = ctx.store.callbacks().find_for_update(id);
    if (!found) fail(Code::not_found, "no callback {}", id);
    return *found;
}

// Need to know (issue 18): a callback's number is for the staff member handling it (the
// ticket's assignee, else its owner) and for supervisors. Throws Error(permission).
void check_handler(const Staff& actor, const CallbackListing& l, std::string_view action) {
    if (actor.is_supervisor() || (l.handler && *l.handler == actor.id)) return;
    fail(Code::permission,
         "only the staff member handling callback {} ({}) or a supervisor may {}; {} is neither",
         l.callback.id, l.handler ? *l.handler : std::string(_("nobody")), _(std::string(action).c_str()), actor.id);
}

std::string callback_subject(CallbackId id) { return fmt::format("callback {}", id); }

std::string name_of(const Config& config, std::string_view desk) {
    const auto* d = config.find_desk(desk);
    return d && !d->name.empty() ? d->name : std::string(desk);
}

std::string category_name(const Config& config, std::string_view category) {
    const auto* c = config.find_category(category);
    return c && !c->name.empty() ? c->name : std::string(category);
}

constexpr std::string_view purpose_label(CallbackPurpose p) {
    switch (p) {
    case CallbackPurpose::survey: return "satisfaction survey";
    case CallbackPurpose::progress: return "progress update";
    case CallbackPurpose::followup: return "follow-up";
    case CallbackPurpose::care: return "care call";
    case CallbackPurpose::loan: return "overdue loan";
    }
    return "callback";
}

// The calendar entry of one callback: ids, purpose, category and desk only; never the
// customer's name or number (seed 000/004: confidentiality), so the file may be shared.
IcsEvent event_of(const Config& config, const CallbackListing& l) {
    const Callback& c = l.callback;
    IcsEvent e;
    e.uid = fmt::format("callback-{}-{}@svcdesk", c.id, c.created_at.time_since_epoch().count());
    e.start = c.due_at;
    if (c.loan) {
        e.summary = fmt::format("Callback C{}: {} L{}", c.id, purpose_label(c.purpose), *c.loan);
        e.description = fmt::format("{} L{} ({}), desk {}. Calls so far: {}. Record the outcome with: "
                                    "svcdesk callback done C{} --outcome reached|no_answer|wrong_number",
                                    purpose_label(c.purpose), *c.loan, l.loan_item.value_or(""),
                                    name_of(config, l.desk), c.attempts.size(), c.id);
        e.category = std::string(to_string(c.purpose));
        return e;
    }
    e.summary = fmt::format("Callback C{}: {} for ticket T{}", c.id, purpose_label(c.purpose), c.ticket);
    e.description = fmt::format("{} for ticket T{} ({}), desk {}. Calls so far: {}. Record the outcome with: "
                                "svcdesk callback done C{} --outcome reached|no_answer|wrong_number",
                                purpose_label(c.purpose), c.ticket, category_name(config, l.category),
                                name_of(config, l.desk), c.attempts.size(), c.id);
    e.category = std::string(to_string(c.purpose));
    return e;
}

// Seed 000 §五.3 (severe cases: report progress within 2 h): open tickets of an early_progress
// rule that never had a progress call get one, due `after` the contact, before their deadline.
int sweep_early_progress(Context& ctx) {
    const auto& policy = ctx.config.callbacks;
    if (policy.early_progress.empty()) return 0;
    int changed = 0;
    TicketFilter open;
    open.statuses.assign(std::begin(k_open_statuses), std::end(k_open_statuses));
    open.now = ctx.now;
    for (const auto& t : ctx.store.tickets().list(open)) {
        const auto* rule = early_progress_rule(t, policy);
        if (!rule) continue;
        auto due = t.contact_at + rule->after;
        if (due >= t.resolve_due) continue; // the progress calls past the deadline take over
        CallbackFilter mine;
        mine.ticket = t.id;
        mine.purposes = {CallbackPurpose::progress};
        if (!ctx.store.callbacks().list(mine).empty()) continue;
        due = calling_window_start(due, policy, ctx.config.calendar, ctx.zone());
        ctx.store.callbacks().insert(new_callback(ctx, t.id, CallbackPurpose::progress, due, std::nullopt));
        ++changed;
    }
    return changed;
}

// Issue 24 (seed 001 §六, §八): a loan out past its due time gets one callback of purpose loan,
// due at its due time moved into calling hours; never a second one for the same loan (the unique
// index callbacks_loan decides). Its return cancels it (cancel_loan_callback).
int sweep_loan_callbacks(Context& ctx) {
    int changed = 0;
    auto& repo = ctx.store.callbacks();
    for (const auto& [loan, due_at] : repo.loans_needing_callback(ctx.now)) {
        Callback c = new_callback(ctx, 0, CallbackPurpose::loan,
                                  calling_window_start(due_at, ctx.config.callbacks, ctx.config.calendar, ctx.zone()),
                                  std::nullopt);
        c.loan = loan;
        repo.insert(c);
        ++changed;
    }
    return changed;
}

std::string subject_of(const Callback& c) {
    return c.loan ? fmt::format("loan {}", *c.loan) : fmt::format("ticket {}", c.ticket);
}

} // namespace

void cancel_loan_callback(Context& ctx, std::int64_t loan, const std::string& why) {
    CallbackFilter filter;
    filter.loan = loan;
    filter.statuses = {CallbackStatus::pending};
    for (auto& listing : ctx.store.callbacks().list(filter)) {
        cancel_callback(listing.callback, why, ctx.now);
        ctx.store.callbacks().update(listing.callback);
    }
}

void on_ticket_closed(Context& ctx, const Ticket& ticket, const Staff& actor) {
    const auto& policy = ctx.config.callbacks;
    auto closed_at = ticket.closed_at.value_or(ctx.now);
    CallbackFilter filter;
    filter.ticket = ticket.id;
    filter.statuses = {CallbackStatus::pending};
    auto pending = ctx.store.callbacks().list(filter);
    if (!has_pending(pending, CallbackPurpose::survey)) {
        auto due = survey_due(closed_at, policy, ctx.config.calendar, ctx.zone());
        ctx.store.callbacks().insert(new_callback(ctx, ticket.id, CallbackPurpose::survey, due, actor.id));
    }
    if (gets_followup(ticket, policy) && !has_pending(pending, CallbackPurpose::followup)) {
        auto due = followup_due(closed_at, policy, ctx.config.calendar, ctx.zone());
        ctx.store.callbacks().insert(new_callback(ctx, ticket.id, CallbackPurpose::followup, due, actor.id));
    }
    // A closed ticket needs no more progress calls.
    cancel_pending(ctx, ticket.id, {CallbackPurpose::progress}, fmt::format("ticket {} was closed", ticket.id));
}

std::vector<FieldChange> on_satisfaction(Context& ctx, Ticket& ticket, int score, const Staff& actor) {
    std::vector<FieldChange> changes;
    const auto& policy = ctx.config.callbacks;
    if (!is_dissatisfied(score, policy)) return changes;
    if (!ticket.dissatisfied_at) {
        ticket.dissatisfied_at = ctx.now;
        changes.push_back({"dissatisfied", std::nullopt, format_iso(ctx.now, ctx.zone())});
    }
    // The owner stays accountable (首问负责制): the follow-up is theirs, else the assignee's.
    auto handler = ticket.owner ? ticket.owner : ticket.assignee;
    CallbackFilter filter;
    filter.ticket = ticket.id;
    filter.statuses = {CallbackStatus::pending};
    filter.purposes = {CallbackPurpose::followup};
    for (const auto& l : ctx.store.callbacks().list(filter)) {
        if (l.callback.handler && l.callback.handler == handler) return changes;
    }
    auto due = survey_due(ctx.now, policy, ctx.config.calendar, ctx.zone());
    auto cb = new_callback(ctx, ticket.id, CallbackPurpose::followup, due, actor.id);
    cb.handler = handler;
    auto id = ctx.store.callbacks().insert(cb);
    changes.push_back({"followup", std::nullopt, fmt::format("callback {} for {}", id, handler.value_or("nobody"))});
    return changes;
}

void check_survey_drop(const Context& ctx, const Staff& actor, std::string_view reason) {
    if (actor.is_supervisor() || is_drop_reason(reason, ctx.config.callbacks)) return;
    const auto& reasons = ctx.config.callbacks.drop_reasons;
    if (reasons.empty()) {
        fail(Code::permission, "only a supervisor may drop a satisfaction survey; {} is not one", actor.id);
    }
    fail(Code::permission,
         "dropping a satisfaction survey needs a supervisor or one of the reasons ({}), alone or followed by "
         "': details'; '{}' is not one",
         fmt::join(reasons, ", "), reason);
}

void drop_survey(Context& ctx, const Ticket& ticket, const Staff& actor, const std::string& reason) {
    auto cb = new_callback(ctx, ticket.id, CallbackPurpose::survey, ctx.now, actor.id);
    cancel_callback(cb, reason, ctx.now);
    cb.dropped_by = actor.id;
    ctx.store.callbacks().insert(cb);
}

void schedule_import_surveys(Context& ctx, const std::vector<std::pair<TicketId, Timestamp>>& closed,
                             const std::string& actor) {
    const auto& policy = ctx.config.callbacks;
    auto earliest = calling_window_start(ctx.now, policy, ctx.config.calendar, ctx.zone());
    for (const auto& [id, closed_at] : closed) {
        auto due = std::max(survey_due(closed_at, policy, ctx.config.calendar, ctx.zone()), earliest);
        ctx.store.callbacks().insert(new_callback(ctx, id, CallbackPurpose::survey, due, actor));
    }
}

void on_ticket_reopened(Context& ctx, const Ticket& ticket, const Staff& actor) {
    cancel_pending(ctx, ticket.id, {CallbackPurpose::survey, CallbackPurpose::followup},
                   fmt::format("ticket {} was reopened by {}", ticket.id, actor.id));
}

int sweep_progress_callbacks(Context& ctx) {
    int changed = 0;
    ctx.store.write([&] {
        auto& repo = ctx.store.callbacks();
        CallbackFilter pending_progress;
        pending_progress.statuses = {CallbackStatus::pending};
        pending_progress.purposes = {CallbackPurpose::progress};
        for (auto& l : repo.list(pending_progress)) {
            if (is_open(l.ticket_status)) continue;
            cancel_callback(l.callback, fmt::format("ticket {} is {}", l.callback.ticket, to_string(l.ticket_status)),
                            ctx.now);
            repo.update(l.callback);
            ++changed;
        }
        TicketFilter overdue;
        overdue.statuses.assign(std::begin(k_open_statuses), std::end(k_open_statuses));
        overdue.overdue_only = true;
        overdue.now = ctx.now;
        for (const auto& t : ctx.store.tickets().list(overdue)) {
            if (!needs_progress_calls(t, ctx.now)) continue;
            CallbackFilter mine;
            mine.ticket = t.id;
            mine.purposes = {CallbackPurpose::progress};
            auto progress = repo.list(mine);
            if (has_pending(progress, CallbackPurpose::progress)) continue;
            std::optional<Timestamp> previous;
            for (const auto& l : progress) {
                if (l.callback.finished_at && (!previous || *l.callback.finished_at > *previous)) {
                    previous = l.callback.finished_at;
                }
            }
            auto due = next_progress_due(t, previous, ctx.config.callbacks, ctx.config.calendar, ctx.zone());
            repo.insert(new_callback(ctx, t.id, CallbackPurpose::progress, due, std::nullopt));
            ++changed;
        }
        changed += sweep_early_progress(ctx);
        changed += sweep_loan_callbacks(ctx);
    });
    return changed;
}

CallbackId schedule_callback(Context& ctx, TicketId ticket, Timestamp at, CallbackPurpose purpose) {
    if (purpose == CallbackPurpose::loan) {
        fail(Code::invalid, "a callback of purpose loan is made for an overdue loan, not scheduled for a ticket; "
                            "give another --purpose");
    }
    if (at < ctx.now) {
        fail(Code::invalid, "--at {} is in the past; give a time from now on", format_local(at, ctx.zone()));
    }
    auto due = calling_window_start(at, ctx.config.callbacks, ctx.config.calendar, ctx.zone());
    CallbackId id = 0;
    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        auto t = ctx.store.tickets().find(ticket);
        if (!t) fail(Code::not_found, "no ticket {}", ticket);
        if (t->status == Status::cancelled) fail(Code::refused, "ticket {} is cancelled: it needs no callback", ticket);
        id = ctx.store.callbacks().insert(new_callback(ctx, ticket, purpose, due, actor.id));
    });
    return id;
}

Callback record_call(Context& ctx, const CallOutcomeRequest& r) {
    std::optional<std::string> note;
    if (r.note) {
        check_text("note", *r.note, ctx.config.limits.note, true, true);
        note = screen_id_numbers(ctx.config.privacy, "note", *r.note);
    }
    if (r.satisfaction && (*r.satisfaction < 1 || *r.satisfaction > 5)) {
        fail(Code::invalid, "satisfaction must be between 1 and 5, not {}", *r.satisfaction);
    }
    Callback result;
    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        auto listing = load_for_update(ctx, r.id);
        Callback& cb = listing.callback;
        record_attempt(cb, {ctx.now, actor.id, r.outcome, note}, r.satisfaction,
                       ctx.config.callbacks, ctx.config.calendar, ctx.zone());
        // After the checks of the input and the state; nothing is written yet.
        check_surveyor(cb, actor.id, listing.assignee, ctx.config.callbacks);
        ctx.store.callbacks().update(cb);
        if (r.satisfaction) {
            // The customer's answer on the phone is the ticket's satisfaction (SPEC §2).
            auto t = ctx.store.tickets().find_for_update(cb.ticket);
            if (!t) fail(Code::internal, "callback {} refers to a missing ticket {}", cb.id, cb.ticket);
            TicketEvent event{0, t->id, ctx.now, actor.id, "callback", {}, std::nullopt};
            event.changes.push_back({"satisfaction",
                                     t->satisfaction ? std::optional<std::string>(std::to_string(*t->satisfaction))
                                                     : std::nullopt,
                                     std::to_string(*r.satisfaction)});
            event.reason = fmt::format("callback {} ({}): {}", cb.id, to_string(cb.purpose), to_string(r.outcome));
            t->satisfaction = r.satisfaction;
            for (auto& c : on_satisfaction(ctx, *t, *r.satisfaction, actor)) event.changes.push_back(std::move(c));
            t->updated_at = ctx.now;
            ctx.store.tickets().update(*t);
            ctx.store.tickets().add_event(event);
        }
        result = cb;
    });
    return result;
}

void cancel_callback(Context& ctx, CallbackId id, const std::string& reason_text) {
    check_text("reason", reason_text, ctx.config.limits.note, true, true);
    auto reason = screen_id_numbers(ctx.config.privacy, "reason", reason_text);
    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        auto listing = load_for_update(ctx, id);
        if (listing.callback.purpose == CallbackPurpose::survey && listing.callback.status == CallbackStatus::pending) {
            check_survey_drop(ctx, actor, reason);
            listing.callback.dropped_by = actor.id;
        }
        cancel_callback(listing.callback, reason, ctx.now);
        ctx.store.callbacks().update(listing.callback);
    });
}

CallbackListing show_callback(Context& ctx, CallbackId id, bool reveal) {
    CallbackListing out;
    if (!reveal) {
        ctx.store.read([&] { out = load(ctx, id); });
        return out;
    }
    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        out = load(ctx, id);
        check_handler(actor, out, "reveal its phone number");
        record_audit(ctx, "callback.reveal", callback_subject(id), subject_of(out.callback));
    });
    return out;
}

std::string dial_callback(Context& ctx, CallbackId id) {
    std::string phone;
    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        auto listing = load(ctx, id);
        check_handler(actor, listing, "dial it");
        if (listing.callback.status != CallbackStatus::pending) {
            fail(Code::refused, "callback {} is {}: there is no call to make", id,
                 to_string(listing.callback.status));
        }
        if (!listing.phone || listing.phone->empty()) {
            fail(Code::not_found, "callback {}: ticket {} has no phone number", id,
                 listing.callback.ticket);
        }
        phone = *listing.phone;
        record_audit(ctx, "callback.dial", callback_subject(id), subject_of(listing.callback));
    });
    return phone;
}

std::vector<CallbackListing> list_callbacks(Context& ctx, CallbackFilter filter) {
    if (filter.desk) ctx.config.desk(*filter.desk);
    if (filter.due_since && filter.due_until && *filter.due_until <= *filter.due_since) {
        fail(Code::invalid, "--until must be after --since");
    }
    std::vector<CallbackListing> out;
    ctx.store.write([&] {
        if (filter.ticket && !ctx.store.tickets().find(*filter.ticket)) fail(Code::not_found, "no ticket {}", *filter.ticket);
        sweep_progress_callbacks(ctx);
        out = ctx.store.callbacks().list(filter);
    });
    return out;
}

std::vector<CallbackListing> due_callbacks(Context& ctx, CallbackFilter filter) {
    filter.statuses = {CallbackStatus::pending};
    if (!filter.due_by) filter.due_by = due_horizon(ctx.now, ctx.zone());
    return list_callbacks(ctx, std::move(filter));
}

std::size_t export_callbacks_ics(Context& ctx, std::optional<Timestamp> since, std::optional<Timestamp> until,
                                 const std::function<void(std::string_view)>& write) {
    CallbackFilter filter;
    filter.statuses = {CallbackStatus::pending};
    filter.due_since = since;
    filter.due_until = until;
    std::size_t count = 0;
    ctx.store.write([&] {
        auto pending = list_callbacks(ctx, filter);
        std::vector<IcsEvent> events;
        for (const auto& l : pending) events.push_back(event_of(ctx.config, l));
        auto name = ctx.config.site_name.empty() ? std::string("svcdesk callbacks") : ctx.config.site_name + " 回访";
        write(render_ics(events, ctx.now, name));
        count = events.size();
    });
    return count;
}

} // namespace svcdesk
