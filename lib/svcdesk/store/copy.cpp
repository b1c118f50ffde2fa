#include <svcdesk/error.hpp>
#include <svcdesk/store/copy.hpp>
#include <svcdesk/store/row_hash.hpp>
#include <svcdesk/store/sql_text.hpp>

#include <cstdint>

namespace svcdesk {
namespace {

using store_detail::RowHash;

struct NotEmpty {};

} // namespace

const std::vector<TableSpec>& copy_tables() {
    // When a purge anonymised a record (schema version 10), beside the columns its readers read.
    static const std::string tickets = std::string(store_detail::k_ticket_columns) + ", purged_at";
    static const std::string deposits = std::string(store_detail::k_deposit_columns) + ", purged_at";
    static const std::string loans = std::string(store_detail::k_loan_columns) + ", purged_at";
    static const std::vector<TableSpec> k_tables = {
        {"meta", "key, value", "key"},
        {"staff", "id, name, desk, roles, phone, active, login, db_role, pin_hash, pin_failures", "id"},
        {"staff_sessions", "id, staff, os_user, terminal, started_at, expires_at, ended_at", "id"},
        {"tickets", tickets.c_str(), "id"},
        {"ticket_events", "id, ticket_id, at, actor, action, changes, reason", "id"},
        {"roster", "staff, day, shift, set_by, set_at", "staff, day"},
        {"deposits", deposits.c_str(), "id"},
        {"deposit_events", "id, deposit_id, at, actor, action, details", "id"},
        {"deposit_handovers", store_detail::k_handover_columns, "id"},
        {"deposit_handover_items", "handover_id, deposit_id, tag, pieces, items, since, lost", "handover_id, deposit_id"},
        {"loans", loans.c_str(), "id"},
        {"callbacks",
         "id, ticket_id, purpose, status, due_at, created_at, created_by, finished_at, satisfaction, cancel_reason, "
         "handler, dropped_by, loan_id",
         "id"},
        {"callback_attempts", "id, callback_id, at, caller, outcome, note", "id"},
        {"audit_events", "id, at, actor, action, subject, detail, hash", "id"},
        {"customers", "id, phone, names, customer_type, flags, language, notes, created_at, updated_at, purged_at", "id"},
    };
    return k_tables;
}

std::vector<TableCopy> copy_database(Store& from, Store& to) {
    if (from.schema_version() != to.schema_version()) {
        fail(Code::internal, "schema versions differ ({} has {}, {} has {}); run svcdesk db migrate on both",
             from.location(), from.schema_version(), to.location(), to.schema_version());
    }
    std::vector<TableCopy> copied;
    to.write([&] {
        for (const auto& table : copy_tables()) {
            try {
                to.scan_table(table, [](const RawRow&) { throw NotEmpty{}; });
            } catch (const NotEmpty&) {
                fail(Code::refused, "{} is not empty (table {} has rows); copy into a new database", to.location(),
                     table.name);
            }
        }
        from.read([&] {
            for (const auto& table : copy_tables()) {
                RowHash hash;
                from.scan_table(table, [&](const RawRow& row) {
                    to.insert_row(table, row);
                    hash.add(row);
                });
                copied.push_back({table.name, hash.rows, hash.hex()});
            }
        });
        to.follow_ids();
        for (std::size_t i = 0; i < copied.size(); ++i) {
            RowHash hash;
            to.scan_table(copy_tables()[i], [&](const RawRow& row) { hash.add(row); });
            auto checksum = hash.hex();
            if (hash.rows != copied[i].rows || checksum != copied[i].checksum) {
                fail(Code::internal, "copy of table {} does not verify ({} rows read, {} in the target); nothing copied",
                     copied[i].table, copied[i].rows, hash.rows);
            }
        }
    });
    return copied;
}

} // namespace svcdesk
