#include <svcdesk/io/customer_records.hpp>
#include <svcdesk/text.hpp>

namespace svcdesk {
namespace {

Json flags_json(const std::string& flags) {
    Json out = Json::array();
    for (std::size_t start = 0; start < flags.size();) {
        auto comma = flags.find(',', start);
        if (comma == std::string::npos) comma = flags.size();
        out.push_back(flags.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

// A ticket in a customer's history: enough to pick it out; `show ID` has the rest.
Json ticket_line(const Ticket& t, Zone zone) {
    return {{"id", t.id},
            {"status", to_string(t.status)},
            {"category", t.category},
            {"class", json_or_null(t.complaint_class)},
            {"desk", t.desk},
            {"created_at", format_iso(t.created_at, zone)},
            {"subject", t.subject}};
}

} // namespace

Json customer_json(const Customer& c, const std::vector<RiskReason>& risk, Zone zone,
                   bool reveal) {
    Json reasons = Json::array();
    for (const auto& r : risk)
        reasons.push_back(risk_data(r));
    return {{"id", c.id},
            {"phone", reveal ? c.phone : mask_phone(c.phone)},
            {"names", c.names},
            {"customer_type", c.customer_type},
            {"flags", flags_json(c.flags)},
            {"language", json_or_null(c.language)},
            {"notes", json_or_null(c.notes)},
            {"created_at", format_iso(c.created_at, zone)},
            {"updated_at", format_iso(c.updated_at, zone)},
            {"at_risk", !risk.empty()},
            {"risk", reasons}};
}

Json customer_detail_json(const CustomerDetail& d, int complaint_days, Zone zone, Timestamp now,
                          bool reveal) {
    auto out = customer_json(d.customer, d.risk, zone, reveal);
    out["tickets"] = d.tickets;
    Json open = Json::array(), complaints = Json::array(), unreachable = Json::array(),
         deposits = Json::array();
    for (const auto& t : d.open_tickets)
        open.push_back(ticket_line(t, zone));
    for (const auto& t : d.complaints)
        complaints.push_back(ticket_line(t, zone));
    for (const auto& l : d.unreachable) {
        const auto& c = l.callback;
        unreachable.push_back({{"id", c.id},
                               {"ticket", c.ticket},
                               {"purpose", to_string(c.purpose)},
                               {"due_at", format_iso(c.due_at, zone)},
                               {"finished_at", time_json(c.finished_at, zone)}});
    }
    for (const auto& dep : d.deposits) {
        deposits.push_back({{"id", dep.id},
                            {"tag", dep.tag},
                            {"desk", dep.desk},
                            {"status", to_string(state_of(dep, now))},
                            {"pieces", dep.pieces},
                            {"deposited_at", format_iso(dep.deposited_at, zone)}});
    }
    out["open_tickets"] = open;
    out["complaint_days"] = complaint_days;
    out["complaints"] = complaints;
    out["last_satisfaction"] = d.last_satisfaction
                                   ? Json{{"score", d.last_satisfaction->score},
                                          {"ticket", d.last_satisfaction->ticket},
                                          {"at", format_iso(d.last_satisfaction->at, zone)}}
                                   : Json();
    out["unreachable_callbacks"] = unreachable;
    out["deposits"] = deposits;
    return out;
}

} // namespace svcdesk
