// The bulk path of imports: two prepared statements, reused for every row of a file inside the
// caller's one write transaction. What makes a large load fast on a backend (SQLite: journal
// mode, deferred indexes, cache size) is the driver's BulkTuning.
#include <svcdesk/store/import_repo.hpp>
#include <svcdesk/store/query.hpp>
#include <svcdesk/store/sql_text.hpp>

namespace svcdesk {

ImportRepo::ImportRepo(sql::Driver& db) : m_db(db) {}
ImportRepo::~ImportRepo() = default;

void ImportRepo::prepare_load(std::optional<std::uint64_t> input_bytes) { m_db.bulk().prepare_load(input_bytes); }
void ImportRepo::finish_load() noexcept { m_db.bulk().finish_load(); }
void ImportRepo::begin_bulk() { m_db.bulk().begin_bulk(); }
void ImportRepo::expect_rows(std::int64_t rows) { m_db.bulk().expect_rows(rows); }
void ImportRepo::end_bulk() {
    m_ticket.reset(), m_history.reset();
    m_db.bulk().end_bulk();
}
void ImportRepo::abandon_bulk() {
    m_ticket.reset(), m_history.reset();
    m_db.bulk().abandon_bulk();
}

bool ImportRepo::insert_new(const Ticket& t, const TicketEvent& event) {
    // Texts are bound without a copy: they outlive both statements' runs below.
    if (!m_ticket) {
        m_ticket = std::make_unique<sql::Query>(m_db, R"sql(
        INSERT INTO tickets (created_at, channel, category, class, priority, desk, customer, phone,
                             customer_type, flags, language, subject, description, external_ref, owner,
                             assignee, fee_cents, status, first_response_at, resolved_at, closed_at,
                             response_due, resolve_due, resolution, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (external_ref) DO NOTHING RETURNING id)sql");
        m_history = std::make_unique<sql::Query>(m_db, "INSERT INTO ticket_events (ticket_id, at, actor, action, "
                                                       "changes, reason) VALUES (?, ?, ?, ?, ?, ?)");
    }
    auto& ticket = *m_ticket;
    ticket.reset();
    ticket.bind(t.created_at).bind_kept(t.channel).bind_kept(t.category).bind_kept(t.complaint_class);
    ticket.bind_kept(to_string(t.priority)).bind_kept(t.desk).bind_kept(t.customer).bind_kept(t.phone);
    ticket.bind_kept(t.customer_type).bind_kept(t.flags).bind_kept(t.language).bind_kept(t.subject);
    ticket.bind_kept(t.description).bind_kept(t.external_ref).bind_kept(t.owner).bind_kept(t.assignee);
    ticket.bind(static_cast<std::int64_t>(t.fee_cents)).bind_kept(to_string(t.status));
    ticket.bind(t.first_response_at).bind(t.resolved_at).bind(t.closed_at).bind(t.response_due);
    ticket.bind(t.resolve_due).bind_kept(t.resolution).bind(t.updated_at);
    if (!ticket.step()) return false; // the external_ref exists already
    const TicketId id = ticket.integer(0);
    ticket.reset(); // finishes the insert before the next statement runs

    m_changes.clear();
    store_detail::append_changes_json(m_changes, event.changes);
    auto& history = *m_history;
    history.reset();
    history.bind(id).bind(event.at).bind_kept(event.actor).bind_kept(event.action).bind_kept(m_changes);
    history.bind_kept(event.reason).exec();
    return true;
}

} // namespace svcdesk
