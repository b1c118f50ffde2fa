#pragma once
// JSON shape of a callback (SPEC §9 keys: id, ticket, purpose, due_at, status, attempts,
// satisfaction), shared by every output format.

#include <svcdesk/domain/callback.hpp>
#include <svcdesk/io/records.hpp>

namespace svcdesk {

// Personal data (phone) is masked unless `reveal`; `overdue` is judged at `now`.
Json callback_json(const CallbackListing& c, Zone zone, Timestamp now, bool reveal = false);
Json attempt_json(const CallAttempt& a, Zone zone);

} // namespace svcdesk
