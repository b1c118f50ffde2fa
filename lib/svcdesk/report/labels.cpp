// The labels of report figures for people, in the language of the messages (issue 23).
#include <svcdesk/i18n.hpp>
#include <svcdesk/report/render.hpp>

#include <fmt/format.h>

#include <utility>

namespace svcdesk {
namespace {

// Each figure's path in the report JSON and its label.
constexpr std::pair<std::string_view, const char*> k_figure_labels[] = {
    {"tickets.created", N_("Tickets received")},
    {"tickets.closed", N_("Tickets closed")},
    {"tickets.open_end_of_day", N_("Open at end of day")},
    {"tickets.by_channel", N_("Tickets by channel")},
    {"tickets.by_category", N_("Tickets by category")},
    {"tickets.by_status", N_("Tickets by status")},
    {"first_response_minutes.count", N_("First responses")},
    {"first_response_minutes.mean", N_("First response, mean")},
    {"first_response_minutes.median", N_("First response, median")},
    {"first_response_minutes.p90", N_("First response, 90th percentile")},
    {"resolution_minutes.count", N_("Resolutions")},
    {"resolution_minutes.mean", N_("Resolution time, mean")},
    {"resolution_minutes.median", N_("Resolution time, median")},
    {"resolution_minutes.p90", N_("Resolution time, 90th percentile")},
    {"sla.met", N_("SLA met")},
    {"sla.breached", N_("SLA breached")},
    {"sla.rate", N_("SLA met rate")},
    {"complaints.received", N_("Complaints received")},
    {"complaints.on_time_rate", N_("Complaints on time")},
    {"complaints.resolution_rate", N_("Complaints resolved")},
    {"complaints.resolved", N_("Complaints resolved (count)")},
    {"complaints.on_time", N_("Complaints on time (count)")},
    {"complaints.judged", N_("Complaints judged")},
    {"complaints.by_class", N_("Complaints by class")},
    {"complaints.by_root_cause", N_("Complaints by root cause")},
    {"callbacks.due", N_("Callbacks due")},
    {"callbacks.done", N_("Callbacks done")},
    {"callbacks.unreachable", N_("Callbacks unreachable")},
    {"callbacks.due_by_purpose", N_("Callbacks due by purpose")},
    {"callbacks.dissatisfied", N_("Dissatisfied customers")},
    {"callbacks.dropped", N_("Surveys dropped")},
    {"callbacks.satisfaction_mean", N_("Callback satisfaction, mean")},
    {"deposits.in", N_("Deposits taken in")},
    {"deposits.out", N_("Deposits picked up")},
    {"deposits.stored_end_of_day", N_("Deposits in storage")},
    {"deposits.overdue", N_("Deposits overdue")},
    {"deposits.handovers", N_("Handovers")},
    {"deposits.handover_differences", N_("Handovers with differences")},
    {"deposits.handovers_unconfirmed", N_("Handovers unconfirmed")},
    {"loans.out", N_("Loans made")},
    {"loans.returned", N_("Loans returned")},
    {"loans.out_end_of_day", N_("Loan items out")},
    {"loans.overdue", N_("Loans overdue")},
    {"loans.cash.opening", N_("Loan deposit cash, opening (yuan)")},
    {"loans.cash.in", N_("Loan deposits received (yuan)")},
    {"loans.cash.refunded", N_("Loan deposits refunded (yuan)")},
    {"loans.cash.kept", N_("Loan deposits kept (yuan)")},
    {"loans.cash.out", N_("Loan deposit cash paid out (yuan)")},
    {"loans.cash.closing", N_("Loan deposit cash, closing (yuan)")},
    {"transfers.to_desks", N_("Transfers to other desks")},
    {"transfers.to_departments", N_("Transfers to departments")},
    {"transfers.by_department", N_("Transfers by department")},
    {"satisfaction_distribution", N_("Satisfaction score")},
    {"customers.repeat_callers", N_("Repeat callers")},
    {"customers.at_risk", N_("At-risk customers")},
    {"staff.id", N_("Staff id")},
    {"staff.name", N_("Name")},
    {"staff.desk", N_("Desk")},
    {"staff.shift", N_("Shift")},
    {"staff.handled", N_("Handled")},
    {"staff.satisfaction_mean", N_("Satisfaction, mean")},
    {"staff.first_response_mean", N_("First response, mean")},
    {"staff.first_response_median", N_("First response, median")},
    {"staff.handle_mean", N_("Handling time, mean")},
    {"staff.handle_median", N_("Handling time, median")},
    {"staff.sla_met_rate", N_("SLA met rate")},
    {"staff.satisfaction_count", N_("Scores")},
    {"staff.complaints", N_("Complaints")},
    {"staff.complaint_on_time_rate", N_("Complaints on time")},
    {"staff.complaint_resolution_rate", N_("Complaints resolved")},
    {"staff.complaints_caused", N_("Complaints caused")},
    {"staff.transferred_away", N_("Reassigned away")},
    {"staff.dissatisfied", N_("Dissatisfied")},
    {"staff.first_contact", N_("First contact")},
    {"staff.callbacks", N_("Callbacks made")},
    {"staff.rostered_hours", N_("Rostered hours")},
};

const char* label_of(std::string_view path) {
    for (const auto& [p, label] : k_figure_labels) {
        if (p == path) return label;
    }
    return nullptr;
}

} // namespace

std::string figure_label(std::string_view path, const ReportView& view) {
    if (const char* label = label_of(path)) return _(label);
    // A count of a map: "Tickets by category: 投诉", the key by its display name. Keys may hold
    // dots themselves ("complaint.product").
    std::string_view parent;
    for (std::string_view map : {"tickets.by_channel", "tickets.by_category", "tickets.by_status", "complaints.by_class",
                                 "complaints.by_root_cause", "transfers.by_department", "satisfaction_distribution",
                                 "callbacks.due_by_purpose"}) {
        if (path.size() > map.size() && path.starts_with(map) && path[map.size()] == '.') parent = map;
    }
    if (parent.empty()) return std::string(path);
    auto key = std::string(path.substr(parent.size() + 1));
    const char* label = label_of(parent);
    if (view.config) {
        if (parent == "tickets.by_category") key = view.config->display_name(NameKind::category, key);
        else if (parent == "complaints.by_class") key = view.config->display_name(NameKind::complaint_class, key);
        else if (parent == "transfers.by_department") key = view.config->display_name(NameKind::department, key);
        else if (parent == "tickets.by_channel") key = view.config->display_name(NameKind::channel, key);
        else if (parent == "tickets.by_status") key = view.config->display_name(NameKind::status, key);
        else if (parent == "complaints.by_root_cause") key = view.config->display_name(NameKind::root_cause, key);
    }
    return fmt::format(fmt::runtime(_("{0}: {1}")), _(label), key);
}

} // namespace svcdesk
