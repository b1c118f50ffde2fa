#pragma once
// Retention (issue 24; seed 004: 存储期限; PIPL art. 19, 47): personal data anonymised once its
// period ([retention]) is over, or on a person's request. What a purge leaves of a record is
// domain/retention.hpp's; the audit trail is not touched (its events hold ids, not personal
// data: a reveal records which records were shown, never what they showed).

#include <svcdesk/ops/context.hpp>

#include <cstdint>
#include <string_view>

namespace svcdesk {

// What a purge anonymised (or, on a dry run, would anonymise).
struct PurgeResult {
    bool dry_run = false;
    std::int64_t tickets = 0, callbacks = 0, deposits = 0, loans = 0, customers = 0;
    std::int64_t customer = 0; // customer forget: the customer record's id (0: none)

    std::int64_t total() const { return tickets + deposits + loans + customers; }
};

// `svcdesk purge [--dry-run]`: every ended record whose period is over, in one transaction,
// audited (retention.purge) when it changed anything; a second run finds nothing. A caller's
// tickets (by phone) go together, once the last of them is due, so that the figures counted by
// phone stay the same; the customer record once nothing of the phone is left. A dry run reads
// only. Supervisor or system role (Permission::purge, else Error(permission)). Not inside a
// transaction: it scrubs the file after it committed (Store::finish_erasure).
PurgeResult purge(Context& ctx, bool dry_run);

// `svcdesk customer forget PHONE`: the erasure request of one person: every record with the
// phone, whatever its period, and their customer record, audited (customer.forget, naming the
// customer id, not the phone). Supervisor (Error(permission)); Error(invalid) for an impossible
// phone, Error(not_found) when nothing has it, Error(refused) while a record of it is still open
// (a ticket or callback, a stored deposit, a loan out), naming it.
PurgeResult forget_customer(Context& ctx, std::string_view phone);

} // namespace svcdesk
