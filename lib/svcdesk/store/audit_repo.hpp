#pragma once
// The audit trail: every reveal of personal data and every supervisor-only action.

#include <svcdesk/domain/audit.hpp>
#include <svcdesk/time.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {
namespace sql {
class Driver;
}


class AuditRepo {
public:
    explicit AuditRepo(sql::Driver& db) : m_db(db) {}
    void add(const AuditEvent& event);
    // Oldest first.
    std::vector<AuditEvent> list(std::optional<Timestamp> since, const std::optional<std::string>& actor);

private:
    sql::Driver& m_db;
};

} // namespace svcdesk
