#pragma once
// SQLite implementation of the storage interface. Private to lib/.

#include <svcdesk/error.hpp>
#include <svcdesk/store/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <memory>
#include <optional>

namespace svcdesk::sqlite {

struct Migration {
    int version;
    const char* sql;
};
// Ordered schema changes; the last version is the one this binary writes.
const std::vector<Migration>& migrations();

// Binds an optional value, or NULL.
template <typename T>
void bind_opt(SQLite::Statement& stmt, int index, const std::optional<T>& value) {
    if (value) stmt.bind(index, *value);
    else stmt.bind(index);
}
inline std::optional<std::string> opt_text(const SQLite::Column& c) {
    return c.isNull() ? std::nullopt : std::optional<std::string>(c.getString());
}
inline std::optional<std::int64_t> opt_int(const SQLite::Column& c) {
    return c.isNull() ? std::nullopt : std::optional<std::int64_t>(c.getInt64());
}
inline std::optional<Timestamp> opt_time(const SQLite::Column& c) {
    return c.isNull() ? std::nullopt : std::optional<Timestamp>(Timestamp(std::chrono::seconds(c.getInt64())));
}
inline Timestamp to_time(const SQLite::Column& c) { return Timestamp(std::chrono::seconds(c.getInt64())); }
inline std::int64_t epoch(Timestamp t) { return t.time_since_epoch().count(); }
inline std::optional<std::int64_t> epoch(const std::optional<Timestamp>& t) {
    return t ? std::optional<std::int64_t>(epoch(*t)) : std::nullopt;
}

class SqliteTicketRepo final : public TicketRepo {
public:
    explicit SqliteTicketRepo(SQLite::Database& db) : m_db(db) {}
    TicketId insert(const Ticket& ticket) override;
    void update(const Ticket& ticket) override;
    std::optional<Ticket> find(TicketId id) override;
    std::optional<TicketId> find_by_external_ref(const std::string& ref) override;
    std::vector<Ticket> list(const TicketFilter& filter) override;
    void add_event(const TicketEvent& event) override;
    std::vector<TicketEvent> events(TicketId id) override;
    std::int64_t count() override;

private:
    SQLite::Database& m_db;
    std::optional<SQLite::Statement> m_insert, m_insert_event, m_find_ref;
};

class SqliteStaffRepo final : public StaffRepo {
public:
    explicit SqliteStaffRepo(SQLite::Database& db) : m_db(db) {}
    void insert(const Staff& staff) override;
    void update(const Staff& staff) override;
    std::optional<Staff> find(const std::string& id) override;
    std::vector<Staff> list(bool include_inactive) override;
    std::int64_t count() override;

private:
    SQLite::Database& m_db;
};

class SqliteStore final : public Store {
public:
    explicit SqliteStore(const StoreOptions& options);

    void write(const std::function<void()>& work) override;
    void read(const std::function<void()>& work) override;
    TicketRepo& tickets() override { return m_tickets; }
    StaffRepo& staff() override { return m_staff; }
    int schema_version() override;
    std::string location() const override { return m_location; }
    CheckReport check() override;
    void backup(const std::string& path) override;
    std::string salt() override;

    SQLite::Database& db() { return m_db; }

private:
    void migrate();
    void run_transaction(const std::function<void()>& work, SQLite::TransactionBehavior behavior);

    std::string m_location;
    SQLite::Database m_db;
    int m_depth = 0;
    SqliteTicketRepo m_tickets{m_db};
    SqliteStaffRepo m_staff{m_db};
};

} // namespace svcdesk::sqlite
