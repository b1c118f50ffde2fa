// Aggregation queries for reports: each selects one period's rows through a time index. The
// period is ?1 (from) and ?2 (to); the desk, when given, ?3.
#include <svcdesk/store/query.hpp>
#include <svcdesk/store/report_repo.hpp>
#include <svcdesk/store/sql_text.hpp>

namespace svcdesk {
namespace {

using sql::Query;

std::string desk_filter(const std::optional<std::string>& desk, const char* column) {
    return desk ? fmt::format(" AND {} = ?3", column) : "";
}

void bind_period(Query& q, Timestamp from, Timestamp to, const std::optional<std::string>& desk) {
    q.bind(from).bind(to);
    if (desk) q.bind(*desk);
}

} // namespace

std::vector<TicketFact> ReportRepo::tickets_active(Timestamp from, Timestamp to, const std::optional<std::string>& desk) {
    Query q(m_db, R"sql(
        SELECT id, desk, channel, category, class, assignee, status, created_at, response_due, resolve_due,
               first_response_at, resolved_at, closed_at, wait_started_at, satisfaction,
               coalesce(contact_at, created_at), response_breached_at, resolve_breached_at, root_cause,
               caused_by, owner, dissatisfied_at
          FROM tickets
         WHERE id IN (SELECT id FROM tickets WHERE created_at >= ?1 AND created_at < ?2
                      UNION SELECT id FROM tickets WHERE first_response_at >= ?1 AND first_response_at < ?2
                      UNION SELECT id FROM tickets WHERE resolved_at >= ?1 AND resolved_at < ?2
                      UNION SELECT id FROM tickets WHERE closed_at >= ?1 AND closed_at < ?2
                      UNION SELECT id FROM tickets WHERE resolve_due >= ?1 AND resolve_due < ?2
                      UNION SELECT id FROM tickets
                             WHERE resolve_breached_at >= ?1 AND resolve_breached_at < ?2
                      UNION SELECT id FROM tickets WHERE dissatisfied_at >= ?1 AND dissatisfied_at < ?2))sql" +
                      desk_filter(desk, "desk") + " ORDER BY id");
    bind_period(q, from, to, desk);
    std::vector<TicketFact> out;
    while (q.step()) {
        TicketFact t;
        t.id = q.integer(0);
        t.desk = q.text(1);
        t.channel = q.text(2);
        t.category = q.text(3);
        t.complaint_class = q.opt_text(4);
        t.assignee = q.opt_text(5);
        t.status = parse_status(q.text(6));
        t.created_at = q.time(7);
        t.response_due = q.time(8);
        t.resolve_due = q.time(9);
        t.first_response_at = q.opt_time(10);
        t.resolved_at = q.opt_time(11);
        t.closed_at = q.opt_time(12);
        t.wait_started_at = q.opt_time(13);
        t.satisfaction = q.opt_int32(14);
        t.contact_at = q.time(15);
        t.response_breached_at = q.opt_time(16);
        t.resolve_breached_at = q.opt_time(17);
        if (auto cause = q.opt_text(18)) t.root_cause = parse_root_cause(*cause);
        t.caused_by = q.opt_text(19);
        t.owner = q.opt_text(20);
        t.dissatisfied_at = q.opt_time(21);
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<std::pair<std::string, std::int64_t>> ReportRepo::open_at(Timestamp at,
                                                                      const std::optional<std::string>& desk) {
    // Open now and created before `at`, plus those resolved after `at` (disjoint: a resolution
    // time is cleared on reopen, so only resolved or closed tickets have one). The covering index
    // keeps this off the table rows. Cancelled tickets never count (their cancel time is not kept).
    // `at` is ?1 and the desk ?2.
    Query q(m_db, fmt::format(R"sql(
        SELECT desk, count(*) FROM (
            SELECT desk FROM tickets WHERE {1} AND created_at < ?1 {0}
            UNION ALL
            SELECT desk FROM tickets{2} WHERE resolved_at >= ?1 AND created_at < ?1 {0}
        ) AS open_tickets GROUP BY desk ORDER BY desk)sql",
                              desk ? " AND desk = ?2" : "", store_detail::open_status_term(),
                              m_db.dialect().index("tickets_resolved")));
    q.bind(at);
    if (desk) q.bind(*desk);
    std::vector<std::pair<std::string, std::int64_t>> out;
    while (q.step()) out.emplace_back(q.text(0), q.integer(1));
    return out;
}

std::vector<DepositFact> ReportRepo::deposits_active(Timestamp from, Timestamp to,
                                                     const std::optional<std::string>& desk) {
    Query q(m_db, fmt::format(R"sql(
        SELECT id, desk, deposited_at, due_at, CAST(NULL AS BIGINT) FROM deposits
         WHERE status = 'stored' AND deposited_at < ?2 {0}
        UNION ALL
        SELECT id, desk, deposited_at, due_at, coalesce(released_at, disposed_at) FROM deposits
         WHERE status <> 'stored' AND coalesce(released_at, disposed_at) >= ?1 AND deposited_at < ?2 {0}
        ORDER BY 1)sql",
                              desk_filter(desk, "desk")));
    bind_period(q, from, to, desk);
    std::vector<DepositFact> out;
    while (q.step()) out.push_back({q.integer(0), q.text(1), q.time(2), q.time(3), q.opt_time(4)});
    return out;
}

