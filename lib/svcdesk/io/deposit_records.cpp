#include <svcdesk/domain/loan.hpp>
#include <svcdesk/io/deposit_records.hpp>
#include <svcdesk/text.hpp>

#include <fmt/format.h>

namespace svcdesk {
namespace {

// "-50.00", "0.00", "+20.00": a difference of cash.
std::string signed_yuan(std::int64_t fen) {
    return (fen < 0 ? "-" : fen > 0 ? "+" : "") + format_yuan(fen < 0 ? -fen : fen);
}

Json change_json(const HandoverChange& c, Zone zone) {
    return {{"deposit", c.deposit}, {"tag", c.tag},   {"pieces", c.pieces},
            {"action", c.action},   {"at", format_iso(c.at, zone)}, {"actor", json_or_null(c.actor)}};
}

} // namespace

Json deposit_json(const Deposit& d, Zone zone, Timestamp now, bool reveal) {
    auto name = [&](const std::string& n) { return reveal ? n : mask_name(n); };
    return {
        {"id", d.id},
        {"tag", d.tag},
        {"desk", d.desk},
        {"status", to_string(state_of(d, now))},
        {"lost", d.lost()},
        {"pieces", d.pieces},
        {"items", d.items},
        {"depositor", name(d.depositor)},
        {"phone", reveal ? d.phone : mask_phone(d.phone)},
        {"id_last4", d.id_last4},
        {"sealed", d.sealed},
        {"deposited_at", format_iso(d.deposited_at, zone)},
        {"due_at", format_iso(d.due_at, zone)},
        {"overdue", is_overdue(d, now)},
        {"received_by", d.received_by},
        {"lost_at", time_json(d.lost_at, zone)},
        {"released_at", time_json(d.released_at, zone)},
        {"released_by", json_or_null(d.released_by)},
        {"release_kind", d.release_kind ? Json(to_string(*d.release_kind)) : Json()},
        {"proxy", d.proxy_name ? Json(name(*d.proxy_name)) : Json()},
        {"proxy_id_last4", json_or_null(d.proxy_id_last4)},
        {"approved_by", json_or_null(d.approved_by)},
        {"disposed_at", time_json(d.disposed_at, zone)},
        {"disposed_by", json_or_null(d.disposed_by)},
        {"disposal_method", json_or_null(d.disposal_method)},
    };
}

Json deposit_event_json(const DepositEvent& e, Zone zone) {
    auto details = Json::parse(e.details, nullptr, false);
    if (details.is_discarded()) details = Json::object();
    return {{"id", e.id}, {"at", format_iso(e.at, zone)}, {"actor", json_or_null(e.actor)}, {"action", e.action},
            {"details", details}};
}

Json handover_json(const HandoverDetail& detail, Zone zone) {
    const auto& h = detail.handover;
    Json contents = Json::array(), ins = Json::array(), outs = Json::array();
    int pieces = 0;
    for (const auto& c : h.contents) {
        pieces += c.pieces;
        contents.push_back({{"deposit", c.deposit},
                            {"tag", c.tag},
                            {"pieces", c.pieces},
                            {"items", c.items},
                            {"since", format_iso(c.since, zone)},
                            {"lost", c.lost}});
    }
    Json loans = Json::array();
    for (const auto& l : detail.loans) {
        loans.push_back({{"loan", l.loan},
                         {"item", l.item},
                         {"unit", l.unit},
                         {"since", format_iso(l.since, zone)},
                         {"due", format_iso(l.due, zone)}});
    }
    for (const auto& c : detail.ins) ins.push_back(change_json(c, zone));
    for (const auto& c : detail.outs) outs.push_back(change_json(c, zone));
    return {
        {"id", fmt::format("H{}", h.id)},
        {"desk", h.desk},
        {"at", format_iso(h.at, zone)},
        {"from", h.from_staff},
        {"to", h.to_staff},
        {"count", h.contents.size()},
        {"pieces", pieces},
        {"previous", h.previous ? Json(fmt::format("H{}", *h.previous)) : Json()},
        {"previous_at", detail.previous ? Json(format_iso(detail.previous->at, zone)) : Json()},
        {"previous_count", detail.previous ? Json(detail.previous->contents.size()) : Json()},
        {"in_count", detail.ins.size()},
        {"out_count", detail.outs.size()},
        {"reconciled", detail.reconciled},
        {"state", detail.state},
        {"confirm_due", h.confirm_due ? Json(format_iso(*h.confirm_due, zone)) : Json()},
        {"confirmed_at", h.confirmed_at ? Json(format_iso(*h.confirmed_at, zone)) : Json()},
        {"pieces_counted", h.pieces_counted ? Json(*h.pieces_counted) : Json()},
        {"tags_counted", h.tags_counted ? Json(*h.tags_counted) : Json()},
        {"difference", h.discrepancy ? Json(*h.discrepancy) : Json()},
        // The loans handed over (issue 24): items out, the deposit cash on hand and the count;
        // cash_difference is counted minus on hand, in yuan.
        {"loans_out", h.loans_out ? Json(*h.loans_out) : Json()},
        {"loan_cash", h.loan_cash ? Json(format_yuan(*h.loan_cash)) : Json()},
        {"loans_counted", h.loans_counted ? Json(*h.loans_counted) : Json()},
        {"cash_counted", h.cash_counted ? Json(format_yuan(*h.cash_counted)) : Json()},
        {"cash_difference", h.cash_counted ? Json(signed_yuan(*h.cash_counted - h.loan_cash.value_or(0))) : Json()},
        {"contents", contents},
        {"ins", ins},
        {"outs", outs},
        {"loans", loans},
    };
}

Json handover_rows_json(const HandoverDetail& detail, Zone zone) {
    const auto& h = detail.handover;
    Json rows = Json::array();
    for (const auto& c : h.contents) {
        rows.push_back({{"handover", fmt::format("H{}", h.id)},
                        {"desk", h.desk},
                        {"at", format_iso(h.at, zone)},
                        {"from", h.from_staff},
                        {"to", h.to_staff},
                        {"deposit", c.deposit},
                        {"tag", c.tag},
                        {"pieces", c.pieces},
                        {"items", c.items},
                        {"since", format_iso(c.since, zone)},
                        {"lost", c.lost}});
    }
    return rows;
}

} // namespace svcdesk
