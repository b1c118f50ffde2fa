#pragma once
// The storage interface. Every SQL statement lives behind it (store/sqlite/ and store/postgres/);
// ops and the CLI see only these types.

#include <svcdesk/domain/staff.hpp>
#include <svcdesk/domain/ticket.hpp>
#include <svcdesk/store/callback_repo.hpp>
#include <svcdesk/store/deposit_repo.hpp>
#include <svcdesk/store/import_repo.hpp>
#include <svcdesk/store/audit_repo.hpp>
#include <svcdesk/store/report_repo.hpp>
#include <svcdesk/store/roster_repo.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {

struct TicketFilter {
    std::vector<Status> statuses; // empty: any
    std::optional<std::string> desk;
    std::optional<std::string> assignee;
    std::optional<std::string> category;
    bool overdue_only = false; // open and past a deadline at `now`
    std::optional<Timestamp> since, until; // created_at in [since, until)
    std::optional<std::size_t> limit;
    Timestamp now{};
};

class TicketRepo {
public:
    virtual ~TicketRepo() = default;
    // Inserts and returns the new id; throws Error(refused) when external_ref exists already.
    virtual TicketId insert(const Ticket& ticket) = 0;
    virtual void update(const Ticket& ticket) = 0;
    virtual std::optional<Ticket> find(TicketId id) = 0;
    virtual std::optional<TicketId> find_by_external_ref(const std::string& ref) = 0;
    // Sorted by the next due time (response, then resolve), then id.
    virtual std::vector<Ticket> list(const TicketFilter& filter) = 0;
    // Visits the matching tickets in id order without holding them all in memory.
    virtual void each(const TicketFilter& filter, const std::function<void(const Ticket&)>& visit) = 0;
    virtual void add_event(const TicketEvent& event) = 0;
    virtual std::vector<TicketEvent> events(TicketId id) = 0;
    virtual std::int64_t count() = 0;
};

class StaffRepo {
public:
    virtual ~StaffRepo() = default;
    // Throws Error(refused) when the id exists already.
    virtual void insert(const Staff& staff) = 0;
    virtual void update(const Staff& staff) = 0;
    virtual std::optional<Staff> find(const std::string& id) = 0;
    virtual std::vector<Staff> list(bool include_inactive) = 0;
    virtual std::int64_t count() = 0;
};

// Result of `db check`: empty problems means healthy.
struct CheckReport {
    std::vector<std::string> problems;
    std::int64_t tickets = 0, events = 0, staff = 0;
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

class Store {
public:
    virtual ~Store() = default;

    // Runs `work` as one write transaction (BEGIN IMMEDIATE on SQLite): committed when `work`
    // returns, rolled back when it throws. Nested calls join the outer transaction.
    virtual void write(const std::function<void()>& work) = 0;
    // Runs `work` on one consistent read snapshot.
    virtual void read(const std::function<void()>& work) = 0;

    virtual TicketRepo& tickets() = 0;
    virtual StaffRepo& staff() = 0;
    virtual ReportRepo& reports() = 0;
    virtual AuditRepo& audit() = 0;
    virtual CallbackRepo& callbacks() = 0;
    virtual ImportRepo& imports() = 0;
    virtual DepositRepo& deposits() = 0;
    virtual RosterRepo& roster() = 0;

    virtual int schema_version() = 0;
    virtual std::string location() const = 0;
    // Integrity of the storage itself plus the domain invariants.
    virtual CheckReport check() = 0;
    // A consistent copy of the whole database at `path` (mode 0600), taken while others write.
    virtual void backup(const std::string& path) = 0;
    // A random per-database secret used to salt hashes of personal data.
    virtual std::string salt() = 0;

    // Raw access for `db copy`: visits the rows of `table` in its key order / inserts one row.
    virtual void scan_table(const TableSpec& table, const std::function<void(const RawRow&)>& visit) = 0;
    virtual void insert_row(const TableSpec& table, const RawRow& row) = 0;
};

struct StoreOptions {
    std::string location;    // SQLite path, ":memory:", or a PostgreSQL URL / libpq keyword string
    int busy_timeout_ms = 30000;
    bool create = true;      // create and migrate when missing
};

// Opens (creating and migrating as needed) the database: PostgreSQL when the location is a
// postgresql:// or postgres:// URL or a libpq keyword string (host=... dbname=...), else SQLite.
// Throws Error(internal) when it cannot be opened or was written by a newer svcdesk.
std::unique_ptr<Store> open_store(const StoreOptions& options);

// The schema version this binary writes.
int current_schema_version();

} // namespace svcdesk
