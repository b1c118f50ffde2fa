#pragma once
// A small RAII layer over libpq: a connection, a result, and text-format parameters.
// Private to store/postgres/.

#include <svcdesk/store/postgres/libpq.hpp>
#include <svcdesk/time.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk::postgres {

// A failed statement: the server's message with its SQLSTATE and, for constraint violations,
// the constraint's name.
class PgError : public std::runtime_error {
public:
    PgError(std::string message, std::string sqlstate, std::string constraint)
        : std::runtime_error(std::move(message)), m_sqlstate(std::move(sqlstate)), m_constraint(std::move(constraint)) {}
    const std::string& sqlstate() const { return m_sqlstate; }
    const std::string& constraint() const { return m_constraint; }
    bool unique_violation() const { return m_sqlstate == "23505"; }
    // A concurrent transaction won: a serialization failure (40001) or a deadlock (40P01). The
    // transaction is lost, but the same work run again in a new one may well succeed.
    bool lost_race() const { return m_sqlstate == "40001" || m_sqlstate == "40P01"; }

private:
    std::string m_sqlstate, m_constraint;
};

// Statement parameters ($1 is the first), all sent as text; nullopt is NULL.
using Params = std::vector<std::optional<std::string>>;

class Result {
public:
    explicit Result(PGresult* result) : m_result(result) {}
    int rows() const { return libpq().ntuples(m_result.get()); }
    int columns() const { return libpq().nfields(m_result.get()); }
    bool null(int row, int col) const { return libpq().getisnull(m_result.get(), row, col) != 0; }
    std::string text(int row, int col) const { return libpq().getvalue(m_result.get(), row, col); }
    std::int64_t integer(int row, int col) const { return std::stoll(libpq().getvalue(m_result.get(), row, col)); }
    // Rows changed by an INSERT, UPDATE or DELETE.
    std::int64_t affected() const;

private:
    struct Clear {
        void operator()(PGresult* r) const { libpq().clear(r); }
    };
    std::unique_ptr<PGresult, Clear> m_result;
};

class Connection {
public:
    // Throws PgError when the server cannot be reached or refuses the login.
    explicit Connection(const std::string& conninfo);
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs one statement. Statements with parameters are prepared when they run a second time and
    // reused for the life of the connection (the SQL text is the key) unless `prepare` is false.
    // Throws PgError.
    Result exec(const std::string& sql, const Params& params = {}, bool prepare = true);
    // Runs SQL that may hold several statements, without parameters, in one round trip: the
    // result of the last one. They form one transaction unless they begin or end one themselves.
    // Throws PgError (the first that failed; the ones after it did not run).
    Result exec_script(const std::string& sql);
    // Opens a transaction with `sql` (a BEGIN), sent together with the transaction's first
    // statement, in one round trip; end() ends it with COMMIT or ROLLBACK, which a transaction
    // that ran no statement does not need. A command's time is mostly round trips.
    void begin(std::string sql);
    void end(const char* sql);
    // COPY ... FROM STDIN: copy_begin() runs the statement, copy_put() sends data in the COPY
    // format it named (rows may span calls), copy_end() ends it and returns the rows loaded.
    // copy_abort() ends it without loading anything, leaving the transaction failed (it never
    // throws). All but copy_abort() throw PgError.
    void copy_begin(const std::string& sql);
    void copy_put(std::string_view data);
    std::int64_t copy_end();
    void copy_abort() noexcept;
    bool in_transaction() const {
        return !m_begin.empty() || libpq().transaction_status(m_conn.get()) != PQTRANS_IDLE;
    }
    // A statement of the open transaction failed: the server will only roll it back.
    bool in_failed_transaction() const { return libpq().transaction_status(m_conn.get()) == PQTRANS_INERROR; }
    // A statement since forget_lost_race() failed with PgError::lost_race(), whatever the caller
    // made of the error: the transaction must be run again, not reported.
    bool lost_race() const { return m_lost_race; }
    void forget_lost_race() { m_lost_race = false; }

private:
    // Runs one statement with its parameters, unnamed or as the prepared statement `name`
    // (prepared first when `to_prepare`); a pending BEGIN goes with it. Throws PgError.
    PGresult* run(const std::string& sql, const std::vector<const char*>& values, const char* name,
                  bool to_prepare);
    PGresult* run_after_begin(const std::string& sql, const std::vector<const char*>& values, const char* name,
                              bool to_prepare);
    void send_begin(); // sends a pending BEGIN on its own

    struct Finish {
        void operator()(PGconn* c) const { libpq().finish(c); }
    };
    std::unique_ptr<PGconn, Finish> m_conn;
    // SQL → the name it is prepared under; empty after its first run (not prepared yet).
    std::map<std::string, std::string, std::less<>> m_prepared;
    int m_named = 0;     // statements prepared
    std::string m_begin; // a BEGIN not sent yet (begin())
    bool m_lost_race = false;
};

} // namespace svcdesk::postgres
