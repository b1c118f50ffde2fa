#pragma once
// The SQLite driver, on SQLiteCpp (private to store/sqlite/).

#include <svcdesk/store/driver.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>
#include <string_view>
#include <vector>

namespace svcdesk::sqlite {

// What went wrong in words for people. `db`, when given, is the connection that failed: the
// errno behind an I/O error tells a full disk from the rest.
std::string describe(const SQLite::Exception& e, sqlite3* db = nullptr);

// Runs `work`, turning SQLite's exceptions into DbError worded for people.
template <typename F>
decltype(auto) guarded(SQLite::Database& db, F&& work) {
    try {
        return work();
    } catch (const SQLite::Exception& e) {
        throw sql::DbError(describe(e, db.getHandle()));
    }
}

// Switches the journal mode ("wal", "delete") if that can be done at once: a switch between WAL
// and a rollback journal needs the database to itself, and this never waits for other
// connections. True when the database is now in `mode`.
bool set_journal_mode_now(SQLite::Database& db, std::string_view mode, int busy_timeout_ms);

// The meta key that marks a database a bulk load took out of WAL mode (Bulk below).
inline constexpr std::string_view k_left_wal_key = "load_left_wal";

// Bulk-load tuning: a rollback journal for a load that about doubles the database, secondary
// ticket indexes rebuilt once instead of maintained row by row, a larger page cache.
class Bulk final : public sql::BulkTuning {
public:
    Bulk(SQLite::Database& db, int busy_timeout_ms) : m_db(db), m_busy_timeout_ms(busy_timeout_ms) {}
    void prepare_load(std::optional<std::uint64_t> input_bytes) override;
    void finish_load() noexcept override;
    void begin_bulk() override;
    void expect_rows(std::int64_t rows) override;
    void end_bulk() override;
    void abandon_bulk() override;

private:
    void restore_settings();

    SQLite::Database& m_db;
    int m_busy_timeout_ms;
    bool m_rollback_journal = false;    // prepare_load() left WAL mode; finish_load() returns to it
    int m_cache_size = 0;               // to restore after the bulk write
    std::int64_t m_stored = 0;          // tickets stored when the bulk write began
    std::vector<std::string> m_deferred; // CREATE INDEX statements to run in end_bulk()
    std::vector<std::string> m_search_triggers; // the search index's insert and note triggers, deferred (v5)
    std::int64_t m_search_from = 0;      // tickets above this id wait for end_bulk()'s search fill
};

class Driver final : public sql::Driver {
public:
    explicit Driver(const StoreOptions& options);
    ~Driver() override { drop_statements(); }

    const sql::Dialect& dialect() const override;
    std::string location() const override { return m_location; }
    std::unique_ptr<sql::Statement> prepare(const std::string& sql, bool stream) override;
    void begin(sql::Transaction kind) override;
    bool lost_race() const override { return false; }
    void commit() override;
    void rollback() noexcept override;
    int schema_version() override;
    std::vector<Message> check_storage() override;
    void backup(const std::string& path) override;
    sql::BulkTuning& bulk() override { return m_bulk; }
    void prepare_erasure() override;
    void finish_erasure() override;

private:
    void migrate(std::string_view default_country);
    void return_to_wal();
    // Runs `sql` (no parameters, no rows), translating SQLite's exceptions into DbError.
    void exec(const std::string& sql);

    std::string m_location;
    int m_busy_timeout_ms;
    SQLite::Database m_db;
    Bulk m_bulk{m_db, m_busy_timeout_ms};
};

} // namespace svcdesk::sqlite
