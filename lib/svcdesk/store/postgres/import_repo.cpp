#include <svcdesk/store/postgres/pg_store.hpp>
#include <svcdesk/store/sql_text.hpp>

namespace svcdesk::postgres {

// The server sizes its own caches; statements are prepared once per connection anyway.
// The server maintains its indexes itself (deferring them, as SQLite does, is not done here).
void PgImportRepo::prepare_load(std::optional<std::uint64_t> /*input_bytes*/) {}
void PgImportRepo::finish_load() noexcept {}
void PgImportRepo::begin_bulk() {}
void PgImportRepo::expect_rows(std::int64_t /*rows*/) {}
void PgImportRepo::end_bulk() {}
void PgImportRepo::abandon_bulk() {}

// One round trip per row: the ticket and its import event in one statement. The event's INSERT
// reads from the ticket's RETURNING, so a row whose external_ref exists writes neither.
bool PgImportRepo::insert_new(const Ticket& t, const TicketEvent& event) {
    std::string changes;
    store_detail::append_changes_json(changes, event.changes);
    Params p;
    p.add(t.created_at).add(t.channel).add(t.category).add(t.complaint_class).add(std::string(to_string(t.priority)));
    p.add(t.desk).add(t.customer).add(t.phone).add(t.customer_type).add(t.flags).add(t.language).add(t.subject);
    p.add(t.description).add(t.external_ref).add(t.owner).add(t.assignee).add(static_cast<std::int64_t>(t.fee_cents));
    p.add(std::string(to_string(t.status))).add(t.first_response_at).add(t.resolved_at).add(t.closed_at);
    p.add(t.response_due).add(t.resolve_due).add(t.resolution).add(t.updated_at);
    p.add(event.at).add(event.actor).add(event.action).add(changes).add(event.reason);
    auto r = m_db.exec(R"sql(
        WITH ticket AS (
            INSERT INTO tickets (id, created_at, channel, category, class, priority, desk, customer, phone,
                                 customer_type, flags, language, subject, description, external_ref, owner,
                                 assignee, fee_cents, status, first_response_at, resolved_at, closed_at,
                                 response_due, resolve_due, resolution, updated_at)
            VALUES ((SELECT coalesce(max(id), 0) + 1 FROM tickets), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
                    $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
            ON CONFLICT (external_ref) DO NOTHING RETURNING id)
        INSERT INTO ticket_events (id, ticket_id, at, actor, action, changes, reason)
        SELECT (SELECT coalesce(max(id), 0) + 1 FROM ticket_events), ticket.id, $26::bigint, $27::text, $28::text,
               $29::text, $30::text
          FROM ticket
        RETURNING ticket_id)sql",
                       p);
    return r.rows() > 0; // none: the external_ref exists already
}

} // namespace svcdesk::postgres
