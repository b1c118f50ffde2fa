#pragma once
// Callbacks (回访): planned calls back to the customer, and the site policy that schedules them
// (seed 000 §三.4, §五.3-4; seed 004 §4). Pure rules with explicit clocks; no I/O here.

#include <svcdesk/domain/calendar.hpp>
#include <svcdesk/domain/ticket.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

using CallbackId = std::int64_t;

// `loan`: the call to the borrower of an overdue equipment loan (issue 24); the only purpose of a
// callback for a loan, and never one for a ticket.
enum class CallbackPurpose { survey, progress, followup, care, loan };
enum class CallbackStatus { pending, done, unreachable, cancelled };
enum class CallOutcome { reached, no_answer, wrong_number };

// The names of each enum, in enum order: what the parsers accept, and what shell completion offers.
inline constexpr std::array<std::string_view, 5> k_purpose_names = {"survey", "progress", "followup",
                                                                    "care", "loan"};
inline constexpr std::array<std::string_view, 4> k_callback_status_names = {
    "pending", "done", "unreachable", "cancelled"};
inline constexpr std::array<std::string_view, 3> k_outcome_names = {"reached", "no_answer",
                                                                    "wrong_number"};

std::string_view to_string(CallbackPurpose p);
std::string_view to_string(CallbackStatus s);
std::string_view to_string(CallOutcome o);
// Each parser throws Error(invalid) listing the accepted values.
CallbackPurpose parse_purpose(std::string_view text);
CallbackStatus parse_callback_status(std::string_view text);
CallOutcome parse_outcome(std::string_view text);
// "12", "C12" or "#12"; throws Error(invalid).
CallbackId parse_callback_id(std::string_view text);

struct CallAttempt {
    Timestamp at{};
    std::string caller; // staff id
    CallOutcome outcome = CallOutcome::reached;
    std::optional<std::string> note;
};

struct Callback {
    CallbackId id = 0;
    TicketId ticket = 0;               // 0 when the callback is for a loan
    std::optional<std::int64_t> loan;  // the loan (LoanId) of a callback of purpose loan
    CallbackPurpose purpose = CallbackPurpose::survey;
    CallbackStatus status = CallbackStatus::pending;
    Timestamp due_at{};
    Timestamp created_at{};
    std::optional<std::string> created_by; // empty when the policy sweep created it
    std::optional<Timestamp> finished_at;  // when it left `pending`
    std::optional<int> satisfaction;       // 1-5, from a reached call
    std::optional<std::string> cancel_reason;
    std::vector<CallAttempt> attempts;       // oldest first
    std::optional<std::string> handler;      // who makes the call; empty: the ticket's handler
    std::optional<std::string> dropped_by;   // a survey dropped by this staff member (seed 004 §4.1)
};

// A callback with what a caller needs from its ticket: the read model of callback lists.
struct CallbackListing {
    Callback callback;
    Status ticket_status = Status::new_;
    std::string desk;
    std::string category;
    std::string customer;
    std::optional<std::string> phone;
    std::optional<std::string> handler;  // the callback's own handler, else the ticket's assignee, else its owner
    std::optional<std::string> assignee; // the ticket's assignee
    std::optional<std::string> owner;    // the ticket's owner (first contact)
    // A callback for a loan: the loan's item (desk, customer and phone are the loan's desk,
    // borrower and phone; the handler is who lent it, unless the callback names one).
    std::optional<std::string> loan_item;
};

// When calls may be made: a daily window, on working days of the calendar or on every day.
struct CallingHours {
    minutes open{9 * 60};
    minutes close{20 * 60};
    bool working_days_only = true;
};

// A progress call due `after` the customer's contact, before any deadline, for the tickets that
// match: any of the priorities, categories or customer flags (an empty list matches any).
struct EarlyProgressRule {
    std::string name;
    minutes after{2 * 60};
    std::vector<Priority> priorities;
    std::vector<std::string> categories;
    std::vector<std::string> flags;
};

