#pragma once
// PostgreSQL implementation of the storage interface (libpq). Private to lib/.

#include <svcdesk/error.hpp>
#include <svcdesk/store/postgres/pg.hpp>
#include <svcdesk/store/store.hpp>

#include <memory>
#include <optional>

namespace svcdesk::postgres {

struct Migration {
    int version;
    const char* sql;
};
// The PostgreSQL translation of the SQLite migrations, version for version.
const std::vector<Migration>& migrations();

class PgTicketRepo final : public TicketRepo {
public:
    explicit PgTicketRepo(Connection& db) : m_db(db) {}
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
    Connection& m_db;
};

class PgStaffRepo final : public StaffRepo {
public:
    explicit PgStaffRepo(Connection& db) : m_db(db) {}
    void insert(const Staff& staff) override;
    void update(const Staff& staff) override;
    std::optional<Staff> find(const std::string& id) override;
    std::vector<Staff> list(bool include_inactive) override;
    std::int64_t count() override;

private:
    Connection& m_db;
};

class PgRosterRepo final : public RosterRepo {
public:
    explicit PgRosterRepo(Connection& db) : m_db(db) {}
    void set(const RosterEntry& entry, const std::string& actor, Timestamp at) override;
    bool clear(const std::string& staff, date::local_days day) override;
    std::optional<RosterEntry> find(const std::string& staff, date::local_days day) override;
    std::vector<RosterEntry> range(date::local_days from, date::local_days to, const std::optional<std::string>& staff,
                                   const std::optional<std::string>& desk) override;
    std::int64_t count() override;

private:
    Connection& m_db;
};

class PgDepositRepo final : public DepositRepo {
public:
    explicit PgDepositRepo(Connection& db) : m_db(db) {}
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
    Connection& m_db;
};

class PgImportRepo final : public ImportRepo {
public:
    explicit PgImportRepo(Connection& db) : m_db(db) {}
    void prepare_load(std::optional<std::uint64_t> input_bytes) override;
    void finish_load() noexcept override;
    void begin_bulk() override;
    void expect_rows(std::int64_t rows) override;
    void end_bulk() override;
    void abandon_bulk() override;
    bool insert_new(const Ticket& ticket, const TicketEvent& event) override;

private:
    Connection& m_db;
};

class PgCallbackRepo final : public CallbackRepo {
public:
    explicit PgCallbackRepo(Connection& db) : m_db(db) {}
    CallbackId insert(const Callback& callback) override;
    void update(const Callback& callback) override;
    std::optional<CallbackListing> find(CallbackId id) override;
    std::vector<CallbackListing> list(const CallbackFilter& filter) override;
    std::int64_t count() override;

private:
    void add_attempts(const Callback& callback, std::size_t first);
    std::vector<CallAttempt> attempts(CallbackId id);

    Connection& m_db;
};

class PgReportRepo final : public ReportRepo {
public:
    explicit PgReportRepo(Connection& db) : m_db(db) {}
    std::vector<TicketFact> tickets_active(Timestamp from, Timestamp to, const std::optional<std::string>& desk) override;
    std::vector<std::pair<std::string, std::int64_t>> open_at(Timestamp at, const std::optional<std::string>& desk) override;
    std::vector<DepositFact> deposits_active(Timestamp from, Timestamp to, const std::optional<std::string>& desk) override;
    std::vector<CallbackFact> callbacks_active(Timestamp from, Timestamp to, const std::optional<std::string>& desk) override;
    std::vector<AttemptFact> attempts(Timestamp from, Timestamp to, const std::optional<std::string>& desk) override;
    std::vector<RosterFact> roster(date::local_days from, date::local_days to, const std::optional<std::string>& desk) override;

private:
    Connection& m_db;
};

class PgAuditRepo final : public AuditRepo {
public:
    explicit PgAuditRepo(Connection& db) : m_db(db) {}
    void add(const AuditEvent& event) override;
    std::vector<AuditEvent> list(std::optional<Timestamp> since, const std::optional<std::string>& actor) override;

private:
    Connection& m_db;
};

class PgStore final : public Store {
public:
    explicit PgStore(const StoreOptions& options);

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

private:
    void migrate(bool create);
    void check_domain(CheckReport& report);
    void run_transaction(const std::function<void()>& work, const char* begin, bool writer);

    std::string m_location; // password masked
    Connection m_db;
    int m_depth = 0;
    PgTicketRepo m_tickets{m_db};
    PgStaffRepo m_staff{m_db};
    PgReportRepo m_reports{m_db};
    PgAuditRepo m_audit{m_db};
    PgCallbackRepo m_callbacks{m_db};
    PgImportRepo m_imports{m_db};
    PgDepositRepo m_deposits{m_db};
    PgRosterRepo m_roster{m_db};
};

} // namespace svcdesk::postgres
