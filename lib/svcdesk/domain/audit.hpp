#pragma once
// One entry of the audit trail (SPEC §5): a reveal of personal data or a supervisor-only action.

#include <svcdesk/time.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace svcdesk {

struct AuditEvent {
    std::int64_t id = 0;
    Timestamp at{};
    std::optional<std::string> actor;
    std::string action;                 // e.g. export.reveal, deposit.dispose
    std::optional<std::string> subject; // what it concerned: "tickets", "deposit 12"
    std::optional<std::string> detail;
};

} // namespace svcdesk