std::vector<CallbackFact> ReportRepo::callbacks_active(Timestamp from, Timestamp to,
                                                       const std::optional<std::string>& desk) {
    Query q(m_db, R"sql(
        SELECT c.id, coalesce(t.desk, l.desk), c.status, c.due_at, c.finished_at, c.satisfaction, c.dropped_by,
               c.purpose
          FROM callbacks c LEFT JOIN tickets t ON t.id = c.ticket_id LEFT JOIN loans l ON l.id = c.loan_id
         WHERE c.id IN (SELECT id FROM callbacks WHERE due_at >= ?1 AND due_at < ?2
                        UNION SELECT id FROM callbacks WHERE finished_at >= ?1 AND finished_at < ?2))sql" +
                      desk_filter(desk, "coalesce(t.desk, l.desk)") + " ORDER BY c.id");
    bind_period(q, from, to, desk);
    std::vector<CallbackFact> out;
    while (q.step()) {
        out.push_back({q.integer(0), q.text(1), q.text(2), q.time(3), q.opt_time(4), q.opt_int32(5),
                       q.opt_text(6).has_value(), q.text(7)});
    }
    return out;
}

std::vector<AttemptFact> ReportRepo::attempts(Timestamp from, Timestamp to, const std::optional<std::string>& desk) {
    Query q(m_db, R"sql(
        SELECT a.callback_id, coalesce(t.desk, l.desk), a.caller, a.outcome, a.at
          FROM callback_attempts a JOIN callbacks c ON c.id = a.callback_id
               LEFT JOIN tickets t ON t.id = c.ticket_id LEFT JOIN loans l ON l.id = c.loan_id
         WHERE a.at >= ?1 AND a.at < ?2)sql" + desk_filter(desk, "coalesce(t.desk, l.desk)") + " ORDER BY a.id");
    bind_period(q, from, to, desk);
    std::vector<AttemptFact> out;
    while (q.step()) out.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.time(4)});
    return out;
}

