#include <svcdesk/store/postgres/pg.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <optional>

namespace svcdesk::postgres {
namespace {

std::string trimmed(const char* message) {
    std::string out = message ? message : "";
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

// Throws PgError unless the result is a success.
void check(PGconn* conn, PGresult* result) {
    const LibPq& pq = libpq();
    auto status = result ? pq.result_status(result) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string message = trimmed(result ? pq.result_error_message(result) : pq.error_message(conn));
    if (message.empty()) message = trimmed(pq.error_message(conn));
    const char* state = result ? pq.result_error_field(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* constraint = result ? pq.result_error_field(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
    const char* primary = result ? pq.result_error_field(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    PgError error(primary ? primary : message, state ? state : "", constraint ? constraint : "");
    pq.clear(result);
    throw error;
}

// Silences the server's NOTICE lines (e.g. "relation exists, skipping"): svcdesk prints only
// its own messages.
void ignore_notice(void*, const char*) {}

} // namespace

std::int64_t Result::affected() const {
    const LibPq& pq = libpq();
    const char* n = pq.cmd_tuples(m_result.get());
    return n && *n ? std::atoll(n) : 0;
}

Connection::Connection(const std::string& conninfo) : m_conn(libpq().connectdb(conninfo.c_str())) {
    const LibPq& pq = libpq();
    if (!m_conn) throw PgError("out of memory", "", "");
    if (pq.status(m_conn.get()) != CONNECTION_OK) throw PgError(trimmed(pq.error_message(m_conn.get())), "08000", "");
    pq.set_notice_processor(m_conn.get(), ignore_notice, nullptr);
}

Result Connection::exec(const std::string& sql, const Params& params, bool prepare) {
    const LibPq& pq = libpq();
    const auto& values = params;
    std::vector<const char*> pointers;
    pointers.reserve(values.size());
    for (const auto& v : values) pointers.push_back(v ? v->c_str() : nullptr);
    const int n = static_cast<int>(values.size());
    try {
        if (n == 0 || !prepare) {
            PGresult* r = pq.exec_params(m_conn.get(), sql.c_str(), n, nullptr, pointers.data(), nullptr, nullptr, 0);
            check(m_conn.get(), r);
            return Result(r);
        }
        auto it = m_prepared.find(sql);
        if (it == m_prepared.end()) {
            auto name = fmt::format("s{}", m_prepared.size() + 1);
            PGresult* r = pq.prepare(m_conn.get(), name.c_str(), sql.c_str(), n, nullptr);
            check(m_conn.get(), r);
            pq.clear(r);
            it = m_prepared.emplace(sql, name).first;
        }
        PGresult* r = pq.exec_prepared(m_conn.get(), it->second.c_str(), n, pointers.data(), nullptr, nullptr, 0);
        check(m_conn.get(), r);
        return Result(r);
    } catch (const PgError& e) {
        if (e.lost_race()) m_lost_race = true;
        throw;
    }
}

void Connection::exec_script(const std::string& sql) {
    const LibPq& pq = libpq();
    try {
        PGresult* r = pq.exec(m_conn.get(), sql.c_str());
        check(m_conn.get(), r);
        pq.clear(r);
    } catch (const PgError& e) {
        if (e.lost_race()) m_lost_race = true;
        throw;
    }
}

void Connection::copy_begin(const std::string& sql) {
    const LibPq& pq = libpq();
    PGresult* r = pq.exec(m_conn.get(), sql.c_str());
    if (r && pq.result_status(r) == PGRES_COPY_IN) {
        pq.clear(r);
        return;
    }
    check(m_conn.get(), r);
    pq.clear(r);
    throw PgError(fmt::format("{} did not start a COPY", sql), "", "");
}

void Connection::copy_put(std::string_view data) {
    const LibPq& pq = libpq();
    // Blocking connection: 1 once libpq has queued (or sent) the data, -1 on a failure.
    if (pq.put_copy_data(m_conn.get(), data.data(), static_cast<int>(data.size())) != 1) {
        throw PgError(trimmed(pq.error_message(m_conn.get())), "08000", "");
    }
}

std::int64_t Connection::copy_end() {
    const LibPq& pq = libpq();
    if (pq.put_copy_end(m_conn.get(), nullptr) != 1) throw PgError(trimmed(pq.error_message(m_conn.get())), "08000", "");
    // The COPY's own result, then the null that ends the command; a failed row fails the first.
    std::optional<Result> result;
    std::optional<PgError> error;
    while (PGresult* r = pq.get_result(m_conn.get())) {
        try {
            check(m_conn.get(), r);
            result.emplace(r);
        } catch (const PgError& e) {
            if (!error) error = e;
        }
    }
    if (error) throw *error;
    return result ? result->affected() : 0;
}

void Connection::copy_abort() noexcept {
    const LibPq& pq = libpq();
    if (pq.put_copy_end(m_conn.get(), "svcdesk stopped the import") != 1) return;
    while (PGresult* r = pq.get_result(m_conn.get())) pq.clear(r);
}

} // namespace svcdesk::postgres
