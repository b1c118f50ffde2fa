#include <svcdesk/domain/sla.hpp>
#include <svcdesk/error.hpp>

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
    return {rule.base.clock, scaled(rule.base.respond, factor), scaled(rule.base.resolve, factor)};
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

} // namespace svcdesk