std::vector<ReassignmentFact> ReportRepo::reassignments(Timestamp from, Timestamp to) {
    Query q(m_db, "SELECT ticket_id, at, changes FROM ticket_events "
                  "WHERE action = 'assign' AND at >= ?1 AND at < ?2 ORDER BY id");
    q.bind(from).bind(to);
    std::vector<ReassignmentFact> out;
    while (q.step()) {
        for (const auto& c : store_detail::parse_changes_json(q.text(2))) {
            if (c.field != "assignee" || !c.old_value || !c.new_value || *c.old_value == *c.new_value) continue;
            out.push_back({q.integer(0), q.time(1), *c.old_value, *c.new_value});
        }
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> ReportRepo::callers(Timestamp from, Timestamp to,
                                                                    const std::optional<std::string>& desk) {
    Query q(m_db, fmt::format("SELECT DISTINCT desk, phone FROM tickets WHERE created_at >= ?1 AND "
                              "created_at < ?2 AND phone IS NOT NULL AND phone <> ''{} ORDER BY desk, phone",
                              desk ? " AND desk = ?3" : ""));
    q.bind(from).bind(to);
    if (desk) q.bind(*desk);
    std::vector<std::pair<std::string, std::string>> out;
    while (q.step()) out.emplace_back(q.text(0), q.text(1));
    return out;
}

std::int64_t ReportRepo::calls_before(const std::string& phone, Timestamp to) {
    Query q(m_db, "SELECT count(*) FROM tickets WHERE phone = ? AND created_at < ?");
    q.bind(phone).bind(to);
    return q.scalar();
}

std::vector<TransferFact> ReportRepo::transfers(Timestamp from, Timestamp to, const std::optional<std::string>& desk) {
    Query q(m_db, "SELECT e.ticket_id, e.at, e.changes, t.desk, e.id FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
                  "WHERE e.action = 'transfer' AND e.at >= ?1 AND e.at < ?2 ORDER BY e.id");
    q.bind(from).bind(to);
    // A department transfer leaves the ticket at its desk: the desk it had then is the one the
    // next desk transfer took it from, or else the ticket's desk now.
    Query later(m_db, "SELECT changes FROM ticket_events WHERE ticket_id = ?1 AND action = 'transfer' AND id > ?2 "
                      "ORDER BY id");
    auto desk_then = [&](TicketId ticket, std::int64_t event, std::string desk_now) {
        later.reset();
        later.bind(ticket).bind(event);
        while (later.step()) {
            for (const auto& c : store_detail::parse_changes_json(later.text(0))) {
                if (c.field == "desk" && c.old_value) return *c.old_value;
            }
        }
        return desk_now;
    };
    std::vector<TransferFact> out;
    std::vector<std::pair<TransferFact, std::int64_t>> events; // with the event's id
    while (q.step()) {
        TransferFact f{q.integer(0), q.time(1), q.text(3), std::nullopt, std::nullopt};
        for (const auto& c : store_detail::parse_changes_json(q.text(2))) {
            if (c.field == "desk" && c.old_value && c.new_value) {
                f.desk = *c.old_value;
                f.to_desk = c.new_value;
            }
            if (c.field == "department" && c.new_value) f.department = c.new_value;
        }
        if (!f.to_desk && !f.department) continue; // to a person at the same desk
        events.emplace_back(std::move(f), q.integer(4));
    }
    for (auto& [f, event] : events) { // after the first query: one statement steps at a time
        if (!f.to_desk) f.desk = desk_then(f.ticket, event, f.desk);
        if (!desk || f.desk == *desk) out.push_back(std::move(f));
    }
    return out;
}

std::vector<RosterFact> ReportRepo::roster(date::local_days from, date::local_days to,
                                           const std::optional<std::string>& desk) {
    Query q(m_db, "SELECT r.staff, s.desk, r.shift, r.day FROM roster r JOIN staff s ON s.id = r.staff "
                  "WHERE r.day >= ?1 AND r.day < ?2" + desk_filter(desk, "s.desk") + " ORDER BY r.day, r.staff");
    q.bind(format_day(from)).bind(format_day(to));
    if (desk) q.bind(*desk);
    std::vector<RosterFact> out;
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), store_detail::day_of(q.text(3))});
    return out;
}

} // namespace svcdesk
