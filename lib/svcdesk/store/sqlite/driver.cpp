// The SQLite driver: the connection and its settings, statements, transactions, migrations,
// `db check`'s storage half and `db backup`.
#include <svcdesk/error.hpp>
#include <svcdesk/store/schema.hpp>
#include <svcdesk/store/sqlite/sqlite_driver.hpp>

#include <SQLiteCpp/Backup.h>
#include <sqlite3.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <optional>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace svcdesk {

namespace sqlite {

std::string describe(const SQLite::Exception& e, sqlite3* db) {
    int code = e.getErrorCode() & 0xff; // the primary code of an extended one
    int sys = db && (code == SQLITE_IOERR || code == SQLITE_CANTOPEN) ? sqlite3_system_errno(db) : 0;
    if (code == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT) return "the disk is full";
    if (sys == EFBIG) return "a file reached the file size limit of the process (ulimit -f)";
    if (sys == EROFS) return "the database is on a read-only filesystem";
    if (code == SQLITE_READONLY) return "the database is read-only (check the permissions of the file and folder)";
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
        return "the database stayed locked by another process for too long";
    }
    if (code == SQLITE_IOERR) return format_message("a read or write failed ({}; is the disk full or failing?)", e.what());
    if (code == SQLITE_CANTOPEN) return "cannot open the database or its -wal/-shm files (is the folder writable?)";
    if (code == SQLITE_PERM) return "permission denied";
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
        return fmt::format("the file is damaged or not a database ({})", e.what());
    }
    return e.what();
}

namespace {

bool is_memory(const std::string& location) { return location == ":memory:" || location.empty(); }

// 10 ms apart: a backup waits up to 10 s for a writer in the middle of a checkpoint.
constexpr int k_backup_retries = 1000;

// Creates the file with mode 0600 before SQLite does, so personal data is never world-readable;
// SQLite gives its -wal and -shm files the same mode.
// `what` names the file in the error: "database" or "backup".
void create_private_file(const std::string& path, std::string_view what) {
    // Running setgid (docs/deployment.md), the database is the group's from the start.
    mode_t mode = what == "database" && ::getegid() != ::getgid() ? 0660 : 0600;
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd >= 0) {
        (void)!::fchmod(fd, mode); // whatever the umask
        ::close(fd);
        return;
    }
    if (errno == EEXIST) return;
    fail(Code::internal, "cannot create {} {}: {}", what, path, std::strerror(errno));
}

// A database shared by a group (docs/deployment.md: group svcdesk, mode 0660) must stay usable
// by all of it: SQLite gives the -wal, -shm and -journal files the database's mode, but the group
// of whoever created them. Each of ours that differs gets the database's group and mode.
void keep_database_group(const std::string& path) {
    struct stat db{};
    if (::stat(path.c_str(), &db) != 0) return;
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        auto file = path + suffix;
        struct stat st{};
        if (::stat(file.c_str(), &st) != 0 || st.st_uid != ::geteuid()) continue;
        if (st.st_gid != db.st_gid) (void)!::chown(file.c_str(), static_cast<uid_t>(-1), db.st_gid);
        auto mode = db.st_mode & 0666;
        if ((st.st_mode & 0777) != mode) (void)!::chmod(file.c_str(), mode);
    }
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

// A database this process may not write (the file, or its folder where the -wal and -shm files
// live): opened read-only, so that reading commands still work (issue 21). Without -shm and
// -wal files in a read-only folder, SQLite can read a WAL database only as immutable: nobody can
// be writing it, since a writer would need that folder too.
std::optional<std::string> read_only_uri(const std::string& path) {
    auto folder = std::filesystem::path(path).parent_path().string();
    if (folder.empty()) folder = ".";
    bool file_writable = ::access(path.c_str(), W_OK) == 0;
    bool folder_writable = ::access(folder.c_str(), W_OK) == 0;
    if (file_writable && folder_writable) return std::nullopt;
    std::string uri = "file:";
    for (unsigned char c : std::filesystem::absolute(path).string()) {
        if (c == '?' || c == '#' || c == '%' || c < 0x20) uri += fmt::format("%{:02X}", c);
        else uri += static_cast<char>(c);
    }
    uri += "?mode=ro";
    bool shm = ::access((path + "-shm").c_str(), R_OK) == 0;
    if (!folder_writable && !shm) uri += "&immutable=1";
    return uri;
}

