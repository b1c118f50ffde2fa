#pragma once
// The daily report (SPEC §6): per day and desk, what came in, how fast it was handled, the SLA,
// complaints, callbacks, deposits, and who was on duty.

#include <svcdesk/io/records.hpp>
#include <svcdesk/report/source.hpp>
#include <svcdesk/report/stats.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {

struct DailyFigures {
    std::int64_t created = 0, closed = 0, open_end_of_day = 0;
    std::map<std::string, std::int64_t> by_channel, by_category, by_status;
    Summary first_response, resolution; // minutes
    std::int64_t sla_met = 0, sla_breached = 0;
    std::int64_t complaints_received = 0, complaints_judged = 0, complaints_on_time = 0,
                 complaints_resolved = 0;
    // Complaint analysis (seed 000 §五.4): complaints received by class ("complaint.product", or
    // the category of the other complaint categories), complaints resolved by root cause
    // (customer, staff, system, unknown).
    std::map<std::string, std::int64_t> complaints_by_class, complaints_by_root_cause;
    std::int64_t callbacks_due = 0, callbacks_done = 0, callbacks_unreachable = 0;
    // Callbacks due that day by purpose (survey ... care, and loan: overdue loans, issue 24).
    std::map<std::string, std::int64_t> callbacks_due_by_purpose;
    std::int64_t dissatisfied = 0;    // tickets a low score marked dissatisfied that day
    std::int64_t surveys_dropped = 0; // surveys dropped by a person that day
    std::vector<double> callback_scores;
    std::int64_t deposits_in = 0, deposits_out = 0, deposits_stored = 0, deposits_overdue = 0;
    // Equipment loans (issue 24, seed 001 §六, §八): made and returned that day, out and overdue
    // at the day's end, and the deposit cash in fen (opening, in, refunded, kept).
    std::int64_t loans_out = 0, loans_returned = 0, loans_out_end_of_day = 0, loans_overdue = 0;
    std::int64_t loan_cash_opening = 0, loan_cash_in = 0, loan_cash_refunded = 0, loan_cash_kept = 0;
    // Handovers (seed 001 §五.8): opened that day, confirmed that day with a difference in
    // pieces or tags, and due that day but not confirmed by their due time.
    std::int64_t handovers = 0, handover_differences = 0, handovers_unconfirmed = 0;
    // Transfers (转办, seed 000 §五.1) made that day from the desk: to other desks, to
    // departments, and by department.
    std::int64_t transfers_to_desks = 0, transfers_to_departments = 0;
    std::map<std::string, std::int64_t> transfers_by_department;
    // Callers (seed 004 客户档案, seed 000 §五.4 风险预警): distinct phones of the tickets created
    // that day at the desk that had called before (another ticket created before the day's end),
    // and those at risk ([customers]) at the day's end. The total counts each caller once.
    std::int64_t repeat_callers = 0, at_risk = 0;
    std::array<std::int64_t, 24> created_by_hour{};
    std::array<std::int64_t, 5> satisfaction_counts{}; // scores 1..5 recorded that day
};

struct StaffDay {
    std::string id, name, desk, shift;
    std::int64_t handled = 0;
    std::vector<double> scores;
};

struct DailyReport {
    date::year_month_day day;
    std::optional<std::string> desk;
    DailyFigures total;
    std::map<std::string, DailyFigures> desks; // in config order via desk_order
    std::vector<std::string> desk_order;
    std::vector<StaffDay> staff;
};

// Reads one consistent snapshot. Throws Error(invalid) for an unknown desk.
DailyReport build_daily_report(const ReportSource& source, date::year_month_day day, const std::optional<std::string>& desk);

Json daily_report_json(const DailyReport& report);

// The monthly complaint analysis (seed 000 §五.4 投诉总结): the daily report's complaint figures
// over the month [1st 00:00, 1st of next month 00:00) site time, for all desks and each desk,
// with the counts behind the rates (received, resolved, judged, on_time). Throws Error(invalid)
// for an unknown desk.
Json complaint_report_json(const ReportSource& source, date::year_month month, const std::optional<std::string>& desk);

} // namespace svcdesk
