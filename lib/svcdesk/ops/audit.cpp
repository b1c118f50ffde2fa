#include <svcdesk/ops/audit.hpp>

namespace svcdesk {

void record_audit(Context& ctx, std::string action, std::optional<std::string> subject, std::optional<std::string> detail) {
    ctx.store.audit().add({0, ctx.now, ctx.actor, std::move(action), std::move(subject), std::move(detail)});
}

std::vector<AuditEvent> list_audit(Context& ctx, std::optional<Timestamp> since, const std::optional<std::string>& actor) {
    std::vector<AuditEvent> out;
    ctx.store.read([&] { out = ctx.store.audit().list(since, actor); });
    return out;
}

} // namespace svcdesk
