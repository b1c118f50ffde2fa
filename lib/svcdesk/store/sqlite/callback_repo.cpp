#include <svcdesk/store/sqlite/sqlite_store.hpp>
#include <svcdesk/store/sql_text.hpp>

namespace svcdesk::sqlite {
namespace {

constexpr const char* k_select = store_detail::k_callback_select;

CallbackListing read_listing(SQLite::Statement& s) {
    CallbackListing out;
    Callback& c = out.callback;
    c.id = s.getColumn(0).getInt64();
    c.ticket = s.getColumn(1).getInt64();
    c.purpose = parse_purpose(s.getColumn(2).getString());
    c.status = parse_callback_status(s.getColumn(3).getString());
    c.due_at = to_time(s.getColumn(4));
    c.created_at = to_time(s.getColumn(5));
    c.created_by = opt_text(s.getColumn(6));
    c.finished_at = opt_time(s.getColumn(7));
    if (auto sat = opt_int(s.getColumn(8))) c.satisfaction = static_cast<int>(*sat);
    c.cancel_reason = opt_text(s.getColumn(9));
    out.ticket_status = parse_status(s.getColumn(10).getString());
    out.desk = s.getColumn(11).getString();
    out.category = s.getColumn(12).getString();
    out.customer = s.getColumn(13).getString();
    out.phone = opt_text(s.getColumn(14));
    out.handler = opt_text(s.getColumn(15));
    return out;
}

std::string placeholders(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
}

} // namespace

CallbackId SqliteCallbackRepo::insert(const Callback& c) {
    SQLite::Statement s(m_db, "INSERT INTO callbacks (ticket_id, purpose, status, due_at, created_at, created_by, "
                              "finished_at, satisfaction, cancel_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, static_cast<std::int64_t>(c.ticket));
    s.bind(2, std::string(to_string(c.purpose)));
    s.bind(3, std::string(to_string(c.status)));
    s.bind(4, epoch(c.due_at));
    s.bind(5, epoch(c.created_at));
    bind_opt(s, 6, c.created_by);
    bind_opt(s, 7, epoch(c.finished_at));
    bind_opt(s, 8, c.satisfaction);
    bind_opt(s, 9, c.cancel_reason);
    s.exec();
    Callback stored = c;
    stored.id = m_db.getLastInsertRowid();
    add_attempts(stored, 0);
    return stored.id;
}

void SqliteCallbackRepo::update(const Callback& c) {
    SQLite::Statement s(m_db, "UPDATE callbacks SET status = ?, due_at = ?, finished_at = ?, satisfaction = ?, "
                              "cancel_reason = ? WHERE id = ?");
    s.bind(1, std::string(to_string(c.status)));
    s.bind(2, epoch(c.due_at));
    bind_opt(s, 3, epoch(c.finished_at));
    bind_opt(s, 4, c.satisfaction);
    bind_opt(s, 5, c.cancel_reason);
    s.bind(6, static_cast<std::int64_t>(c.id));
    s.exec();
    SQLite::Statement stored(m_db, "SELECT count(*) FROM callback_attempts WHERE callback_id = ?");
    stored.bind(1, static_cast<std::int64_t>(c.id));
    stored.executeStep();
    add_attempts(c, static_cast<std::size_t>(stored.getColumn(0).getInt64()));
}

void SqliteCallbackRepo::add_attempts(const Callback& c, std::size_t first) {
    if (first >= c.attempts.size()) return;
    if (!m_insert_attempt) {
        m_insert_attempt.emplace(m_db, "INSERT INTO callback_attempts (callback_id, at, caller, outcome, note) "
                                       "VALUES (?, ?, ?, ?, ?)");
    }
    auto& s = *m_insert_attempt;
    for (std::size_t i = first; i < c.attempts.size(); ++i) {
        const auto& a = c.attempts[i];
        s.reset();
        s.bind(1, static_cast<std::int64_t>(c.id));
        s.bind(2, epoch(a.at));
        s.bind(3, a.caller);
        s.bind(4, std::string(to_string(a.outcome)));
        bind_opt(s, 5, a.note);
        s.exec();
    }
}

std::vector<CallAttempt> SqliteCallbackRepo::attempts(CallbackId id) {
    if (!m_attempts) {
        m_attempts.emplace(m_db, "SELECT at, caller, outcome, note FROM callback_attempts WHERE callback_id = ? "
                                 "ORDER BY id");
    }
    auto& s = *m_attempts;
    s.reset();
    s.bind(1, static_cast<std::int64_t>(id));
    std::vector<CallAttempt> out;
    while (s.executeStep()) {
        out.push_back({to_time(s.getColumn(0)), s.getColumn(1).getString(), parse_outcome(s.getColumn(2).getString()),
                       opt_text(s.getColumn(3))});
    }
    return out;
}

std::optional<CallbackListing> SqliteCallbackRepo::find(CallbackId id) {
    SQLite::Statement s(m_db, std::string(k_select) + " WHERE c.id = ?");
    s.bind(1, static_cast<std::int64_t>(id));
    if (!s.executeStep()) return std::nullopt;
    auto out = read_listing(s);
    out.callback.attempts = attempts(id);
    return out;
}

std::vector<CallbackListing> SqliteCallbackRepo::list(const CallbackFilter& f) {
    std::string sql = std::string(k_select) + " WHERE 1";
    if (!f.statuses.empty()) sql += fmt::format(" AND c.status IN ({})", placeholders(f.statuses.size()));
    if (!f.purposes.empty()) sql += fmt::format(" AND c.purpose IN ({})", placeholders(f.purposes.size()));
    if (f.ticket) sql += " AND c.ticket_id = ?";
    if (f.desk) sql += " AND t.desk = ?";
    if (f.handler) sql += " AND coalesce(t.assignee, t.owner) = ?";
    if (f.due_since) sql += " AND c.due_at >= ?";
    if (f.due_until) sql += " AND c.due_at < ?";
    if (f.due_by) sql += " AND c.due_at <= ?";
    sql += " ORDER BY c.due_at, c.id";
    if (f.limit) sql += fmt::format(" LIMIT {}", *f.limit);

    SQLite::Statement s(m_db, sql);
    int i = 1;
    for (auto status : f.statuses) s.bind(i++, std::string(to_string(status)));
    for (auto purpose : f.purposes) s.bind(i++, std::string(to_string(purpose)));
    if (f.ticket) s.bind(i++, static_cast<std::int64_t>(*f.ticket));
    if (f.desk) s.bind(i++, *f.desk);
    if (f.handler) s.bind(i++, *f.handler);
    if (f.due_since) s.bind(i++, epoch(*f.due_since));
    if (f.due_until) s.bind(i++, epoch(*f.due_until));
    if (f.due_by) s.bind(i++, epoch(*f.due_by));
    std::vector<CallbackListing> out;
    while (s.executeStep()) out.push_back(read_listing(s));
    for (auto& listing : out) listing.callback.attempts = attempts(listing.callback.id);
    return out;
}

std::int64_t SqliteCallbackRepo::count() { return m_db.execAndGet("SELECT count(*) FROM callbacks").getInt64(); }

} // namespace svcdesk::sqlite
