#include <svcdesk/store/postgres/pg_store.hpp>

namespace svcdesk::postgres {

void PgAuditRepo::add(const AuditEvent& e) {
    m_db.exec("INSERT INTO audit_events (id, at, actor, action, subject, detail) "
              "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM audit_events), $1, $2, $3, $4, $5)",
              Params().add(e.at).add(e.actor).add(e.action).add(e.subject).add(e.detail));
}

std::vector<AuditEvent> PgAuditRepo::list(std::optional<Timestamp> since, const std::optional<std::string>& actor) {
    std::string sql = "SELECT id, at, actor, action, subject, detail FROM audit_events WHERE true";
    Params p;
    int n = 1;
    if (since) sql += fmt::format(" AND at >= ${}", n++), p.add(*since);
    if (actor) sql += fmt::format(" AND actor = ${}", n++), p.add(*actor);
    auto r = m_db.exec(sql + " ORDER BY id", p);
    std::vector<AuditEvent> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back({r.integer(i, 0), r.time(i, 1), r.opt_text(i, 2), r.text(i, 3), r.opt_text(i, 4),
                       r.opt_text(i, 5)});
    }
    return out;
}

} // namespace svcdesk::postgres