// The [callbacks] section of the configuration.
struct CallbackPolicy {
    minutes survey_time{10 * 60}; // local time on the next working day after close
    int followup_days = 3;        // calendar days after close
    std::vector<std::string> followup_categories{"complaint"};
    minutes progress_default{24 * 60};
    std::map<std::string, minutes> progress_by_category;
    std::map<std::string, minutes> progress_by_flag; // vip, elderly, disabled: shorter intervals
    minutes retry_interval{2 * 60};
    int max_attempts = 3;
    CallingHours calling;
    // A score at or below this marks the ticket dissatisfied (seed 000 §三.3: re-investigate).
    int dissatisfied_at = 2;
    // Whether the ticket's assignee may record the survey of their own ticket (seed 004 §4.1).
    bool survey_by_assignee = false;
    // Reasons for which staff other than supervisors may drop a survey (seed 004 §4.1).
    std::vector<std::string> drop_reasons;
    // Early progress calls (seed 000 §五.3, "severe case: report progress within 2 h").
    std::vector<EarlyProgressRule> early_progress;
};

// The first moment at or after `t` inside calling hours (`t` itself when inside a window; the
// window's end is outside). Throws Error(internal) when no window exists within three years.
Timestamp calling_window_start(Timestamp t, const CallbackPolicy& policy, const WorkCalendar& cal, Zone zone);

// `time_of_day` on the first working day after the local day of `t`.
Timestamp next_working_day_at(Timestamp t, minutes time_of_day, const WorkCalendar& cal, Zone zone);

// Due time of the satisfaction survey of a ticket closed at `closed_at`.
Timestamp survey_due(Timestamp closed_at, const CallbackPolicy& policy, const WorkCalendar& cal, Zone zone);
// Whether a closed ticket of this category also gets a follow-up call.
bool gets_followup(const Ticket& t, const CallbackPolicy& policy);
// Due time of the follow-up: followup_days after close, moved into calling hours.
Timestamp followup_due(Timestamp closed_at, const CallbackPolicy& policy, const WorkCalendar& cal, Zone zone);

// The default horizon of `callback due`: the last second of the local day of `now`, so that the
// list holds today's calls and the overdue ones.
Timestamp due_horizon(Timestamp now, Zone zone);

// Whether the ticket needs progress calls at `now`: open (new, assigned, in progress or
// waiting) and past its resolve target, or past its response target without a response
// (seed 000 §五.3).
bool needs_progress_calls(const Ticket& t, Timestamp now);
// The early progress rule that applies to an open ticket, if any (the soonest when several do).
const EarlyProgressRule* early_progress_rule(const Ticket& t, const CallbackPolicy& policy);
// The rule found points into the policy: not into a temporary one.
const EarlyProgressRule* early_progress_rule(const Ticket& t, const CallbackPolicy&& policy) = delete;
// Whether the score marks the ticket dissatisfied (<= policy.dissatisfied_at).
bool is_dissatisfied(int satisfaction, const CallbackPolicy& policy);
// Whether `reason` drops a survey for a non-supervisor: one of policy.drop_reasons, alone or
// followed by ": details".
bool is_drop_reason(std::string_view reason, const CallbackPolicy& policy);
// Checks that `actor` may record the outcome of survey `cb` of a ticket assigned to `assignee`:
// throws Error(permission) when the actor is the assignee and policy.survey_by_assignee is off
// (a handler cannot score himself, seed 004 §4.1).
void check_surveyor(const Callback& cb, std::string_view actor, const std::optional<std::string>& assignee,
                    const CallbackPolicy& policy);
// The progress interval of a ticket: its category's (or the default), or a flag's if shorter.
minutes progress_interval(const Ticket& t, const CallbackPolicy& policy);
// Due time of the next progress call: at the resolve target, or one interval after the previous
// progress call ended, whichever is later; moved into calling hours.
Timestamp next_progress_due(const Ticket& t, std::optional<Timestamp> previous_finished,
                            const CallbackPolicy& policy, const WorkCalendar& cal, Zone zone);

// Records one call on a pending callback: `reached` makes it done (with the satisfaction, if
// given); `wrong_number` makes it unreachable; `no_answer` moves it to a retry, or makes it
// unreachable once max_attempts calls went unanswered.
// Throws Error(refused) when it is not pending or a satisfaction is given on a callback that is
// not a survey (only the close and a survey record satisfaction, seed 004 §4.1), Error(invalid)
// for a satisfaction outside 1-5 or one given for a call that did not reach the customer.
void record_attempt(Callback& cb, const CallAttempt& attempt, std::optional<int> satisfaction,
                    const CallbackPolicy& policy, const WorkCalendar& cal, Zone zone);
// Cancels a pending callback; throws Error(refused) otherwise.
void cancel_callback(Callback& cb, const std::string& reason, Timestamp now);

} // namespace svcdesk
