#pragma once
// Recording and reading the audit trail (SPEC §5, issue 18; seed 004 §4-5 confidentiality and
// traceability): every reveal of personal data, supervisor-only action, --force, import, backup
// and copy, and the refusals of the identity checks.

#include <svcdesk/ops/context.hpp>
#include <svcdesk/store/audit_repo.hpp>

#include <optional>
#include <string>
#include <vector>

namespace svcdesk {

// Appends an audit event by the current actor at ctx.now; call inside the command's write
// transaction, so that the event commits (or rolls back) with what it records.
void record_audit(Context& ctx, std::string action, std::optional<std::string> subject,
                  std::optional<std::string> detail = std::nullopt);

// Records a refusal (a failed PIN, an identity that could not be proven, a refused SVCDESK_NOW)
// in a write transaction of its own, committed at once, so that it stands although the command
// fails. Best effort: returns false, and throws nothing, when it could not be written (storage
// error, or a transaction of `store` is still open: roll that back first), so that the refusal's
// own error is the one reported.
bool record_refusal(Store& store, Timestamp at, const std::optional<std::string>& actor,
                    std::string action, std::optional<std::string> subject,
                    std::optional<std::string> detail = std::nullopt) noexcept;

// `svcdesk audit`: the events matching `filter`, oldest first. Supervisors only
// (Error(permission)).
std::vector<AuditEvent> list_audit(Context& ctx, const AuditFilter& filter);

} // namespace svcdesk
