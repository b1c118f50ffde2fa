#pragma once
// Text that both storage backends put into SQL the same way (private to store/).

#include <svcdesk/domain/ticket.hpp>

#include <string>
#include <vector>

namespace svcdesk::store_detail {

// The open statuses, spelled exactly as in the WHERE clause of the partial index tickets_queue:
// a query repeats this term literally so that the planner may use the index.
inline constexpr const char* k_open_status_term = "status IN ('new', 'assigned', 'in_progress', 'waiting')";

// Appends the JSON array of a history event's changes ([{"field":..,"old":..,"new":..}]) to
// `out`, without building a JSON document (the import writes one per row).
void append_changes_json(std::string& out, const std::vector<FieldChange>& changes);

} // namespace svcdesk::store_detail
