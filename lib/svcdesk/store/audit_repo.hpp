#pragma once
// The audit trail: every reveal of personal data and every supervisor-only action.

#include <svcdesk/time.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {

struct AuditEvent {
    std::int64_t id = 0;
    Timestamp at{};
    std::optional<std::string> actor;
    std::string action;                // e.g. export.reveal, deposit.dispose
    std::optional<std::string> subject; // what it concerned: "tickets", "deposit 12"
    std::optional<std::string> detail;
};

class AuditRepo {
public:
    virtual ~AuditRepo() = default;
    virtual void add(const AuditEvent& event) = 0;
    // Oldest first.
    virtual std::vector<AuditEvent> list(std::optional<Timestamp> since, const std::optional<std::string>& actor) = 0;
};

} // namespace svcdesk
