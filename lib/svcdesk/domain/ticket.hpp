#pragma once
// The service ticket: its fields, its lifecycle and the rules that govern both. No I/O here.

#include <svcdesk/time.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

using TicketId = std::int64_t;

enum class Status { new_, assigned, in_progress, waiting, resolved, closed, cancelled };
// Every status, in lifecycle order.
inline constexpr Status k_statuses[] = {Status::new_,     Status::assigned, Status::in_progress, Status::waiting,
                                        Status::resolved, Status::closed,   Status::cancelled};
// The statuses in which a ticket still needs work (is_open): the one list of them that the
// store's queries, `list --status open` and completion use.
inline constexpr Status k_open_statuses[] = {Status::new_, Status::assigned, Status::in_progress, Status::waiting};
// The word that stands for k_open_statuses in a status filter.
inline constexpr std::string_view k_open_alias = "open";
enum class Priority { urgent, high, normal, low };
enum class RootCause { customer, staff, system };

// Things that can happen to a ticket; each one is a lifecycle action named as the CLI command.
enum class Action { assign, start, wait, resume, resolve, close, reopen, cancel };

inline constexpr std::string_view k_channels[] = {"phone", "walk_in", "online", "email",
                                                  "sms",   "social",  "other"};
inline constexpr std::string_view k_customer_types[] = {"patient", "family", "staff", "partner",
                                                        "other"};
inline constexpr std::string_view k_customer_flags[] = {"vip", "elderly", "disabled", "foreign"};

// The names of each enum, in enum order: what the parsers accept, and what shell completion offers.
inline constexpr std::array<std::string_view, 7> k_status_names = {
    "new", "assigned", "in_progress", "waiting", "resolved", "closed", "cancelled"};
inline constexpr std::array<std::string_view, 4> k_priority_names = {"urgent", "high", "normal",
                                                                     "low"};
inline constexpr std::array<std::string_view, 3> k_root_cause_names = {"customer", "staff",
                                                                       "system"};

std::string_view to_string(Status s);
std::string_view to_string(Priority p);
std::string_view to_string(RootCause r);
std::string_view to_string(Action a);

// Each parser throws Error(invalid) listing the accepted values.
Status parse_status(std::string_view text);
Priority parse_priority(std::string_view text);
RootCause parse_root_cause(std::string_view text);
std::string parse_channel(std::string_view text);
std::string parse_customer_type(std::string_view text);
// "vip,elderly" → canonical comma-separated list; throws on an unknown flag.
std::string parse_flags(std::string_view text);

// A status filter word as typed (`list --status`): one status, or k_open_alias for all of
// k_open_statuses. Throws Error(invalid) listing the statuses.
std::vector<Status> parse_status_filter(std::string_view text);

// A fee in yuan as typed (--fee) in cents, rounded to the nearest cent. Throws Error(invalid)
// outside 0 to 1,000,000,000 yuan.
std::int64_t fee_cents(double yuan);

bool is_open(Status s); // one of k_open_statuses: not resolved, closed or cancelled

struct Ticket {
    TicketId id = 0;
    Timestamp created_at{}; // when svcdesk recorded it (the clock), or the source's time on import
    Timestamp contact_at{}; // when the customer made contact (intake --at): the SLA runs from it
    std::string channel = "phone";
    std::string category;
    std::optional<std::string> complaint_class;
    Priority priority = Priority::normal;
    std::string desk;
    std::string customer;
    std::optional<std::string> phone;
    std::string customer_type = "other";
    std::string flags; // comma-separated k_customer_flags
    std::optional<std::string> language;
    std::string subject;
    std::optional<std::string> description;
    std::optional<std::string> external_ref;
    std::optional<std::string> owner;    // first contact, accountable until close (首问负责制)
    std::optional<std::string> assignee; // who works on it now
    // The hospital department it was handed to (转办, seed 000 §五.1); the desk keeps the ticket,
    // its owner stays accountable and its deadlines run on.
    std::optional<std::string> department;
    int escalation_level = 0; // recorded by escalate and sweep (0 to 3)
    std::int64_t fee_cents = 0;          // paid services only
    Status status = Status::new_;
    std::optional<Timestamp> first_response_at;
    std::optional<Timestamp> resolved_at;
    std::optional<Timestamp> closed_at;
    Timestamp response_due{};
    Timestamp resolve_due{};
    std::optional<Timestamp> wait_started_at; // set while waiting: the resolve clock is paused
    std::optional<Timestamp> extended_to;     // set by `extend`
    // A breach is a fact (seed 000 §五.2): the deadline that passed unmet, recorded by the first
    // command after it, kept whatever happens later (extend, resume, reopen, resolve).
    std::optional<Timestamp> response_breached_at;
    std::optional<Timestamp> resolve_breached_at;
    std::optional<std::string> resolution;
    std::optional<RootCause> root_cause;
    std::optional<std::string> caused_by; // root cause staff: the staff member it was about
    std::optional<int> satisfaction; // 1-5
    Timestamp updated_at{};
    std::optional<Timestamp> dissatisfied_at; // when a low score marked it dissatisfied (kept)
};

// The status an action leads to from `from`; throws Error(refused) naming both states when the
// lifecycle does not allow it.
Status next_status(Status from, Action action);

// Whether the first-response / resolve target was missed: response_breach / resolve_breach of
// sla.hpp (a recorded breach stands; a ticket waiting since before its deadline is not late).
bool response_breached(const Ticket& t, Timestamp now);
bool resolve_breached(const Ticket& t, Timestamp now);
inline bool breached(const Ticket& t, Timestamp now) {
    return response_breached(t, now) || resolve_breached(t, now);
}

// One change of one field, as recorded in a history event.
struct FieldChange {
    std::string field;
    std::optional<std::string> old_value;
    std::optional<std::string> new_value;
};

struct TicketEvent {
    std::int64_t id = 0;
    TicketId ticket = 0;
    Timestamp at{};
    std::optional<std::string> actor;
    std::string action; // intake, assign, start, note, wait, resume, resolve, close, ...
    std::vector<FieldChange> changes;
    std::optional<std::string> reason; // why, or the note text
};

} // namespace svcdesk
