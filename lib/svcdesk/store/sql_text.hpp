#pragma once
// Names and SQL text that several repositories share (private to store/).

#include <svcdesk/domain/ticket.hpp>
#include <svcdesk/time.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk::sql {
class Query;
struct Dialect;
} // namespace svcdesk::sql

namespace svcdesk::store_detail {

// "status IN ('new', 'assigned', 'in_progress', 'waiting')": the open statuses of the domain,
// spelled exactly as in the WHERE clause of the partial index tickets_queue (a unit test holds
// the migrations to it). A query repeats this term literally so that the planner may use the index.
const std::string& open_status_term();

// The number of columns in a comma-separated column list.
constexpr int column_count(std::string_view columns) {
    return 1 + static_cast<int>(std::count(columns.begin(), columns.end(), ','));
}

// Ticket columns in the order every ticket query SELECTs, INSERTs and UPDATEs them (the columns
// of later schema versions last: contact_at of version 2, then version 3's, then
// version 6's department and escalation_level).
inline constexpr const char* k_ticket_columns =
    "id, created_at, channel, category, class, priority, desk, customer, phone, customer_type, "
    "flags, language, subject, description, external_ref, owner, assignee, fee_cents, status, "
    "first_response_at, resolved_at, closed_at, response_due, resolve_due, wait_started_at, "
    "extended_to, resolution, root_cause, satisfaction, updated_at, contact_at, "
    "response_breached_at, resolve_breached_at, caused_by, dissatisfied_at, department, "
    "escalation_level";
// The number of k_ticket_columns: the index of the first column a query selects after them.
inline constexpr int k_ticket_column_count = column_count(k_ticket_columns);


inline constexpr const char* k_deposit_columns =
    "id, tag, desk, status, pieces, items, depositor, phone, id_last4, id_hash, sealed, deposited_at, due_at, "
    "received_by, lost_at, released_at, released_by, release_kind, proxy_name, proxy_id_last4, proxy_id_hash, "
    "approved_by, disposed_at, disposed_by, disposal_method";

inline constexpr const char* k_loan_columns =
    "id, desk, item, unit, borrower, phone, id_last4, id_hash, deposit_fen, out_at, due_at, lent_by, returned_at, "
    "returned_by, condition, kept_fen, refunded_fen, kept_by, note";

inline constexpr const char* k_handover_columns =
    "id, desk, at, from_staff, to_staff, last_event_id, previous_id, confirm_due, confirmed_at, pieces_counted, "
    "tags_counted, discrepancy, loans_out, loan_cash_fen, loans_counted, cash_counted_fen";

// Binds every ticket column but id, in k_ticket_columns order; `keep_texts`: without copying
// them (Query::bind_kept), for the import's one statement per row.
void bind_ticket(sql::Query& q, const Ticket& ticket, bool keep_texts);
// What bind_ticket binds, to anything with Query's bind() and bind_kept() (the rows PostgreSQL's
// COPY sends: postgres/import_copy.cpp).
template <typename Binder>
void bind_ticket_columns(Binder& q, const Ticket& t, bool keep_texts) {
    auto text = [&](const auto& value) { keep_texts ? q.bind_kept(value) : q.bind(value); };
    q.bind(t.created_at), text(t.channel), text(t.category), text(t.complaint_class), text(to_string(t.priority));
    text(t.desk), text(t.customer), text(t.phone), text(t.customer_type), text(t.flags), text(t.language);
    text(t.subject), text(t.description), text(t.external_ref), text(t.owner), text(t.assignee);
    q.bind(static_cast<std::int64_t>(t.fee_cents)), text(to_string(t.status));
    q.bind(t.first_response_at).bind(t.resolved_at).bind(t.closed_at).bind(t.response_due).bind(t.resolve_due);
    q.bind(t.wait_started_at).bind(t.extended_to), text(t.resolution);
    if (t.root_cause) text(to_string(*t.root_cause));
    else q.bind(std::nullopt);
    q.bind(t.satisfaction).bind(t.updated_at).bind(t.contact_at);
    q.bind(t.response_breached_at).bind(t.resolve_breached_at), text(t.caused_by);
    q.bind(t.dissatisfied_at), text(t.department);
    q.bind(static_cast<std::int64_t>(t.escalation_level));
}

// "INSERT INTO table (id, a, b) VALUES (<next id>, ?, ?)" for the columns "id, a, b": an
// INSERT whose id the database allocates (Dialect::next_id).
std::string insert_row(const sql::Dialect& dialect, const char* table, const char* columns);

// The columns of one history event of a ticket (TicketRepo::add_event and the import).
inline constexpr const char* k_ticket_event_columns = "id, ticket_id, at, actor, action, changes, reason";
// "a = ?, b = ?" for each column of `columns` but the first: the SET list of an UPDATE.
std::string assignments(const char* columns);

// Roster days are stored as ISO dates (readable, and ordered as text) on both backends.
date::local_days day_of(const std::string& text); // throws Error(internal) on a bad stored date

// Appends the JSON array of a history event's changes ([{"field":..,"old":..,"new":..}]) to
// `out`, without building a JSON document (the import writes one per row).
void append_changes_json(std::string& out, const std::vector<FieldChange>& changes);
// The changes of a stored history event, as append_changes_json wrote them.
std::vector<FieldChange> parse_changes_json(const std::string& text);

} // namespace svcdesk::store_detail
