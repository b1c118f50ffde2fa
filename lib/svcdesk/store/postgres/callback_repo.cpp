#include <svcdesk/store/postgres/pg_store.hpp>
#include <svcdesk/store/sql_text.hpp>

namespace svcdesk::postgres {
namespace {

constexpr const char* k_select = store_detail::k_callback_select;

CallbackListing read_listing(const Result& r, int i) {
    CallbackListing out;
    Callback& c = out.callback;
    c.id = r.integer(i, 0);
    c.ticket = r.integer(i, 1);
    c.purpose = parse_purpose(r.text(i, 2));
    c.status = parse_callback_status(r.text(i, 3));
    c.due_at = r.time(i, 4);
    c.created_at = r.time(i, 5);
    c.created_by = r.opt_text(i, 6);
    c.finished_at = r.opt_time(i, 7);
    if (auto sat = r.opt_integer(i, 8)) c.satisfaction = static_cast<int>(*sat);
    c.cancel_reason = r.opt_text(i, 9);
    out.ticket_status = parse_status(r.text(i, 10));
    out.desk = r.text(i, 11);
    out.category = r.text(i, 12);
    out.customer = r.text(i, 13);
    out.phone = r.opt_text(i, 14);
    out.handler = r.opt_text(i, 15);
    return out;
}

std::string placeholders(int& n, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) out += fmt::format("{}${}", i ? ", " : "", n++);
    return out;
}

} // namespace

CallbackId PgCallbackRepo::insert(const Callback& c) {
    Callback stored = c;
    stored.id = m_db
                    .exec("INSERT INTO callbacks (id, ticket_id, purpose, status, due_at, created_at, created_by, "
                          "finished_at, satisfaction, cancel_reason) "
                          "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM callbacks), $1, $2, $3, $4, $5, $6, $7, $8, $9) "
                          "RETURNING id",
                          Params()
                              .add(static_cast<std::int64_t>(c.ticket))
                              .add(std::string(to_string(c.purpose)))
                              .add(std::string(to_string(c.status)))
                              .add(c.due_at)
                              .add(c.created_at)
                              .add(c.created_by)
                              .add(c.finished_at)
                              .add(c.satisfaction)
                              .add(c.cancel_reason))
                    .integer(0, 0);
    add_attempts(stored, 0);
    return stored.id;
}

void PgCallbackRepo::update(const Callback& c) {
    m_db.exec("UPDATE callbacks SET status = $1, due_at = $2, finished_at = $3, satisfaction = $4, "
              "cancel_reason = $5 WHERE id = $6",
              Params()
                  .add(std::string(to_string(c.status)))
                  .add(c.due_at)
                  .add(c.finished_at)
                  .add(c.satisfaction)
                  .add(c.cancel_reason)
                  .add(static_cast<std::int64_t>(c.id)));
    auto stored = m_db.exec("SELECT count(*) FROM callback_attempts WHERE callback_id = $1",
                            Params().add(static_cast<std::int64_t>(c.id)));
    add_attempts(c, static_cast<std::size_t>(stored.integer(0, 0)));
}

void PgCallbackRepo::add_attempts(const Callback& c, std::size_t first) {
    for (std::size_t i = first; i < c.attempts.size(); ++i) {
        const auto& a = c.attempts[i];
        m_db.exec("INSERT INTO callback_attempts (id, callback_id, at, caller, outcome, note) "
                  "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM callback_attempts), $1, $2, $3, $4, $5)",
                  Params()
                      .add(static_cast<std::int64_t>(c.id))
                      .add(a.at)
                      .add(a.caller)
                      .add(std::string(to_string(a.outcome)))
                      .add(a.note));
    }
}

std::vector<CallAttempt> PgCallbackRepo::attempts(CallbackId id) {
    auto r = m_db.exec("SELECT at, caller, outcome, note FROM callback_attempts WHERE callback_id = $1 ORDER BY id",
                       Params().add(static_cast<std::int64_t>(id)));
    std::vector<CallAttempt> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back({r.time(i, 0), r.text(i, 1), parse_outcome(r.text(i, 2)), r.opt_text(i, 3)});
    }
    return out;
}

std::optional<CallbackListing> PgCallbackRepo::find(CallbackId id) {
    auto r = m_db.exec(std::string(k_select) + " WHERE c.id = $1", Params().add(static_cast<std::int64_t>(id)));
    if (r.rows() == 0) return std::nullopt;
    auto out = read_listing(r, 0);
    out.callback.attempts = attempts(id);
    return out;
}

std::vector<CallbackListing> PgCallbackRepo::list(const CallbackFilter& f) {
    std::string sql = std::string(k_select) + " WHERE true";
    Params p;
    int n = 1;
    if (!f.statuses.empty()) {
        sql += fmt::format(" AND c.status IN ({})", placeholders(n, f.statuses.size()));
        for (auto status : f.statuses) p.add(std::string(to_string(status)));
    }
    if (!f.purposes.empty()) {
        sql += fmt::format(" AND c.purpose IN ({})", placeholders(n, f.purposes.size()));
        for (auto purpose : f.purposes) p.add(std::string(to_string(purpose)));
    }
    if (f.ticket) sql += fmt::format(" AND c.ticket_id = ${}", n++), p.add(static_cast<std::int64_t>(*f.ticket));
    if (f.desk) sql += fmt::format(" AND t.desk = ${}", n++), p.add(*f.desk);
    if (f.handler) sql += fmt::format(" AND coalesce(t.assignee, t.owner) = ${}", n++), p.add(*f.handler);
    if (f.due_since) sql += fmt::format(" AND c.due_at >= ${}", n++), p.add(*f.due_since);
    if (f.due_until) sql += fmt::format(" AND c.due_at < ${}", n++), p.add(*f.due_until);
    if (f.due_by) sql += fmt::format(" AND c.due_at <= ${}", n++), p.add(*f.due_by);
    sql += " ORDER BY c.due_at, c.id";
    if (f.limit) sql += fmt::format(" LIMIT {}", *f.limit);
    auto r = m_db.exec(sql, p);
    std::vector<CallbackListing> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(read_listing(r, i));
    for (auto& listing : out) listing.callback.attempts = attempts(listing.callback.id);
    return out;
}

std::int64_t PgCallbackRepo::count() { return m_db.exec("SELECT count(*) FROM callbacks").integer(0, 0); }

} // namespace svcdesk::postgres
