#include <svcdesk/domain/sla.hpp>
#include <svcdesk/error.hpp>

#include <algorithm>
#include <cmath>

namespace svcdesk {
namespace {

SlaSpan scaled(SlaSpan span, double factor) {
    if (!span.end_of_day) {
        span.amount = minutes(static_cast<long long>(std::llround(static_cast<double>(span.amount.count()) * factor)));
    }
    return span;
}

} // namespace

SlaTarget SlaPolicy::target(const std::string& category, const std::optional<std::string>& complaint_class,
                            Priority priority) const {
    auto it = rules.end();
    if (complaint_class) it = rules.find(category + "." + *complaint_class);
    if (it == rules.end()) it = rules.find(category);
    if (it == rules.end()) it = rules.find("default");
    if (it == rules.end()) fail(Code::internal, "config has no SLA rule for '{}' and no [sla.default]", category);
    const SlaRule& rule = it->second;
    if (auto p = rule.by_priority.find(priority); p != rule.by_priority.end()) return p->second;
    double factor = 1.0;
    if (auto s = priority_scale.find(priority); s != priority_scale.end()) factor = s->second;
    factor = std::min(factor, 1.0); // priority tightens, never loosens (seed 000 §五.2)
    return {rule.base.respond_clock, rule.base.resolve_clock, scaled(rule.base.respond, factor),
            scaled(rule.base.resolve, factor)};
}

SlaSpan SlaPolicy::reopen_span(const SlaTarget& target) const {
    if (!reopen_resolve) return target.resolve;
    return target.resolve_clock == SlaClock::working ? reopen_resolve->working : reopen_resolve->calendar;
}

std::optional<std::string> looser_than(const SlaSpan& candidate, const SlaSpan& base) {
    if (candidate.end_of_day && base.end_of_day) return std::nullopt;
    if (candidate.end_of_day) {
        return format_message("\"eod\" may give more time than the rule's {}; give a duration of at most {}",
                           format_duration(base.amount), format_duration(base.amount));
    }
    if (base.end_of_day) {
        return format_message("{} may give more time than the rule's \"eod\"; use \"eod\" or tighten the rule",
                           format_duration(candidate.amount));
    }
    if (candidate.amount > base.amount) {
        return format_message("{} is longer than the rule's {}: a priority may tighten a target, never loosen it",
                           format_duration(candidate.amount), format_duration(base.amount));
    }
    return std::nullopt;
}

void check_contact_time(Timestamp contact, Timestamp now, std::chrono::hours max_backdate,
                        Zone zone) {
    if (contact > now) {
        fail(Code::invalid,
             "contact time {} is in the future (the clock says {}): give when the customer made "
             "contact",
             format_local(contact, zone), format_local(now, zone));
    }
    if (now - contact > max_backdate) {
        fail(Code::invalid,
             "contact time {} is {} ago, more than the {} h allowed (sla.max_backdate_hours); an "
             "older contact is "
             "history: bring it in with `svcdesk import`",
             format_local(contact, zone),
             format_duration(std::chrono::duration_cast<minutes>(now - contact)),
             max_backdate.count());
    }
}

Timestamp deadline(Timestamp start, const SlaSpan& span, SlaClock clock, const WorkCalendar& cal, Zone zone) {
    if (clock == SlaClock::working) {
        return span.end_of_day ? cal.end_of_working_day(start, zone) : cal.add_working(start, span.amount, zone);
    }
    if (span.end_of_day) return start_of_day(local_day(start, zone) + date::days(1), zone);
    return start + span.amount;
}

Timestamp deadline_after_pause(Timestamp due, Timestamp paused_at, Timestamp resumed_at, SlaClock clock,
                               const WorkCalendar& cal, Zone zone) {
    if (paused_at >= due || resumed_at <= paused_at) return due;
    if (clock == SlaClock::working) {
        return cal.add_working(resumed_at, cal.working_between(paused_at, due, zone), zone);
    }
    return resumed_at + (due - paused_at);
}

SlaFacts sla_facts(const Ticket& t) {
    return {t.status,           t.response_due,         t.resolve_due,         t.first_response_at,
            t.resolved_at,      t.wait_started_at,      t.response_breached_at, t.resolve_breached_at};
}

std::optional<Timestamp> response_breach(const SlaFacts& f, Timestamp now) {
    if (f.response_breached_at) return f.response_breached_at;
    bool late = f.first_response_at ? *f.first_response_at > f.response_due
                                    : f.status != Status::cancelled && now > f.response_due;
    return late ? std::optional<Timestamp>(f.response_due) : std::nullopt;
}

std::optional<Timestamp> resolve_breach(const SlaFacts& f, Timestamp now) {
    if (f.resolve_breached_at) return f.resolve_breached_at;
    bool late = false;
    if (f.resolved_at && !is_open(f.status)) late = *f.resolved_at > f.resolve_due;
    else if (f.status == Status::cancelled) late = false;
    else if (f.status == Status::waiting && f.wait_started_at) late = *f.wait_started_at > f.resolve_due;
    else late = now > f.resolve_due;
    return late ? std::optional<Timestamp>(f.resolve_due) : std::nullopt;
}

bool response_breached(const Ticket& t, Timestamp now) {
    return response_breach(sla_facts(t), now).has_value();
}

bool resolve_breached(const Ticket& t, Timestamp now) {
    return resolve_breach(sla_facts(t), now).has_value();
}

minutes EscalationPolicy::warn_for(const std::string& category) const {
    if (auto it = warn_before.find(category); it != warn_before.end()) return it->second;
    if (auto it = warn_before.find("default"); it != warn_before.end()) return it->second;
    return minutes(30);
}

std::optional<Timestamp> next_deadline(const Ticket& t) {
    if (!is_open(t.status)) return std::nullopt;
    if (!t.first_response_at) return t.response_due;
    if (t.status == Status::waiting) return std::nullopt;
    return t.resolve_due;
}

int escalation_level(const Ticket& t, Timestamp now, const EscalationPolicy& policy) {
    auto due = next_deadline(t);
    if (!due) return 0;
    if (now >= *due + policy.level3_after) return 3;
    if (now >= *due) return 2;
    if (now >= *due - policy.warn_for(t.category)) return 1;
    return 0;
}

void check_extension(const Ticket& t, Timestamp to, Timestamp notified_at, Timestamp now,
                     int extensions_so_far, int max_extensions, Zone zone) {
    if (auto missed = resolve_breach(sla_facts(t), now)) {
        fail(Code::refused,
             "ticket {}: the resolve deadline {} has passed unmet; an extension is agreed with the "
             "customer before the deadline, and a breach stays a breach",
             t.id, format_local(*missed, zone));
    }
    if (extensions_so_far >= max_extensions) {
        fail(Code::refused, "ticket {}: extended {} time(s) already, the most sla.max_extensions allows",
             t.id, extensions_so_far);
    }
    if (to <= t.resolve_due) {
        fail(Code::invalid, "ticket {}: --to {} is not after the current resolve deadline {}", t.id,
             format_local(to, zone), format_local(t.resolve_due, zone));
    }
    if (notified_at > now) {
        fail(Code::invalid, "--notified-at {} is in the future: give the time the customer was told",
             format_local(notified_at, zone));
    }
    if (notified_at < t.contact_at) {
        fail(Code::invalid,
             "--notified-at {} is before the customer's contact at {}: give the time the customer "
             "was told",
             format_local(notified_at, zone), format_local(t.contact_at, zone));
    }
}

} // namespace svcdesk
