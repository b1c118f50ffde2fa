#include <svcdesk/report/daily.hpp>

#include <algorithm>
#include <cmath>

namespace svcdesk {
namespace {

struct Period {
    Timestamp from, to;
    bool contains(Timestamp t) const { return t >= from && t < to; }
    bool contains(const std::optional<Timestamp>& t) const { return t && contains(*t); }
};

// SLA judgement (see svcdesk(1), REPORTS): a ticket is judged once — on the day it is resolved,
// or, if its resolve deadline passes unmet first, as breached on that deadline's day. Breaches are
// those of domain/sla.hpp, as show and list see them: a recorded breach stands whatever happened
// later (an extension, a reopen), and a ticket waiting on the customer since before its deadline
// is not late (seed 000 §五.2).
enum class Verdict { none, met, breached };

Verdict judge(const TicketFact& t, const Period& p, Timestamp now) {
    auto facts = t.sla();
    bool response_late = response_breach(facts, now).has_value();
    auto resolve_missed = resolve_breach(facts, now);
    if (p.contains(t.resolved_at)) {
        if (resolve_missed && *resolve_missed < p.from) return Verdict::none; // judged on the deadline's day
        return resolve_missed || response_late ? Verdict::breached : Verdict::met;
    }
    if (resolve_missed && p.contains(*resolve_missed) && now > *resolve_missed) return Verdict::breached;
    return Verdict::none;
}

// The class a complaint is analysed under: "category.class", or the category alone.
std::string complaint_class_key(const TicketFact& t) {
    return t.complaint_class ? t.category + "." + *t.complaint_class : t.category;
}

void add_ticket(DailyFigures& f, const TicketFact& t, bool complaint, const Period& p, Timestamp now,
                Zone zone) {
    if (p.contains(t.created_at)) {
        ++f.created;
        ++f.by_channel[t.channel];
        ++f.by_category[t.category];
        ++f.by_status[std::string(to_string(t.status))];
        auto local = to_local(t.created_at, zone);
        ++f.created_by_hour[static_cast<size_t>(
            std::chrono::duration_cast<std::chrono::hours>(local - date::floor<date::days>(local)).count())];
        if (complaint) {
            ++f.complaints_received;
            ++f.complaints_by_class[complaint_class_key(t)];
            if (t.resolved_at && *t.resolved_at < p.to) ++f.complaints_resolved;
        }
    }
    if (p.contains(t.closed_at)) ++f.closed;
    if (complaint && p.contains(t.resolved_at)) {
        ++f.complaints_by_root_cause[t.root_cause ? std::string(to_string(*t.root_cause)) : "unknown"];
    }
    auto verdict = judge(t, p, now);
    if (verdict == Verdict::met) ++f.sla_met;
    if (verdict == Verdict::breached) ++f.sla_breached;
    if (complaint && verdict != Verdict::none) {
        ++f.complaints_judged;
        if (verdict == Verdict::met) ++f.complaints_on_time;
    }
}

// Durations are collected per figures and summarised at the end.
struct Collector {
    DailyFigures figures;
    std::vector<double> first_response, resolution;
};

Json summary_json(const Summary& s) {
    auto num = [](const std::optional<double>& v) {
        return v ? Json(std::round(*v * 10.0) / 10.0) : Json();
    };
    return {{"count", s.count}, {"mean", num(s.mean)}, {"median", num(s.median)}, {"p90", num(s.p90)}};
}

Json rate_json(const std::optional<double>& r) { return r ? Json(std::round(*r * 10000.0) / 10000.0) : Json(); }

Json counts_json(const std::map<std::string, std::int64_t>& counts) {
    Json out = Json::object();
    for (const auto& [k, v] : counts) out[k] = v;
    return out;
}

Json figures_json(const DailyFigures& f) {
    Summary scores = summarize(f.callback_scores);
    Json hours = Json::array();
    for (auto n : f.created_by_hour) hours.push_back(n);
    Json satisfaction = Json::object();
    for (size_t i = 0; i < 5; ++i) satisfaction[std::to_string(i + 1)] = f.satisfaction_counts[i];
    return {
        {"tickets",
         {{"created", f.created},
          {"closed", f.closed},
          {"open_end_of_day", f.open_end_of_day},
          {"by_channel", counts_json(f.by_channel)},
          {"by_category", counts_json(f.by_category)},
          {"by_status", counts_json(f.by_status)},
          {"created_by_hour", hours}}},
        {"first_response_minutes", summary_json(f.first_response)},
        {"resolution_minutes", summary_json(f.resolution)},
        {"sla", {{"met", f.sla_met}, {"breached", f.sla_breached}, {"rate", rate_json(ratio(f.sla_met, f.sla_met + f.sla_breached))}}},
        {"complaints",
         {{"received", f.complaints_received},
          {"on_time_rate", rate_json(ratio(f.complaints_on_time, f.complaints_judged))},
          {"resolution_rate", rate_json(ratio(f.complaints_resolved, f.complaints_received))},
          {"by_class", counts_json(f.complaints_by_class)},
          {"by_root_cause", counts_json(f.complaints_by_root_cause)}}},
        {"callbacks",
         {{"due", f.callbacks_due},
          {"done", f.callbacks_done},
          {"unreachable", f.callbacks_unreachable},
          {"due_by_purpose", counts_json(f.callbacks_due_by_purpose)},
          {"dissatisfied", f.dissatisfied},
          {"dropped", f.surveys_dropped},
          {"satisfaction_mean", summary_json(scores)["mean"]}}},
        {"deposits",
         {{"in", f.deposits_in},
          {"out", f.deposits_out},
          {"stored_end_of_day", f.deposits_stored},
          {"overdue", f.deposits_overdue},
          {"handovers", f.handovers},
          {"handover_differences", f.handover_differences},
          {"handovers_unconfirmed", f.handovers_unconfirmed}}},
        {"loans",
         {{"out", f.loans_out},
          {"returned", f.loans_returned},
          {"out_end_of_day", f.loans_out_end_of_day},
          {"overdue", f.loans_overdue},
          {"cash",
           {{"opening", format_yuan(f.loan_cash_opening)},
            {"in", format_yuan(f.loan_cash_in)},
            {"refunded", format_yuan(f.loan_cash_refunded)},
            {"kept", format_yuan(f.loan_cash_kept)},
            {"out", format_yuan(f.loan_cash_refunded + f.loan_cash_kept)},
            {"closing", format_yuan(f.loan_cash_opening + f.loan_cash_in - f.loan_cash_refunded - f.loan_cash_kept)}}}}},
        {"transfers",
         {{"to_desks", f.transfers_to_desks},
          {"to_departments", f.transfers_to_departments},
          {"by_department", counts_json(f.transfers_by_department)}}},
        {"satisfaction_distribution", satisfaction},
        {"customers", {{"repeat_callers", f.repeat_callers}, {"at_risk", f.at_risk}}},
    };
}

// The figures of the days [first, last) (site time): one day for the daily report, a month for
// the complaint analysis.
DailyReport build_report(const ReportSource& source, date::local_days first, date::local_days last,
                         const std::optional<std::string>& desk) {
    if (desk) source.config.desk(*desk);
    DailyReport report;
    report.day = date::year_month_day(first);
    report.desk = desk;
    for (const auto& d : source.config.desks) {
        if (!desk || d.id == *desk) report.desk_order.push_back(d.id);
    }
    Period p{start_of_day(first, source.zone()), start_of_day(last, source.zone())};
    Timestamp now = source.now;

    std::map<std::string, Collector> by_desk;
    for (const auto& id : report.desk_order) by_desk[id];
    std::map<std::string, StaffDay> staff;

    source.store.read([&] {
        auto& repo = source.store.reports();
        for (const auto& t : repo.tickets_active(p.from, p.to, desk)) {
            auto& c = by_desk[t.desk];
            add_ticket(c.figures, t, source.config.is_complaint(t.category), p, now, source.zone());
            if (p.contains(t.first_response_at))
                c.first_response.push_back(minutes_between(t.contact_at, *t.first_response_at));
            if (p.contains(t.resolved_at)) {
                c.resolution.push_back(minutes_between(t.contact_at, *t.resolved_at));
                if (t.assignee) ++staff[*t.assignee].handled;
            }
            if (p.contains(t.dissatisfied_at)) ++c.figures.dissatisfied;
            if (p.contains(t.closed_at) && t.satisfaction) {
                ++c.figures.satisfaction_counts[static_cast<size_t>(*t.satisfaction - 1)];
                if (t.assignee) staff[*t.assignee].scores.push_back(*t.satisfaction);
            }
        }
        for (const auto& [d, n] : repo.open_at(p.to, desk)) by_desk[d].figures.open_end_of_day = n;
        for (const auto& dep : repo.deposits_active(p.from, p.to, desk)) {
            auto& f = by_desk[dep.desk].figures;
            if (p.contains(dep.deposited_at)) ++f.deposits_in;
            if (p.contains(dep.ended_at)) ++f.deposits_out;
            if (!dep.ended_at || *dep.ended_at >= p.to) {
                ++f.deposits_stored;
                if (dep.due_at < p.to) ++f.deposits_overdue;
            }
        }
        for (const auto& [loan_desk, kinds] : source.config.loans.inventory) {
            if (desk && *desk != loan_desk) continue;
            auto& f = by_desk[loan_desk].figures;
            LoanFilter every;
            every.desk = loan_desk;
            for (const auto& l : source.store.loans().list(every)) {
                if (p.contains(l.out_at)) ++f.loans_out, f.loan_cash_in += l.deposit;
                if (l.out_at < p.from) f.loan_cash_opening += l.deposit;
                if (p.contains(l.returned_at)) {
                    ++f.loans_returned;
                    f.loan_cash_refunded += l.refunded;
                    f.loan_cash_kept += l.kept;
                }
                if (l.returned_at && *l.returned_at < p.from) f.loan_cash_opening -= l.refunded + l.kept;
                if (l.out_at < p.to && (!l.returned_at || *l.returned_at >= p.to)) {
                    ++f.loans_out_end_of_day;
                    if (l.due_at < p.to) ++f.loans_overdue;
                }
            }
        }
        for (const auto& h : source.store.deposits().handovers_between(p.from, p.to, desk)) {
            auto& f = by_desk[h.desk].figures;
            if (p.contains(h.at)) ++f.handovers;
            if (p.contains(h.confirmed_at) && h.discrepancy) ++f.handover_differences;
            // Judged on the day it was due, once that moment has passed.
            if (p.contains(h.confirm_due) && handover_missed(h, now)) ++f.handovers_unconfirmed;
        }
        for (const auto& cb : repo.callbacks_active(p.from, p.to, desk)) {
            auto& f = by_desk[cb.desk].figures;
            if (p.contains(cb.due_at) && !cb.dropped) { // a dropped survey was never due
                ++f.callbacks_due;
                ++f.callbacks_due_by_purpose[cb.purpose];
            }
            if (p.contains(cb.completed_at)) {
                if (cb.status == "done") ++f.callbacks_done;
                if (cb.status == "unreachable") ++f.callbacks_unreachable;
                if (cb.dropped) ++f.surveys_dropped;
                if (cb.satisfaction) f.callback_scores.push_back(*cb.satisfaction);
            }
        }
        for (const auto& tr : repo.transfers(p.from, p.to, desk)) {
            auto& f = by_desk[tr.desk].figures;
            if (tr.to_desk) ++f.transfers_to_desks;
            if (tr.department) {
                ++f.transfers_to_departments;
                ++f.transfers_by_department[*tr.department];
            }
        }
        // Callers: judged once per phone at the end of the period (or now, if earlier).
        std::map<std::string, std::pair<bool, bool>> judged; // phone → repeat, at risk
        Timestamp end = std::min(p.to, now);
        auto since = end - std::chrono::hours(24) * source.config.customers.days;
        for (const auto& [d, phone] : repo.callers(p.from, p.to, desk)) {
            auto it = judged.find(phone);
            if (it == judged.end()) {
                bool repeat = repo.calls_before(phone, p.to) >= 2;
                auto facts = source.store.customers().risk_facts(source.config.complaint_categories, since, phone);
                bool risk = !risk_reasons(facts[phone], end, source.config.customers).empty();
                it = judged.emplace(phone, std::pair{repeat, risk}).first;
                if (repeat) ++report.total.repeat_callers;
                if (risk) ++report.total.at_risk;
            }
            auto& f = by_desk[d].figures;
            if (it->second.first) ++f.repeat_callers;
            if (it->second.second) ++f.at_risk;
        }
        for (const auto& r : repo.roster(first, last, desk)) staff[r.staff].shift = r.shift;
        for (const auto& s : source.store.staff().list(true)) {
            auto it = staff.find(s.id);
            if (it == staff.end()) continue;
            it->second.id = s.id;
            it->second.name = s.name;
            it->second.desk = s.desk;
        }
    });

    for (auto& [d, c] : by_desk) {
        c.figures.first_response = summarize(c.first_response);
        c.figures.resolution = summarize(c.resolution);
    }
    // The total: counts add up; durations are summarised over all desks' values together.
    std::vector<double> all_first, all_resolution;
    DailyFigures& t = report.total;
    for (auto& [d, c] : by_desk) {
        const auto& f = c.figures;
        t.created += f.created;
        t.closed += f.closed;
        t.open_end_of_day += f.open_end_of_day;
        for (const auto& [k, v] : f.by_channel) t.by_channel[k] += v;
        for (const auto& [k, v] : f.by_category) t.by_category[k] += v;
        for (const auto& [k, v] : f.by_status) t.by_status[k] += v;
        t.sla_met += f.sla_met;
        t.sla_breached += f.sla_breached;
        t.complaints_received += f.complaints_received;
        t.complaints_judged += f.complaints_judged;
        t.complaints_on_time += f.complaints_on_time;
        t.complaints_resolved += f.complaints_resolved;
        for (const auto& [k, v] : f.complaints_by_class) t.complaints_by_class[k] += v;
        for (const auto& [k, v] : f.complaints_by_root_cause) t.complaints_by_root_cause[k] += v;
        t.callbacks_due += f.callbacks_due;
        for (const auto& [k, v] : f.callbacks_due_by_purpose) t.callbacks_due_by_purpose[k] += v;
        t.callbacks_done += f.callbacks_done;
        t.callbacks_unreachable += f.callbacks_unreachable;
        t.dissatisfied += f.dissatisfied;
        t.surveys_dropped += f.surveys_dropped;
        t.callback_scores.insert(t.callback_scores.end(), f.callback_scores.begin(), f.callback_scores.end());
        t.deposits_in += f.deposits_in;
        t.deposits_out += f.deposits_out;
        t.deposits_stored += f.deposits_stored;
        t.deposits_overdue += f.deposits_overdue;
        t.handovers += f.handovers;
        t.loans_out += f.loans_out;
        t.loans_returned += f.loans_returned;
        t.loans_out_end_of_day += f.loans_out_end_of_day;
        t.loans_overdue += f.loans_overdue;
        t.loan_cash_opening += f.loan_cash_opening;
        t.loan_cash_in += f.loan_cash_in;
        t.loan_cash_refunded += f.loan_cash_refunded;
        t.loan_cash_kept += f.loan_cash_kept;
        t.handover_differences += f.handover_differences;
        t.handovers_unconfirmed += f.handovers_unconfirmed;
        t.transfers_to_desks += f.transfers_to_desks;
        t.transfers_to_departments += f.transfers_to_departments;
        for (const auto& [k, v] : f.transfers_by_department) t.transfers_by_department[k] += v;
        for (size_t h = 0; h < 24; ++h) t.created_by_hour[h] += f.created_by_hour[h];
        for (size_t s = 0; s < 5; ++s) t.satisfaction_counts[s] += f.satisfaction_counts[s];
        all_first.insert(all_first.end(), c.first_response.begin(), c.first_response.end());
        all_resolution.insert(all_resolution.end(), c.resolution.begin(), c.resolution.end());
        if (std::find(report.desk_order.begin(), report.desk_order.end(), d) == report.desk_order.end()) {
            report.desk_order.push_back(d); // a desk no longer in the config still reports its records
        }
        report.desks[d] = c.figures;
    }
    t.first_response = summarize(all_first);
    t.resolution = summarize(all_resolution);
    for (auto& [id, s] : staff) {
        if (s.id.empty()) s.id = id;
        report.staff.push_back(s);
    }
    std::sort(report.staff.begin(), report.staff.end(),
              [](const StaffDay& a, const StaffDay& b) { return std::tie(a.desk, a.id) < std::tie(b.desk, b.id); });
    return report;
}

} // namespace

DailyReport build_daily_report(const ReportSource& source, date::year_month_day day, const std::optional<std::string>& desk) {
    return build_report(source, date::local_days(day), date::local_days(day) + date::days(1), desk);
}

Json complaint_report_json(const ReportSource& source, date::year_month month, const std::optional<std::string>& desk) {
    auto report = build_report(source, date::local_days(month / 1),
                               date::local_days((month + date::months(1)) / 1), desk);
    auto complaints = [](const DailyFigures& f) {
        Json figures = figures_json(f)["complaints"];
        figures["resolved"] = f.complaints_resolved;
        figures["on_time"] = f.complaints_on_time;
        figures["judged"] = f.complaints_judged;
        return figures;
    };
    Json out = {{"month", date::format("%Y-%m", month / 1)},
                {"desk", desk ? Json(*desk) : Json()},
                {"complaints", complaints(report.total)}};
    Json desks = Json::object();
    for (const auto& d : report.desk_order) desks[d] = {{"complaints", complaints(report.desks.at(d))}};
    out["desks"] = desks;
    return out;
}

Json daily_report_json(const DailyReport& r) {
    Json out = {{"date", format_date(r.day)}, {"desk", r.desk ? Json(*r.desk) : Json()}};
    out.update(figures_json(r.total));
    Json staff = Json::array();
    for (const auto& s : r.staff) {
        Summary scores = summarize(s.scores);
        staff.push_back({{"id", s.id},
                         {"name", s.name},
                         {"desk", s.desk},
                         {"shift", s.shift.empty() ? Json() : Json(s.shift)},
                         {"handled", s.handled},
                         {"satisfaction_mean", summary_json(scores)["mean"]}});
    }
    out["staff"] = staff;
    Json desks = Json::object();
    for (const auto& d : r.desk_order) desks[d] = figures_json(r.desks.at(d));
    out["desks"] = desks;
    return out;
}

} // namespace svcdesk
