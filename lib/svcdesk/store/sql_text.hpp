#pragma once
// Text that both storage backends put into SQL the same way (private to store/).

#include <svcdesk/domain/ticket.hpp>
#include <svcdesk/time.hpp>

#include <string>
#include <vector>

namespace svcdesk::store_detail {

// The open statuses, spelled exactly as in the WHERE clause of the partial index tickets_queue:
// a query repeats this term literally so that the planner may use the index.
inline constexpr const char* k_open_status_term = "status IN ('new', 'assigned', 'in_progress', 'waiting')";

// Ticket columns in the order both backends SELECT, INSERT and UPDATE them.
inline constexpr const char* k_ticket_columns =
    "id, created_at, channel, category, class, priority, desk, customer, phone, customer_type, flags, "
    "language, subject, description, external_ref, owner, assignee, fee_cents, status, first_response_at, "
    "resolved_at, closed_at, response_due, resolve_due, wait_started_at, extended_to, resolution, root_cause, "
    "satisfaction, updated_at";
inline constexpr int k_ticket_column_count = 30;

// Callback columns, then the ticket columns a caller needs; shared by find and list.
inline constexpr const char* k_callback_select =
    "SELECT c.id, c.ticket_id, c.purpose, c.status, c.due_at, c.created_at, c.created_by, c.finished_at, "
    "c.satisfaction, c.cancel_reason, t.status, t.desk, t.category, t.customer, t.phone, "
    "coalesce(t.assignee, t.owner) "
    "FROM callbacks c JOIN tickets t ON t.id = c.ticket_id";

// Roster days are stored as ISO dates (readable, and ordered as text) on both backends.
std::string day_text(date::local_days day);
date::local_days day_of(const std::string& text); // throws Error(internal) on a bad stored date

// Appends the JSON array of a history event's changes ([{"field":..,"old":..,"new":..}]) to
// `out`, without building a JSON document (the import writes one per row).
void append_changes_json(std::string& out, const std::vector<FieldChange>& changes);

} // namespace svcdesk::store_detail
