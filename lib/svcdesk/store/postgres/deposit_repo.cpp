#include <svcdesk/store/postgres/pg_store.hpp>

namespace svcdesk::postgres {
namespace {

constexpr const char* k_columns =
    "id, tag, desk, status, pieces, items, depositor, phone, id_last4, id_hash, sealed, deposited_at, due_at, "
    "received_by, lost_at, released_at, released_by, release_kind, proxy_name, proxy_id_last4, proxy_id_hash, "
    "approved_by, disposed_at, disposed_by, disposal_method";

Deposit read_deposit(const Result& r, int i) {
    Deposit d;
    d.id = r.integer(i, 0);
    d.tag = r.text(i, 1);
    d.desk = r.text(i, 2);
    d.status = parse_deposit_status(r.text(i, 3));
    d.pieces = static_cast<int>(r.integer(i, 4));
    d.items = r.text(i, 5);
    d.depositor = r.text(i, 6);
    d.phone = r.text(i, 7);
    d.id_last4 = r.text(i, 8);
    d.id_hash = r.text(i, 9);
    d.sealed = r.integer(i, 10) != 0;
    d.deposited_at = r.time(i, 11);
    d.due_at = r.time(i, 12);
    d.received_by = r.text(i, 13);
    d.lost_at = r.opt_time(i, 14);
    d.released_at = r.opt_time(i, 15);
    d.released_by = r.opt_text(i, 16);
    if (auto kind = r.opt_text(i, 17)) d.release_kind = parse_release_kind(*kind);
    d.proxy_name = r.opt_text(i, 18);
    d.proxy_id_last4 = r.opt_text(i, 19);
    d.proxy_id_hash = r.opt_text(i, 20);
    d.approved_by = r.opt_text(i, 21);
    d.disposed_at = r.opt_time(i, 22);
    d.disposed_by = r.opt_text(i, 23);
    d.disposal_method = r.opt_text(i, 24);
    return d;
}

std::optional<Deposit> one(const Result& r) {
    if (r.rows() == 0) return std::nullopt;
    return read_deposit(r, 0);
}

std::vector<DepositEvent> read_events(const Result& r) {
    std::vector<DepositEvent> out;
    for (int i = 0; i < r.rows(); ++i) {
        DepositEvent e;
        e.id = r.integer(i, 0);
        e.deposit = r.integer(i, 1);
        e.at = r.time(i, 2);
        e.actor = r.opt_text(i, 3);
        e.action = r.text(i, 4);
        e.details = r.text(i, 5);
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace

DepositId PgDepositRepo::insert(const Deposit& d) {
    Params p;
    p.add(d.tag).add(d.desk).add(d.pieces).add(d.items).add(d.depositor).add(d.phone).add(d.id_last4);
    p.add(d.id_hash).add(d.sealed).add(d.deposited_at).add(d.due_at).add(d.received_by);
    // A savepoint keeps the transaction usable after a refused tag, to name the holder.
    bool in_transaction = m_db.in_transaction();
    if (in_transaction) m_db.exec_script("SAVEPOINT deposit_insert");
    try {
        auto r = m_db.exec("INSERT INTO deposits (id, tag, desk, status, pieces, items, depositor, phone, id_last4, "
                           "id_hash, sealed, deposited_at, due_at, received_by) "
                           "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM deposits), $1, $2, 'stored', $3, $4, $5, $6, "
                           "$7, $8, $9, $10, $11, $12) RETURNING id",
                           p);
        if (in_transaction) m_db.exec_script("RELEASE SAVEPOINT deposit_insert");
        return r.integer(0, 0);
    } catch (const PgError& e) {
        if (!e.unique_violation() || e.constraint() != "deposits_active_tag") throw;
        std::optional<Deposit> holder;
        if (in_transaction) {
            m_db.exec_script("ROLLBACK TO SAVEPOINT deposit_insert");
            holder = find_active(d.tag);
        }
        fail(Code::refused, "tag {} is in use by deposit {}; pick it up first or use another tag", d.tag,
             holder ? std::to_string(holder->id) : std::string("being made at another desk"));
    }
}

void PgDepositRepo::update(const Deposit& d) {
    Params p;
    p.add(std::string(to_string(d.status))).add(d.lost_at).add(d.released_at).add(d.released_by);
    if (d.release_kind) p.add(std::string(to_string(*d.release_kind)));
    else p.null();
    p.add(d.proxy_name).add(d.proxy_id_last4).add(d.proxy_id_hash).add(d.approved_by).add(d.disposed_at);
    p.add(d.disposed_by).add(d.disposal_method).add(static_cast<std::int64_t>(d.id));
    m_db.exec("UPDATE deposits SET status = $1, lost_at = $2, released_at = $3, released_by = $4, "
              "release_kind = $5, proxy_name = $6, proxy_id_last4 = $7, proxy_id_hash = $8, "
              "approved_by = $9, disposed_at = $10, disposed_by = $11, disposal_method = $12 WHERE id = $13",
              p);
}

std::optional<Deposit> PgDepositRepo::find(DepositId id) {
    static const std::string sql = fmt::format("SELECT {} FROM deposits WHERE id = $1", k_columns);
    return one(m_db.exec(sql, Params().add(static_cast<std::int64_t>(id))));
}

std::optional<Deposit> PgDepositRepo::find_active(const std::string& tag) {
    static const std::string sql = fmt::format("SELECT {} FROM deposits WHERE tag = $1 AND status = 'stored'", k_columns);
    return one(m_db.exec(sql, Params().add(tag)));
}

std::optional<Deposit> PgDepositRepo::find_latest(const std::string& tag) {
    static const std::string sql =
        fmt::format("SELECT {} FROM deposits WHERE tag = $1 ORDER BY id DESC LIMIT 1", k_columns);
    return one(m_db.exec(sql, Params().add(tag)));
}

std::vector<Deposit> PgDepositRepo::list(const DepositFilter& f) {
    std::string sql = fmt::format("SELECT {} FROM deposits WHERE true", k_columns);
    Params p;
    int n = 1;
    std::vector<std::string> conditions;
    std::optional<int> now;
    auto now_param = [&] {
        if (!now) {
            now = n++;
            p.add(f.now);
        }
        return *now;
    };
    for (auto state : f.states) {
        switch (state) {
        case DepositState::stored:
            conditions.push_back(fmt::format("(status = 'stored' AND due_at >= ${})", now_param()));
            break;
        case DepositState::overdue:
            conditions.push_back(fmt::format("(status = 'stored' AND due_at < ${})", now_param()));
            break;
        case DepositState::released: conditions.push_back("status = 'released'"); break;
        case DepositState::disposed: conditions.push_back("status = 'disposed'"); break;
        }
    }
    if (!conditions.empty()) {
        sql += " AND (";
        for (size_t i = 0; i < conditions.size(); ++i) sql += (i ? " OR " : "") + conditions[i];
        sql += ")";
    }
    if (f.desk) sql += fmt::format(" AND desk = ${}", n++), p.add(*f.desk);
    if (f.since) sql += fmt::format(" AND deposited_at >= ${}", n++), p.add(*f.since);
    if (f.until) sql += fmt::format(" AND deposited_at < ${}", n++), p.add(*f.until);
    sql += " ORDER BY due_at, id";
    auto r = m_db.exec(sql, p);
    std::vector<Deposit> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(read_deposit(r, i));
    return out;
}

std::int64_t PgDepositRepo::add_event(const DepositEvent& e) {
    return m_db
        .exec("INSERT INTO deposit_events (id, deposit_id, at, actor, action, details) "
              "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM deposit_events), $1, $2, $3, $4, $5) RETURNING id",
              Params().add(static_cast<std::int64_t>(e.deposit)).add(e.at).add(e.actor).add(e.action).add(e.details))
        .integer(0, 0);
}

std::vector<DepositEvent> PgDepositRepo::events(DepositId id) {
    return read_events(m_db.exec("SELECT id, deposit_id, at, actor, action, details FROM deposit_events "
                                 "WHERE deposit_id = $1 ORDER BY id",
                                 Params().add(static_cast<std::int64_t>(id))));
}

std::vector<DepositEvent> PgDepositRepo::desk_events(const std::string& desk, std::int64_t after, std::int64_t upto) {
    return read_events(m_db.exec("SELECT e.id, e.deposit_id, e.at, e.actor, e.action, e.details FROM deposit_events e "
                                 "JOIN deposits d ON d.id = e.deposit_id WHERE d.desk = $1 AND e.id > $2 AND e.id <= $3 "
                                 "ORDER BY e.id",
                                 Params().add(desk).add(after).add(upto)));
}

std::int64_t PgDepositRepo::last_event_id() {
    return m_db.exec("SELECT coalesce(max(id), 0) FROM deposit_events").integer(0, 0);
}

HandoverId PgDepositRepo::insert_handover(const Handover& h) {
    HandoverId id = m_db
                        .exec("INSERT INTO deposit_handovers (id, desk, at, from_staff, to_staff, last_event_id, "
                              "previous_id) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM deposit_handovers), "
                              "$1, $2, $3, $4, $5, $6) RETURNING id",
                              Params()
                                  .add(h.desk)
                                  .add(h.at)
                                  .add(h.from_staff)
                                  .add(h.to_staff)
                                  .add(static_cast<std::int64_t>(h.last_event_id))
                                  .add(h.previous))
                        .integer(0, 0);
    for (const auto& c : h.contents) {
        m_db.exec("INSERT INTO deposit_handover_items (handover_id, deposit_id, tag, pieces, items, since, lost) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                  Params()
                      .add(static_cast<std::int64_t>(id))
                      .add(static_cast<std::int64_t>(c.deposit))
                      .add(c.tag)
                      .add(c.pieces)
                      .add(c.items)
                      .add(c.since)
                      .add(c.lost));
    }
    return id;
}

std::optional<Handover> PgDepositRepo::find_handover(HandoverId id) {
    auto r = m_db.exec("SELECT id, desk, at, from_staff, to_staff, last_event_id, previous_id "
                       "FROM deposit_handovers WHERE id = $1",
                       Params().add(static_cast<std::int64_t>(id)));
    if (r.rows() == 0) return std::nullopt;
    Handover h;
    h.id = r.integer(0, 0);
    h.desk = r.text(0, 1);
    h.at = r.time(0, 2);
    h.from_staff = r.text(0, 3);
    h.to_staff = r.text(0, 4);
    h.last_event_id = r.integer(0, 5);
    h.previous = r.opt_integer(0, 6);
    auto items = m_db.exec("SELECT deposit_id, tag, pieces, items, since, lost FROM deposit_handover_items "
                           "WHERE handover_id = $1 ORDER BY tag",
                           Params().add(static_cast<std::int64_t>(id)));
    for (int i = 0; i < items.rows(); ++i) {
        h.contents.push_back({items.integer(i, 0), items.text(i, 1), static_cast<int>(items.integer(i, 2)),
                              items.text(i, 3), items.time(i, 4), items.integer(i, 5) != 0});
    }
    return h;
}

std::optional<Handover> PgDepositRepo::last_handover(const std::string& desk, std::optional<HandoverId> before) {
    auto r = m_db.exec("SELECT max(id) FROM deposit_handovers WHERE desk = $1 AND id < $2",
                       Params().add(desk).add(static_cast<std::int64_t>(before.value_or(INT64_MAX))));
    if (r.rows() == 0 || r.null(0, 0)) return std::nullopt;
    return find_handover(r.integer(0, 0));
}

std::int64_t PgDepositRepo::count() { return m_db.exec("SELECT count(*) FROM deposits").integer(0, 0); }

} // namespace svcdesk::postgres
