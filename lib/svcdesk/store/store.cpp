// The Store: transactions, `db check`, the salt and the raw rows of `db copy`, written once over
// the driver. The backend is chosen by the form of the location.
#include <svcdesk/error.hpp>
#include <svcdesk/store/location.hpp>
#include <svcdesk/store/query.hpp>
#include <svcdesk/store/schema.hpp>
#include <svcdesk/store/store.hpp>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

namespace svcdesk {

std::unique_ptr<Store> open_store(const StoreOptions& options) {
    if (is_postgres_location(options.location)) return std::make_unique<Store>(sql::open_postgres(options));
    if (options.replica) fail(Code::internal, "a replica is a PostgreSQL server, not {}", options.location);
    return std::make_unique<Store>(sql::open_sqlite(options));
}

int current_schema_version() { return sql::migrations().back().version; }

Store::Store(std::unique_ptr<sql::Driver> driver)
    : m_db(std::move(driver)), m_tickets(*m_db), m_staff(*m_db), m_reports(*m_db), m_audit(*m_db),
      m_callbacks(*m_db), m_imports(*m_db), m_deposits(*m_db), m_loans(*m_db), m_roster(*m_db), m_customers(*m_db),
      m_retention(*m_db) {}

Store::~Store() = default;

namespace {

// A short random pause before a transaction that lost a race runs again, longer after each loss,
// so that the same racers do not meet again at once.
void back_off(int attempt) {
    static std::mt19937 random{std::random_device{}()};
    const int most_ms = 1 << std::min(attempt, 7);
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(1, most_ms)(random)));
}

} // namespace

void Store::run(const std::function<void()>& work, sql::Transaction kind, const std::function<bool()>& again) {
    if (m_depth > 0) { // nested: part of the outer transaction
        work();
        return;
    }
    struct Depth {
        int& depth;
        explicit Depth(int& d) : depth(d) { ++depth; }
        ~Depth() { --depth; }
    };
    for (int attempt = 1;; ++attempt) {
        try {
            m_db->begin(kind);
            {
                Depth inside(m_depth);
                work();
            }
            m_db->commit();
            return;
        } catch (...) {
            const bool lost = m_db->lost_race();
            m_db->rollback();
            if (lost && kind == sql::Transaction::write && attempt < k_write_attempts && (!again || again())) {
                back_off(attempt);
                continue;
            }
            if (lost) {
                fail(Code::internal,
                     "database {}: {} changed the same records at the same moment; nothing was written: "
                     "run the command again",
                     m_db->location(),
                     attempt > 1 ? fmt::format("other commands, {} times in a row,", attempt) : "another command");
            }
            try {
                throw;
            } catch (const sql::DbError& e) {
                fail(Code::internal, "database {}: {}", m_db->location(), e.what());
            }
        }
    }
}

int Store::schema_version() { return m_db->schema_version(); }

std::string Store::location() const { return m_db->location(); }

void Store::backup(const std::string& path) { m_db->backup(path); }

std::string Store::salt() {
    sql::Query get(*m_db, "SELECT value FROM meta WHERE key = 'salt'");
    if (get.step()) return get.text(0);
    std::random_device rd;
    std::string salt;
    for (int i = 0; i < 32; ++i) salt += fmt::format("{:02x}", rd() & 0xff);
    sql::Query(*m_db, "INSERT INTO meta (key, value) VALUES ('salt', ?)").bind(salt).exec();
    return salt;
}

namespace {
bool marked_sandbox(sql::Driver& db) {
    return sql::Query(db, "SELECT count(*) FROM meta WHERE key = 'mode' AND value = 'sandbox'").scalar() > 0;
}
} // namespace

bool Store::sandbox() {
    // Read once: a command asks up to three times (clock, identity, the command itself).
    if (!m_sandbox) m_sandbox = marked_sandbox(*m_db);
    return *m_sandbox;
}

void Store::mark_sandbox() {
    m_sandbox.reset(); // known once this transaction has committed
    if (marked_sandbox(*m_db)) return;
    sql::Query(*m_db, "INSERT INTO meta (key, value) VALUES ('mode', 'sandbox')").exec();
}

std::optional<std::string> Store::session_role() {
    auto text = m_db->dialect().session_role;
    if (text.empty()) return std::nullopt;
    sql::Query q(*m_db, std::string(text));
    if (!q.step()) return std::nullopt;
    return q.text(0);
}

CheckReport Store::check(std::string_view default_country, std::optional<TimeWindow> years) {
    CheckReport report;
    read([&] {
        report.problems = m_db->check_storage();
        report.sandbox = sandbox();
        check_domain(report);
        check_phones(report, default_country);
        if (years) check_times(report, *years);
        report.tickets = m_tickets.count();
        report.staff = m_staff.count();
        report.events = sql::Query(*m_db, "SELECT count(*) FROM ticket_events").scalar();
        report.audit = m_audit.verify();
        report.problems.insert(report.problems.end(), report.audit.problems.begin(),
                               report.audit.problems.end());
    });
    return report;
}

