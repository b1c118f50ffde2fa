#pragma once
// JSON shapes of the customer record and its history (`customer show`, `customer list`); the
// keys are documented in svcdesk(1), CUSTOMERS.

#include <svcdesk/domain/customer.hpp>
#include <svcdesk/io/records.hpp>

namespace svcdesk {

// {"id","phone","names","customer_type","flags","language","notes","created_at","updated_at",
// "at_risk","risk"}; the phone masked unless `reveal`.
Json customer_json(const Customer& c, const std::vector<RiskReason>& risk, Zone zone, bool reveal);
// customer_json and the history: "tickets" (count), "open_tickets", "complaints" (with
// "complaint_days"), "last_satisfaction", "unreachable_callbacks", "deposits".
Json customer_detail_json(const CustomerDetail& d, int complaint_days, Zone zone, Timestamp now,
                          bool reveal);

} // namespace svcdesk
