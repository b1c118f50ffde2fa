#include <svcdesk/domain/callback.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/i18n.hpp>

#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace svcdesk {
namespace {

template <typename Enum, size_t N>
Enum parse_enum(std::string_view text, const std::array<std::string_view, N>& names, std::string_view what) {
    auto it = std::find(names.begin(), names.end(), text);
    if (it == names.end()) fail(Code::invalid, "unknown {} '{}' (one of: {})", _(std::string(what).c_str()), text,
                                    fmt::join(names, ", "));
    return static_cast<Enum>(it - names.begin());
}

bool is_calling_day(const CallbackPolicy& policy, const WorkCalendar& cal, date::local_days day) {
    return !policy.calling.working_days_only || cal.is_working_day(day);
}

void check_pending(const Callback& cb, std::string_view what) {
    if (cb.status != CallbackStatus::pending) {
        fail(Code::refused, "callback {} is {}: only a pending callback can be {}", cb.id, to_string(cb.status),
             _(std::string(what).c_str()));
    }
}

} // namespace

std::string_view to_string(CallbackPurpose p) { return k_purpose_names.at(static_cast<size_t>(p)); }
std::string_view to_string(CallbackStatus s) { return k_callback_status_names.at(static_cast<size_t>(s)); }
std::string_view to_string(CallOutcome o) { return k_outcome_names.at(static_cast<size_t>(o)); }

CallbackPurpose parse_purpose(std::string_view text) {
    return parse_enum<CallbackPurpose>(text, k_purpose_names, N_("callback purpose"));
}
CallbackStatus parse_callback_status(std::string_view text) {
    return parse_enum<CallbackStatus>(text, k_callback_status_names, N_("callback status"));
}
CallOutcome parse_outcome(std::string_view text) { return parse_enum<CallOutcome>(text, k_outcome_names, N_("outcome")); }

Timestamp due_horizon(Timestamp now, Zone zone) {
    return start_of_day(local_day(now, zone) + date::days(1), zone) - std::chrono::seconds(1);
}

CallbackId parse_callback_id(std::string_view text) {
    auto digits = text;
    if (!digits.empty() && (digits[0] == 'C' || digits[0] == 'c' || digits[0] == '#')) digits.remove_prefix(1);
    CallbackId id = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || id <= 0) {
        fail(Code::invalid, "invalid callback id '{}': expected a number such as 12 or C12", text);
    }
    return id;
}

Timestamp calling_window_start(Timestamp t, const CallbackPolicy& policy, const WorkCalendar& cal, Zone zone) {
    auto day = local_day(t, zone);
    for (int i = 0; i < k_max_days_scanned; ++i, day += date::days(1)) {
        if (!is_calling_day(policy, cal, day)) continue;
        auto begin = to_utc(date::local_seconds(day) + policy.calling.open, zone);
        auto end = to_utc(date::local_seconds(day) + policy.calling.close, zone);
        if (t < end) return std::max(t, begin);
    }
    fail(Code::internal, "no calling hours within {} days; check [callbacks] calling_hours and [calendar]",
         k_max_days_scanned);
}

Timestamp next_working_day_at(Timestamp t, minutes time_of_day, const WorkCalendar& cal, Zone zone) {
    auto day = local_day(t, zone) + date::days(1);
    for (int i = 0; i < k_max_days_scanned; ++i, day += date::days(1)) {
        if (cal.is_working_day(day)) return to_utc(date::local_seconds(day) + time_of_day, zone);
    }
    fail(Code::internal, "the working calendar has no working day within {} days; check [calendar]",
         k_max_days_scanned);
}

Timestamp survey_due(Timestamp closed_at, const CallbackPolicy& policy, const WorkCalendar& cal, Zone zone) {
    return calling_window_start(next_working_day_at(closed_at, policy.survey_time, cal, zone), policy, cal, zone);
}

bool gets_followup(const Ticket& t, const CallbackPolicy& policy) {
    const auto& cats = policy.followup_categories;
    return std::find(cats.begin(), cats.end(), t.category) != cats.end();
}

Timestamp followup_due(Timestamp closed_at, const CallbackPolicy& policy, const WorkCalendar& cal, Zone zone) {
    // Calendar days on the wall clock, so that a daylight-saving change keeps the hour.
    auto local = to_local(closed_at, zone) + date::days(policy.followup_days);
    return calling_window_start(to_utc(local, zone), policy, cal, zone);
}

bool needs_progress_calls(const Ticket& t, Timestamp now) {
    if (!is_open(t.status)) return false;
    return resolve_breached(t, now) || (!t.first_response_at && response_breached(t, now));
}

