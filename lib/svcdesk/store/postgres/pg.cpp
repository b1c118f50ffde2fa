#include <svcdesk/store/postgres/pg.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <optional>
#include <utility>

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
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& v : params) values.push_back(v ? v->c_str() : nullptr);
    try {
        if (values.empty() || !prepare) return Result(run(sql, values, nullptr, false));
        auto it = m_prepared.find(sql);
        if (it == m_prepared.end()) {
            // First run: parsed, bound and run in one round trip. Most statements of a command
            // run once, and preparing costs a round trip of its own, which pays from the second run.
            m_prepared.emplace(sql, std::string());
            return Result(run(sql, values, nullptr, false));
        }
        const bool to_prepare = it->second.empty();
        if (to_prepare) it->second = fmt::format("s{}", ++m_named);
        return Result(run(sql, values, it->second.c_str(), to_prepare));
    } catch (const PgError& e) {
        if (e.lost_race()) m_lost_race = true;
        throw;
    }
}

PGresult* Connection::run(const std::string& sql, const std::vector<const char*>& values, const char* name,
                          bool to_prepare) {
    if (!m_begin.empty()) return run_after_begin(sql, values, name, to_prepare);
    const LibPq& pq = libpq();
    const int n = static_cast<int>(values.size());
    if (to_prepare) {
        PGresult* r = pq.prepare(m_conn.get(), name, sql.c_str(), n, nullptr);
        check(m_conn.get(), r);
        pq.clear(r);
    }
    PGresult* r = name ? pq.exec_prepared(m_conn.get(), name, n, values.data(), nullptr, nullptr, 0)
                       : pq.exec_params(m_conn.get(), sql.c_str(), n, nullptr, values.data(), nullptr, nullptr, 0);
    check(m_conn.get(), r);
    return r;
}

// BEGIN, the PREPARE if any, and the statement in one pipeline: one round trip. Each command's
// results end with a null; the sync's result ends the pipeline. A command after a failed one is
// not run (PGRES_PIPELINE_ABORTED); the first failure is the one reported.
PGresult* Connection::run_after_begin(const std::string& sql, const std::vector<const char*>& values,
                                      const char* name, bool to_prepare) {
    const LibPq& pq = libpq();
    PGconn* conn = m_conn.get();
    const int n = static_cast<int>(values.size());
    const std::string begin = std::exchange(m_begin, {});
    bool sent = pq.enter_pipeline_mode(conn) == 1 &&
                pq.send_query_params(conn, begin.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) == 1 &&
                (!to_prepare || pq.send_prepare(conn, name, sql.c_str(), n, nullptr) == 1) &&
                (name ? pq.send_query_prepared(conn, name, n, values.data(), nullptr, nullptr, 0)
                      : pq.send_query_params(conn, sql.c_str(), n, nullptr, values.data(), nullptr, nullptr, 0)) == 1 &&
                pq.pipeline_sync(conn) == 1;
    if (!sent) throw PgError(trimmed(pq.error_message(conn)), "08000", "");
    PGresult* last = nullptr;
    PGresult* failed = nullptr;
    for (int command = to_prepare ? 3 : 2; command > 0; --command) {
        while (PGresult* r = pq.get_result(conn)) {
            auto status = pq.result_status(r);
            if (status == PGRES_FATAL_ERROR && !failed) failed = r;
            else if (command == 1 && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) && !last) last = r;
            else pq.clear(r);
        }
    }
    PGresult* sync = pq.get_result(conn); // PGRES_PIPELINE_SYNC
    pq.clear(sync);
    pq.exit_pipeline_mode(conn);
    if (failed || !last) {
        pq.clear(last);
        check(conn, failed); // throws
    }
    return last;
}

void Connection::begin(std::string sql) {
    m_begin = std::move(sql);
    if (!libpq().enter_pipeline_mode) send_begin(); // libpq before 14: no pipeline
}

void Connection::send_begin() {
    if (m_begin.empty()) return;
    exec_script(std::exchange(m_begin, {}));
}

void Connection::end(const char* sql) {
    if (!m_begin.empty()) {
        m_begin.clear(); // no statement ran: nothing to commit or roll back
        return;
    }
    exec_script(sql);
}

Result Connection::exec_script(const std::string& sql) {
    const LibPq& pq = libpq();
    try {
        // A pending BEGIN goes first, in the same round trip.
        const std::string script = m_begin.empty() ? sql : std::exchange(m_begin, {}) + "; " + sql;
        PGresult* r = pq.exec(m_conn.get(), script.c_str());
        check(m_conn.get(), r);
        return Result(r);
    } catch (const PgError& e) {
        if (e.lost_race()) m_lost_race = true;
        throw;
    }
}

void Connection::copy_begin(const std::string& sql) {
    const LibPq& pq = libpq();
    send_begin();
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
