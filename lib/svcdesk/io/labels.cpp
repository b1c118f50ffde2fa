#include <svcdesk/io/labels.hpp>
#include <svcdesk/i18n.hpp>

#include <algorithm>
#include <iterator>

namespace svcdesk {
namespace {

// The keys of records (io/*records.cpp) and of the reports' figures that have a label for
// people, sorted (binary search). A key missing here is shown as it is.
constexpr std::string_view k_labelled[] = {
    N_("action"), N_("active"), N_("actor"), N_("already_present"), N_("approved_by"), N_("assignee"),
    N_("at"), N_("at_risk"), N_("attempts"), N_("audit"), N_("breached"), N_("by_category"),
    N_("by_channel"), N_("by_class"), N_("by_department"), N_("by_root_cause"), N_("by_status"),
    N_("callbacks"), N_("caller"), N_("calls"), N_("cancel_reason"), N_("category"), N_("changes"),
    N_("channel"), N_("class"), N_("closed"), N_("closed_at"), N_("complaint_on_time_rate"),
    N_("complaint_resolution_rate"), N_("complaints"), N_("complaints_caused"), N_("confirm_due"),
    N_("confirmed_at"), N_("contact_at"), N_("contents"), N_("count"), N_("created"), N_("created_at"),
    N_("created_by"), N_("customer"), N_("customer_type"), N_("customers"), N_("date"), N_("db_role"),
    N_("deadline"), N_("department"), N_("deposit"), N_("deposited_at"), N_("depositor"), N_("deposits"),
    N_("description"), N_("desk"), N_("desks"), N_("detail"), N_("details"), N_("difference"),
    N_("disposal_method"), N_("disposed_at"), N_("disposed_by"), N_("dissatisfied"), N_("dissatisfied_at"),
    N_("done"), N_("dropped"), N_("dropped_by"), N_("dry_run"), N_("due"), N_("due_at"), N_("escalated_to"),
    N_("escalation_level"), N_("events"), N_("extended_to"), N_("external_ref"), N_("fee"), N_("field"),
    N_("file"), N_("finished_at"), N_("first_contact"), N_("first_response_at"), N_("first_response_mean"),
    N_("first_response_median"), N_("first_response_minutes"), N_("flags"), N_("followup"), N_("from"),
    N_("handle_mean"), N_("handle_median"), N_("handled"), N_("handler"), N_("handover"),
    N_("handover_differences"), N_("handovers"), N_("handovers_unconfirmed"), N_("hash"), N_("head_hash"),
    N_("head_id"), N_("hours"), N_("id"), N_("id_last4"), N_("id_last4_given"), N_("id_type"),
    N_("imported"), N_("in"), N_("in_count"), N_("ins"), N_("interval"), N_("items"), N_("items_described"),
    N_("judged"), N_("key"), N_("label"), N_("language"), N_("length"), N_("level"), N_("line"), N_("loans"), N_("login"),
    N_("lost"), N_("lost_at"), N_("mean"), N_("median"), N_("met"), N_("method"), N_("minimum"), N_("month"),
    N_("name"), N_("names"), N_("new"), N_("note"), N_("notes"), N_("ok"), N_("old"), N_("on_duty"),
    N_("on_time"), N_("on_time_rate"), N_("open_end_of_day"), N_("origin"), N_("os_user"), N_("out"),
    N_("out_count"), N_("outcome"), N_("outs"), N_("overdue"), N_("owner"), N_("p90"), N_("phone"),
    N_("pieces"), N_("pieces_confirmed"), N_("pieces_counted"), N_("previous"), N_("previous_at"),
    N_("previous_count"), N_("priority"), N_("problems"), N_("profile"), N_("proof"), N_("proxy"),
    N_("proxy_id_last4"), N_("purpose"), N_("rate"), N_("read"), N_("reason"), N_("received"),
    N_("received_by"), N_("reconciled"), N_("rejected"), N_("release_kind"), N_("released_at"),
    N_("released_by"), N_("repeat_callers"), N_("resolution"), N_("resolution_minutes"),
    N_("resolution_rate"), N_("resolve_breached"), N_("resolve_breached_at"), N_("resolve_due"),
    N_("resolved"), N_("resolved_at"), N_("response_breached"), N_("response_breached_at"),
    N_("response_due"), N_("risk"), N_("role"), N_("roles"), N_("root_cause"), N_("rostered_hours"),
    N_("sandbox"), N_("satisfaction"), N_("satisfaction_count"), N_("satisfaction_distribution"),
    N_("satisfaction_mean"), N_("score"), N_("sealed"), N_("seconds"), N_("session_expires"), N_("shift"),
    N_("shifts"), N_("since"), N_("sla"), N_("sla_met_rate"), N_("staff"), N_("state"), N_("status"),
    N_("stored_end_of_day"), N_("subject"), N_("table"), N_("tag"), N_("tags_counted"), N_("ticket"),
    N_("ticket_status"), N_("tickets"), N_("to"), N_("to_departments"), N_("to_desks"),
    N_("transferred_away"), N_("transfers"), N_("type"), N_("unreachable"), N_("until"), N_("updated_at"),
    N_("value"), N_("waiting_since"), N_("worked_hours"), N_("written"),
};

} // namespace

std::string field_label(std::string_view key) {
    if (!std::binary_search(std::begin(k_labelled), std::end(k_labelled), key)) return std::string(key);
    return _(std::string(key).c_str());
}

} // namespace svcdesk
