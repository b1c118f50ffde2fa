#pragma once
// JSON shapes of records, shared by every output format (tables and CSV are views of them).
// Keys follow SPEC §9; times are ISO 8601 with the site offset.

#include <svcdesk/domain/audit.hpp>
#include <svcdesk/domain/staff.hpp>
#include <svcdesk/domain/ticket.hpp>

#include <nlohmann/json.hpp>

namespace svcdesk {

// Keys keep the order they were written in, so JSON and CSV columns read naturally.
using Json = nlohmann::ordered_json;

// Personal data (phone) is masked unless `reveal`.
Json ticket_json(const Ticket& t, Zone zone, Timestamp now, bool reveal = false);
Json event_json(const TicketEvent& e, Zone zone);
Json staff_json(const Staff& s, bool reveal = false);
// {"id","at","actor","action","subject","detail","hash"}
Json audit_json(const AuditEvent& e, Zone zone);

// The value, or null when absent.
template <typename T>
Json json_or_null(const std::optional<T>& v) {
    return v ? Json(*v) : Json();
}

// An ISO time or null.
Json time_json(const std::optional<Timestamp>& t, Zone zone);

} // namespace svcdesk
