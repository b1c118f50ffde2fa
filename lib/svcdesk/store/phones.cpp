// Phones stored before version 4 were kept as typed (138-1234-5678, +86 138 1234 5678): the
// migration brings each to its canonical form, so that one caller's tickets match again.
#include <svcdesk/domain/phone.hpp>
#include <svcdesk/store/customer_repo.hpp>
#include <svcdesk/store/query.hpp>
#include <svcdesk/store/schema.hpp>
#include <svcdesk/store/store.hpp>
#include <svcdesk/text.hpp>

#include <fmt/format.h>

#include <utility>
#include <vector>

namespace svcdesk {
namespace sql {

namespace {

// Brings the phones of `table` to their canonical form where they have one.
void normalize_phones(Driver& db, std::string_view table, std::string_view default_country) {
    // Read first, then write: PostgreSQL cannot update through an open cursor's statement.
    std::vector<std::pair<std::int64_t, std::string>> changes;
    {
        Query q(db, fmt::format("SELECT id, phone FROM {} WHERE phone IS NOT NULL AND phone <> ''", table));
        while (q.step()) {
            auto typed = q.text(1);
            auto canonical = try_normalize_phone(typed, default_country);
            if (canonical && *canonical != typed)
                changes.emplace_back(q.integer(0), std::move(*canonical));
        }
    }
    Query update(db, fmt::format("UPDATE {} SET phone = ? WHERE id = ?", table));
    for (const auto& [id, phone] : changes) {
        update.bind(phone).bind(id).exec();
        update.reset();
    }
}

} // namespace

void normalize_ticket_phones(Driver& db, std::string_view default_country) {
    normalize_phones(db, "tickets", default_country);
    normalize_phones(db, "deposits", default_country); // its trigger is dropped meanwhile (v4 DDL)
    // Each caller's record (客户档案) from the tickets and deposits written before version 4.
    CustomerRepo(db).fill_from_records(0, 0);
}

} // namespace sql

// Tickets and deposits whose phone is not in its canonical form: those the migration could not
// normalise, or written by an older svcdesk since. Masked (db check output goes to cron mail).
void Store::check_phones(CheckReport& report, std::string_view default_country) {
    for (auto [record, table] : {std::pair{"ticket", "tickets"}, std::pair{"deposit", "deposits"}}) {
        sql::Query q(*m_db,
                     fmt::format("SELECT id, phone FROM {} WHERE phone IS NOT NULL AND phone <> '' AND purged_at IS NULL "
                                 "ORDER BY id",
                                 table),
                     true);
        while (q.step()) {
            auto typed = q.text(1);
            auto canonical = try_normalize_phone(typed, default_country);
            if (!canonical) {
                report.notes.push_back(
                    Message("{} {}: phone {} kept as typed: it is no possible number "
                                "(correct it with the caller)",
                                record, q.integer(0), mask_phone(typed)));
            } else if (*canonical != typed) {
                report.notes.push_back(Message("{} {}: phone {} not normalised (should be {})",
                                                   record, q.integer(0), mask_phone(typed),
                                                   mask_phone(*canonical)));
            }
        }
    }
}

} // namespace svcdesk
