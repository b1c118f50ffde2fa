// Connection, migrations and transactions on PostgreSQL.
//
// Writers work side by side, as PostgreSQL means them to (issue 22): a write transaction runs at
// SERIALIZABLE, so that every rule that reads several rows before it writes (a roster collision,
// the last active supervisor, a tag in use) holds as if the writers had run one after another;
// the row a command changes is locked when it is read (Dialect::for_update), so that a second
// desk closing the same ticket waits for the first rather than working on a stale copy. A
// transaction that loses such a race fails with SQLSTATE 40001 (or 40P01, a deadlock); the
// Connection remembers it (lost_race()) and Store::write runs the whole command again, a bounded
// number of times, so that the user never sees it. Ids come from identity columns (schema v7):
// a sequence is never rolled back, so ids may have gaps after a refused command. An import runs
// at READ COMMITTED (Transaction::bulk): it cannot be run again, and its rows are guarded by the
// unique index on external_ref; it blocks no other writer. Readers work on a REPEATABLE READ
// snapshot and never wait.
#include <svcdesk/error.hpp>
#include <svcdesk/store/location.hpp>
#include <svcdesk/store/postgres/pg_driver.hpp>
#include <svcdesk/store/schema.hpp>

#include <algorithm>
#include <optional>

namespace svcdesk {
namespace postgres {
namespace {

// Rows a streaming statement fetches from its cursor at a time.
constexpr int k_batch = 1000;

// Messages a person can act on, for the errors that have a plain cause.
std::string describe(const PgError& e) {
    const auto& state = e.sqlstate();
    if (state == "55P03") return "the database stayed locked by another process for too long";
    if (state == "53100") return "the disk is full";
    if (state == "25006") return "the database is read-only (a standby server?)";
    return e.what();
}

// Runs `work`, turning libpq's errors into DbError worded for people.
template <typename F>
decltype(auto) guarded(F&& work) {
    try {
        return work();
    } catch (const PgError& e) {
        throw db_error(e);
    }
}

// "? ?1" → "$1 $1": parameters as PostgreSQL writes them. A plain `?` takes the next number;
// text in quotes is left alone.
std::string numbered(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int next = 0;
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '?') {
            std::size_t j = i + 1;
            while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') ++j;
            out += j > i + 1 ? "$" + std::string(sql.substr(i + 1, j - i - 1)) : "$" + std::to_string(++next);
            i = j - 1;
            continue;
        }
        out.push_back(c);
    }
    return out;
}

// A statement: all rows at once, or, when streaming inside a transaction, a cursor read a
// batch at a time (a visitor may run other statements between rows).
class Statement final : public sql::Statement {
public:
    Statement(Connection& db, const std::string& sql, bool stream, int id)
        : m_db(db), m_sql(numbered(sql)), m_stream(stream), m_cursor(fmt::format("svcdesk_cursor_{}", id)) {}
    ~Statement() override { close(); }

    void bind_null(int index) override { slot(index).reset(); }
    void bind_int(int index, std::int64_t value) override { slot(index) = std::to_string(value); }
    void bind_text(int index, std::string_view value, bool) override { slot(index) = std::string(value); }

    bool step() override {
        if (!m_result) {
            guarded([&] { run(); });
            return m_row < m_result->rows();
        }
        if (++m_row < m_result->rows()) return true;
        if (!m_open || m_result->rows() < k_batch) return false;
        guarded([&] { fetch(); });
        return m_row < m_result->rows();
    }
    void reset() override {
        close();
        m_result.reset();
    }
    bool is_null(int column) const override { return m_result->null(m_row, column); }
    std::int64_t integer(int column) const override { return m_result->integer(m_row, column); }
    std::string text(int column) const override { return m_result->text(m_row, column); }
    int columns() const override { return m_result->columns(); }
    std::int64_t changes() const override { return m_result ? m_result->affected() : 0; }
    std::optional<std::int64_t> inserted_id() override {
        auto id = step() ? std::optional(integer(0)) : std::nullopt;
        reset();
        return id;
    }

private:
    std::optional<std::string>& slot(int index) {
        if (static_cast<std::size_t>(index) > m_params.size()) m_params.resize(static_cast<std::size_t>(index));
        return m_params[static_cast<std::size_t>(index) - 1];
    }
    void run() {
        if (m_stream && m_db.in_transaction()) {
            m_db.exec(fmt::format("DECLARE {} NO SCROLL CURSOR FOR {}", m_cursor, m_sql), m_params, false);
            m_open = true;
            fetch();
            return;
        }
        m_result.emplace(m_db.exec(m_sql, m_params));
        m_row = 0;
    }
    void fetch() {
        m_result.emplace(m_db.exec(fmt::format("FETCH {} FROM {}", k_batch, m_cursor)));
        m_row = 0;
    }
    void close() noexcept {
        if (!m_open) return;
        m_open = false;
        try {
            m_db.exec_script("CLOSE " + m_cursor);
        } catch (const PgError&) {
            // the transaction is gone, and the cursor with it
        }
    }

