#include <svcdesk/io/deposit_records.hpp>
#include <svcdesk/text.hpp>

#include <fmt/format.h>

namespace svcdesk {
namespace {

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
        {"contents", contents},
        {"ins", ins},
        {"outs", outs},
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
