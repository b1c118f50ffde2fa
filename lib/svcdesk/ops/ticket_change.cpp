#include <svcdesk/error.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/privacy.hpp>
#include <svcdesk/ops/ticket_change.hpp>
#include <svcdesk/text.hpp>

namespace svcdesk::ticket_detail {

Ticket load(Context& ctx, TicketId id) {
    auto ticket = ctx.store.tickets().find_for_update(id);
    if (!ticket) fail(Code::not_found, "no ticket {}", id);
    return *ticket;
}

Status transition(const Ticket& t, Action action) {
    try {
        return next_status(t.status, action);
    } catch (const Error& e) {
        fail(e.code(), "ticket {}: {}", t.id, e.what());
    }
}

SlaTarget target_of(const Context& ctx, const Ticket& t) {
    return ctx.config.sla.target(t.category, t.complaint_class, t.priority);
}

void check_closed_ticket_access(Context& ctx, const Ticket& t, const Staff& actor,
                                std::string_view action, std::string_view audit_action) {
    if (t.status != Status::closed) return;
    if (t.owner == actor.id || t.assignee == actor.id) return;
    if (!actor.is_supervisor()) {
        fail(Code::permission, "ticket {} is closed and not yours: only a supervisor may {} it",
             t.id, action);
    }
    record_audit(ctx, std::string(audit_action), fmt::format("ticket {}", t.id),
                 fmt::format("owner {}, assignee {}", t.owner.value_or("none"),
                             t.assignee.value_or("none")));
}

std::string checked_reason(const Context& ctx, std::string_view field, const std::string& text) {
    check_text(field, text, ctx.config.limits.note, true, true);
    return screen_id_numbers(ctx.config.privacy, field, text);
}

} // namespace svcdesk::ticket_detail
