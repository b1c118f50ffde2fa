#include <svcdesk/store/sql_text.hpp>
#include <svcdesk/store/sqlite/sqlite_store.hpp>

namespace svcdesk::sqlite {
namespace {

// Page cache for the duration of a bulk write (KiB, as a negative cache_size means): enough to
// keep the upper levels of every index in memory, and the sort runs of an index rebuild.
constexpr int k_bulk_cache_kib = 8 * 1024;

// Deferring index maintenance pays when the import adds at least this many rows and at least
// half as many as are stored: one sort per index then costs less than a B-tree insert per row
// indexed (make bench, 1M rows on 16 KiB pages: 7.8 s deferring against 9.3 s maintaining).
constexpr std::int64_t k_defer_min_rows = 20000;

void bind_text(SQLite::Statement& s, int i, const std::optional<std::string>& v) {
    if (v) s.bindNoCopy(i, *v);
    else s.bind(i);
}

void bind_time(SQLite::Statement& s, int i, const std::optional<Timestamp>& t) {
    if (t) s.bind(i, epoch(*t));
    else s.bind(i);
}

} // namespace

void SqliteImportRepo::begin_bulk() {
    m_cache_size = m_db.execAndGet("PRAGMA cache_size").getInt();
    m_db.exec(fmt::format("PRAGMA cache_size = -{}", k_bulk_cache_kib));
    m_stored = m_db.execAndGet("SELECT coalesce(max(id), 0) FROM tickets").getInt64();
    m_deferred.clear();
}

void SqliteImportRepo::expect_rows(std::int64_t rows) {
    if (!m_deferred.empty() || rows < k_defer_min_rows || rows * 2 < m_stored) return;
    // The time indexes of tickets that SQL created. Kept up row by row: the two over live work
    // (partial: imported history adds little to them, and a rebuild would scan every row); the
    // UNIQUE index on external_ref (automatic, without SQL), which idempotence needs per row; and
    // the history's (ticket_id, id), whose keys arrive in ascending order, so that each insert
    // appends to its last page, which costs less than a rebuild's scan and sort.
    SQLite::Statement indexes(m_db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
                                    "AND tbl_name = 'tickets' AND sql IS NOT NULL "
                                    "AND name NOT IN ('tickets_queue', 'tickets_assignee')");
    std::vector<std::string> names;
    while (indexes.executeStep()) {
        names.push_back(indexes.getColumn(0).getString());
        m_deferred.push_back(indexes.getColumn(1).getString());
    }
    for (const auto& name : names) m_db.exec(fmt::format("DROP INDEX \"{}\"", name));
}

void SqliteImportRepo::end_bulk() {
    for (const auto& sql : m_deferred) m_db.exec(sql);
    restore_settings();
}

void SqliteImportRepo::abandon_bulk() { restore_settings(); }

void SqliteImportRepo::restore_settings() {
    m_deferred.clear();
    m_db.exec(fmt::format("PRAGMA cache_size = {}", m_cache_size));
}

bool SqliteImportRepo::insert_new(const Ticket& t, const TicketEvent& event) {
    if (!m_insert) {
        m_insert.emplace(m_db, R"sql(
            INSERT INTO tickets (created_at, channel, category, class, priority, desk, customer, phone,
                                 customer_type, flags, language, subject, description, external_ref, owner,
                                 assignee, fee_cents, status, first_response_at, resolved_at, closed_at,
                                 response_due, resolve_due, resolution, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (external_ref) DO NOTHING)sql");
        m_insert_event.emplace(m_db, "INSERT INTO ticket_events (ticket_id, at, actor, action, changes, reason) "
                                     "VALUES (?, ?, ?, ?, ?, ?)");
    }
    // Enum names are views of NUL-terminated literals, so binding them without a copy is safe.
    auto priority = to_string(t.priority);
    auto status = to_string(t.status);
    auto& s = *m_insert;
    s.reset();
    s.bind(1, epoch(t.created_at));
    s.bindNoCopy(2, t.channel);
    s.bindNoCopy(3, t.category);
    bind_text(s, 4, t.complaint_class);
    s.bindNoCopy(5, priority.data());
    s.bindNoCopy(6, t.desk);
    s.bindNoCopy(7, t.customer);
    bind_text(s, 8, t.phone);
    s.bindNoCopy(9, t.customer_type);
    s.bindNoCopy(10, t.flags);
    bind_text(s, 11, t.language);
    s.bindNoCopy(12, t.subject);
    bind_text(s, 13, t.description);
    bind_text(s, 14, t.external_ref);
    bind_text(s, 15, t.owner);
    bind_text(s, 16, t.assignee);
    s.bind(17, static_cast<std::int64_t>(t.fee_cents));
    s.bindNoCopy(18, status.data());
    bind_time(s, 19, t.first_response_at);
    bind_time(s, 20, t.resolved_at);
    bind_time(s, 21, t.closed_at);
    s.bind(22, epoch(t.response_due));
    s.bind(23, epoch(t.resolve_due));
    bind_text(s, 24, t.resolution);
    s.bind(25, epoch(t.updated_at));
    if (s.exec() == 0) return false; // external_ref exists already

    m_changes.clear();
    store_detail::append_changes_json(m_changes, event.changes);
    auto& e = *m_insert_event;
    e.reset();
    e.bind(1, m_db.getLastInsertRowid());
    e.bind(2, epoch(event.at));
    bind_text(e, 3, event.actor);
    e.bindNoCopy(4, event.action);
    e.bindNoCopy(5, m_changes);
    bind_text(e, 6, event.reason);
    e.exec();
    return true;
}

} // namespace svcdesk::sqlite
