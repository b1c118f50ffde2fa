// The import's rows on PostgreSQL: streamed with COPY ... FROM STDIN (text format) into a
// temporary staging table, and moved into tickets and their import events a batch at a time by
// one INSERT ... SELECT ... ON CONFLICT (external_ref) DO NOTHING, in the import's transaction.
// One statement per row costs a round trip and a plan execution each; COPY costs neither, and
// the move lets the server insert a batch in one pass (make bench: bench/pg_bench.sh).
#include <svcdesk/store/postgres/pg_driver.hpp>
#include <svcdesk/store/query.hpp>
#include <svcdesk/store/sql_text.hpp>
#include <svcdesk/store/staged_import.hpp>

#include <fmt/format.h>

#include <iterator>

namespace svcdesk::postgres {
namespace {

// Rows staged before they are moved: large enough that the move's fixed costs vanish, small
// enough that the staging table stays in the session's temporary buffers.
constexpr std::int64_t k_batch_rows = 20000;
// Bytes of COPY data gathered before they are handed to libpq.
constexpr std::size_t k_send_bytes = 256 * 1024;

// The staging table: the order rows came in, the ticket columns but id, the import event's own
// columns, and whether the ticket, if new, is owed a survey.
constexpr const char* k_event_columns =
    "event_at, event_actor, event_action, event_changes, event_reason";
// The columns of ticket_events they fill, with the ticket's id first.
constexpr const char* k_event_columns_but_id = "ticket_id, at, actor, action, changes, reason";

// "a, b" → "s.a, s.b".
std::string prefixed(std::string_view prefix, std::string_view columns) {
    std::string out;
    for (std::size_t start = 0; start < columns.size();) {
        auto end = std::min(columns.find(',', start), columns.size());
        out += fmt::format("{}{}{}", out.empty() ? "" : ", ", prefix,
                           columns.substr(start, end - start));
        start = end + 2;
    }
    return out;
}

std::string ticket_columns_but_id() {
    std::string_view all = store_detail::k_ticket_columns;
    return std::string(all.substr(all.find(',') + 2));
}

// One row of COPY's text format: fields separated by tabs, \N for NULL, backslash escapes for
// the backslash and the characters that would end a field or a row. Binds as a Query does, so
// that store_detail::bind_ticket_columns writes the ticket columns in their one order.
class CopyRow {
  public:
    explicit CopyRow(std::string& out) : m_out(out) {}
    CopyRow& bind(std::int64_t v) {
        separate();
        fmt::format_to(std::back_inserter(m_out), "{}", v);
        return *this;
    }
    CopyRow& bind(int v) { return bind(static_cast<std::int64_t>(v)); }
    CopyRow& bind(bool v) {
        separate();
        m_out.push_back(v ? 't' : 'f');
        return *this;
    }
    CopyRow& bind(Timestamp t) { return bind(sql::epoch(t)); }
    CopyRow& bind(std::string_view v) {
        separate();
        for (char c : v) {
            switch (c) {
            case '\\':
                m_out += "\\\\";
                break;
            case '\t':
                m_out += "\\t";
                break;
            case '\n':
                m_out += "\\n";
                break;
            case '\r':
                m_out += "\\r";
                break;
            default:
                m_out.push_back(c);
            }
        }
        return *this;
    }
    CopyRow& bind(const std::string& v) { return bind(std::string_view(v)); }
    CopyRow& bind(std::nullopt_t) {
        separate();
        m_out += "\\N";
        return *this;
    }
    template <typename T> CopyRow& bind(const std::optional<T>& v) {
        return v ? bind(*v) : bind(std::nullopt);
    }
    // The text is copied into the row at once: nothing needs to be kept.
    template <typename T> CopyRow& bind_kept(const T& v) { return bind(v); }
    void end() { m_out.push_back('\n'); }

  private:
    void separate() {
        if (m_fields++ > 0) m_out.push_back('\t');
    }
    std::string& m_out;
    int m_fields = 0;
};

class CopyImport final : public StagedImport {
  public:
    explicit CopyImport(Connection& db) : m_db(db) {
        guard([&] {
            // The types and collations of the target columns, whatever the schema version.
            m_db.exec_script("DROP TABLE IF EXISTS pg_temp.import_staging");
            m_db.exec_script(fmt::format(
                "CREATE TEMP TABLE import_staging ON COMMIT DROP AS SELECT 0::bigint AS seq, {}, "
                "e.at AS event_at, "
                "e.actor AS event_actor, e.action AS event_action, e.changes AS event_changes, "
                "e.reason AS "
                "event_reason, false AS survey FROM tickets t, ticket_events e WITH NO DATA",
                prefixed("t.", ticket_columns_but_id())));
        });
        m_buffer.reserve(k_send_bytes + 4096);
    }
    ~CopyImport() override {
        if (m_copying) m_db.copy_abort(); // the transaction is rolled back after this
    }
    CopyImport(const CopyImport&) = delete;
    CopyImport& operator=(const CopyImport&) = delete;

