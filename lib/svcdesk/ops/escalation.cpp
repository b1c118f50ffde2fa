#include <svcdesk/error.hpp>
#include <svcdesk/ops/callbacks.hpp>
#include <svcdesk/ops/escalation.hpp>
#include <svcdesk/ops/privacy.hpp>
#include <svcdesk/text.hpp>

#include <fmt/ranges.h>

#include <algorithm>

namespace svcdesk {
namespace {

void add(std::vector<std::string>& out, const std::optional<std::string>& id) {
    if (id && std::find(out.begin(), out.end(), *id) == out.end()) out.push_back(*id);
}

// Whom a level reaches: 1 the assignee and the owner (first contact, 首问负责制); 2 also the
// active supervisors of the ticket's desk; 3 also those named in escalation.level3.
std::vector<std::string> recipients(Context& ctx, const Ticket& t, int level, const std::vector<Staff>& staff) {
    std::vector<std::string> out;
    add(out, t.assignee);
    add(out, t.owner);
    if (level >= 2) {
        for (const auto& s : staff)
            if (s.active && s.desk == t.desk && s.is_supervisor()) add(out, s.id);
    }
    if (level >= 3) {
        for (const auto& id : ctx.config.escalation.level3_staff) add(out, id);
    }
    return out;
}

Escalation escalation_of(Context& ctx, const Ticket& t, const std::vector<Staff>& staff) {
    Escalation e;
    e.ticket = t;
    e.level = std::max(t.escalation_level, escalation_level(t, ctx.now, ctx.config.escalation));
    e.deadline = next_deadline(t);
    e.recipients = recipients(ctx, t, e.level, staff);
    return e;
}

std::vector<Ticket> open_tickets(Context& ctx, const std::optional<std::string>& desk) {
    TicketFilter filter;
    filter.statuses.assign(std::begin(k_open_statuses), std::end(k_open_statuses));
    filter.desk = desk;
    filter.now = ctx.now;
    return ctx.store.tickets().list(filter);
}

// Writes the level and its history event.
void record_level(Context& ctx, Ticket& t, int level, const std::vector<std::string>& to, const std::string& actor,
                  std::optional<std::string> reason) {
    TicketEvent event{0, t.id, ctx.now, actor, "escalate", {}, std::move(reason)};
    event.changes.push_back({"escalation_level", std::to_string(t.escalation_level), std::to_string(level)});
    event.changes.push_back({"escalated_to", std::nullopt, fmt::format("{}", fmt::join(to, ", "))});
    t.escalation_level = level;
    t.updated_at = ctx.now;
    ctx.store.tickets().update(t);
    ctx.store.tickets().add_event(event);
}

} // namespace

std::vector<Escalation> list_escalations(Context& ctx, const std::optional<std::string>& desk,
                                         std::optional<int> level) {
    if (desk) ctx.config.desk(*desk);
    if (level && (*level < 1 || *level > 3)) fail(Code::invalid, "--level must be 1, 2 or 3, not {}", *level);
    std::vector<Escalation> out;
    ctx.store.read([&] {
        auto staff = ctx.store.staff().list(false);
        for (const auto& t : open_tickets(ctx, desk)) {
            auto e = escalation_of(ctx, t, staff);
            if (e.level == 0 || (level && e.level != *level)) continue;
            out.push_back(std::move(e));
        }
    });
    std::stable_sort(out.begin(), out.end(), [](const Escalation& a, const Escalation& b) { return a.level > b.level; });
    return out;
}

Escalation escalate(Context& ctx, TicketId id, const std::string& reason_text) {
    check_text("reason", reason_text, ctx.config.limits.note, true, true);
    auto reason = screen_id_numbers(ctx.config.privacy, "reason", reason_text);
    Escalation result;
    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        auto found = ctx.store.tickets().find_for_update(id);
        if (!found) fail(Code::not_found, "no ticket {}", id);
        auto t = *found;
        if (!is_open(t.status)) fail(Code::refused, "ticket {} is {}: only an open ticket is escalated", id, to_string(t.status));
        auto staff = ctx.store.staff().list(false);
        auto current = escalation_of(ctx, t, staff);
        if (current.level >= 3) fail(Code::refused, "ticket {} is at escalation level 3 already, the highest", id);
        int level = current.level + 1;
        auto to = recipients(ctx, t, level, staff);
        record_level(ctx, t, level, to, actor.id, reason);
        result = escalation_of(ctx, t, staff);
    });
    return result;
}

std::vector<std::string> sweep(Context& ctx) {
    std::vector<std::string> lines;
    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        auto staff = ctx.store.staff().list(false);
        for (auto t : open_tickets(ctx, std::nullopt)) {
            int level = escalation_level(t, ctx.now, ctx.config.escalation);
            if (level <= t.escalation_level) continue; // recorded already (or raised by hand)
            auto to = recipients(ctx, t, level, staff);
            auto due = next_deadline(t);
            record_level(ctx, t, level, to, actor.id, std::nullopt);
            lines.push_back(format_message("ticket {}: escalation level {} (deadline {}) to {}", t.id, level,
                                        due ? format_local(*due, ctx.zone()) : std::string("-"),
                                        fmt::join(to, ", ")));
        }
        // Progress calls due to late tickets (seed 000 §五.3), as `callback due` would make them.
        if (int n = sweep_progress_callbacks(ctx); n > 0) {
            lines.push_back(format_message("progress callbacks: {} scheduled or cancelled", n));
        }
    });
    return lines;
}

} // namespace svcdesk
