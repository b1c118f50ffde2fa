#include <svcdesk/error.hpp>
#include <svcdesk/ops/audit.hpp>

namespace svcdesk {

void record_audit(Context& ctx, std::string action, std::optional<std::string> subject,
                  std::optional<std::string> detail) {
    ctx.store.audit().add(
        {0, ctx.now, ctx.actor, std::move(action), std::move(subject), std::move(detail), {}});
}

bool record_refusal(Store& store, Timestamp at, const std::optional<std::string>& actor,
                    std::string action, std::optional<std::string> subject,
                    std::optional<std::string> detail) noexcept {
    try {
        if (store.in_transaction()) return false; // it would be rolled back with the command's
        store.write([&] { // copies: a write that lost a race runs again (Store::write)
            store.audit().add({0, at, actor, action, subject, detail, {}});
        });
        return true;
    } catch (...) {
        return false;
    }
}

std::vector<AuditEvent> list_audit(Context& ctx, const AuditFilter& filter) {
    if (filter.since && filter.until && *filter.until <= *filter.since) {
        fail(Code::invalid, "--until must be after --since");
    }
    std::vector<AuditEvent> out;
    ctx.store.read([&] {
        require_supervisor(ctx, "read the audit trail");
        out = ctx.store.audit().list(filter);
    });
    return out;
}

} // namespace svcdesk