    void add(const Ticket& ticket, const TicketEvent& event, bool survey,
             ImportTally& tally) override {
        if (m_staged == k_batch_rows) move(tally);
        guard([&] {
            if (!m_copying) {
                m_db.copy_begin(fmt::format("COPY import_staging (seq, {}, {}, survey) FROM STDIN",
                                            ticket_columns_but_id(), k_event_columns));
                m_copying = true;
            }
            CopyRow row(m_buffer);
            row.bind(++m_seq);
            store_detail::bind_ticket_columns(row, ticket, true);
            m_changes.clear();
            store_detail::append_changes_json(m_changes, event.changes);
            row.bind(event.at)
                .bind(event.actor)
                .bind(event.action)
                .bind(m_changes)
                .bind(event.reason);
            row.bind(survey && ticket.closed_at.has_value());
            row.end();
            ++m_staged;
            if (m_buffer.size() >= k_send_bytes) send();
        });
    }

    void move(ImportTally& tally) override {
        guard([&] {
            if (m_copying) {
                send();
                m_copying = false;
                m_db.copy_end();
            }
            if (m_staged == 0) return;
            auto result = m_db.exec(move_sql(), {}, false);
            for (int r = 0; r < result.rows(); ++r) {
                if (result.null(r, 0)) {
                    auto imported = result.integer(r, 1);
                    tally.imported += imported;
                    tally.present += m_staged - imported;
                } else {
                    tally.surveys.emplace_back(result.integer(r, 0), Timestamp(std::chrono::seconds(
                                                                         result.integer(r, 1))));
                }
            }
            m_db.exec_script("TRUNCATE import_staging");
            m_staged = 0;
        });
    }

  private:
    template <typename F> void guard(F&& work) {
        try {
            work();
        } catch (const PgError& e) {
            throw db_error(e);
        }
    }

    void send() {
        if (m_buffer.empty()) return;
        m_db.copy_put(m_buffer);
        m_buffer.clear();
    }

    // New tickets get ids from the identity column in the order their rows came; rows whose
    // external_ref is stored are left out before ids are drawn, so that none is skipped, and ON
    // CONFLICT leaves out one a concurrent writer stored meanwhile. The import events follow
    // their tickets; the result is one row (NULL, tickets inserted) and one (id, closed_at) per
    // new ticket owed a survey.
    static const std::string& move_sql() {
        static const std::string sql = [] {
            const auto columns = ticket_columns_but_id();
            return fmt::format(
                "WITH new_tickets AS (INSERT INTO tickets ({0}) SELECT {1} FROM import_staging s "
                "WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.external_ref = s.external_ref) "
                "ORDER BY s.seq "
                "ON CONFLICT (external_ref) DO NOTHING RETURNING id, external_ref), "
                "new_events AS (INSERT INTO ticket_events ({2}) SELECT n.id, {3} FROM "
                "new_tickets n "
                "JOIN import_staging s ON s.external_ref = n.external_ref ORDER BY n.id) "
                "SELECT NULL::bigint, count(*) FROM new_tickets UNION ALL "
                "SELECT n.id, s.closed_at FROM new_tickets n JOIN import_staging s "
                "ON s.external_ref = n.external_ref WHERE s.survey ORDER BY 1 NULLS FIRST",
                columns, prefixed("s.", columns), k_event_columns_but_id,
                prefixed("s.", k_event_columns));
        }();
        return sql;
    }

    Connection& m_db;
    bool m_copying = false;    // a COPY is open: the connection takes nothing else until it ends
    std::int64_t m_staged = 0; // rows in the staging table, sent or still buffered
    std::int64_t m_seq = 0;
    std::string m_buffer;  // COPY data not yet handed to libpq
    std::string m_changes; // the event's JSON, rebuilt per row without reallocating
};

} // namespace

std::unique_ptr<StagedImport> Bulk::staged_import() { return std::make_unique<CopyImport>(m_db); }

} // namespace svcdesk::postgres
