#include <svcdesk/store/sqlite/sqlite_store.hpp>

#include <SQLiteCpp/Backup.h>
#include <sqlite3.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <optional>
#include <random>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace svcdesk {

namespace sqlite {
namespace {

bool is_memory(const std::string& location) { return location == ":memory:" || location.empty(); }

// What went wrong in words for people; SQLite's own text for the rarer codes. `db`, when given,
// is the connection that failed: the errno behind an I/O error tells a full disk from the rest.
std::string describe(const SQLite::Exception& e, sqlite3* db = nullptr) {
    int code = e.getErrorCode() & 0xff; // the primary code of an extended one
    int sys = db && (code == SQLITE_IOERR || code == SQLITE_CANTOPEN) ? sqlite3_system_errno(db) : 0;
    if (code == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT) return "the disk is full";
    if (sys == EFBIG) return "a file reached the file size limit of the process (ulimit -f)";
    if (sys == EROFS) return "the database is on a read-only filesystem";
    if (code == SQLITE_READONLY) return "the database is read-only (check the permissions of the file and folder)";
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
        return "the database stayed locked by another process for too long";
    }
    if (code == SQLITE_IOERR) return fmt::format("a read or write failed ({}; is the disk full or failing?)", e.what());
    if (code == SQLITE_CANTOPEN) return "cannot open the database or its -wal/-shm files (is the folder writable?)";
    if (code == SQLITE_PERM) return "permission denied";
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
        return fmt::format("the file is damaged or not a database ({})", e.what());
    }
    return e.what();
}

// 10 ms apart: a backup waits up to 10 s for a writer in the middle of a checkpoint.
constexpr int k_backup_retries = 1000;

// Creates the file with mode 0600 before SQLite does, so personal data is never world-readable;
// SQLite gives its -wal and -shm files the same mode.
// `what` names the file in the error: "database" or "backup".
void create_private_file(const std::string& path, std::string_view what) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
        return;
    }
    if (errno == EEXIST) return;
    fail(Code::internal, "cannot create {} {}: {}", what, path, std::strerror(errno));
}

constexpr int k_page_size = 16384;
// After a checkpoint lets the WAL start over, it is cut back to this size (bytes).
constexpr int k_wal_size_limit = 4 * 1024 * 1024;

// Each connection is used by one thread at a time, so SQLite's own per-call mutexes are waste.
constexpr int k_open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

// SQLite's memory statistics take a global mutex on every allocation and free (about 3 % of a
// bulk import); svcdesk never reads them. Must precede SQLite's initialisation: if something
// initialised it earlier, the call fails harmlessly and the statistics stay on.
void configure_sqlite() {
    static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)configured;
}

SQLite::Database open_database(const StoreOptions& options) {
    configure_sqlite();
    if (is_memory(options.location)) return SQLite::Database(":memory:", k_open_flags | SQLITE_OPEN_CREATE);
    std::error_code ec;
    bool exists = std::filesystem::exists(options.location, ec);
    if (!exists) {
        if (!options.create) fail(Code::internal, "database {} does not exist (run: svcdesk init)", options.location);
        create_private_file(options.location, "database");
    }
    try {
        return SQLite::Database(options.location, k_open_flags, options.busy_timeout_ms);
    } catch (const SQLite::Exception& e) {
        fail(Code::internal, "cannot open database {}: {}", options.location, describe(e));
    }
}

} // namespace

