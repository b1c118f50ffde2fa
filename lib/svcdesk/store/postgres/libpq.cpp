#include <svcdesk/store/postgres/libpq.hpp>

#include <svcdesk/store/postgres/pg.hpp>

#include <fmt/format.h>

#include <dlfcn.h>

namespace svcdesk::postgres {
namespace {

// The soname of libpq's stable ABI (Debian package libpq5); the same since PostgreSQL 8.
constexpr const char* k_library = "libpq.so.5";

[[noreturn]] void fail(const char* what) {
    const char* detail = dlerror();
    throw PgError(fmt::format("cannot use PostgreSQL: {} {} ({}); install the libpq5 package", what, k_library,
                              detail ? detail : "unknown reason"),
                  "08000", "");
}

template <typename Fn>
void bind(void* handle, Fn& slot, const char* name) {
    void* symbol = dlsym(handle, name);
    if (!symbol) fail(fmt::format("{} is missing from", name).c_str());
    slot = reinterpret_cast<Fn>(symbol);
}

LibPq load() {
    // Never closed: results and connections may outlive any one store.
    void* handle = dlopen(k_library, RTLD_NOW | RTLD_LOCAL);
    if (!handle) fail("cannot load");
    LibPq api{};
    bind(handle, api.connectdb, "PQconnectdb");
    bind(handle, api.status, "PQstatus");
    bind(handle, api.finish, "PQfinish");
    bind(handle, api.error_message, "PQerrorMessage");
    bind(handle, api.set_notice_processor, "PQsetNoticeProcessor");
    bind(handle, api.transaction_status, "PQtransactionStatus");
    bind(handle, api.exec, "PQexec");
    bind(handle, api.exec_params, "PQexecParams");
    bind(handle, api.prepare, "PQprepare");
    bind(handle, api.exec_prepared, "PQexecPrepared");
    bind(handle, api.result_status, "PQresultStatus");
    bind(handle, api.result_error_message, "PQresultErrorMessage");
    bind(handle, api.result_error_field, "PQresultErrorField");
    bind(handle, api.ntuples, "PQntuples");
    bind(handle, api.nfields, "PQnfields");
    bind(handle, api.getisnull, "PQgetisnull");
    bind(handle, api.getvalue, "PQgetvalue");
    bind(handle, api.cmd_tuples, "PQcmdTuples");
    bind(handle, api.clear, "PQclear");
    bind(handle, api.put_copy_data, "PQputCopyData");
    bind(handle, api.put_copy_end, "PQputCopyEnd");
    bind(handle, api.get_result, "PQgetResult");
    if (dlsym(handle, "PQenterPipelineMode")) {
        bind(handle, api.enter_pipeline_mode, "PQenterPipelineMode");
        bind(handle, api.exit_pipeline_mode, "PQexitPipelineMode");
        bind(handle, api.pipeline_sync, "PQpipelineSync");
        bind(handle, api.send_query_params, "PQsendQueryParams");
        bind(handle, api.send_prepare, "PQsendPrepare");
        bind(handle, api.send_query_prepared, "PQsendQueryPrepared");
    }
    return api;
}

} // namespace

const LibPq& libpq() {
    static const LibPq api = load(); // thread-safe; a throw leaves it to be tried again
    return api;
}

} // namespace svcdesk::postgres
