#include <svcdesk/io/callback_records.hpp>
#include <svcdesk/text.hpp>

namespace svcdesk {
Json attempt_json(const CallAttempt& a, Zone zone) {
    return {{"at", format_iso(a.at, zone)}, {"caller", a.caller}, {"outcome", to_string(a.outcome)}, {"note", json_or_null(a.note)}};
}

Json callback_json(const CallbackListing& l, Zone zone, Timestamp now, bool reveal) {
    const Callback& c = l.callback;
    Json attempts = Json::array();
    for (const auto& a : c.attempts) attempts.push_back(attempt_json(a, zone));
    std::optional<std::string> phone = l.phone;
    if (phone && !reveal) phone = mask_phone(*phone);
    Json out = {
        {"id", c.id},
        {"ticket", c.ticket},
        {"purpose", to_string(c.purpose)},
        {"status", to_string(c.status)},
        {"due_at", format_iso(c.due_at, zone)},
        {"overdue", c.status == CallbackStatus::pending && c.due_at < now},
        {"attempts", attempts},
        {"satisfaction", json_or_null(c.satisfaction)},
        {"desk", l.desk},
        {"category", l.category},
        {"customer", l.customer},
        {"phone", json_or_null(phone)},
        {"handler", json_or_null(l.handler)},
        {"ticket_status", to_string(l.ticket_status)},
        {"created_at", format_iso(c.created_at, zone)},
        {"created_by", json_or_null(c.created_by)},
        {"finished_at", time_json(c.finished_at, zone)},
        {"cancel_reason", json_or_null(c.cancel_reason)},
        {"dropped_by", json_or_null(c.dropped_by)},
    };
    // A callback for an overdue loan (issue 24): the loan instead of a ticket; the keys of a
    // ticket's callback stay as they were.
    if (c.loan) {
        out["ticket"] = nullptr;
        out["ticket_status"] = nullptr;
        out["category"] = nullptr;
        // The borrower's name is masked as in `loan list`, unless revealed.
        if (!reveal) out["customer"] = mask_name(l.customer);
        out["loan"] = {{"id", *c.loan}, {"item", json_or_null(l.loan_item)}, {"desk", l.desk}};
    }
    return out;
}

} // namespace svcdesk
