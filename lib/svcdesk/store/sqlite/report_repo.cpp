// Aggregation queries for reports: each selects one period's rows through a time index.
#include <svcdesk/store/sqlite/sqlite_store.hpp>

namespace svcdesk::sqlite {
namespace {

std::string desk_filter(const std::optional<std::string>& desk, const char* column) {
    return desk ? fmt::format(" AND {} = :desk", column) : "";
}

void bind_period(SQLite::Statement& s, Timestamp from, Timestamp to, const std::optional<std::string>& desk) {
    s.bind(":from", epoch(from));
    s.bind(":to", epoch(to));
    if (desk) s.bind(":desk", *desk);
}

} // namespace

std::vector<TicketFact> SqliteReportRepo::tickets_active(Timestamp from, Timestamp to,
                                                         const std::optional<std::string>& desk) {
    SQLite::Statement s(m_db, R"sql(
        SELECT id, desk, channel, category, class, assignee, status, created_at, response_due, resolve_due,
               first_response_at, resolved_at, closed_at, wait_started_at, satisfaction
          FROM tickets
         WHERE id IN (SELECT id FROM tickets WHERE created_at >= :from AND created_at < :to
                      UNION SELECT id FROM tickets WHERE first_response_at >= :from AND first_response_at < :to
                      UNION SELECT id FROM tickets WHERE resolved_at >= :from AND resolved_at < :to
                      UNION SELECT id FROM tickets WHERE closed_at >= :from AND closed_at < :to
                      UNION SELECT id FROM tickets WHERE resolve_due >= :from AND resolve_due < :to))sql" +
                              desk_filter(desk, "desk"));
    bind_period(s, from, to, desk);
    std::vector<TicketFact> out;
    while (s.executeStep()) {
        TicketFact t;
        t.id = s.getColumn(0).getInt64();
        t.desk = s.getColumn(1).getString();
        t.channel = s.getColumn(2).getString();
        t.category = s.getColumn(3).getString();
        t.complaint_class = opt_text(s.getColumn(4));
        t.assignee = opt_text(s.getColumn(5));
        t.status = parse_status(s.getColumn(6).getString());
        t.created_at = to_time(s.getColumn(7));
        t.response_due = to_time(s.getColumn(8));
        t.resolve_due = to_time(s.getColumn(9));
        t.first_response_at = opt_time(s.getColumn(10));
        t.resolved_at = opt_time(s.getColumn(11));
        t.closed_at = opt_time(s.getColumn(12));
        t.wait_started_at = opt_time(s.getColumn(13));
        if (auto sat = opt_int(s.getColumn(14))) t.satisfaction = static_cast<int>(*sat);
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<std::pair<std::string, std::int64_t>> SqliteReportRepo::open_at(Timestamp at,
                                                                          const std::optional<std::string>& desk) {
    // Open now and created before `at`, plus those resolved after `at` (disjoint: a resolution
    // time is cleared on reopen, so only resolved or closed tickets have one). The covering index
    // keeps this off the table rows. Cancelled tickets never count (their cancel time is not kept).
    SQLite::Statement s(m_db, fmt::format(R"sql(
        SELECT desk, count(*) FROM (
            SELECT desk FROM tickets WHERE status IN ('new', 'assigned', 'in_progress', 'waiting')
                                       AND created_at < :at {0}
            UNION ALL
            SELECT desk FROM tickets INDEXED BY tickets_resolved
             WHERE resolved_at >= :at AND created_at < :at {0}
)
        GROUP BY desk ORDER BY desk)sql",
                                          desk_filter(desk, "desk")));
    s.bind(":at", epoch(at));
    if (desk) s.bind(":desk", *desk);
    std::vector<std::pair<std::string, std::int64_t>> out;
    while (s.executeStep()) out.emplace_back(s.getColumn(0).getString(), s.getColumn(1).getInt64());
    return out;
}

std::vector<DepositFact> SqliteReportRepo::deposits_active(Timestamp from, Timestamp to,
                                                           const std::optional<std::string>& desk) {
    SQLite::Statement s(m_db, fmt::format(R"sql(
        SELECT id, desk, deposited_at, due_at, NULL FROM deposits
         WHERE status = 'stored' AND deposited_at < :to {0}
        UNION ALL
        SELECT id, desk, deposited_at, due_at, coalesce(released_at, disposed_at) FROM deposits
         WHERE status <> 'stored' AND coalesce(released_at, disposed_at) >= :from AND deposited_at < :to {0})sql",
                                          desk_filter(desk, "desk")));
    bind_period(s, from, to, desk);
    std::vector<DepositFact> out;
    while (s.executeStep()) {
        out.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getString(), to_time(s.getColumn(2)),
                       to_time(s.getColumn(3)), opt_time(s.getColumn(4))});
    }
    return out;
}

std::vector<CallbackFact> SqliteReportRepo::callbacks_active(Timestamp from, Timestamp to,
                                                             const std::optional<std::string>& desk) {
    SQLite::Statement s(m_db, R"sql(
        SELECT c.id, t.desk, c.status, c.due_at, c.finished_at, c.satisfaction
          FROM callbacks c JOIN tickets t ON t.id = c.ticket_id
         WHERE c.id IN (SELECT id FROM callbacks WHERE due_at >= :from AND due_at < :to
                        UNION SELECT id FROM callbacks WHERE finished_at >= :from AND finished_at < :to))sql" +
                              desk_filter(desk, "t.desk"));
    bind_period(s, from, to, desk);
    std::vector<CallbackFact> out;
    while (s.executeStep()) {
        CallbackFact c;
        c.id = s.getColumn(0).getInt64();
        c.desk = s.getColumn(1).getString();
        c.status = s.getColumn(2).getString();
        c.due_at = to_time(s.getColumn(3));
        c.completed_at = opt_time(s.getColumn(4));
        if (auto sat = opt_int(s.getColumn(5))) c.satisfaction = static_cast<int>(*sat);
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<AttemptFact> SqliteReportRepo::attempts(Timestamp from, Timestamp to, const std::optional<std::string>& desk) {
    SQLite::Statement s(m_db, R"sql(
        SELECT a.callback_id, t.desk, a.caller, a.outcome, a.at
          FROM callback_attempts a JOIN callbacks c ON c.id = a.callback_id JOIN tickets t ON t.id = c.ticket_id
         WHERE a.at >= :from AND a.at < :to)sql" + desk_filter(desk, "t.desk"));
    bind_period(s, from, to, desk);
    std::vector<AttemptFact> out;
    while (s.executeStep()) {
        out.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                       s.getColumn(3).getString(), to_time(s.getColumn(4))});
    }
    return out;
}

std::vector<RosterFact> SqliteReportRepo::roster(date::local_days from, date::local_days to,
                                                 const std::optional<std::string>& desk) {
    SQLite::Statement s(m_db, "SELECT r.staff, s.desk, r.shift, r.day FROM roster r JOIN staff s ON s.id = r.staff "
                              "WHERE r.day >= :from AND r.day < :to" +
                                  desk_filter(desk, "s.desk") + " ORDER BY r.day, r.staff");
    s.bind(":from", format_date(date::year_month_day(from)));
    s.bind(":to", format_date(date::year_month_day(to)));
    if (desk) s.bind(":desk", *desk);
    std::vector<RosterFact> out;
    while (s.executeStep()) {
        date::year_month_day ymd{};
        auto text = s.getColumn(3).getString();
        ymd = parse_date(text, find_zone("UTC"), Timestamp{});
        out.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                       date::local_days(ymd)});
    }
    return out;
}

} // namespace svcdesk::sqlite
