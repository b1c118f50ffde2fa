// Connection, migrations and transactions on PostgreSQL.
//
// Writers are serialised exactly as on SQLite (BEGIN IMMEDIATE): every write transaction runs
// at READ COMMITTED and first takes one transaction-level advisory lock, so each statement after
// it sees everything the previous writer committed; a read-then-write op (assign, close, deposit
// out) can therefore never lose an update, and no transaction ever needs to be retried. Readers
// take no lock and work on a REPEATABLE READ snapshot, concurrently with the writer. The unique
// indexes (active deposit tag, external ref, keys) still decide should anything write outside
// `write`.
#include <svcdesk/store/location.hpp>
#include <svcdesk/store/postgres/pg_store.hpp>

#include <algorithm>
#include <random>

namespace svcdesk::postgres {
namespace {

// The key of the writers' advisory lock ("svcd"); advisory locks are per database.
constexpr std::int64_t k_writer_lock = 0x73766364;

// Messages a person can act on, for the errors that have a plain cause.
std::string describe(const PgError& e) {
    const auto& state = e.sqlstate();
    if (state == "55P03") return "the database stayed locked by another process for too long";
    if (state == "53100") return "the disk is full";
    if (state == "25006") return "the database is read-only (a standby server?)";
    return e.what();
}

Connection connect(const StoreOptions& options) {
    try {
        return Connection(options.location);
    } catch (const PgError& e) {
        fail(Code::internal, "cannot connect to database {}: {}", mask_location(options.location), e.what());
    }
}

} // namespace

PgStore::PgStore(const StoreOptions& options)
    : m_location(mask_location(options.location)), m_db(connect(options)) {
    try {
        // lock_timeout plays SQLite's busy_timeout: how long a writer waits for the others.
        m_db.exec_script(fmt::format("SET lock_timeout = {}; SET client_encoding = 'UTF8'",
                                     std::max(1, options.busy_timeout_ms)));
        migrate(options.create);
    } catch (const PgError& e) {
        fail(Code::internal, "database {}: {}", m_location, describe(e));
    }
}

int PgStore::schema_version() {
    auto r = m_db.exec("SELECT coalesce(max(version), 0) FROM schema_version");
    return static_cast<int>(r.integer(0, 0));
}

void PgStore::migrate(bool create) {
    const int latest = current_schema_version();
    bool exists = m_db.exec("SELECT to_regclass('schema_version') IS NOT NULL").text(0, 0) == "t";
    if (exists) {
        int version = schema_version();
        if (version > latest) {
            fail(Code::internal,
                 "database {} has schema version {}, newer than this svcdesk knows ({}); upgrade svcdesk", m_location,
                 version, latest);
        }
        if (version == latest) return;
    } else if (!create) {
        fail(Code::internal, "database {} holds no svcdesk data (run: svcdesk init)", m_location);
    }
    write([&] {
        // Another process may have migrated while we waited for the lock.
        m_db.exec_script("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        int version = schema_version();
        if (version > latest) fail(Code::internal, "database {} has schema version {}", m_location, version);
        for (const auto& m : migrations()) {
            if (m.version <= version) continue;
            m_db.exec_script(m.sql);
        }
        m_db.exec_script(fmt::format("DELETE FROM schema_version; INSERT INTO schema_version VALUES ({})", latest));
    });
}

void PgStore::run_transaction(const std::function<void()>& work, const char* begin, bool writer) {
    if (m_depth > 0) { // nested: part of the outer transaction
        work();
        return;
    }
    auto rollback = [this] {
        try {
            m_db.exec_script("ROLLBACK");
        } catch (const PgError&) {
            // the connection is gone; the server rolls back on its own
        }
    };
    try {
        m_db.exec_script(begin);
        if (writer) m_db.exec_script(fmt::format("SELECT pg_advisory_xact_lock({})", k_writer_lock));
        ++m_depth;
        try {
            work();
        } catch (...) {
            --m_depth;
            rollback();
            throw;
        }
        --m_depth;
        m_db.exec_script("COMMIT");
    } catch (const PgError& e) {
        rollback();
        fail(Code::internal, "database {}: {}", m_location, describe(e));
    }
}

void PgStore::write(const std::function<void()>& work) {
    run_transaction(work, "BEGIN ISOLATION LEVEL READ COMMITTED", true);
}

void PgStore::read(const std::function<void()>& work) {
    run_transaction(work, "BEGIN ISOLATION LEVEL REPEATABLE READ", false);
}

std::string PgStore::salt() {
    auto r = m_db.exec("SELECT value FROM meta WHERE key = 'salt'");
    if (r.rows() > 0) return r.text(0, 0);
    std::random_device rd;
    std::string salt;
    for (int i = 0; i < 32; ++i) salt += fmt::format("{:02x}", rd() & 0xff);
    m_db.exec("INSERT INTO meta (key, value) VALUES ('salt', $1)", Params().add(salt));
    return salt;
}

CheckReport PgStore::check() {
    CheckReport report;
    read([&] {
        // Storage integrity (pages, foreign keys) is the server's business on PostgreSQL; the
        // checks below are the domain's, as on SQLite.
        auto status = m_db.exec(R"sql(
            SELECT t.id, t.status, (SELECT c.value->>'new'
                                      FROM ticket_events e, jsonb_array_elements(e.changes::jsonb) c
                                     WHERE e.ticket_id = t.id AND c.value->>'field' = 'status'
                                     ORDER BY e.id DESC LIMIT 1) AS last
              FROM tickets t ORDER BY t.id)sql");
        for (int i = 0; i < status.rows(); ++i) {
            auto last = status.opt_text(i, 2);
            if (last != status.text(i, 1)) {
                report.problems.push_back(fmt::format("ticket {}: status {} but its history says {}",
                                                      status.integer(i, 0), status.text(i, 1),
                                                      last.value_or("nothing")));
            }
        }
        check_domain(report);
        report.tickets = m_tickets.count();
        report.staff = m_staff.count();
        report.events = m_db.exec("SELECT count(*) FROM ticket_events").integer(0, 0);
    });
    return report;
}

void PgStore::check_domain(CheckReport& report) {
    auto tags = m_db.exec("SELECT tag, count(*), string_agg(id::text, ',' ORDER BY id) FROM deposits "
                          "WHERE status = 'stored' GROUP BY tag HAVING count(*) > 1 ORDER BY tag");
    for (int i = 0; i < tags.rows(); ++i) {
        report.problems.push_back(fmt::format("tag {}: {} active deposits (ids {}); a tag holds one at a time",
                                              tags.text(i, 0), tags.integer(i, 1), tags.text(i, 2)));
    }
    auto surveys = m_db.exec(R"sql(
        SELECT t.id FROM tickets t
          JOIN ticket_events e ON e.id = (SELECT e2.id FROM ticket_events e2, jsonb_array_elements(e2.changes::jsonb) c
                                           WHERE e2.ticket_id = t.id AND c.value->>'field' = 'status'
                                           ORDER BY e2.id DESC LIMIT 1)
         WHERE t.status = 'closed' AND e.action = 'close'
           AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(e.changes::jsonb) c WHERE c.value->>'field' = 'callbacks')
           AND NOT EXISTS (SELECT 1 FROM callbacks cb
                            WHERE cb.ticket_id = t.id AND cb.purpose = 'survey'
                              AND (cb.status = 'pending' OR cb.created_at >= e.at OR cb.finished_at >= e.at))
         ORDER BY t.id)sql");
    for (int i = 0; i < surveys.rows(); ++i) {
        report.problems.push_back(fmt::format("ticket {}: closed without a survey callback or a recorded "
                                              "no-callback reason",
                                              surveys.integer(i, 0)));
    }
}

void PgStore::backup(const std::string&) {
    fail(Code::invalid,
         "db backup copies SQLite files; back up the PostgreSQL database {} with pg_dump "
         "(see docs/deployment.md), or copy it to a SQLite file with svcdesk db copy",
         m_location);
}

void PgStore::scan_table(const TableSpec& table, const std::function<void(const RawRow&)>& visit) {
    // A cursor keeps memory flat on large tables; it lives in the caller's transaction.
    m_db.exec_script(fmt::format("DECLARE svcdesk_scan NO SCROLL CURSOR FOR SELECT {} FROM {} ORDER BY {}",
                                 table.columns, table.name, table.order));
    try {
        for (;;) {
            auto r = m_db.exec("FETCH 1000 FROM svcdesk_scan");
            if (r.rows() == 0) break;
            RawRow row;
            for (int i = 0; i < r.rows(); ++i) {
                row.clear();
                for (int c = 0; c < r.columns(); ++c) row.push_back(r.opt_text(i, c));
                visit(row);
            }
        }
    } catch (...) {
        try {
            m_db.exec_script("CLOSE svcdesk_scan");
        } catch (const PgError&) {
        }
        throw;
    }
    m_db.exec_script("CLOSE svcdesk_scan");
}

void PgStore::insert_row(const TableSpec& table, const RawRow& row) {
    std::string placeholders;
    for (std::size_t i = 1; i <= row.size(); ++i) placeholders += fmt::format("{}${}", i > 1 ? ", " : "", i);
    Params params;
    for (const auto& v : row) params.add(v);
    m_db.exec(fmt::format("INSERT INTO {} ({}) VALUES ({})", table.name, table.columns, placeholders), params);
}

} // namespace svcdesk::postgres