    Connection& m_db;
    std::string m_sql;
    bool m_stream;
    std::string m_cursor;
    Params m_params;
    std::optional<Result> m_result;
    int m_row = 0;
    bool m_open = false; // a cursor is declared
};

constexpr sql::Dialect k_dialect{
    .name = "postgresql",
    .json_elements = "jsonb_array_elements({0}::jsonb)",
    .json_field = "{0}->>'{1}'",
    .list_agg = "string_agg({0}::text, ',' ORDER BY {0})",
    .json_agg = "json_agg(DISTINCT {0})::text",
    .indexed_by = "",
    .not_indexed = "",
    .returning_id = " RETURNING id",
    .next_id = "DEFAULT",
    .follow_ids = "SELECT svcdesk_follow_ids()",
    .for_update = " FOR UPDATE OF {0}",
    // Appends under one lock update one row of meta, so they follow one another: at
    // SERIALIZABLE the second fails with 40001 and runs again, seeing the first's rows; at READ
    // COMMITTED (an import) it waits, and its next statement sees them.
    .append_lock = "INSERT INTO meta (key, value) VALUES (?, 'append lock') "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    .session_role = "SELECT session_user::text",
    // pg_trgm's GIN indexes serve ILIKE '%term%' for terms of three characters or more.
    .search_id = "ticket_id",
    .search_like = "ILIKE",
    .search_match = "",
    .search_rank = "-word_similarity(?, body || chr(10) || notes)",
    // The body follows the ticket by trigger; the notes are gathered again from the events.
    .search_unindex = "",
    .search_reindex = "UPDATE ticket_search SET notes = coalesce((SELECT string_agg(e.reason, chr(10) ORDER BY e.id) "
                      "FROM ticket_events e WHERE e.ticket_id = ticket_search.ticket_id AND e.action = 'note' "
                      "AND e.reason IS NOT NULL), '') WHERE ticket_id = ?",
};

Connection connect(const StoreOptions& options) {
    try {
        return Connection(options.location);
    } catch (const PgError& e) {
        fail(Code::internal, "cannot connect to database {}: {}", mask_location(options.location), e.what());
    }
}

} // namespace

const sql::Dialect& pg_dialect() { return k_dialect; }

sql::DbError db_error(const PgError& e) { return sql::DbError(describe(e), e.unique_violation()); }

Driver::Driver(const StoreOptions& options)
    : m_location(mask_location(options.location)), m_db(connect(options)) {
    try {
        // lock_timeout plays SQLite's busy_timeout: how long a writer waits for the others.
        auto settings = fmt::format("SET lock_timeout = {}; SET client_encoding = 'UTF8'",
                                    std::max(1, options.busy_timeout_ms));
        // Read-only by our own hand too, so that a read_url naming a primary (by mistake, or a
        // standby promoted since) is never written through either.
        if (options.replica) settings += "; SET default_transaction_read_only = on";
        // The settings and the schema version in one round trip (a command's start-up is mostly
        // round trips); in a database without the table, the failed SELECT undid the SETs.
        std::optional<int> version;
        try {
            version = static_cast<int>(
                m_db.exec_script(settings + "; SELECT coalesce(max(version), 0) FROM schema_version").integer(0, 0));
        } catch (const PgError& e) {
            if (e.sqlstate() != "42P01") throw; // undefined_table
            m_db.exec_script(settings);
        }
        if (options.replica) {
            require_current_schema(version);
            return;
        }
        for (int attempt = 1;; ++attempt) {
            try {
                migrate(options.create, options.default_country, version);
                break;
            } catch (const PgError& e) {
                // Two processes creating schema_version in a new database at once: one of the
                // CREATEs fails; the lock decides the rest.
                if (attempt == 3 || (!e.unique_violation() && e.sqlstate() != "42P07")) throw;
                version.reset(); // the next attempt finds out again
            }
        }
    } catch (const PgError& e) {
        fail(Code::internal, "database {}: {}", m_location, describe(e));
    } catch (const sql::DbError& e) {
        fail(Code::internal, "database {}: {}", m_location, e.what());
    }
}