SQLite::Database open_database(const StoreOptions& options) {
    configure_sqlite();
    if (is_memory(options.location)) return SQLite::Database(":memory:", k_open_flags | SQLITE_OPEN_CREATE);
    std::error_code ec;
    bool exists = std::filesystem::exists(options.location, ec);
    if (!exists) {
        if (!options.create) {
            auto resolved = std::filesystem::absolute(options.location, ec).lexically_normal();
            fail(Code::internal, "no database at {} (create it with: svcdesk init)",
                 ec ? options.location : resolved.string());
        }
        create_private_file(options.location, "database");
    }
    try {
        if (auto uri = read_only_uri(options.location)) {
            return SQLite::Database(*uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                                    options.busy_timeout_ms);
        }
        return SQLite::Database(options.location, k_open_flags, options.busy_timeout_ms);
    } catch (const SQLite::Exception& e) {
        fail(Code::internal, "cannot open database {}: {}", options.location, describe(e));
    }
}

// A prepared statement; SQLite steps through the rows as they are read, so `stream` changes
// nothing. On the C API rather than SQLite::Statement, which cannot bind a text by its length
// (a string_view) or without a copy (the bulk import's per-row texts).
class Statement final : public sql::Statement {
public:
    Statement(SQLite::Database& db, const std::string& sql) : m_db(db) {
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v3(db.getHandle(), sql.c_str(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        m_stmt.reset(stmt);
        check(rc);
    }
    void bind_null(int index) override { check(sqlite3_bind_null(m_stmt.get(), index)); }
    void bind_int(int index, std::int64_t value) override { check(sqlite3_bind_int64(m_stmt.get(), index, value)); }
    void bind_text(int index, std::string_view value, bool keep) override {
        check(sqlite3_bind_text(m_stmt.get(), index, value.data(), static_cast<int>(value.size()),
                                keep ? SQLITE_STATIC : SQLITE_TRANSIENT));
    }
    bool step() override {
        int rc = sqlite3_step(m_stmt.get());
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        check(rc);
        return false;
    }
    void reset() override { sqlite3_reset(m_stmt.get()); }
    bool is_null(int column) const override { return sqlite3_column_type(m_stmt.get(), column) == SQLITE_NULL; }
    std::int64_t integer(int column) const override { return sqlite3_column_int64(m_stmt.get(), column); }
    std::string text(int column) const override {
        auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt.get(), column));
        return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt.get(), column))) : "";
    }
    int columns() const override { return sqlite3_column_count(m_stmt.get()); }
    std::int64_t changes() const override { return sqlite3_changes64(m_db.getHandle()); }
    std::optional<std::int64_t> inserted_id() override {
        while (step()) {
        }
        auto id = changes() > 0 ? std::optional(sqlite3_last_insert_rowid(m_db.getHandle())) : std::nullopt;
        reset();
        return id;
    }

private:
    // Throws DbError for any result code but OK, worded by describe().
    void check(int rc) const {
        if (rc == SQLITE_OK) return;
        sqlite3* handle = m_db.getHandle();
        int extended = sqlite3_extended_errcode(handle);
        SQLite::Exception e(handle, rc);
        throw sql::DbError(describe(e, handle),
                           extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY);
    }
    struct Finalize {
        void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
    };
    SQLite::Database& m_db;
    std::unique_ptr<sqlite3_stmt, Finalize> m_stmt;
};

constexpr sql::Dialect k_dialect{
    .name = "sqlite",
    .json_elements = "json_each({0})",
    .json_field = "json_extract({0}, '$.{1}')",
    .list_agg = "group_concat({0})",
    .json_agg = "json_group_array(DISTINCT {0})",
    .indexed_by = " INDEXED BY {0}",
    .not_indexed = " NOT INDEXED",
    .returning_id = "",
    .next_id = "NULL",
    .follow_ids = "",
    .for_update = "",
    .append_lock = "",
    .session_role = "",
    // FTS5, trigram tokenizer, contentless (sqlite/schema_v5.cpp): TicketRepo::search_trigrams.
    .search_id = "rowid",
    .search_like = "LIKE",
    .search_match = "ticket_search MATCH ?",
    .search_rank = "0",
    // The contentless index deletes an entry by its exact text: the one the view gives while the
    // events are not yet changed, then the new one.
    .search_unindex = "INSERT INTO ticket_search (ticket_search, rowid, body, notes) "
                      "SELECT 'delete', id, body, notes FROM ticket_search_text WHERE id = ?",
    .search_reindex = "INSERT INTO ticket_search (rowid, body, notes) "
                      "SELECT id, body, notes FROM ticket_search_text WHERE id = ?",
};

} // namespace

