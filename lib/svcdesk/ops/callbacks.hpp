#pragma once
// Callback use cases (SPEC §2): the policy hooks run inside the ticket commands' transactions,
// and one function per `callback` command.
// All throw Error: invalid (2), not_found (3), refused (4), permission (5).

#include <svcdesk/ops/context.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace svcdesk {

// Policy on close, inside close()'s transaction: a survey the next working day, plus a
// follow-up for the configured categories; kinds already pending are not doubled.
void on_ticket_closed(Context& ctx, const Ticket& ticket, const Staff& actor);
// A score recorded for the ticket (close or survey): a low one (callbacks.dissatisfied_at) marks
// the ticket dissatisfied, once, and schedules a follow-up callback for its owner (the first
// contact) on the next working day, unless one is pending for them (seed 000 §三.3). Returns the
// field changes to record in the ticket's history; the caller writes the ticket.
std::vector<FieldChange> on_satisfaction(Context& ctx, Ticket& ticket, int score, const Staff& actor);
// Whether `actor` may drop a survey with `reason`: a supervisor always, anyone else only with a
// reason of callbacks.drop_reasons; throws Error(permission) otherwise (seed 004 §4.1).
void check_survey_drop(const Context& ctx, const Staff& actor, std::string_view reason);
// `close --no-callback`: records the survey as dropped (a cancelled survey callback carrying the
// reason and who dropped it), so that db check and the reports see it. Inside close()'s
// transaction, after check_survey_drop.
void drop_survey(Context& ctx, const Ticket& ticket, const Staff& actor, const std::string& reason);

// Surveys of tickets an import wrote closed (id, close time), inside the import's transaction:
// due as after a close, or at the next calling hour when that is past.
void schedule_import_surveys(Context& ctx, const std::vector<std::pair<TicketId, Timestamp>>& closed,
                             const std::string& actor);

// Policy on reopen, inside reopen()'s transaction: pending surveys and follow-ups are cancelled
// (the next close schedules fresh ones).
void on_ticket_reopened(Context& ctx, const Ticket& ticket, const Staff& actor);

// Materialises progress callbacks at ctx.now, in one write transaction and idempotently: every
// open ticket past its resolve target (or its response target without a response) has exactly
// one pending progress callback, due one interval after the previous one ended; an open ticket
// that matches a [callbacks.early_progress] rule and never had a progress callback gets one due
// `after` its contact, when that is before its resolve deadline (seed 000 §五.3); pending
// progress callbacks of tickets that are resolved, closed or cancelled are cancelled; every loan
// out past its due time that never had a callback gets one of purpose loan (issue 24). Returns
// how many it changed.
int sweep_progress_callbacks(Context& ctx);

// Inside a loan's return (issue 24): its pending callback of purpose loan is cancelled, `why`.
void cancel_loan_callback(Context& ctx, std::int64_t loan, const std::string& why);

// Schedules a callback by hand (never of purpose loan: Error(invalid)); the time moves into calling hours. Returns the new id.
CallbackId schedule_callback(Context& ctx, TicketId ticket, Timestamp at, CallbackPurpose purpose);

struct CallOutcomeRequest {
    CallbackId id = 0;
    CallOutcome outcome = CallOutcome::reached;
    std::optional<int> satisfaction;
    std::optional<std::string> note;
};
// Records a call; a satisfaction (surveys only: Error(refused) on another purpose) also becomes
// the ticket's (with a history event, and on_satisfaction). The ticket's assignee may not record
// its survey unless callbacks.survey_by_assignee (Error(permission)).
Callback record_call(Context& ctx, const CallOutcomeRequest& request);
// Cancelling a survey drops it: check_survey_drop applies, and the callback keeps who dropped it.
void cancel_callback(Context& ctx, CallbackId id, const std::string& reason);

// `reveal`: the phone unmasked, for the staff member handling the callback (the ticket's
// assignee, else its owner) or a supervisor, else Error(permission); audited (callback.reveal).
CallbackListing show_callback(Context& ctx, CallbackId id, bool reveal = false);
// `callback dial`: the phone number of a pending callback, for its handler or a supervisor as
// above; audited (callback.dial). Refused (4) when not pending; not_found (3) without a number.
std::string dial_callback(Context& ctx, CallbackId id);
// Sweeps first, then lists (sorted by due time, then id).
std::vector<CallbackListing> list_callbacks(Context& ctx, CallbackFilter filter);
// `callback due`: the pending callbacks due by filter.due_by, by default by the end of today
// (due_horizon), overdue ones first; the statuses of `filter` are ignored.
std::vector<CallbackListing> due_callbacks(Context& ctx, CallbackFilter filter);

// Renders the pending callbacks due in [since, until) as one iCalendar text (RFC 5545) and hands
// it to `write` inside the transaction of the sweep, so that a failed write undoes the sweep too.
// Returns the number of events.
std::size_t export_callbacks_ics(Context& ctx, std::optional<Timestamp> since, std::optional<Timestamp> until,
                                 const std::function<void(std::string_view)>& write);

} // namespace svcdesk
