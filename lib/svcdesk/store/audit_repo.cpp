#include <svcdesk/store/audit_repo.hpp>
#include <svcdesk/store/query.hpp>

namespace svcdesk {

void AuditRepo::add(const AuditEvent& e) {
    sql::Query q(m_db, "INSERT INTO audit_events (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)");
    q.bind(e.at).bind(e.actor).bind(e.action).bind(e.subject).bind(e.detail).exec();
}

std::vector<AuditEvent> AuditRepo::list(std::optional<Timestamp> since, const std::optional<std::string>& actor) {
    std::string sql = "SELECT id, at, actor, action, subject, detail FROM audit_events WHERE true";
    if (since) sql += " AND at >= ?";
    if (actor) sql += " AND actor = ?";
    sql::Query q(m_db, sql + " ORDER BY id");
    if (since) q.bind(*since);
    if (actor) q.bind(*actor);
    std::vector<AuditEvent> out;
    while (q.step()) out.push_back({q.integer(0), q.time(1), q.opt_text(2), q.text(3), q.opt_text(4), q.opt_text(5)});
    return out;
}

} // namespace svcdesk