Driver::Driver(const StoreOptions& options)
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
        migrate(options.default_country);
        if (m_location != ":memory:") keep_database_group(m_location);
    } catch (const SQLite::Exception& e) {
        fail(Code::internal, "database {}: {}", m_location, describe(e, m_db.getHandle()));
    }
}

const sql::Dialect& Driver::dialect() const { return k_dialect; }

std::unique_ptr<sql::Statement> Driver::prepare(const std::string& sql, bool /*stream*/) {
    return guarded(m_db, [&] { return std::make_unique<Statement>(m_db, sql); });
}

void Driver::exec(const std::string& sql) {
    guarded(m_db, [&] { m_db.exec(sql); });
}

// BEGIN IMMEDIATE takes the write lock at once (waiting up to the busy timeout), so a writer
// never fails half-way for want of it.
// Every write is one at a time here: no transaction ever loses a race (lost_race()).
void Driver::begin(sql::Transaction kind) {
    exec(kind == sql::Transaction::read ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE");
}

void Driver::commit() {
    exec("COMMIT");
    if (m_location != ":memory:") keep_database_group(m_location);
}

void Driver::rollback() noexcept {
    if (sqlite3_get_autocommit(m_db.getHandle())) return; // SQLite rolled back on its own
    try {
        m_db.exec("ROLLBACK");
    } catch (const SQLite::Exception&) {
        // nothing more can be done; closing the connection rolls back
    }
}

// secure_delete: pages and cells freed from now on are overwritten with zeros, on this
// connection only (the everyday writers do not pay for it).
void Driver::prepare_erasure() { exec("PRAGMA secure_delete = ON"); }

// The index's segments merged into one, the ones that held the erased entries freed (and zeroed);
// then every WAL frame copied into the database and the WAL cut to nothing. A reader holding an
// old snapshot keeps the WAL from being cut: the next purge, or the last connection, does it.
void Driver::finish_erasure() {
    exec("BEGIN IMMEDIATE");
    try {
        exec("INSERT INTO ticket_search (ticket_search) VALUES ('optimize')");
        exec("COMMIT");
    } catch (...) {
        rollback();
        throw;
    }
    if (m_location != ":memory:") exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

int Driver::schema_version() {
    return guarded(m_db, [&] { return m_db.execAndGet("PRAGMA user_version").getInt(); });
}

void Driver::migrate(std::string_view default_country) {
    const int latest = sql::migrations().back().version;
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
    for (const auto& m : sql::migrations()) {
        if (m.version <= version) continue;
        m_db.exec(m.sqlite);
        if (m.data) m.data(*this, default_country);
        if (m.sqlite_after) m_db.exec(m.sqlite_after);
        m_db.exec(fmt::format("PRAGMA user_version = {}", m.version));
    }
    tx.commit();
}

void Driver::return_to_wal() {
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

std::vector<Message> Driver::check_storage() {
    std::vector<Message> problems;
    try {
        SQLite::Statement integrity(m_db, "PRAGMA integrity_check");
        while (integrity.executeStep()) {
            auto line = integrity.getColumn(0).getString();
            if (line != "ok") problems.push_back(Message("integrity: {}", line));
        }
        SQLite::Statement fk(m_db, "PRAGMA foreign_key_check");
        while (fk.executeStep()) {
            problems.push_back(Message("orphan row (foreign key): {} row {} refers to a missing {}",
                                           fk.getColumn(0).getString(), fk.getColumn(1).getInt64(),
                                           fk.getColumn(2).getString()));
        }
    } catch (const SQLite::Exception& e) {
        throw sql::DbError(describe(e, m_db.getHandle()));
    }
    return problems;
}

void Driver::backup(const std::string& path) {
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

} // namespace sqlite

namespace sql {

std::unique_ptr<Driver> open_sqlite(const StoreOptions& options) { return std::make_unique<sqlite::Driver>(options); }

} // namespace sql
} // namespace svcdesk