SqliteStore::SqliteStore(const StoreOptions& options)
    : m_location(is_memory(options.location) ? ":memory:" : options.location),
      m_busy_timeout_ms(options.busy_timeout_ms), m_db(open_database(options)) {
    try {
        m_db.setBusyTimeout(options.busy_timeout_ms);
        m_db.exec(fmt::format("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = {};",
                              k_wal_size_limit));
        // Keep the -wal and -shm files when the last connection closes: every command would
        // otherwise create, size and delete them again (most of a short command's system calls).
        // The journal size limit above is what makes the last connection truncate the kept WAL
        // once it has checkpointed it: without it the WAL keeps its checkpointed frames, and the
        // next process to open the database reads them all back (after a 1,000,000-row import,
        // 540 MB and 0.7 s for every command) and copies them into the database again.
        int persist = 1;
        sqlite3_file_control(m_db.getHandle(), "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
        migrate();
    } catch (const SQLite::Exception& e) {
        fail(Code::internal, "database {}: {}", m_location, describe(e, m_db.getHandle()));
    }
}

int SqliteStore::schema_version() { return m_db.execAndGet("PRAGMA user_version").getInt(); }

void SqliteStore::migrate() {
    const int latest = current_schema_version();
    int version = schema_version();
    if (version > latest) {
        fail(Code::internal, "database {} has schema version {}, newer than this svcdesk knows ({}); upgrade svcdesk",
             m_location, version, latest);
    }
    if (version == latest) {
        return_to_wal();
        return;
    }
    if (version == 0) {
        // 16 KiB pages, set before the first table is created (WAL fixes the page size): a bulk
        // import of 1,000,000 rows takes 8.4 s instead of 10.8 s on 4 KiB pages (fewer B-tree
        // pages, WAL frames and system calls per row). Larger pages import faster still (32 KiB:
        // 7.5 s) but every short command pays for them in page faults: `list` 24 ms instead of
        // 18 ms at 32 KiB, 20 ms at 16 KiB (docs/performance.md).
        m_db.exec(fmt::format("PRAGMA page_size = {}", k_page_size));
    }
    // WAL lets readers work while one writer commits; it is a property of the file, set once.
    if (m_location != ":memory:") m_db.exec("PRAGMA journal_mode = WAL");
    SQLite::Transaction tx(m_db, SQLite::TransactionBehavior::IMMEDIATE);
    version = schema_version(); // another process may have migrated while we waited
    for (const auto& m : migrations()) {
        if (m.version <= version) continue;
        m_db.exec(m.sql);
        m_db.exec(fmt::format("PRAGMA user_version = {}", m.version));
    }
    tx.commit();
}

void SqliteStore::return_to_wal() {
    if (m_location == ":memory:" || m_db.execAndGet("PRAGMA journal_mode").getString() == "wal") return;
    // Only a database that a bulk load took out of WAL (SqliteImportRepo::prepare_load) and that
    // did not live to return it: a backup keeps the rollback journal it was written with.
    if (m_db.execAndGet(fmt::format("SELECT count(*) FROM meta WHERE key = '{}'", k_left_wal_key)).getInt() == 0) {
        return;
    }
    // The load may still be running, and returns to WAL itself; if the switch fails, the
    // rollback journal is as safe, only readers wait for writers.
    set_journal_mode_now(m_db, "wal", m_busy_timeout_ms);
}

bool set_journal_mode_now(SQLite::Database& db, std::string_view mode, int busy_timeout_ms) {
    db.setBusyTimeout(0);
    bool switched = false;
    try {
        switched = db.execAndGet(fmt::format("PRAGMA journal_mode = {}", mode)).getString() == mode;
    } catch (const SQLite::Exception&) {
        // another connection has the database open
    }
    db.setBusyTimeout(busy_timeout_ms);
    return switched;
}

void SqliteStore::run_transaction(const std::function<void()>& work, SQLite::TransactionBehavior behavior) {
    if (m_depth > 0) { // nested: part of the outer transaction
        work();
        return;
    }
    try {
        SQLite::Transaction tx(m_db, behavior);
        ++m_depth;
        try {
            work();
        } catch (...) {
            --m_depth;
            throw;
        }
        --m_depth;
        tx.commit();
    } catch (const SQLite::Exception& e) {
        fail(Code::internal, "database {}: {}", m_location, describe(e, m_db.getHandle()));
    }
}

void SqliteStore::write(const std::function<void()>& work) {
    run_transaction(work, SQLite::TransactionBehavior::IMMEDIATE);
}

void SqliteStore::read(const std::function<void()>& work) {
    run_transaction(work, SQLite::TransactionBehavior::DEFERRED);
}

std::string SqliteStore::salt() {
    SQLite::Statement get(m_db, "SELECT value FROM meta WHERE key = 'salt'");
    if (get.executeStep()) return get.getColumn(0).getString();
    std::random_device rd;
    std::string salt;
    for (int i = 0; i < 32; ++i) salt += fmt::format("{:02x}", rd() & 0xff);
    SQLite::Statement put(m_db, "INSERT INTO meta (key, value) VALUES ('salt', ?)");
    put.bind(1, salt);
    put.exec();
    return salt;
}

CheckReport SqliteStore::check() {
    CheckReport report;
    read([&] {
        SQLite::Statement integrity(m_db, "PRAGMA integrity_check");
        while (integrity.executeStep()) {
            auto line = integrity.getColumn(0).getString();
            if (line != "ok") report.problems.push_back("integrity: " + line);
        }
        SQLite::Statement fk(m_db, "PRAGMA foreign_key_check");
        while (fk.executeStep()) {
            report.problems.push_back(fmt::format("orphan row (foreign key): {} row {} refers to a missing {}",
                                                  fk.getColumn(0).getString(), fk.getColumn(1).getInt64(),
                                                  fk.getColumn(2).getString()));
        }
        // Every ticket's status must be the one its last status change recorded.
        SQLite::Statement status(m_db, R"sql(
            SELECT t.id, t.status, (SELECT json_extract(c.value, '$.new')
                                     FROM ticket_events e, json_each(e.changes) c
                                    WHERE e.ticket_id = t.id AND json_extract(c.value, '$.field') = 'status'
                                    ORDER BY e.id DESC LIMIT 1) AS last
              FROM tickets t)sql");
        while (status.executeStep()) {
            auto last = opt_text(status.getColumn(2));
            if (last != status.getColumn(1).getString()) {
                report.problems.push_back(fmt::format("ticket {}: status {} but its history says {}",
                                                      status.getColumn(0).getInt64(), status.getColumn(1).getString(),
                                                      last.value_or("nothing")));
            }
        }
        check_domain(report);
        report.tickets = m_tickets.count();
        report.staff = m_staff.count();
        report.events = m_db.execAndGet("SELECT count(*) FROM ticket_events").getInt64();
    });
    return report;
}

// Rules the schema cannot express (or that a damaged index no longer enforces).
void SqliteStore::check_domain(CheckReport& report) {
    SQLite::Statement tags(m_db, "SELECT tag, count(*), group_concat(id) FROM deposits NOT INDEXED "
                                 "WHERE status = 'stored' GROUP BY tag HAVING count(*) > 1");
    while (tags.executeStep()) {
        report.problems.push_back(fmt::format("tag {}: {} active deposits (ids {}); a tag holds one at a time",
                                              tags.getColumn(0).getString(), tags.getColumn(1).getInt64(),
                                              tags.getColumn(2).getString()));
    }
    // A ticket closed by `close` gets a survey callback, unless the close recorded `callbacks: none`
    // with a reason; imported closed tickets are history and need none.
    SQLite::Statement surveys(m_db, R"sql(
        SELECT t.id FROM tickets t
          JOIN ticket_events e ON e.id = (SELECT e2.id FROM ticket_events e2, json_each(e2.changes) c
                                           WHERE e2.ticket_id = t.id AND json_extract(c.value, '$.field') = 'status'
                                           ORDER BY e2.id DESC LIMIT 1)
         WHERE t.status = 'closed' AND e.action = 'close'
           AND NOT EXISTS (SELECT 1 FROM json_each(e.changes) c WHERE json_extract(c.value, '$.field') = 'callbacks')
           AND NOT EXISTS (SELECT 1 FROM callbacks cb
                            WHERE cb.ticket_id = t.id AND cb.purpose = 'survey'
                              AND (cb.status = 'pending' OR cb.created_at >= e.at OR cb.finished_at >= e.at)))sql");
    while (surveys.executeStep()) {
        report.problems.push_back(fmt::format("ticket {}: closed without a survey callback or a recorded "
                                              "no-callback reason",
                                              surveys.getColumn(0).getInt64()));
    }
}

void SqliteStore::backup(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) fail(Code::invalid, "backup target {} exists already; pick a new file", path);
    auto tmp = path + ".tmp";
    std::filesystem::remove(tmp, ec);
    create_private_file(tmp, "backup");
    std::optional<SQLite::Database> target;
    try {
        target.emplace(tmp, SQLite::OPEN_READWRITE);
        SQLite::Backup backup(*target, m_db);
        // All pages in one step: a consistent copy under one read lock. SQLiteCpp returns BUSY and
        // LOCKED instead of throwing them; a busy moment is retried, never taken for the end.
        int rc = backup.executeStep();
        for (int tries = 0; rc == SQLITE_BUSY || rc == SQLITE_LOCKED; ++tries) {
            if (tries == k_backup_retries) throw SQLite::Exception("backup step", rc);
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            rc = backup.executeStep();
        }
        if (rc != SQLITE_DONE) throw SQLite::Exception("backup did not finish", rc);
        target->exec("PRAGMA journal_mode = DELETE");
    } catch (const SQLite::Exception& e) {
        auto why = describe(e, target ? target->getHandle() : m_db.getHandle());
        target.reset();
        std::filesystem::remove(tmp, ec);
        fail(Code::internal, "backup to {} failed: {}", path, why);
    }
    target.reset(); // closed before it takes the final name
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        fail(Code::internal, "backup to {} failed: {}", path, ec.message());
    }
}

