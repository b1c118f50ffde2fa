// Bulk-load tuning on SQLite (see sqlite_driver.hpp).
#include <svcdesk/store/sqlite/sqlite_driver.hpp>

#include <fmt/format.h>

namespace svcdesk::sqlite {
namespace {

// Page cache for the duration of a bulk write (KiB, as a negative cache_size means): enough to
// keep the upper levels of every index in memory, and the sort runs of an index rebuild.
constexpr int k_bulk_cache_kib = 8 * 1024;

// Deferring index maintenance pays when the import adds at least this many rows and at least
// half as many as are stored: one sort per index then costs less than a B-tree insert per row
// indexed (make bench, 1M rows on 16 KiB pages: 7.8 s deferring against 9.3 s maintaining).
constexpr std::int64_t k_defer_min_rows = 20000;

// A load leaves WAL mode for a rollback journal when its input is at least this large and at least
// as large as the database file: that is, when it will about double the database or more.
constexpr std::uint64_t k_rollback_min_bytes = 4 << 20;

} // namespace

// In WAL mode every page a transaction writes goes to the WAL first and is copied into the
// database by the checkpoint. In rollback-journal mode a page that did not exist when the
// transaction began is written once, in place, and needs no journal entry: a load into a small
// database writes half the bytes (make bench, 1,000,000 rows: 7.7 s against 9.3 s). The cost is
// concurrency: while the load holds its exclusive lock, readers wait for it (up to the busy
// timeout) instead of reading the last commit. Leaving WAL needs the database to itself, so the
// switch is tried without waiting; if another connection is open, the load stays in WAL mode.
void Bulk::prepare_load(std::optional<std::uint64_t> input_bytes) {
    guarded(m_db, [&] {
        if (!input_bytes || *input_bytes < k_rollback_min_bytes) return;
        if (m_db.execAndGet("PRAGMA journal_mode").getString() != "wal") return;
        auto pages = static_cast<std::uint64_t>(m_db.execAndGet("PRAGMA page_count").getInt64());
        auto page_size = static_cast<std::uint64_t>(m_db.execAndGet("PRAGMA page_size").getInt64());
        if (*input_bytes < pages * page_size) return;
        m_rollback_journal = set_journal_mode_now(m_db, "delete", m_busy_timeout_ms);
        if (!m_rollback_journal) return;
        // NORMAL is safe with WAL; with a rollback journal only FULL is safe against power loss.
        m_db.exec("PRAGMA synchronous = FULL");
        // Tells the next process, should this one die before finish_load(), to return to WAL.
        m_db.exec(fmt::format("INSERT OR REPLACE INTO meta (key, value) VALUES ('{}', 'import')", k_left_wal_key));
    });
}

void Bulk::finish_load() noexcept {
    if (!m_rollback_journal) return;
    m_rollback_journal = false;
    try {
        m_db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
        m_db.exec(fmt::format("DELETE FROM meta WHERE key = '{}'", k_left_wal_key));
    } catch (const SQLite::Exception&) {
        // Readers kept the database busy past the timeout: the next process to open it returns
        // it to WAL (SqliteStore::return_to_wal); a marker left after a return to WAL is harmless.
    }
}

void Bulk::begin_bulk() {
    guarded(m_db, [&] {
        m_cache_size = m_db.execAndGet("PRAGMA cache_size").getInt();
        m_db.exec(fmt::format("PRAGMA cache_size = -{}", k_bulk_cache_kib));
        m_stored = m_db.execAndGet("SELECT coalesce(max(id), 0) FROM tickets").getInt64();
        m_deferred.clear();
    });
}

void Bulk::expect_rows(std::int64_t rows) {
    guarded(m_db, [&] {
        if (!m_deferred.empty() || rows < k_defer_min_rows || rows * 2 < m_stored) return;
        // The time indexes of tickets that SQL created. Kept up row by row: the five partial ones
        // over live work and resolved tickets (imported history adds little to them, and a rebuild
        // would scan every row); the UNIQUE index on external_ref (automatic, without SQL), which
        // idempotence needs per row; and the history's (ticket_id, id), whose keys arrive in
        // ascending order, so that each insert appends to its last page, which costs less than a
        // rebuild's scan and sort.
        SQLite::Statement indexes(m_db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
                                        "AND tbl_name = 'tickets' AND sql IS NOT NULL AND name NOT IN "
                                        "('tickets_queue', 'tickets_open_due', 'tickets_open_status_due', "
                                        "'tickets_resolved_due', 'tickets_assignee')");
        std::vector<std::string> names;
        while (indexes.executeStep()) {
            names.push_back(indexes.getColumn(0).getString());
            m_deferred.push_back(indexes.getColumn(1).getString());
        }
        for (const auto& name : names) m_db.exec(fmt::format("DROP INDEX \"{}\"", name));
        // The search index (schema v5) too: one INSERT ... SELECT of the new rows into FTS5
        // costs a fraction of a trigger per row (200,000 LA 311 rows: 9 s against 46 s). The
        // note trigger goes with it: the fill indexes the notes of the new rows.
        SQLite::Statement triggers(m_db, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' "
                                         "AND name IN ('ticket_search_insert', 'ticket_search_note')");
        while (triggers.executeStep()) m_search_triggers.push_back(triggers.getColumn(0).getString());
        if (!m_search_triggers.empty()) {
            // Rows this load wrote before it knew its size were indexed by the triggers.
            m_search_from = m_db.execAndGet("SELECT coalesce(max(id), 0) FROM tickets").getInt64();
            m_db.exec("DROP TRIGGER IF EXISTS ticket_search_insert; DROP TRIGGER IF EXISTS ticket_search_note");
        }
    });
}

void Bulk::end_bulk() {
    guarded(m_db, [&] {
        for (const auto& sql : m_deferred) m_db.exec(sql);
        if (!m_search_triggers.empty()) {
            // What the triggers (sqlite/schema_v5.cpp) would have written: the texts of
            // ticket_search_text, the notes read only for the few new tickets that have any.
            static constexpr const char* k_noted = "SELECT ticket_id FROM ticket_events WHERE action = 'note' "
                                                   "AND reason IS NOT NULL AND ticket_id > ?1";
            SQLite::Statement plain(m_db, fmt::format("INSERT INTO ticket_search (rowid, body, notes) SELECT id, "
                                                      "body, '' FROM ticket_search_text WHERE id > ?1 AND id NOT IN "
                                                      "({})",
                                                      k_noted));
            plain.bind(1, static_cast<std::int64_t>(m_search_from));
            plain.exec();
            SQLite::Statement noted(m_db, fmt::format("INSERT INTO ticket_search (rowid, body, notes) SELECT id, "
                                                      "body, notes FROM ticket_search_text WHERE id IN ({})",
                                                      k_noted));
            noted.bind(1, static_cast<std::int64_t>(m_search_from));
            noted.exec();
            for (const auto& sql : m_search_triggers) m_db.exec(sql);
        }
        restore_settings();
    });
}

void Bulk::abandon_bulk() { restore_settings(); }

void Bulk::restore_settings() {
    m_deferred.clear();
    m_search_triggers.clear();
    m_db.exec(fmt::format("PRAGMA cache_size = {}", m_cache_size));
}

} // namespace svcdesk::sqlite
