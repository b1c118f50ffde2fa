// The bulk path of imports: two prepared statements, reused for every row of a file inside the
// caller's one write transaction, or the backend's StagedImport (PostgreSQL's COPY). What makes a
// large load fast on a backend (SQLite: journal mode, deferred indexes, cache size) is the
// driver's BulkTuning.
#include <svcdesk/store/import_repo.hpp>
#include <svcdesk/store/query.hpp>
#include <svcdesk/store/sql_text.hpp>
#include <svcdesk/store/staged_import.hpp>

namespace svcdesk {

ImportRepo::ImportRepo(sql::Driver& db) : m_db(db) {}
ImportRepo::~ImportRepo() = default;

void ImportRepo::prepare_load(std::optional<std::uint64_t> input_bytes) { m_db.bulk().prepare_load(input_bytes); }
void ImportRepo::finish_load() noexcept { m_db.bulk().finish_load(); }
void ImportRepo::begin_bulk() {
    m_db.bulk().begin_bulk();
    m_tally = {};
    m_staged = m_db.bulk().staged_import();
}
void ImportRepo::expect_rows(std::int64_t rows) { m_db.bulk().expect_rows(rows); }
void ImportRepo::end_bulk() {
    settle();
    m_staged.reset();
    m_ticket.reset(), m_history.reset();
    m_db.bulk().end_bulk();
}
void ImportRepo::abandon_bulk() {
    m_staged.reset(); // ends a COPY in progress: the rollback that follows discards its rows
    m_ticket.reset(), m_history.reset();
    m_db.bulk().abandon_bulk();
}

void ImportRepo::add(const Ticket& ticket, const TicketEvent& event, bool survey) {
    if (m_staged) return m_staged->add(ticket, event, survey, m_tally);
    if (!insert_new(ticket, event)) {
        ++m_tally.present;
        return;
    }
    ++m_tally.imported;
    if (survey && ticket.closed_at) m_tally.surveys.emplace_back(m_last_id, *ticket.closed_at);
}

void ImportRepo::settle() {
    if (m_staged) m_staged->move(m_tally);
}

bool ImportRepo::insert_new(const Ticket& t, const TicketEvent& event) {
    settle(); // rows added before this one come first
    // Texts are bound without a copy: they outlive both statements' runs below.
    if (!m_ticket) {
        // The ticket columns of TicketRepo::insert; a row whose external_ref exists writes nothing.
        m_ticket = std::make_unique<sql::Query>(
            m_db, fmt::format("{} ON CONFLICT (external_ref) DO NOTHING{}",
                              store_detail::insert_row(m_db.dialect(), "tickets", store_detail::k_ticket_columns),
                              m_db.dialect().returning_id));
        m_history = std::make_unique<sql::Query>(
            m_db, store_detail::insert_row(m_db.dialect(), "ticket_events", store_detail::k_ticket_event_columns));
    }
    auto& ticket = *m_ticket;
    ticket.reset();
    store_detail::bind_ticket(ticket, t, true);
    auto id = ticket.insert();
    if (!id) return false; // the external_ref exists already
    m_last_id = *id;

    m_changes.clear();
    store_detail::append_changes_json(m_changes, event.changes);
    auto& history = *m_history;
    history.reset();
    history.bind(*id).bind(event.at).bind_kept(event.actor).bind_kept(event.action).bind_kept(m_changes);
    history.bind_kept(event.reason).exec();
    return true;
}

} // namespace svcdesk
