#pragma once
// SQLite implementation of the storage interface. Private to lib/.

#include <svcdesk/error.hpp>
#include <svcdesk/store/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <map>
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
    void each(const TicketFilter& filter, const std::function<void(const Ticket&)>& visit) override;
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

class SqliteRosterRepo final : public RosterRepo {
public:
    explicit SqliteRosterRepo(SQLite::Database& db) : m_db(db) {}
    void set(const RosterEntry& entry, const std::string& actor, Timestamp at) override;
    bool clear(const std::string& staff, date::local_days day) override;
    std::optional<RosterEntry> find(const std::string& staff, date::local_days day) override;
    std::vector<RosterEntry> range(date::local_days from, date::local_days to, const std::optional<std::string>& staff,
                                   const std::optional<std::string>& desk) override;
    std::int64_t count() override;

private:
    SQLite::Database& m_db;
    std::optional<SQLite::Statement> m_set;
};

class SqliteDepositRepo final : public DepositRepo {
public:
    explicit SqliteDepositRepo(SQLite::Database& db) : m_db(db) {}
    DepositId insert(const Deposit& deposit) override;
    void update(const Deposit& deposit) override;
    std::optional<Deposit> find(DepositId id) override;
    std::optional<Deposit> find_active(const std::string& tag) override;
    std::optional<Deposit> find_latest(const std::string& tag) override;
    std::vector<Deposit> list(const DepositFilter& filter) override;
    std::int64_t add_event(const DepositEvent& event) override;
    std::vector<DepositEvent> events(DepositId id) override;
    std::vector<DepositEvent> desk_events(const std::string& desk, std::int64_t after, std::int64_t upto) override;
    std::int64_t last_event_id() override;
    HandoverId insert_handover(const Handover& handover) override;
    std::optional<Handover> find_handover(HandoverId id) override;
    std::optional<Handover> last_handover(const std::string& desk, std::optional<HandoverId> before) override;
    std::int64_t count() override;

private:
    SQLite::Database& m_db;
};

// Switches the journal mode ("wal", "delete") if that can be done at once: a switch between WAL
// and a rollback journal needs the database to itself, and this never waits for other
// connections. True when the database is now in `mode`.
bool set_journal_mode_now(SQLite::Database& db, std::string_view mode, int busy_timeout_ms);

// The meta key that marks a database a bulk load took out of WAL mode (SqliteImportRepo).
inline constexpr std::string_view k_left_wal_key = "load_left_wal";

class SqliteImportRepo final : public ImportRepo {
public:
    SqliteImportRepo(SQLite::Database& db, int busy_timeout_ms) : m_db(db), m_busy_timeout_ms(busy_timeout_ms) {}
    void prepare_load(std::optional<std::uint64_t> input_bytes) override;
    void finish_load() noexcept override;
    void begin_bulk() override;
    void expect_rows(std::int64_t rows) override;
    void end_bulk() override;
    void abandon_bulk() override;
    bool insert_new(const Ticket& ticket, const TicketEvent& event) override;

private:
    void restore_settings();

    SQLite::Database& m_db;
    int m_busy_timeout_ms;
    bool m_rollback_journal = false;    // prepare_load() left WAL mode; finish_load() returns to it
    std::optional<SQLite::Statement> m_insert, m_insert_event;
    std::string m_changes;              // JSON of the event, rebuilt per row without allocating
    int m_cache_size = 0;               // to restore after the bulk write
    std::int64_t m_stored = 0;          // tickets stored when the bulk write began
    std::vector<std::string> m_deferred; // CREATE INDEX statements to run in end_bulk()
};

class SqliteCallbackRepo final : public CallbackRepo {
public:
    explicit SqliteCallbackRepo(SQLite::Database& db) : m_db(db) {}
    CallbackId insert(const Callback& callback) override;
    void update(const Callback& callback) override;
    std::optional<CallbackListing> find(CallbackId id) override;
    std::vector<CallbackListing> list(const CallbackFilter& filter) override;
    std::int64_t count() override;

private:
    void add_attempts(const Callback& callback, std::size_t first);
    std::vector<CallAttempt> attempts(CallbackId id);

    SQLite::Database& m_db;
    std::optional<SQLite::Statement> m_insert_attempt, m_attempts;
};

class SqliteReportRepo final : public ReportRepo {
public:
    explicit SqliteReportRepo(SQLite::Database& db) : m_db(db) {}
    std::vector<TicketFact> tickets_active(Timestamp from, Timestamp to, const std::optional<std::string>& desk) override;
    std::vector<std::pair<std::string, std::int64_t>> open_at(Timestamp at, const std::optional<std::string>& desk) override;
    std::vector<DepositFact> deposits_active(Timestamp from, Timestamp to, const std::optional<std::string>& desk) override;
    std::vector<CallbackFact> callbacks_active(Timestamp from, Timestamp to, const std::optional<std::string>& desk) override;
    std::vector<AttemptFact> attempts(Timestamp from, Timestamp to, const std::optional<std::string>& desk) override;
    std::vector<RosterFact> roster(date::local_days from, date::local_days to, const std::optional<std::string>& desk) override;

private:
    SQLite::Database& m_db;
};

class SqliteAuditRepo final : public AuditRepo {
public:
    explicit SqliteAuditRepo(SQLite::Database& db) : m_db(db) {}
    void add(const AuditEvent& event) override;
    std::vector<AuditEvent> list(std::optional<Timestamp> since, const std::optional<std::string>& actor) override;

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
    ReportRepo& reports() override { return m_reports; }
    AuditRepo& audit() override { return m_audit; }
    CallbackRepo& callbacks() override { return m_callbacks; }
    ImportRepo& imports() override { return m_imports; }
    DepositRepo& deposits() override { return m_deposits; }
    RosterRepo& roster() override { return m_roster; }
    int schema_version() override;
    std::string location() const override { return m_location; }
    CheckReport check() override;
    void backup(const std::string& path) override;
    std::string salt() override;
    void scan_table(const TableSpec& table, const std::function<void(const RawRow&)>& visit) override;
    void insert_row(const TableSpec& table, const RawRow& row) override;

    SQLite::Database& db() { return m_db; }

private:
    void migrate();
    void return_to_wal();
    void check_domain(CheckReport& report);
    void run_transaction(const std::function<void()>& work, SQLite::TransactionBehavior behavior);

    std::string m_location;
    int m_busy_timeout_ms;
    SQLite::Database m_db;
    int m_depth = 0;
    std::map<std::string, SQLite::Statement, std::less<>> m_row_inserts; // table → INSERT, for db copy
    SqliteTicketRepo m_tickets{m_db};
    SqliteStaffRepo m_staff{m_db};
    SqliteReportRepo m_reports{m_db};
    SqliteAuditRepo m_audit{m_db};
    SqliteCallbackRepo m_callbacks{m_db};
    SqliteImportRepo m_imports{m_db, m_busy_timeout_ms};
    SqliteDepositRepo m_deposits{m_db};
    SqliteRosterRepo m_roster{m_db};
};

} // namespace svcdesk::sqlite
