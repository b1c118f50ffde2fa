#pragma once
// The audit trail (SPEC §5, issue 18; seed 004 §4-5): who revealed personal data, used a
// supervisor-only power, forced a rule, copied the data or was refused, and when. Append-only and
// hash-chained: each event carries the SHA-256 of its content and of the previous event's hash.

#include <svcdesk/error.hpp>
#include <svcdesk/time.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {

struct AuditEvent {
    std::int64_t id = 0;
    Timestamp at{};
    std::optional<std::string> actor;   // staff id; empty when nobody was (or could be) named
    std::string action;                 // dotted: export.reveal, deposit.dispose, db.backup ...
    std::optional<std::string> subject; // the record concerned: "ticket 12", "callback 5", a file
    std::optional<std::string> detail;
    std::optional<std::string> hash; // hex SHA-256; absent only on events older than version 2
};

// `svcdesk audit`: events in [since, until), by one actor, of one action; all when unset.
struct AuditFilter {
    std::optional<Timestamp> since, until;
    std::optional<std::string> actor, action;
};

// The state of the hash chain, as `db check` reports it.
struct AuditChain {
    std::vector<Message> problems; // each broken link, oldest first; empty when intact
    std::int64_t events = 0;
    std::optional<std::int64_t> head_id;  // the last event
    std::optional<std::string> head_hash; // its hash (absent when it predates version 2)
};

} // namespace svcdesk