namespace {
bool has_flag(const Ticket& t, const std::string& flag) {
    // t.flags is a canonical comma-separated list; match whole words only.
    auto padded = "," + t.flags + ",";
    return padded.find("," + flag + ",") != std::string::npos;
}

template <typename T, typename Pred>
bool matches(const std::vector<T>& wanted, Pred&& pred) {
    return wanted.empty() || std::any_of(wanted.begin(), wanted.end(), pred);
}
} // namespace

const EarlyProgressRule* early_progress_rule(const Ticket& t, const CallbackPolicy& policy) {
    const EarlyProgressRule* best = nullptr;
    if (!is_open(t.status)) return best;
    for (const auto& rule : policy.early_progress) {
        bool match = matches(rule.priorities, [&](Priority p) { return p == t.priority; }) &&
                     matches(rule.categories, [&](const std::string& c) { return c == t.category; }) &&
                     matches(rule.flags, [&](const std::string& f) { return has_flag(t, f); });
        if (match && (!best || rule.after < best->after)) best = &rule;
    }
    return best;
}

bool is_dissatisfied(int satisfaction, const CallbackPolicy& policy) { return satisfaction <= policy.dissatisfied_at; }

bool is_drop_reason(std::string_view reason, const CallbackPolicy& policy) {
    return std::any_of(policy.drop_reasons.begin(), policy.drop_reasons.end(), [&](const std::string& r) {
        return reason == r || (reason.size() > r.size() + 1 && reason.substr(0, r.size()) == r && reason[r.size()] == ':');
    });
}

void check_surveyor(const Callback& cb, std::string_view actor, const std::optional<std::string>& assignee,
                    const CallbackPolicy& policy) {
    if (cb.purpose != CallbackPurpose::survey || policy.survey_by_assignee) return;
    if (assignee && *assignee == actor) {
        fail(Code::permission,
             "callback {} is the satisfaction survey of ticket {}, which {} handled: a handler cannot "
             "survey their own ticket; another staff member must call",
             cb.id, cb.ticket, actor);
    }
}

minutes progress_interval(const Ticket& t, const CallbackPolicy& policy) {
    auto it = policy.progress_by_category.find(t.category);
    minutes interval = it == policy.progress_by_category.end() ? policy.progress_default : it->second;
    for (const auto& [flag, flag_interval] : policy.progress_by_flag) {
        if (has_flag(t, flag)) interval = std::min(interval, flag_interval);
    }
    return interval;
}

Timestamp next_progress_due(const Ticket& t, std::optional<Timestamp> previous_finished,
                            const CallbackPolicy& policy, const WorkCalendar& cal, Zone zone) {
    // The first deadline missed: the response one when there was no response in time.
    auto due = !t.first_response_at && t.response_due < t.resolve_due ? t.response_due : t.resolve_due;
    if (previous_finished) due = std::max(due, *previous_finished + progress_interval(t, policy));
    return calling_window_start(due, policy, cal, zone);
}

void record_attempt(Callback& cb, const CallAttempt& attempt, std::optional<int> satisfaction,
                    const CallbackPolicy& policy, const WorkCalendar& cal, Zone zone) {
    if (satisfaction && (*satisfaction < 1 || *satisfaction > 5)) {
        fail(Code::invalid, "satisfaction must be between 1 and 5, not {}", *satisfaction);
    }
    if (satisfaction && attempt.outcome != CallOutcome::reached) {
        fail(Code::invalid, "satisfaction needs a call that reached the customer, not {}", to_string(attempt.outcome));
    }
    check_pending(cb, "called");
    if (satisfaction && cb.purpose != CallbackPurpose::survey) {
        fail(Code::refused,
             "callback {} is a {} call: only a satisfaction survey (or the close) records satisfaction; "
             "leave out --satisfaction",
             cb.id, to_string(cb.purpose));
    }
    cb.attempts.push_back(attempt);
    switch (attempt.outcome) {
    case CallOutcome::reached:
        cb.status = CallbackStatus::done;
        cb.finished_at = attempt.at;
        if (satisfaction) cb.satisfaction = satisfaction;
        break;
    case CallOutcome::wrong_number: // retrying the same number cannot reach the customer
        cb.status = CallbackStatus::unreachable;
        cb.finished_at = attempt.at;
        break;
    case CallOutcome::no_answer: {
        auto unanswered = std::count_if(cb.attempts.begin(), cb.attempts.end(),
                                        [](const CallAttempt& a) { return a.outcome == CallOutcome::no_answer; });
        if (unanswered >= policy.max_attempts) {
            cb.status = CallbackStatus::unreachable;
            cb.finished_at = attempt.at;
        } else {
            cb.due_at = calling_window_start(attempt.at + policy.retry_interval, policy, cal, zone);
        }
        break;
    }
    }
}

void cancel_callback(Callback& cb, const std::string& reason, Timestamp now) {
    check_pending(cb, "cancelled");
    cb.status = CallbackStatus::cancelled;
    cb.finished_at = now;
    cb.cancel_reason = reason;
}

} // namespace svcdesk
