#pragma once
// Ticket use cases. Each public function is one command: it checks the actor, applies the
// domain rules, writes the change and its history event in one transaction.
// All throw Error: invalid (2), not_found (3), refused (4), permission (5).

#include <svcdesk/domain/search.hpp>
#include <svcdesk/ops/context.hpp>

#include <optional>
#include <string>
#include <vector>

namespace svcdesk {

struct IntakeRequest {
    std::string channel = "phone";
    std::string category;
    std::optional<std::string> complaint_class;
    std::string priority = "normal";
    std::optional<std::string> desk; // default: the actor's desk
    std::string customer;
    std::optional<std::string> phone;
    std::string customer_type = "other";
    std::string flags;
    std::optional<std::string> language;
    std::string subject;
    std::optional<std::string> description;
    std::optional<std::string> external_ref;
    // When the customer made contact (contact_at; default now): at most sla.max_backdate_hours ago,
    // never in the future. The ticket is created at the clock's time all the same.
    std::optional<Timestamp> at;
    std::int64_t fee_cents = 0;
};

// Returns the new ticket's id.
TicketId intake(Context& ctx, const IntakeRequest& request);

void assign(Context& ctx, TicketId id, const std::string& staff_id, bool force, std::optional<std::string> note);
// On an unassigned ticket the actor becomes the assignee under the roster rule of assign:
// Error(refused) when off duty or of another desk, unless `force` (recorded and audited).
void start(Context& ctx, TicketId id, bool force = false);
void add_note(Context& ctx, TicketId id, const std::string& text);
void wait(Context& ctx, TicketId id, const std::string& reason);
void resume(Context& ctx, TicketId id);
// `caused_by` (root cause staff only): the staff member the complaint was about, counted against
// them in the staff report (seed 002 §六).
void resolve(Context& ctx, TicketId id, const std::string& resolution, std::optional<RootCause> root_cause,
             std::optional<std::string> caused_by = std::nullopt);
// Closing schedules the callbacks of the [callbacks] policy, unless `no_callback_reason` is
// given (a supervisor, or a reason of callbacks.drop_reasons, else Error(permission)): then the
// survey is recorded as dropped and the reason goes into the history. A ticket without a phone
// number gets no callback, and its history says so. A low satisfaction marks it dissatisfied
// (on_satisfaction).
void close(Context& ctx, TicketId id, std::optional<int> satisfaction,
           std::optional<std::string> no_callback_reason = std::nullopt);
// A cancelled ticket: undoes the cancel (history event "uncancel", audited "ticket.uncancel"),
// back to the status it was cancelled from (waiting: in_progress) with its deadlines; a
// supervisor only (Error(permission)), within tickets.uncancel_days of the cancel
// (Error(refused)).
void reopen(Context& ctx, TicketId id, const std::string& reason);
void cancel(Context& ctx, TicketId id, const std::string& reason);
// Moves the resolve deadline to `to`; `notified_at` is when the customer was told.
void extend(Context& ctx, TicketId id, Timestamp to, const std::string& reason, Timestamp notified_at);

// A correction of a ticket's record (`svcdesk edit`): each field given replaces the stored one;
// an empty phone, class or description clears it.
struct EditRequest {
    std::optional<std::string> customer;
    std::optional<std::string> phone;
    std::optional<std::string> priority;
    std::optional<std::string> category;
    std::optional<std::string> complaint_class;
    std::optional<std::string> subject;
    std::optional<std::string> description;
    std::optional<std::string> flags;
    std::string reason;
};
// Writes one history event ("edit") with every old and new value. A change of category, class or
// priority recomputes the deadlines from the contact time on the new rule's own clocks (a
// deadline already met or an agreed extension stays; a breach already incurred stays recorded).
// Closed and cancelled tickets only by a supervisor (Error(permission); audited). Throws
// Error(invalid) with no field or bad values, Error(refused) when nothing would change.
void edit(Context& ctx, TicketId id, const EditRequest& request);

// A transfer (转办, seed 000 §五.1): to another desk (and perhaps a staff member there), or to a
// hospital department of [[departments]] (by id or name). Exactly one of desk and department.
struct TransferRequest {
    std::optional<std::string> desk;
    std::optional<std::string> to; // with desk: the new assignee
    std::optional<std::string> department;
    std::string reason;
    bool force = false; // assign `to` although the roster rule objects (recorded)
};
// Moves an open ticket; it keeps its owner (the first contact stays accountable) and its
// deadlines. To a desk: the department is cleared, and the assignee is `to` (the roster rule of
// assign applies) or nobody (an assigned ticket is new again). To a department: desk and
// assignee stay, and the history names the department's contact. One history event
// ("transfer"). Throws Error(invalid) for a bad combination or unknown desk or department,
// Error(not_found), Error(refused) for a ticket that is not open or is there already.
void transfer(Context& ctx, TicketId id, const TransferRequest& request);

// Gives every open ticket assigned to `from` to `to` (deactivation of `from`, issue 21): one
// "assign" event per ticket with `reason`, the status kept, the roster rule not asked (the
// supervisor decided). Call inside a write transaction; returns the tickets moved.
std::vector<TicketId> hand_over_tickets(Context& ctx, const Staff& actor, const std::string& from,
                                        const std::string& to, const std::string& reason);

struct TicketDetail {
    Ticket ticket;
    std::vector<TicketEvent> history;
};
TicketDetail show_ticket(Context& ctx, TicketId id);
std::vector<Ticket> list_tickets(Context& ctx, const TicketFilter& filter);
// The tickets that hold every term of `text` (search_terms) in their subject, description,
// resolution, notes, customer name or external ref and pass `filter` (as list_tickets), ranked,
// each with its snippet; at most filter.limit (default k_search_default_limit). Throws
// Error(invalid) for a blank text or an unknown desk or category.
std::vector<SearchHit> search_tickets(Context& ctx, const std::string& text, const TicketFilter& filter);

// Parses a ticket id as typed ("42" or "T42"); throws Error(invalid).
TicketId parse_ticket_id(std::string_view text);

} // namespace svcdesk
