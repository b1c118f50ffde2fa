#pragma once
// The storage interface. Every SQL statement lives behind it, in store/; ops see only these types.

#include <svcdesk/error.hpp>
#include <svcdesk/store/callback_repo.hpp>
#include <svcdesk/store/customer_repo.hpp>
#include <svcdesk/store/deposit_repo.hpp>
#include <svcdesk/store/loan_repo.hpp>
#include <svcdesk/store/import_repo.hpp>
#include <svcdesk/store/audit_repo.hpp>
#include <svcdesk/store/report_repo.hpp>
#include <svcdesk/store/retention_repo.hpp>
#include <svcdesk/store/roster_repo.hpp>
#include <svcdesk/store/staff_repo.hpp>
#include <svcdesk/store/ticket_repo.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

// Result of `db check`: empty problems means healthy.
struct CheckReport {
    std::vector<Message> problems; // the audit chain's among them
    // What deserves a look but is no damage: phones kept as typed by the version 4 migration.
    std::vector<Message> notes;
    std::int64_t tickets = 0, events = 0, staff = 0;
    bool sandbox = false;
    AuditChain audit;
};

// One table of the schema as `db copy` sees it: its stored columns (no generated ones) and the
// key that orders its rows the same way on every backend.
struct TableSpec {
    const char* name;
    const char* columns;
    const char* order;
};
// Every value of a row as text (integers in decimal), NULL as nullopt.
using RawRow = std::vector<std::optional<std::string>>;

namespace sql {
class Driver;

// What a transaction is for (Driver::begin).
enum class Transaction {
    read,  // one consistent snapshot; never waits for writers
    write, // SQLite: BEGIN IMMEDIATE, writers one at a time. PostgreSQL: SERIALIZABLE, writers
           // side by side; one that loses a race is rolled back and run again (Store::write)
    bulk,  // a long write that cannot be run again (an import). SQLite: as write. PostgreSQL:
           // READ COMMITTED, its rows guarded by unique indexes and row locks, so that it never
           // has to be run again and blocks no other writer
};
} // namespace sql

// A database: the repositories over one connection, and its transactions. The backend (SQLite or
// PostgreSQL) is the driver's business; everything above it is written once.
class Store {
public:
    explicit Store(std::unique_ptr<sql::Driver> driver);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Runs `work` as one write transaction (BEGIN IMMEDIATE on SQLite, SERIALIZABLE on
    // PostgreSQL): committed when `work` returns, rolled back when it throws. Nested calls join
    // the outer transaction. On PostgreSQL a transaction that lost a race to a concurrent one
    // (Driver::lost_race) is rolled back and `work` runs again, up to k_write_attempts times in
    // all, so `work` must be re-runnable: what it does besides the database, `again` undoes
    // before each new run, or returns false when it cannot (the command then fails, having
    // written nothing). Throws Error(internal) when the attempts run out.
    void write(const std::function<void()>& work, const std::function<bool()>& again = {}) {
        run(work, sql::Transaction::write, again);
    }
    // One write transaction that is never run again (an import, which reads its input once):
    // on PostgreSQL at READ COMMITTED, so that it neither blocks other writers nor loses a race
    // to them; what it inserts is guarded by unique indexes. As write() on SQLite.
    void write_bulk(const std::function<void()>& work) { run(work, sql::Transaction::bulk, {}); }
    // Runs `work` on one consistent read snapshot.
    void read(const std::function<void()>& work) { run(work, sql::Transaction::read, {}); }

    static constexpr int k_write_attempts = 12;

    TicketRepo& tickets() { return m_tickets; }
    StaffRepo& staff() { return m_staff; }
    ReportRepo& reports() { return m_reports; }
    AuditRepo& audit() { return m_audit; }
    CallbackRepo& callbacks() { return m_callbacks; }
    ImportRepo& imports() { return m_imports; }
    DepositRepo& deposits() { return m_deposits; }
    LoanRepo& loans() { return m_loans; }
    RosterRepo& roster() { return m_roster; }
    CustomerRepo& customers() { return m_customers; }
    RetentionRepo& retention() { return m_retention; }

    int schema_version();
    std::string location() const;
    // Integrity of the storage itself, the domain invariants and the audit trail's hash chain.
    // `default_country`: site.default_country, against which stored phones are checked.
    // `years`: stored times outside them are problems (issue 21: times from before the window
    // was enforced, or written behind svcdesk's back).
    CheckReport check(std::string_view default_country = "CN", std::optional<TimeWindow> years = std::nullopt);
    // Inside a transaction (write() or read() is running).
    bool in_transaction() const { return m_depth > 0; }
    // A consistent copy of the whole database at `path` (mode 0600), taken while others write.
    void backup(const std::string& path);
    // A random per-database secret used to salt hashes of personal data.
    std::string salt();
    // A sandbox database (init --sandbox: demo, tests, training) trusts --as and SVCDESK_NOW.
    // The mark is set once, at creation, and never removed.
    bool sandbox();
    void mark_sandbox();
    // The role the server authenticated for this connection (PostgreSQL's session_user);
    // nullopt on SQLite, which has no authentication of its own.
    std::optional<std::string> session_role();

    // Raw access for `db copy`: visits the rows of `table` in its key order / inserts one row
    // with its id; follow_ids() then moves the id sequences past the ids inserted.
    void scan_table(const TableSpec& table, const std::function<void(const RawRow&)>& visit);
    void insert_row(const TableSpec& table, const RawRow& row);
    void follow_ids();

    // Around a purge, outside its transaction (Driver::prepare_erasure, finish_erasure): what
    // it erased is overwritten in the file, the search index and the WAL too.
    void prepare_erasure();
    void finish_erasure();

private:
    void run(const std::function<void()>& work, sql::Transaction kind, const std::function<bool()>& again);
    void check_domain(CheckReport& report);
    void check_times(CheckReport& report, const TimeWindow& years);
    void check_phones(CheckReport& report, std::string_view default_country); // store/phones.cpp

    std::unique_ptr<sql::Driver> m_db;
    int m_depth = 0;
    std::optional<bool> m_sandbox; // sandbox(), once read
    TicketRepo m_tickets;
    StaffRepo m_staff;
    ReportRepo m_reports;
    AuditRepo m_audit;
    CallbackRepo m_callbacks;
    ImportRepo m_imports;
    DepositRepo m_deposits;
    LoanRepo m_loans;
    RosterRepo m_roster;
    CustomerRepo m_customers;
    RetentionRepo m_retention;
};

struct StoreOptions {
    std::string location;    // SQLite path, ":memory:", or a PostgreSQL URL / libpq keyword string
    int busy_timeout_ms = 30000;
    bool create = true;      // create and migrate when missing
    std::string default_country = "CN"; // site.default_country, for migrations that normalise phones
    // A streaming replica that read-only commands read (database.read_url; PostgreSQL only):
    // every transaction is READ ONLY, and it is neither created nor migrated (it follows the
    // primary): a schema other than this svcdesk's is refused.
    bool replica = false;
};

// Opens (creating and migrating as needed) the database: PostgreSQL when the location is a
// postgresql:// or postgres:// URL or a libpq keyword string (host=... dbname=...), else SQLite.
// Throws Error(internal) when it cannot be opened or was written by a newer svcdesk, and for a
// replica that is no PostgreSQL location or whose schema is not this svcdesk's.
std::unique_ptr<Store> open_store(const StoreOptions& options);

// The schema version this binary writes.
int current_schema_version();

} // namespace svcdesk