// Times outside the accepted years: each column names its first offending row and how many.
void Store::check_times(CheckReport& report, const TimeWindow& years) {
    static constexpr std::pair<const char*, const char*> k_columns[] = {
        {"tickets", "created_at"},    {"tickets", "contact_at"}, {"tickets", "response_due"},
        {"tickets", "resolve_due"},   {"tickets", "resolved_at"}, {"tickets", "closed_at"},
        {"ticket_events", "at"},      {"callbacks", "due_at"},   {"deposits", "deposited_at"},
        {"deposits", "due_at"},
    };
    auto first = Timestamp(date::sys_days(date::year(years.first_year) / 1 / 1) - date::days(1));
    auto after = Timestamp(date::sys_days(date::year(years.last_year + 1) / 1 / 1) + date::days(1));
    for (auto [table, column] : k_columns) {
        sql::Query q(*m_db, fmt::format("SELECT count(*), min(id) FROM {0} WHERE {1} < ? OR {1} >= ?", table, column));
        q.bind(first).bind(after);
        if (!q.step() || q.integer(0) == 0) continue;
        report.problems.push_back(Message("{} {}: {} outside the years {} to {} ({} rows)", table, q.integer(1),
                                              column, years.first_year, years.last_year, q.integer(0)));
    }
}

// Rules the schema cannot express (or that a damaged index no longer enforces).
void Store::check_domain(CheckReport& report) {
    const auto& d = m_db->dialect();
    // The status change of a history event: its `new` value, or NULL for events without one.
    const auto status_field = fmt::format("{} = 'status'", d.field("c.value", "field"));
    // Every ticket's status must be the one its last status change recorded.
    sql::Query status(*m_db, fmt::format(R"sql(
        SELECT t.id, t.status, (SELECT {0} FROM ticket_events e, {1} c
                                 WHERE e.ticket_id = t.id AND {2} ORDER BY e.id DESC LIMIT 1) AS last
          FROM tickets t ORDER BY t.id)sql",
                                         d.field("c.value", "new"), d.elements("e.changes"), status_field),
                      true);
    while (status.step()) {
        auto last = status.opt_text(2);
        if (last != status.text(1)) {
            report.problems.push_back(Message("ticket {}: status {} but its history says {}", status.integer(0),
                                                  status.text(1), last.value_or("nothing")));
        }
    }
    sql::Query tags(*m_db, fmt::format("SELECT tag, count(*), {} FROM deposits{} WHERE status = 'stored' "
                                       "GROUP BY tag HAVING count(*) > 1 ORDER BY tag",
                                       d.agg("id"), d.not_indexed));
    while (tags.step()) {
        report.problems.push_back(Message("tag {}: {} active deposits (ids {}); a tag holds one at a time",
                                              tags.text(0), tags.integer(1), tags.text(2)));
    }
    // A ticket closed by `close` gets a survey callback, unless the close recorded `callbacks: none`
    // with a reason; imported closed tickets are history and need none.
    sql::Query surveys(*m_db, fmt::format(R"sql(
        SELECT t.id FROM tickets t
          JOIN ticket_events e ON e.id = (SELECT e2.id FROM ticket_events e2, {0} c
                                           WHERE e2.ticket_id = t.id AND {1} ORDER BY e2.id DESC LIMIT 1)
         WHERE t.status = 'closed' AND e.action = 'close'
           AND NOT EXISTS (SELECT 1 FROM {2} c WHERE {3} = 'callbacks')
           AND NOT EXISTS (SELECT 1 FROM callbacks cb
                            WHERE cb.ticket_id = t.id AND cb.purpose = 'survey'
                              AND (cb.status = 'pending' OR cb.created_at >= e.at OR cb.finished_at >= e.at))
         ORDER BY t.id)sql",
                                          d.elements("e2.changes"), status_field, d.elements("e.changes"),
                                          d.field("c.value", "field")));
    while (surveys.step()) {
        report.problems.push_back(Message("ticket {}: closed without a survey callback or a recorded "
                                              "no-callback reason",
                                              surveys.integer(0)));
    }
}

void Store::scan_table(const TableSpec& table, const std::function<void(const RawRow&)>& visit) {
    sql::Query q(*m_db, fmt::format("SELECT {} FROM {} ORDER BY {}", table.columns, table.name, table.order), true);
    RawRow row;
    while (q.step()) {
        row.clear();
        for (int i = 0; i < q.columns(); ++i) row.push_back(q.opt_text(i));
        visit(row);
    }
}

void Store::insert_row(const TableSpec& table, const RawRow& row) {
    // Values are text: each backend converts them to the column's type (integers stay integers).
    sql::Query q(*m_db, fmt::format("INSERT INTO {} ({}) VALUES ({})", table.name, table.columns,
                                    sql::marks(row.size())));
    for (const auto& value : row) q.bind(value);
    q.exec();
}

void Store::follow_ids() {
    auto text = m_db->dialect().follow_ids;
    if (!text.empty()) sql::Query(*m_db, std::string(text)).step();
}

void Store::prepare_erasure() { m_db->prepare_erasure(); }

void Store::finish_erasure() { m_db->finish_erasure(); }

} // namespace svcdesk
