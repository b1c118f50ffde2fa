#pragma once
// The small interface the repositories are written against, once for both backends (private to
// store/). A driver is one connection: it prepares statements, runs transactions, and owns what
// only its backend can do (session settings, migrations, integrity, backup, bulk-load tuning).
//
// SQL is written once, with `?` parameters (`?N` names the N-th again); the PostgreSQL driver
// turns them into its `$N`. Where the dialects differ, the Dialect supplies the fragment.

#include <svcdesk/error.hpp>
#include <svcdesk/store/store.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace svcdesk {
class StagedImport;
} // namespace svcdesk

namespace svcdesk::sql {

// A statement failed. The message is already worded for people by the backend that failed.
class DbError : public std::runtime_error {
public:
    explicit DbError(const std::string& message, bool unique_violation = false)
        : std::runtime_error(message), m_unique(unique_violation) {}
    // A UNIQUE index or constraint refused the row.
    bool unique_violation() const { return m_unique; }

private:
    bool m_unique;
};

// The few fragments in which SQLite and PostgreSQL SQL differ, as fmt patterns.
struct Dialect {
    std::string_view name;
    std::string_view json_elements; // {0}: JSON array text → rows with a column `value`
    std::string_view json_field;    // {0}: an element's value, {1}: a field name → its text
    std::string_view list_agg;      // {0}: an integer column → "1,2,3" in ascending order
    std::string_view json_agg;      // {0}: a text column → its distinct values as a JSON array text
    std::string_view indexed_by;    // {0}: an index the planner should use ("" where it can't be told)
    std::string_view not_indexed;   // a scan of the table itself, not through an index
    // Ends an INSERT so that Statement::inserted_id() can tell the new row's id. SQLite needs
    // nothing (its last rowid): RETURNING there makes every insert keep a statement journal.
    std::string_view returning_id;
    // {0}: a table → the id of its next row, as the value of an INSERT's id column (SQLite: NULL,
    // its rowid; PostgreSQL: DEFAULT, the identity column's sequence).
    std::string_view next_id;
    // After rows were inserted with their ids given (db copy): moves the id sequences past them
    // ("" where ids follow the rows by themselves: SQLite).
    std::string_view follow_ids;
    // {0}: a table (or its alias) → what ends a SELECT of the row of it that the transaction is
    // about to change: the row stays locked until it ends, so a concurrent writer of it waits
    // (PostgreSQL: FOR UPDATE OF; SQLite: "", its writers are one at a time anyway).
    std::string_view for_update;
    // Takes the lock named by its parameter (a text) until the transaction ends, for rows whose
    // ids must follow the order of the commits: the audit trail's hash chain (a desk's deposit
    // events, its handovers' bookmarks, rely on SSI instead: DepositRepo::add_event). A transaction that takes it after another
    // committed since its snapshot loses the race (40001) and runs again ("" on SQLite, whose
    // writers go one at a time).
    std::string_view append_lock;
    // The role the server authenticated for this connection ("" where there is none: SQLite).
    std::string_view session_role;
    // Search (TicketRepo::search) over the table ticket_search (body, notes, one row a ticket):
    std::string_view search_id;    // its column holding the ticket id
    std::string_view search_like;  // the case-insensitive LIKE operator
    // The full-text query of the FTS5 index, its text bound ("" where LIKE is served through an
    // index: pg_trgm); non-empty, TicketRepo::search takes the FTS5 path (search_trigrams).
    std::string_view search_match;
    // The rank of a hit on the LIKE path (lower first); a `?` in it is bound to the whole text.
    std::string_view search_rank;
    // A purge changes a ticket's notes (ticket_events) behind the index's triggers: its entry is
    // taken out before (search_unindex) and written again after (search_reindex); each binds
    // the ticket id ("" where nothing is to be done).
    std::string_view search_unindex;
    std::string_view search_reindex;

