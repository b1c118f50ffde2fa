#include <svcdesk/store/sqlite/sqlite_store.hpp>

namespace svcdesk::sqlite {

void SqliteAuditRepo::add(const AuditEvent& e) {
    SQLite::Statement s(m_db, "INSERT INTO audit_events (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)");
    s.bind(1, epoch(e.at));
    bind_opt(s, 2, e.actor);
    s.bind(3, e.action);
    bind_opt(s, 4, e.subject);
    bind_opt(s, 5, e.detail);
    s.exec();
}

std::vector<AuditEvent> SqliteAuditRepo::list(std::optional<Timestamp> since, const std::optional<std::string>& actor) {
    std::string sql = "SELECT id, at, actor, action, subject, detail FROM audit_events WHERE 1";
    if (since) sql += " AND at >= :since";
    if (actor) sql += " AND actor = :actor";
    SQLite::Statement s(m_db, sql + " ORDER BY id");
    if (since) s.bind(":since", epoch(*since));
    if (actor) s.bind(":actor", *actor);
    std::vector<AuditEvent> out;
    while (s.executeStep()) {
        out.push_back({s.getColumn(0).getInt64(), to_time(s.getColumn(1)), opt_text(s.getColumn(2)),
                       s.getColumn(3).getString(), opt_text(s.getColumn(4)), opt_text(s.getColumn(5))});
    }
    return out;
}

} // namespace svcdesk::sqlite
