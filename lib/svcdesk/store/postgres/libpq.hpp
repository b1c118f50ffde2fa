#pragma once
// libpq, loaded when a PostgreSQL database is first opened rather than when svcdesk starts.
// Private to store/postgres/.
//
// Linking libpq.so.5 directly costs every command the loading and relocation of libpq and about
// twenty libraries behind it (OpenSSL, Kerberos, LDAP, GnuTLS): roughly 400 page faults and
// 10 ms per run on the reference machine, against a whole `svcdesk show` of a few milliseconds.
// Only the PostgreSQL backend needs it, so it is opened with dlopen() on first use and the
// functions svcdesk calls are looked up once. libpq-fe.h still provides the types and the
// declarations whose signatures the table copies, so a mismatch is a compile error.

#include <libpq-fe.h>

namespace svcdesk::postgres {

struct LibPq {
    decltype(&PQconnectdb) connectdb;
    decltype(&PQstatus) status;
    decltype(&PQfinish) finish;
    decltype(&PQerrorMessage) error_message;
    decltype(&PQsetNoticeProcessor) set_notice_processor;
    decltype(&PQtransactionStatus) transaction_status;
    decltype(&PQexec) exec;
    decltype(&PQexecParams) exec_params;
    decltype(&PQprepare) prepare;
    decltype(&PQexecPrepared) exec_prepared;
    decltype(&PQresultStatus) result_status;
    decltype(&PQresultErrorMessage) result_error_message;
    decltype(&PQresultErrorField) result_error_field;
    decltype(&PQntuples) ntuples;
    decltype(&PQnfields) nfields;
    decltype(&PQgetisnull) getisnull;
    decltype(&PQgetvalue) getvalue;
    decltype(&PQcmdTuples) cmd_tuples;
    decltype(&PQclear) clear;
    decltype(&PQputCopyData) put_copy_data;
    decltype(&PQputCopyEnd) put_copy_end;
    decltype(&PQgetResult) get_result;
    // Pipeline mode (libpq 14 and later; null with an older libpq, which svcdesk then does without).
    decltype(&PQenterPipelineMode) enter_pipeline_mode;
    decltype(&PQexitPipelineMode) exit_pipeline_mode;
    decltype(&PQpipelineSync) pipeline_sync;
    decltype(&PQsendQueryParams) send_query_params;
    decltype(&PQsendPrepare) send_prepare;
    decltype(&PQsendQueryPrepared) send_query_prepared;
};

// The loaded library; the first call opens it. Throws PgError (SQLSTATE 08000, "connection
// exception") naming the library when it is not installed or lacks a function.
const LibPq& libpq();

} // namespace svcdesk::postgres
