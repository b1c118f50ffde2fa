#include <svcdesk/io/records.hpp>
#include <svcdesk/text.hpp>

namespace svcdesk {
namespace {

template <typename T>
Json opt(const std::optional<T>& v) {
    return v ? Json(*v) : Json();
}

} // namespace

Json time_json(const std::optional<Timestamp>& t, Zone zone) {
    return t ? Json(format_iso(*t, zone)) : Json();
}

Json ticket_json(const Ticket& t, Zone zone, Timestamp now, bool reveal) {
    Json flags = Json::array();
    for (size_t start = 0; start < t.flags.size();) {
        size_t comma = t.flags.find(',', start);
        if (comma == std::string::npos) comma = t.flags.size();
        flags.push_back(t.flags.substr(start, comma - start));
        start = comma + 1;
    }
    std::optional<std::string> phone = t.phone;
    if (phone && !reveal) phone = mask_phone(*phone);
    return {
        {"id", t.id},
        {"status", to_string(t.status)},
        {"channel", t.channel},
        {"category", t.category},
        {"class", opt(t.complaint_class)},
        {"priority", to_string(t.priority)},
        {"desk", t.desk},
        {"customer", t.customer},
        {"phone", opt(phone)},
        {"customer_type", t.customer_type},
        {"flags", flags},
        {"language", opt(t.language)},
        {"subject", t.subject},
        {"description", opt(t.description)},
        {"external_ref", opt(t.external_ref)},
        {"owner", opt(t.owner)},
        {"assignee", opt(t.assignee)},
        {"fee", static_cast<double>(t.fee_cents) / 100.0},
        {"created_at", format_iso(t.created_at, zone)},
        {"first_response_at", time_json(t.first_response_at, zone)},
        {"resolved_at", time_json(t.resolved_at, zone)},
        {"closed_at", time_json(t.closed_at, zone)},
        {"response_due", format_iso(t.response_due, zone)},
        {"resolve_due", format_iso(t.resolve_due, zone)},
        {"waiting_since", time_json(t.wait_started_at, zone)},
        {"extended_to", time_json(t.extended_to, zone)},
        {"breached", breached(t, now)},
        {"response_breached", response_breached(t, now)},
        {"resolve_breached", resolve_breached(t, now)},
        {"resolution", opt(t.resolution)},
        {"root_cause", t.root_cause ? Json(to_string(*t.root_cause)) : Json()},
        {"satisfaction", opt(t.satisfaction)},
        {"updated_at", format_iso(t.updated_at, zone)},
    };
}

Json event_json(const TicketEvent& e, Zone zone) {
    Json changes = Json::array();
    for (const auto& c : e.changes) {
        changes.push_back({{"field", c.field}, {"old", opt(c.old_value)}, {"new", opt(c.new_value)}});
    }
    return {{"id", e.id},         {"at", format_iso(e.at, zone)}, {"actor", opt(e.actor)},
            {"action", e.action}, {"changes", changes},           {"reason", opt(e.reason)}};
}

Json staff_json(const Staff& s, bool reveal) {
    return {{"id", s.id},
            {"name", s.name},
            {"desk", s.desk},
            {"roles", s.roles},
            {"phone", s.phone.empty() ? Json() : Json(reveal ? s.phone : mask_phone(s.phone))},
            {"active", s.active}};
}

} // namespace svcdesk
