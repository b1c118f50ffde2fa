#pragma once
// Service-level targets: how long a ticket may wait for its first response and its resolution,
// and the verdicts on them (seed 000 §五.2).

#include <svcdesk/domain/calendar.hpp>
#include <svcdesk/domain/ticket.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {

enum class SlaClock { calendar, working };

// A target length: an amount of (calendar or working) time, or "by the end of the same day".
struct SlaSpan {
    minutes amount{0};
    bool end_of_day = false;
};

// Each target counts on its own clock (seed 000 §五.2: after-sales respond within 1 h of
// calendar time, done within 2 working days).
struct SlaTarget {
    SlaClock respond_clock = SlaClock::calendar;
    SlaClock resolve_clock = SlaClock::calendar;
    SlaSpan respond;
    SlaSpan resolve;
};

// One configured row: category (or "category.class") with optional per-priority overrides.
struct SlaRule {
    SlaTarget base;
    std::map<Priority, SlaTarget> by_priority; // complete targets for the priorities listed
};

// sla.reopen_resolve as read for each clock ("2d" is two working days on the working clock).
struct SlaReopenSpan {
    SlaSpan calendar, working;
};

struct SlaPolicy {
    std::map<std::string, SlaRule> rules; // "complaint.product", "complaint", "default"
    // Multiplies amounts of rules without an explicit override for the priority; never above 1
    // (priority tightens the seed's limits, never loosens them).
    std::map<Priority, double> priority_scale{{Priority::urgent, 0.5}, {Priority::high, 0.75},
                                              {Priority::normal, 1.0}, {Priority::low, 1.0}};
    // How far in the past a contact time given at intake may lie (sla.max_backdate_hours).
    std::chrono::hours max_backdate{24};
    // How often a ticket's resolve deadline may be extended (sla.max_extensions).
    int max_extensions = 1;
    // The time a reopened ticket gets for its re-investigation (sla.reopen_resolve); absent: the
    // ticket's own resolve target.
    std::optional<SlaReopenSpan> reopen_resolve;

    // The target for a ticket: "category.class", then "category", then "default".
    // Throws Error(internal) when not even a default rule exists.
    SlaTarget target(const std::string& category, const std::optional<std::string>& complaint_class,
                     Priority priority) const;
    // The span a reopened ticket has to be resolved again, on `target`'s resolve clock.
    SlaSpan reopen_span(const SlaTarget& target) const;
};

// Why `candidate` would give more time than `base` (a per-priority target looser than its
// rule), or nothing when it is as tight or tighter. A duration and "eod" do not compare: mixing
// them is reported too.
std::optional<std::string> looser_than(const SlaSpan& candidate, const SlaSpan& base);

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

// What the SLA verdicts of a ticket rest on: from a Ticket, or from a report's row.
struct SlaFacts {
    Status status = Status::new_;
    Timestamp response_due{}, resolve_due{};
    std::optional<Timestamp> first_response_at, resolved_at, wait_started_at;
    std::optional<Timestamp> response_breached_at, resolve_breached_at; // recorded breaches
};
SlaFacts sla_facts(const Ticket& t);

// The one rule on breaches that show, list, the JSON records and the reports all use (seed 000
// §五.2). Each returns the deadline that passed unmet, or nothing:
// - a recorded breach (Ticket::*_breached_at) stands forever, whatever happened later;
// - else a response after its deadline, or none by `now` past it (a cancelled ticket is never
//   late);
// - else a resolution after its deadline, or none by `now` past it; a ticket waiting on the
//   customer is judged at the moment it began waiting, since its clock is paused then.
std::optional<Timestamp> response_breach(const SlaFacts& f, Timestamp now);
std::optional<Timestamp> resolve_breach(const SlaFacts& f, Timestamp now);

// Escalation before a breach (issue 20; seed 000 §五.4 风险预警): [escalation] of the config.
struct EscalationPolicy {
    // How long before its next deadline a ticket is escalated (level 1), per category, with
    // "default" for the others.
    std::map<std::string, minutes> warn_before{{"default", minutes(30)}};
    minutes level3_after{120};            // past the deadline this long: level 3
    std::vector<std::string> level3_staff; // whom level 3 reaches (staff ids)

    minutes warn_for(const std::string& category) const;
};

// The deadline an open ticket is measured against next: the response deadline until the first
// response, then the resolve deadline; none for a ticket not open or waiting on the customer
// (its clock is paused).
std::optional<Timestamp> next_deadline(const Ticket& t);

// The escalation level the clock gives `t` at `now`: 0 none; 1 within warn_before of its next
// deadline (its assignee and owner); 2 past it (the desk's supervisors too); 3 past it by
// level3_after or more (those named in config too).
int escalation_level(const Ticket& t, Timestamp now, const EscalationPolicy& policy);

// Refuses an extension of `t`'s resolve deadline to `to` (seed 000 §五.2: tell the customer and
// explain, before the deadline): Error(refused) once the deadline passed unmet (naming it) or
// after `max_extensions` extensions; Error(invalid) when `to` is not after the deadline or when
// the customer was told before the contact or in the future.
void check_extension(const Ticket& t, Timestamp to, Timestamp notified_at, Timestamp now,
                     int extensions_so_far, int max_extensions, Zone zone);

} // namespace svcdesk
