#include <svcdesk/domain/sla.hpp>
#include <svcdesk/io/records.hpp>
#include <svcdesk/text.hpp>

namespace svcdesk {
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
        {"class", json_or_null(t.complaint_class)},
        {"priority", to_string(t.priority)},
        {"desk", t.desk},
        {"customer", t.customer},
        {"phone", json_or_null(phone)},
        {"customer_type", t.customer_type},
        {"flags", flags},
        {"language", json_or_null(t.language)},
        {"subject", t.subject},
        {"description", json_or_null(t.description)},
        {"external_ref", json_or_null(t.external_ref)},
        {"owner", json_or_null(t.owner)},
        {"assignee", json_or_null(t.assignee)},
        {"fee", static_cast<double>(t.fee_cents) / 100.0},
        {"created_at", format_iso(t.created_at, zone)},
        {"contact_at", format_iso(t.contact_at, zone)},
        {"first_response_at", time_json(t.first_response_at, zone)},
        {"resolved_at", time_json(t.resolved_at, zone)},
        {"closed_at", time_json(t.closed_at, zone)},
        {"response_due", format_iso(t.response_due, zone)},
        {"resolve_due", format_iso(t.resolve_due, zone)},
        {"waiting_since", time_json(t.wait_started_at, zone)},
        {"extended_to", time_json(t.extended_to, zone)},
        {"department", json_or_null(t.department)},
        {"escalation_level", t.escalation_level},
        {"breached", breached(t, now)},
        {"response_breached", response_breached(t, now)},
        {"resolve_breached", resolve_breached(t, now)},
        // The deadline missed (a recorded breach stands forever, seed 000 §五.2), else null.
        {"response_breached_at", time_json(response_breach(sla_facts(t), now), zone)},
        {"resolve_breached_at", time_json(resolve_breach(sla_facts(t), now), zone)},
        {"resolution", json_or_null(t.resolution)},
        {"root_cause", t.root_cause ? Json(to_string(*t.root_cause)) : Json()},
        {"satisfaction", json_or_null(t.satisfaction)},
        {"dissatisfied_at", time_json(t.dissatisfied_at, zone)},
        {"updated_at", format_iso(t.updated_at, zone)},
    };
}

Json event_json(const TicketEvent& e, Zone zone) {
    Json changes = Json::array();
    for (const auto& c : e.changes) {
        // A corrected phone number stays in the history, masked like the ticket's own (SPEC §5).
        if (c.field == "phone") {
            auto masked = [](const std::optional<std::string>& v) {
                return v ? Json(mask_phone(*v)) : Json();
            };
            changes.push_back({{"field", c.field}, {"old", masked(c.old_value)}, {"new", masked(c.new_value)}});
            continue;
        }
        changes.push_back({{"field", c.field}, {"old", json_or_null(c.old_value)}, {"new", json_or_null(c.new_value)}});
    }
    return {{"id", e.id},         {"at", format_iso(e.at, zone)}, {"actor", json_or_null(e.actor)},
            {"action", e.action}, {"changes", changes},           {"reason", json_or_null(e.reason)}};
}

Json audit_json(const AuditEvent& e, Zone zone) {
    return {{"id", e.id},
            {"at", format_iso(e.at, zone)},
            {"actor", json_or_null(e.actor)},
            {"action", e.action},
            {"subject", json_or_null(e.subject)},
            {"detail", json_or_null(e.detail)},
            {"hash", json_or_null(e.hash)}};
}

Json staff_json(const Staff& s, bool reveal) {
    return {{"id", s.id},
            {"name", s.name},
            {"desk", s.desk},
            {"roles", s.roles},
            {"phone", s.phone.empty() ? Json() : Json(reveal ? s.phone : mask_phone(s.phone))},
            {"active", s.active},
            {"login", s.login.empty() ? Json() : Json(s.login)},
            {"db_role", s.db_role.empty() ? Json() : Json(s.db_role)}};
}

} // namespace svcdesk
