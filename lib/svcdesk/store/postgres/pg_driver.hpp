#pragma once
// The PostgreSQL driver, on libpq (private to store/postgres/).

#include <svcdesk/store/driver.hpp>
#include <svcdesk/store/postgres/pg.hpp>

#include <optional>

namespace svcdesk::postgres {

// The SQL fragments of PostgreSQL (Driver::dialect()).
const sql::Dialect& pg_dialect();

// `e` worded for people, as the driver reports every failed statement.
sql::DbError db_error(const PgError& e);

// The server sizes its caches and maintains its indexes itself: a bulk load needs no tuning,
// only its own path for the rows (COPY into a staging table: import_copy.cpp).
class Bulk final : public sql::BulkTuning {
public:
    explicit Bulk(Connection& db) : m_db(db) {}
    void prepare_load(std::optional<std::uint64_t>) override {}
    void finish_load() noexcept override {}
    void begin_bulk() override {}
    void expect_rows(std::int64_t) override {}
    void end_bulk() override {}
    void abandon_bulk() override {}
    std::unique_ptr<StagedImport> staged_import() override;

private:
    Connection& m_db;
};

class Driver final : public sql::Driver {
public:
    explicit Driver(const StoreOptions& options);
    ~Driver() override { drop_statements(); }

    const sql::Dialect& dialect() const override;
    std::string location() const override { return m_location; }
    std::unique_ptr<sql::Statement> prepare(const std::string& sql, bool stream) override;
    void begin(sql::Transaction kind) override;
    bool lost_race() const override { return m_db.lost_race(); }
    void commit() override;
    void rollback() noexcept override;
    int schema_version() override;
    std::vector<std::string> check_storage() override;
    void backup(const std::string& path) override;
    sql::BulkTuning& bulk() override { return m_bulk; }

private:
    // Brings the schema to the latest version. `known`: the version the connection found, when
    // known (nullopt: to be found out, the table perhaps missing).
    void migrate(bool create, std::string_view default_country, std::optional<int> known);
    // The version of the schema stored (`known` when already read), nullopt when there is none;
    // Error(internal) when it is newer than this svcdesk's.
    std::optional<int> stored_version(std::optional<int> known);
    // A replica is never migrated: Error(internal) unless it holds this svcdesk's schema.
    void require_current_schema(std::optional<int> known);

    std::string m_location; // password masked
    Connection m_db;
    Bulk m_bulk{m_db};
    int m_statements = 0; // statements prepared: numbers their cursors
};

} // namespace svcdesk::postgres
