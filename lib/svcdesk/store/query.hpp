#pragma once
// Query: one use of a cached statement with typed binding and column access (private to store/).
//
//     Query q(db, "SELECT id, at FROM audit_events WHERE actor = ?");
//     q.bind(actor);
//     while (q.step()) out.push_back({q.integer(0), q.time(1)});

#include <svcdesk/store/driver.hpp>
#include <svcdesk/time.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace svcdesk::sql {

inline std::int64_t epoch(Timestamp t) { return t.time_since_epoch().count(); }

class Query {
public:
    // `stream`: see Driver::prepare.
    Query(Driver& db, std::string sql, bool stream = false)
        : m_db(db), m_sql(std::move(sql)), m_stream(stream), m_stmt(db.acquire(m_sql, stream)) {}
    ~Query() { m_db.release(m_sql, m_stream, std::move(m_stmt)); }
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;

    // Binds the next parameter (the first call binds ?1). std::nullopt binds NULL.
    Query& bind(std::int64_t v) { return m_stmt->bind_int(++m_next, v), *this; }
    Query& bind(int v) { return bind(static_cast<std::int64_t>(v)); }
    Query& bind(bool v) { return bind(static_cast<std::int64_t>(v ? 1 : 0)); }
    Query& bind(Timestamp t) { return bind(epoch(t)); }
    Query& bind(std::string_view v) { return m_stmt->bind_text(++m_next, v), *this; }
    Query& bind(const std::string& v) { return bind(std::string_view(v)); }
    Query& bind(const char* v) { return bind(std::string_view(v)); }
    Query& bind(std::nullopt_t) { return m_stmt->bind_null(++m_next), *this; }
    template <typename T>
    Query& bind(const std::optional<T>& v) {
        return v ? bind(*v) : bind(std::nullopt);
    }
    // Binds a text the caller keeps alive and unchanged until this query is destroyed or reset.
    Query& bind_kept(std::string_view v) { return m_stmt->bind_text(++m_next, v, true), *this; }
    Query& bind_kept(const std::string& v) { return bind_kept(std::string_view(v)); }
    Query& bind_kept(const std::optional<std::string>& v) { return v ? bind_kept(*v) : bind(std::nullopt); }

    // Runs or advances; true while a row is current.
    bool step() { return m_stmt->step(); }
    // Runs to the end; returns the number of rows written.
    std::int64_t exec() {
        while (m_stmt->step()) {
        }
        return m_stmt->changes();
    }
    // Ready to run again with new parameters (a statement reused in a loop).
    void reset() {
        m_stmt->reset();
        m_next = 0;
    }

    bool is_null(int c) const { return m_stmt->is_null(c); }
    std::int64_t integer(int c) const { return m_stmt->integer(c); }
    int int32(int c) const { return static_cast<int>(m_stmt->integer(c)); }
    bool flag(int c) const { return m_stmt->integer(c) != 0; }
    std::string text(int c) const { return m_stmt->text(c); }
    Timestamp time(int c) const { return Timestamp(std::chrono::seconds(m_stmt->integer(c))); }
    std::optional<std::string> opt_text(int c) const { return is_null(c) ? std::nullopt : std::optional(text(c)); }
    std::optional<std::int64_t> opt_integer(int c) const {
        return is_null(c) ? std::nullopt : std::optional(integer(c));
    }
    std::optional<int> opt_int32(int c) const { return is_null(c) ? std::nullopt : std::optional(int32(c)); }
    std::optional<Timestamp> opt_time(int c) const { return is_null(c) ? std::nullopt : std::optional(time(c)); }
    int columns() const { return m_stmt->columns(); }

    // An INSERT of one row, `sql` being the statement without its RETURNING clause (the
    // dialect's is appended); run it with insert().
    static Query inserting(Driver& db, std::string_view sql) {
        return Query(db, std::string(sql) + std::string(db.dialect().returning_id));
    }
    // Runs an inserting() query: the new row's id, nullopt when a conflict inserted nothing.
    std::optional<std::int64_t> insert() { return m_stmt->inserted_id(); }

    // The single integer of a query such as SELECT count(*); the statement is then finished
    // (reset), as a savepoint or a COMMIT after it needs.
    std::int64_t scalar() {
        if (!step()) throw DbError("a query for one value returned no row");
        auto value = integer(0);
        m_stmt->reset();
        return value;
    }

private:
    Driver& m_db;
    std::string m_sql;
    bool m_stream;
    std::unique_ptr<Statement> m_stmt;
    int m_next = 0;
};

// "?, ?, ?" for `n` parameters.
std::string marks(std::size_t n);

} // namespace svcdesk::sql
