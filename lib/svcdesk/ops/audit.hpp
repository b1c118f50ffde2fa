#pragma once
// Recording and reading the audit trail (SPEC §5: reveals and supervisor-only actions).

#include <svcdesk/ops/context.hpp>
#include <svcdesk/store/audit_repo.hpp>

namespace svcdesk {

// Appends an audit event by the current actor at ctx.now; call inside the command's transaction.
void record_audit(Context& ctx, std::string action, std::optional<std::string> subject,
                  std::optional<std::string> detail = std::nullopt);

std::vector<AuditEvent> list_audit(Context& ctx, std::optional<Timestamp> since, const std::optional<std::string>& actor);

} // namespace svcdesk