void SqliteStore::scan_table(const TableSpec& table, const std::function<void(const RawRow&)>& visit) {
    SQLite::Statement s(m_db, fmt::format("SELECT {} FROM {} ORDER BY {}", table.columns, table.name, table.order));
    RawRow row;
    while (s.executeStep()) {
        row.clear();
        for (int i = 0; i < s.getColumnCount(); ++i) row.push_back(opt_text(s.getColumn(i)));
        visit(row);
    }
}

void SqliteStore::insert_row(const TableSpec& table, const RawRow& row) {
    auto it = m_row_inserts.find(table.name);
    if (it == m_row_inserts.end()) {
        std::string marks;
        for (std::size_t i = 0; i < row.size(); ++i) marks += i ? ", ?" : "?";
        it = m_row_inserts
                 .emplace(table.name, SQLite::Statement(m_db, fmt::format("INSERT INTO {} ({}) VALUES ({})", table.name,
                                                                          table.columns, marks)))
                 .first;
    }
    auto& s = it->second;
    s.reset();
    // Text is converted by the column's affinity: integers are stored as integers again.
    for (std::size_t i = 0; i < row.size(); ++i) bind_opt(s, static_cast<int>(i) + 1, row[i]);
    s.exec();
}

} // namespace sqlite
} // namespace svcdesk
