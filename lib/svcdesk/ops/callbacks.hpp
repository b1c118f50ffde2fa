#pragma once
// Callback use cases (SPEC §2): the policy hooks run inside the ticket commands' transactions,
// and one function per `callback` command.
// All throw Error: invalid (2), not_found (3), refused (4), permission (5).

#include <svcdesk/ops/context.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

// Policy on close, inside close()'s transaction: a survey the next working day, plus a
// follow-up for the configured categories; kinds already pending are not doubled.
void on_ticket_closed(Context& ctx, const Ticket& ticket, const Staff& actor);
// Policy on reopen, inside reopen()'s transaction: pending surveys and follow-ups are cancelled
// (the next close schedules fresh ones).
void on_ticket_reopened(Context& ctx, const Ticket& ticket, const Staff& actor);

// Materialises progress callbacks at ctx.now, in one write transaction and idempotently: every
// ticket in progress or waiting past its resolve target has exactly one pending progress
// callback, due one interval after the previous one ended; pending progress callbacks of
// tickets that are resolved, closed or cancelled are cancelled. Returns how many it changed.
int sweep_progress_callbacks(Context& ctx);

// Schedules a callback by hand; the time moves into calling hours. Returns the new id.
CallbackId schedule_callback(Context& ctx, TicketId ticket, Timestamp at, CallbackPurpose purpose);

struct CallOutcomeRequest {
    CallbackId id = 0;
    CallOutcome outcome = CallOutcome::reached;
    std::optional<int> satisfaction;
    std::optional<std::string> note;
};
// Records a call; a satisfaction also becomes the ticket's (with a history event).
Callback record_call(Context& ctx, const CallOutcomeRequest& request);
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
