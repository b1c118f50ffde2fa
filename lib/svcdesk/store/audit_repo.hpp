#pragma once
// The audit trail: append-only (triggers refuse UPDATE and DELETE) and hash-chained.

#include <svcdesk/domain/audit.hpp>
#include <svcdesk/time.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {
namespace sql {
class Driver;
}

// The hash an event stores: hex SHA-256 over a length-prefixed encoding of its id, time, actor,
// action, subject and detail and of `previous`, the previous event's hash ("" for the first
// event, or when the previous one predates version 2 and has none). `event.hash` is ignored.
std::string audit_hash(const AuditEvent& event, std::string_view previous);

class AuditRepo {
public:
    explicit AuditRepo(sql::Driver& db) : m_db(db) {}
    // Appends `event` (its id and hash are ignored) as the next link of the chain; returns its
    // id. Call inside a write transaction: the id and the previous hash are read under the
    // chain's lock (Dialect::append_lock), which the transaction holds until it ends.
    std::int64_t add(const AuditEvent& event);
    // Oldest first.
    std::vector<AuditEvent> list(const AuditFilter& filter);
    // Walks the whole trail in id order and checks every link: each event's hash against its
    // content and its predecessor's hash. Problems name the event and what is wrong with it.
    AuditChain verify();

  private:
    sql::Driver& m_db;
};

} // namespace svcdesk
