#pragma once
// Service-level targets: how long a ticket may wait for its first response and its resolution.

#include <svcdesk/domain/calendar.hpp>
#include <svcdesk/domain/ticket.hpp>

#include <map>
#include <optional>
#include <string>

namespace svcdesk {

enum class SlaClock { calendar, working };

// A target length: an amount of (calendar or working) time, or "by the end of the same day".
struct SlaSpan {
    minutes amount{0};
    bool end_of_day = false;
};

struct SlaTarget {
    SlaClock clock = SlaClock::calendar;
    SlaSpan respond;
    SlaSpan resolve;
};

// One configured row: category (or "category.class") with optional per-priority overrides.
struct SlaRule {
    SlaTarget base;
    std::map<Priority, SlaTarget> by_priority; // complete targets for the priorities listed
};

struct SlaPolicy {
    std::map<std::string, SlaRule> rules; // "complaint.product", "complaint", "default"
    // Multiplies amounts of rules without an explicit override for the priority.
    std::map<Priority, double> priority_scale{{Priority::urgent, 0.5}, {Priority::high, 0.75},
                                              {Priority::normal, 1.0}, {Priority::low, 1.5}};
    // How far in the past a contact time given at intake may lie (sla.max_backdate_hours).
    std::chrono::hours max_backdate{24};

    // The target for a ticket: "category.class", then "category", then "default".
    // Throws Error(internal) when not even a default rule exists.
    SlaTarget target(const std::string& category, const std::optional<std::string>& complaint_class,
                     Priority priority) const;
};

// Checks the customer's contact time given at intake against the clock: not after `now`, and not
// more than `max_backdate` before it (seed 000 §五.2: the SLA runs from the contact, so the window
// keeps backdating honest). Throws Error(invalid) naming the time and the limit.
void check_contact_time(Timestamp contact, Timestamp now, std::chrono::hours max_backdate,
                        Zone zone);

// The moment a span started at `start` runs out.
Timestamp deadline(Timestamp start, const SlaSpan& span, SlaClock clock, const WorkCalendar& cal,
                   Zone zone);

// A deadline moved for a pause from `paused_at` to `resumed_at`: the time that was left when
// the pause began is granted again from the resume. A deadline already missed stays put.
Timestamp deadline_after_pause(Timestamp due, Timestamp paused_at, Timestamp resumed_at,
                               SlaClock clock, const WorkCalendar& cal, Zone zone);

} // namespace svcdesk
