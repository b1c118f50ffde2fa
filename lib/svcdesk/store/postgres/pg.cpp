#include <svcdesk/store/postgres/pg.hpp>

#include <fmt/format.h>

#include <cstdlib>

namespace svcdesk::postgres {
namespace {

std::string trimmed(const char* message) {
    std::string out = message ? message : "";
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

// Throws PgError unless the result is a success.
void check(PGconn* conn, PGresult* result) {
    auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string message = trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
    if (message.empty()) message = trimmed(PQerrorMessage(conn));
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* constraint = result ? PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    PgError error(primary ? primary : message, state ? state : "", constraint ? constraint : "");
    PQclear(result);
    throw error;
}

// Silences the server's NOTICE lines (e.g. "relation exists, skipping"): svcdesk prints only
// its own messages.
void ignore_notice(void*, const char*) {}

} // namespace

std::int64_t Result::affected() const {
    const char* n = PQcmdTuples(m_result.get());
    return n && *n ? std::atoll(n) : 0;
}

Connection::Connection(const std::string& conninfo) : m_conn(PQconnectdb(conninfo.c_str()), &PQfinish) {
    if (!m_conn) throw PgError("out of memory", "", "");
    if (PQstatus(m_conn.get()) != CONNECTION_OK) throw PgError(trimmed(PQerrorMessage(m_conn.get())), "08000", "");
    PQsetNoticeProcessor(m_conn.get(), ignore_notice, nullptr);
}

Result Connection::exec(const std::string& sql, const Params& params) {
    const auto& values = params.values();
    std::vector<const char*> pointers;
    pointers.reserve(values.size());
    for (const auto& v : values) pointers.push_back(v ? v->c_str() : nullptr);
    const int n = static_cast<int>(values.size());
    if (n == 0) {
        PGresult* r = PQexecParams(m_conn.get(), sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
        check(m_conn.get(), r);
        return Result(r);
    }
    auto it = m_prepared.find(sql);
    if (it == m_prepared.end()) {
        auto name = fmt::format("s{}", m_prepared.size() + 1);
        PGresult* r = PQprepare(m_conn.get(), name.c_str(), sql.c_str(), n, nullptr);
        check(m_conn.get(), r);
        PQclear(r);
        it = m_prepared.emplace(sql, name).first;
    }
    PGresult* r = PQexecPrepared(m_conn.get(), it->second.c_str(), n, pointers.data(), nullptr, nullptr, 0);
    check(m_conn.get(), r);
    return Result(r);
}

void Connection::exec_script(const std::string& sql) {
    PGresult* r = PQexec(m_conn.get(), sql.c_str());
    check(m_conn.get(), r);
    PQclear(r);
}

} // namespace svcdesk::postgres
