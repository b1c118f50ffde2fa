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

enum class CallbackPurpose { survey, progress, followup, care };
enum class CallbackStatus { pending, done, unreachable, cancelled };
enum class CallOutcome { reached, no_answer, wrong_number };

// The names of each enum, in enum order: what the parsers accept, and what shell completion offers.
inline constexpr std::array<std::string_view, 4> k_purpose_names = {"survey", "progress",
                                                                    "followup", "care"};
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
    TicketId ticket = 0;
    CallbackPurpose purpose = CallbackPurpose::survey;
    CallbackStatus status = CallbackStatus::pending;
    Timestamp due_at{};
    Timestamp created_at{};
    std::optional<std::string> created_by; // empty when the policy sweep created it
    std::optional<Timestamp> finished_at;  // when it left `pending`
    std::optional<int> satisfaction;       // 1-5, from a reached call
    std::optional<std::string> cancel_reason;
    std::vector<CallAttempt> attempts; // oldest first
};

// A callback with what a caller needs from its ticket: the read model of callback lists.
struct CallbackListing {
    Callback callback;
    Status ticket_status = Status::new_;
    std::string desk;
    std::string category;
    std::string customer;
    std::optional<std::string> phone;
    std::optional<std::string> handler; // the ticket's assignee, else its owner
};

// When calls may be made: a daily window, on working days of the calendar or on every day.
struct CallingHours {
    minutes open{9 * 60};
    minutes close{20 * 60};
    bool working_days_only = true;
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

// Whether the ticket needs progress calls at `now`: in progress or waiting, past its resolve target.
bool needs_progress_calls(const Ticket& t, Timestamp now);
// The progress interval of a ticket: its category's (or the default), or a flag's if shorter.
minutes progress_interval(const Ticket& t, const CallbackPolicy& policy);
// Due time of the next progress call: at the resolve target, or one interval after the previous
// progress call ended, whichever is later; moved into calling hours.
Timestamp next_progress_due(const Ticket& t, std::optional<Timestamp> previous_finished,
                            const CallbackPolicy& policy, const WorkCalendar& cal, Zone zone);

// Records one call on a pending callback: `reached` makes it done (with the satisfaction, if
// given); `wrong_number` makes it unreachable; `no_answer` moves it to a retry, or makes it
// unreachable once max_attempts calls went unanswered.
// Throws Error(refused) when it is not pending, Error(invalid) for a satisfaction outside 1-5
// or one given for a call that did not reach the customer.
void record_attempt(Callback& cb, const CallAttempt& attempt, std::optional<int> satisfaction,
                    const CallbackPolicy& policy, const WorkCalendar& cal, Zone zone);
// Cancels a pending callback; throws Error(refused) otherwise.
void cancel_callback(Callback& cb, const std::string& reason, Timestamp now);

} // namespace svcdesk
