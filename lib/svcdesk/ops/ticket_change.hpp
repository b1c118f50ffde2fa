// Internal to the ticket operations (ops/tickets.cpp, ops/ticket_edit.cpp): the history
// recorder and the checks every ticket command shares. Not part of the library's interface.
#pragma once

#include <svcdesk/domain/sla.hpp>
#include <svcdesk/domain/ticket.hpp>
#include <svcdesk/ops/context.hpp>

#include <string>
#include <string_view>

namespace svcdesk::ticket_detail {

// Collects the field changes of one command into one history event.
class Recorder {
  public:
    Recorder(Context& ctx, Ticket& ticket, std::string action, const Staff& actor)
        : m_ctx(ctx), m_ticket(ticket) {
        m_event.ticket = ticket.id;
        m_event.at = ctx.now;
        m_event.actor = actor.id;
        m_event.action = std::move(action);
        // A breach is a fact (seed 000 §五.2): recorded before this command may move a deadline
        // or clear a time it rests on, so that no later extend, resume, reopen or resolve erases
        // it.
        auto facts = sla_facts(ticket);
        if (!ticket.response_breached_at)
            set("response_breached_at", ticket.response_breached_at,
                response_breach(facts, ctx.now));
        if (!ticket.resolve_breached_at)
            set("resolve_breached_at", ticket.resolve_breached_at, resolve_breach(facts, ctx.now));
    }

    void set(std::string field, std::optional<std::string>& member,
             std::optional<std::string> value) {
        if (member == value) return;
        m_event.changes.push_back({std::move(field), member, value});
        member = std::move(value);
    }
    void set(std::string field, std::optional<Timestamp>& member, std::optional<Timestamp> value) {
        if (member == value) return;
        m_event.changes.push_back({std::move(field), text(member), text(value)});
        member = value;
    }
    void set(std::string field, Timestamp& member, Timestamp value) {
        if (member == value) return;
        m_event.changes.push_back({std::move(field), text(member), text(value)});
        member = value;
    }
    void set_status(Status value) {
        if (m_ticket.status == value) return;
        m_event.changes.push_back(
            {"status", std::string(to_string(m_ticket.status)), std::string(to_string(value))});
        m_ticket.status = value;
    }
    void record(std::string field, std::optional<std::string> old_value,
                std::optional<std::string> new_value) {
        m_event.changes.push_back({std::move(field), std::move(old_value), std::move(new_value)});
    }
    void reason(std::string why) { m_event.reason = std::move(why); }

    // Writes the ticket and its event.
    void commit() {
        m_ticket.updated_at = m_ctx.now;
        m_ctx.store.tickets().update(m_ticket);
        m_ctx.store.tickets().add_event(m_event);
    }

  private:
    std::optional<std::string> text(std::optional<Timestamp> t) const {
        return t ? std::optional<std::string>(format_iso(*t, m_ctx.zone())) : std::nullopt;
    }

    Context& m_ctx;
    Ticket& m_ticket;
    TicketEvent m_event;
};

// The ticket, for a write: its row stays locked until the transaction ends (a second desk
// changing it waits, then sees this change). Throws Error(not_found).
Ticket load(Context& ctx, TicketId id);

// The status `action` leads to from the ticket's status (exit 4 naming the ticket otherwise).
Status transition(const Ticket& t, Action action);

SlaTarget target_of(const Context& ctx, const Ticket& t);

// SPEC §5: a closed ticket belongs to the people who handled it; others need a supervisor, whose
// use of that power is an audit event (`audit_action`, issue 18).
void check_closed_ticket_access(Context& ctx, const Ticket& t, const Staff& actor,
                                std::string_view action, std::string_view audit_action);

// Validates the free text of `field` (a note, reason or resolution) and returns it as it may be
// stored: without ID numbers (privacy.id_in_text, seed 004 §4-5).
std::string checked_reason(const Context& ctx, std::string_view field, const std::string& text);

} // namespace svcdesk::ticket_detail