const sql::Dialect& Driver::dialect() const { return k_dialect; }

std::unique_ptr<sql::Statement> Driver::prepare(const std::string& sql, bool stream) {
    return std::make_unique<Statement>(m_db, sql, stream, ++m_statements);
}

void Driver::begin(sql::Transaction kind) {
    m_db.forget_lost_race();
    const char* level = kind == sql::Transaction::read    ? "REPEATABLE READ"
                        : kind == sql::Transaction::write ? "SERIALIZABLE"
                                                          : "READ COMMITTED"; // bulk
    guarded([&] { m_db.begin(fmt::format("BEGIN ISOLATION LEVEL {}", level)); }); // sent with the first statement
}

void Driver::commit() {
    // COMMIT after a failed statement rolls back without an error; say so rather than report a
    // write that did not happen.
    if (m_db.in_failed_transaction()) {
        throw sql::DbError("a statement of the transaction failed, so nothing of it was written");
    }
    guarded([&] { m_db.end("COMMIT"); });
}

void Driver::rollback() noexcept {
    try {
        if (m_db.in_transaction()) m_db.end("ROLLBACK");
    } catch (const PgError&) {
        // the connection is gone; the server rolls back on its own
    }
}

int Driver::schema_version() {
    return guarded([&] {
        return static_cast<int>(m_db.exec("SELECT coalesce(max(version), 0) FROM schema_version").integer(0, 0));
    });
}

std::optional<int> Driver::stored_version(std::optional<int> known) {
    if (!known) {
        if (m_db.exec("SELECT to_regclass('schema_version') IS NULL").text(0, 0) == "t") return std::nullopt;
        known = schema_version();
    }
    if (*known > sql::migrations().back().version) {
        fail(Code::internal, "database {} has schema version {}, newer than this svcdesk knows ({}); upgrade svcdesk",
             m_location, *known, sql::migrations().back().version);
    }
    return known;
}

void Driver::require_current_schema(std::optional<int> known) {
    auto version = stored_version(known);
    if (!version) fail(Code::internal, "no svcdesk database at {} (is it a replica of the primary?)", m_location);
    if (*version < sql::migrations().back().version) {
        fail(Code::internal,
             "database {} has schema version {}, older than this svcdesk's ({}): migrate the primary (svcdesk db "
             "migrate) and let the replica catch up",
             m_location, *version, sql::migrations().back().version);
    }
}

void Driver::migrate(bool create, std::string_view default_country, std::optional<int> known) {
    const int latest = sql::migrations().back().version;
    if (auto version = stored_version(known)) {
        if (*version == latest) return;
    } else if (!create) {
        fail(Code::internal, "no database at {} (create it with: svcdesk init)", m_location);
    }
    // Migrations run one at a time: the lock on schema_version (which readers still read) is
    // held until the commit. READ COMMITTED, so that what a migration that ran while we waited
    // for the lock wrote is seen.
    m_db.forget_lost_race();
    m_db.exec_script("BEGIN ISOLATION LEVEL READ COMMITTED");
    try {
        m_db.exec_script("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);"
                         "LOCK TABLE schema_version IN SHARE ROW EXCLUSIVE MODE");
        // Another process may have migrated while we waited for the lock.
        int version = schema_version();
        if (version > latest) fail(Code::internal, "database {} has schema version {}", m_location, version);
        for (const auto& m : sql::migrations()) {
            if (m.version <= version) continue;
            m_db.exec_script(m.postgres);
            if (m.data) m.data(*this, default_country);
            if (m.postgres_after) m_db.exec_script(m.postgres_after);
            m_db.exec_script(fmt::format("DELETE FROM schema_version; INSERT INTO schema_version VALUES ({})", m.version));
        }
    } catch (...) {
        rollback();
        throw;
    }
    commit();
}

// Storage integrity (pages, foreign keys) is the server's business on PostgreSQL.
std::vector<Message> Driver::check_storage() { return {}; }

void Driver::backup(const std::string&) {
    fail(Code::invalid,
         "db backup copies SQLite files; back up the PostgreSQL database {} with pg_dump "
         "(see docs/deployment.md), or copy it to a SQLite file with svcdesk db copy",
         m_location);
}

} // namespace postgres

namespace sql {

std::unique_ptr<Driver> open_postgres(const StoreOptions& options) {
    return std::make_unique<postgres::Driver>(options);
}

} // namespace sql
} // namespace svcdesk
