#include <svcdesk/report/staff_report.hpp>
#include <svcdesk/report/stats.hpp>

#include <cmath>
#include <map>

namespace svcdesk {
namespace {

struct Person {
    std::string name, desk;
    std::int64_t handled = 0, on_time = 0, complaints = 0, callbacks = 0;
    // Seed 002 §六 appraisal: complaints this person resolved (and of those on time), complaints
    // whose root cause was this person, tickets reassigned from them to someone else.
    std::int64_t complaints_resolved = 0, complaints_on_time = 0, complaints_caused = 0, transferred_away = 0;
    std::int64_t first_contact = 0; // tickets taken as the first contact (owner, 首问负责制)
    std::int64_t dissatisfied = 0;  // tickets handled that a low score marked dissatisfied
    std::vector<double> first_response, handle, scores;
    minutes rostered{0};
};

Json number(const std::optional<double>& v, double scale = 10.0) {
    return v ? Json(std::round(*v * scale) / scale) : Json();
}

} // namespace

date::year_month report_month(std::string_view text, Timestamp now, Zone zone) {
    if (!text.empty()) return parse_month(text);
    date::year_month_day today(local_day(now, zone));
    return today.year() / today.month();
}

Json staff_report_json(const ReportSource& source, date::year_month month, const std::optional<std::string>& desk) {
    if (desk) source.config.desk(*desk);
    auto first = date::local_days(month / 1);
    auto next = date::local_days((month + date::months(1)) / 1);
    Timestamp from = start_of_day(first, source.zone()), to = start_of_day(next, source.zone());
    auto in = [&](const std::optional<Timestamp>& t) { return t && *t >= from && *t < to; };

    std::map<std::string, Person> people;
    source.store.read([&] {
        for (const auto& s : source.store.staff().list(true)) {
            if (desk && s.desk != *desk) continue;
            Person& person = people[s.id];
            person.name = s.name;
            person.desk = s.desk;
        }
        auto& repo = source.store.reports();
        for (const auto& t : repo.tickets_active(from, to, std::nullopt)) {
            bool complaint = source.config.is_complaint(t.category);
            if (complaint && t.caused_by && t.root_cause == RootCause::staff && in(t.resolved_at)) {
                if (auto c = people.find(*t.caused_by); c != people.end()) ++c->second.complaints_caused;
            }
            if (t.owner && in(t.created_at)) {
                if (auto it = people.find(*t.owner); it != people.end()) ++it->second.first_contact;
            }
            if (!t.assignee) continue;
            auto it = people.find(*t.assignee);
            if (it == people.end()) continue;
            Person& p = it->second;
            if (in(t.first_response_at))
                p.first_response.push_back(minutes_between(t.contact_at, *t.first_response_at));
            if (in(t.resolved_at)) {
                ++p.handled;
                p.handle.push_back(minutes_between(t.contact_at, *t.resolved_at));
                // The breaches of domain/sla.hpp: recorded ones stand (seed 000 §五.2).
                auto facts = t.sla();
                bool late = resolve_breach(facts, source.now) || response_breach(facts, source.now);
                if (!late) ++p.on_time;
                if (complaint) {
                    ++p.complaints;
                    ++p.complaints_resolved;
                    if (!late) ++p.complaints_on_time;
                }
            } else if (complaint && in(t.created_at)) {
                ++p.complaints;
            }
            if (in(t.closed_at) && t.satisfaction) p.scores.push_back(*t.satisfaction);
            if (in(t.dissatisfied_at)) ++p.dissatisfied;
        }
        for (const auto& r : repo.reassignments(from, to)) {
            if (auto it = people.find(r.from); it != people.end()) ++it->second.transferred_away;
        }
        for (const auto& a : repo.attempts(from, to, std::nullopt)) {
            if (auto it = people.find(a.caller); it != people.end()) ++it->second.callbacks;
        }
        for (const auto& r : repo.roster(first, next, desk)) {
            auto it = people.find(r.staff);
            const auto* shift = source.config.roster.find_shift(r.shift);
            if (it != people.end() && shift) it->second.rostered += shift_duration(*shift, r.day, source.zone());
        }
    });

    Json staff = Json::array();
    for (const auto& [id, p] : people) {
        auto fr = summarize(p.first_response), handle = summarize(p.handle), scores = summarize(p.scores);
        staff.push_back({{"id", id},
                         {"name", p.name},
                         {"desk", p.desk},
                         {"handled", p.handled},
                         {"first_response_mean", number(fr.mean)},
                         {"first_response_median", number(fr.median)},
                         {"handle_mean", number(handle.mean)},
                         {"handle_median", number(handle.median)},
                         {"sla_met_rate", number(ratio(p.on_time, p.handled), 10000.0)},
                         {"satisfaction_mean", number(scores.mean)},
                         {"satisfaction_count", scores.count},
                         {"complaints", p.complaints},
                         {"complaint_on_time_rate", number(ratio(p.complaints_on_time, p.complaints_resolved), 10000.0)},
                         {"complaint_resolution_rate", number(ratio(p.complaints_resolved, p.complaints), 10000.0)},
                         {"complaints_caused", p.complaints_caused},
                         {"transferred_away", p.transferred_away},
                         {"dissatisfied", p.dissatisfied},
                         {"first_contact", p.first_contact},
                         {"callbacks", p.callbacks},
                         {"rostered_hours", std::round(static_cast<double>(p.rostered.count()) / 6.0) / 10.0}});
    }
    return {{"month", date::format("%Y-%m", month / 1)}, {"desk", desk ? Json(*desk) : Json()}, {"staff", staff}};
}

} // namespace svcdesk
