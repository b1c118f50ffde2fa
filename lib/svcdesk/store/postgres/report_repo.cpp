// Aggregation queries for reports: each selects one period's rows through a time index.
#include <svcdesk/store/postgres/pg_store.hpp>

namespace svcdesk::postgres {
namespace {

// The period is $1, $2 and the desk, when given, $3.
std::string desk_filter(const std::optional<std::string>& desk, const char* column) {
    return desk ? fmt::format(" AND {} = $3", column) : "";
}

Params period(Timestamp from, Timestamp to, const std::optional<std::string>& desk) {
    Params p;
    p.add(from).add(to);
    if (desk) p.add(*desk);
    return p;
}

} // namespace

std::vector<TicketFact> PgReportRepo::tickets_active(Timestamp from, Timestamp to,
                                                     const std::optional<std::string>& desk) {
    auto r = m_db.exec(R"sql(
        SELECT id, desk, channel, category, class, assignee, status, created_at, response_due, resolve_due,
               first_response_at, resolved_at, closed_at, wait_started_at, satisfaction
          FROM tickets
         WHERE id IN (SELECT id FROM tickets WHERE created_at >= $1 AND created_at < $2
                      UNION SELECT id FROM tickets WHERE first_response_at >= $1 AND first_response_at < $2
                      UNION SELECT id FROM tickets WHERE resolved_at >= $1 AND resolved_at < $2
                      UNION SELECT id FROM tickets WHERE closed_at >= $1 AND closed_at < $2
                      UNION SELECT id FROM tickets WHERE resolve_due >= $1 AND resolve_due < $2))sql" +
                           desk_filter(desk, "desk") + " ORDER BY id",
                       period(from, to, desk));
    std::vector<TicketFact> out;
    for (int i = 0; i < r.rows(); ++i) {
        TicketFact t;
        t.id = r.integer(i, 0);
        t.desk = r.text(i, 1);
        t.channel = r.text(i, 2);
        t.category = r.text(i, 3);
        t.complaint_class = r.opt_text(i, 4);
        t.assignee = r.opt_text(i, 5);
        t.status = parse_status(r.text(i, 6));
        t.created_at = r.time(i, 7);
        t.response_due = r.time(i, 8);
        t.resolve_due = r.time(i, 9);
        t.first_response_at = r.opt_time(i, 10);
        t.resolved_at = r.opt_time(i, 11);
        t.closed_at = r.opt_time(i, 12);
        t.wait_started_at = r.opt_time(i, 13);
        if (auto sat = r.opt_integer(i, 14)) t.satisfaction = static_cast<int>(*sat);
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<std::pair<std::string, std::int64_t>> PgReportRepo::open_at(Timestamp at,
                                                                      const std::optional<std::string>& desk) {
    // Open now and created before `at`, plus those resolved after `at` (see the SQLite twin).
    std::string filter = desk ? " AND desk = $2" : "";
    Params p;
    p.add(at);
    if (desk) p.add(*desk);
    auto r = m_db.exec(fmt::format(R"sql(
        SELECT desk, count(*) FROM (
            SELECT desk FROM tickets WHERE status IN ('new', 'assigned', 'in_progress', 'waiting')
                                       AND created_at < $1 {0}
            UNION ALL
            SELECT desk FROM tickets WHERE resolved_at >= $1 AND created_at < $1 {0}
        ) AS open GROUP BY desk ORDER BY desk)sql",
                                   filter),
                       p);
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (int i = 0; i < r.rows(); ++i) out.emplace_back(r.text(i, 0), r.integer(i, 1));
    return out;
}

std::vector<DepositFact> PgReportRepo::deposits_active(Timestamp from, Timestamp to,
                                                       const std::optional<std::string>& desk) {
    auto r = m_db.exec(fmt::format(R"sql(
        SELECT id, desk, deposited_at, due_at, NULL::bigint FROM deposits
         WHERE status = 'stored' AND deposited_at < $2 {0}
        UNION ALL
        SELECT id, desk, deposited_at, due_at, coalesce(released_at, disposed_at) FROM deposits
         WHERE status <> 'stored' AND coalesce(released_at, disposed_at) >= $1 AND deposited_at < $2 {0})sql",
                                   desk_filter(desk, "desk")),
                       period(from, to, desk));
    std::vector<DepositFact> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back({r.integer(i, 0), r.text(i, 1), r.time(i, 2), r.time(i, 3), r.opt_time(i, 4)});
    }
    return out;
}

std::vector<CallbackFact> PgReportRepo::callbacks_active(Timestamp from, Timestamp to,
                                                         const std::optional<std::string>& desk) {
    auto r = m_db.exec(R"sql(
        SELECT c.id, t.desk, c.status, c.due_at, c.finished_at, c.satisfaction
          FROM callbacks c JOIN tickets t ON t.id = c.ticket_id
         WHERE c.id IN (SELECT id FROM callbacks WHERE due_at >= $1 AND due_at < $2
                        UNION SELECT id FROM callbacks WHERE finished_at >= $1 AND finished_at < $2))sql" +
                           desk_filter(desk, "t.desk") + " ORDER BY c.id",
                       period(from, to, desk));
    std::vector<CallbackFact> out;
    for (int i = 0; i < r.rows(); ++i) {
        CallbackFact c;
        c.id = r.integer(i, 0);
        c.desk = r.text(i, 1);
        c.status = r.text(i, 2);
        c.due_at = r.time(i, 3);
        c.completed_at = r.opt_time(i, 4);
        if (auto sat = r.opt_integer(i, 5)) c.satisfaction = static_cast<int>(*sat);
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<AttemptFact> PgReportRepo::attempts(Timestamp from, Timestamp to, const std::optional<std::string>& desk) {
    auto r = m_db.exec(R"sql(
        SELECT a.callback_id, t.desk, a.caller, a.outcome, a.at
          FROM callback_attempts a JOIN callbacks c ON c.id = a.callback_id JOIN tickets t ON t.id = c.ticket_id
         WHERE a.at >= $1 AND a.at < $2)sql" + desk_filter(desk, "t.desk") + " ORDER BY a.id",
                       period(from, to, desk));
    std::vector<AttemptFact> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back({r.integer(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.time(i, 4)});
    }
    return out;
}

std::vector<RosterFact> PgReportRepo::roster(date::local_days from, date::local_days to,
                                             const std::optional<std::string>& desk) {
    Params p;
    p.add(format_date(date::year_month_day(from))).add(format_date(date::year_month_day(to)));
    if (desk) p.add(*desk);
    auto r = m_db.exec("SELECT r.staff, s.desk, r.shift, r.day FROM roster r JOIN staff s ON s.id = r.staff "
                       "WHERE r.day >= $1 AND r.day < $2" +
                           desk_filter(desk, "s.desk") + " ORDER BY r.day, r.staff",
                       p);
    std::vector<RosterFact> out;
    for (int i = 0; i < r.rows(); ++i) {
        auto ymd = parse_date(r.text(i, 3), find_zone("UTC"), Timestamp{});
        out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), date::local_days(ymd)});
    }
    return out;
}

} // namespace svcdesk::postgres