    std::string elements(std::string_view json) const;
    std::string field(std::string_view element, std::string_view key) const;
    std::string agg(std::string_view column) const;
    std::string json_array_of(std::string_view column) const;
    std::string index(std::string_view index_name) const;
    std::string lock(std::string_view table) const;
};

// One prepared statement. Parameters are numbered from 1, columns from 0.
class Statement {
public:
    virtual ~Statement() = default;
    virtual void bind_null(int index) = 0;
    virtual void bind_int(int index, std::int64_t value) = 0;
    // The value is copied unless `keep` is set: then the caller keeps it alive and unchanged
    // until the statement is reset (the bulk import's per-row texts).
    virtual void bind_text(int index, std::string_view value, bool keep = false) = 0;
    // Runs the statement on the first call, then advances; true while a row is current.
    // Throws DbError.
    virtual bool step() = 0;
    // Ready to run again; bindings are kept until bound anew.
    virtual void reset() = 0;
    virtual bool is_null(int column) const = 0;
    virtual std::int64_t integer(int column) const = 0;
    virtual std::string text(int column) const = 0;
    virtual int columns() const = 0;
    // Rows written by the last run of an INSERT, UPDATE or DELETE.
    virtual std::int64_t changes() const = 0;
    // Runs an INSERT of one row (ending in Dialect::returning_id) to its end: the id of the row
    // it inserted, or nullopt when it inserted none (ON CONFLICT DO NOTHING). Throws DbError.
    virtual std::optional<std::int64_t> inserted_id() = 0;
};

// What a backend may do to make a bulk import fast (SQLite: a rollback journal, deferred
// indexes, a larger cache). See ImportRepo for when each is called.
class BulkTuning {
public:
    virtual ~BulkTuning() = default;
    virtual void prepare_load(std::optional<std::uint64_t> input_bytes) = 0;
    virtual void finish_load() noexcept = 0;
    virtual void begin_bulk() = 0;
    virtual void expect_rows(std::int64_t rows) = 0;
    virtual void end_bulk() = 0;
    virtual void abandon_bulk() = 0;
    // The backend's set-based path for the import's rows (PostgreSQL: COPY into a staging table,
    // then one INSERT ... SELECT), created inside the write transaction; nullptr where a
    // prepared INSERT per row is the fastest way (SQLite).
    virtual std::unique_ptr<StagedImport> staged_import();
};

class Driver {
public:
    virtual ~Driver() = default;
    virtual const Dialect& dialect() const = 0;
    // The location for messages (any password masked).
    virtual std::string location() const = 0;

    // A new prepared statement. `stream`: the rows may be many, read them a batch at a time
    // rather than all at once (PostgreSQL: a cursor, inside a transaction).
    virtual std::unique_ptr<Statement> prepare(const std::string& sql, bool stream) = 0;

    // Transactions (see Transaction). rollback() never throws.
    virtual void begin(Transaction kind) = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
    // A statement of the current transaction failed because a concurrent transaction won a race
    // (PostgreSQL: SQLSTATE 40001, a serialization failure, or 40P01, a deadlock), whatever the
    // caller made of the error: run the whole transaction again. Never true on SQLite, whose
    // writers wait for each other. begin() forgets it.
    virtual bool lost_race() const = 0;

    // The version of the schema this database holds (0: none).
    virtual int schema_version() = 0;
    // Problems of the storage itself (pages, foreign keys), in words.
    virtual std::vector<Message> check_storage() = 0;
    virtual void backup(const std::string& path) = 0;
    virtual BulkTuning& bulk() = 0;
    // Around a purge (ops/retention.hpp), outside its transaction: before, so that what it
    // deletes or overwrites is overwritten in the file too (SQLite: secure_delete); after it
    // committed, so that no copy of the erased text is left in the search index's old segments,
    // free pages or the WAL (SQLite: FTS5 optimize, WAL checkpoint and truncate). PostgreSQL
    // does nothing here (docs: VACUUM FULL).
    virtual void prepare_erasure() {}
    virtual void finish_erasure() {}

    // A statement for `sql` from this connection's cache (prepared on first use); give it back
    // with release(). Several may be out for the same SQL at once (a nested query).
    std::unique_ptr<Statement> acquire(const std::string& sql, bool stream);
    void release(const std::string& sql, bool stream, std::unique_ptr<Statement> statement) noexcept;

protected:
    // Finalizes the cached statements; a backend calls it before it closes its connection.
    void drop_statements() noexcept {
        m_idle[0].clear();
        m_idle[1].clear();
    }

private:
    std::unordered_multimap<std::string, std::unique_ptr<Statement>> m_idle[2]; // [stream]
};

// Opens the backend for `options` (both migrate the schema to the current version).
std::unique_ptr<Driver> open_sqlite(const StoreOptions& options);
std::unique_ptr<Driver> open_postgres(const StoreOptions& options);

} // namespace svcdesk::sql
