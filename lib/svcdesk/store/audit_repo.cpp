#include <svcdesk/store/audit_repo.hpp>
#include <svcdesk/store/query.hpp>
#include <svcdesk/store/row_hash.hpp>

namespace svcdesk {
namespace {

constexpr const char* k_columns = "id, at, actor, action, subject, detail, hash";

AuditEvent read_event(const sql::Query& q) {
    return {q.integer(0),  q.time(1),     q.opt_text(2), q.text(3),
            q.opt_text(4), q.opt_text(5), q.opt_text(6)};
}

// `--action deposit` also selects deposit.reveal, deposit.dispose ...: a LIKE pattern for the
// family, its wildcards escaped.
std::string family_pattern(const std::string& action) {
    std::string out;
    for (char c : action) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + ".%";
}

bool is_hex_digest(const std::string& text) {
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

} // namespace

std::string audit_hash(const AuditEvent& e, std::string_view previous) {
    store_detail::RowHash hash;
    hash.add({std::to_string(e.id), std::to_string(sql::epoch(e.at)), e.actor, e.action, e.subject,
              e.detail, std::string(previous)});
    return hash.hex();
}

std::int64_t AuditRepo::add(const AuditEvent& e) {
    AuditEvent stored = e;
    stored.id = 1;
    std::string previous;
    // Concurrent appends one after another (PostgreSQL; SQLite's writers are anyway): each
    // reads the last event only once the one before it has committed, so the chain never forks.
    if (auto lock = m_db.dialect().append_lock; !lock.empty()) {
        sql::Query(m_db, std::string(lock)).bind(std::string("audit chain")).exec();
    }
    {
        sql::Query last(m_db, "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1");
        if (last.step()) {
            stored.id = last.integer(0) + 1;
            previous = last.opt_text(1).value_or("");
        }
    }
    stored.hash = audit_hash(stored, previous);
    sql::Query q(
        m_db, fmt::format("INSERT INTO audit_events ({}) VALUES ({})", k_columns, sql::marks(7)));
    q.bind(stored.id).bind(stored.at).bind(stored.actor).bind(stored.action).bind(stored.subject);
    q.bind(stored.detail).bind(stored.hash).exec();
    return stored.id;
}

std::vector<AuditEvent> AuditRepo::list(const AuditFilter& f) {
    std::string sql = fmt::format("SELECT {} FROM audit_events WHERE true", k_columns);
    if (f.since) sql += " AND at >= ?";
    if (f.until) sql += " AND at < ?";
    if (f.actor) sql += " AND actor = ?";
    if (f.action) sql += " AND (action = ? OR action LIKE ? ESCAPE '\\')";
    sql::Query q(m_db, sql + " ORDER BY id", true);
    if (f.since) q.bind(*f.since);
    if (f.until) q.bind(*f.until);
    if (f.actor) q.bind(*f.actor);
    if (f.action) q.bind(*f.action).bind(family_pattern(*f.action));
    std::vector<AuditEvent> out;
    while (q.step())
        out.push_back(read_event(q));
    return out;
}

AuditChain AuditRepo::verify() {
    AuditChain chain;
    sql::Query q(m_db, fmt::format("SELECT {} FROM audit_events ORDER BY id", k_columns), true);
    std::optional<AuditEvent> prev;
    bool hashed = false; // an event with a hash was seen: from then on every event has one
    while (q.step()) {
        auto e = read_event(q);
        ++chain.events;
        if (!e.hash) {
            if (hashed) {
                chain.problems.push_back(Message("audit event {}: it has no hash, yet events "
                                                     "before it have one (written or edited behind "
                                                     "svcdesk's back?)",
                                                     e.id));
            }
            prev = std::move(e);
            continue;
        }
        hashed = true;
        std::string previous = prev ? prev->hash.value_or("") : "";
        if (!is_hex_digest(*e.hash) || audit_hash(e, previous) != *e.hash) {
            if (prev && e.id != prev->id + 1) {
                chain.problems.push_back(Message("audit event {}: previous hash does not match "
                                                     "event {} (an event before it was deleted?)",
                                                     e.id, prev->id));
            } else if (!prev && e.id != 1) {
                chain.problems.push_back(Message(
                    "audit event {}: it does not begin the chain (an event before it was deleted?)",
                    e.id));
            } else {
                chain.problems.push_back(
                    Message("audit event {}: content does not match its hash (edited?)", e.id));
            }
        }
        prev = std::move(e);
    }
    if (prev) {
        chain.head_id = prev->id;
        chain.head_hash = prev->hash;
    }
    return chain;
}

} // namespace svcdesk
