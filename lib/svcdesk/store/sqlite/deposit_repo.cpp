#include <svcdesk/store/sqlite/sqlite_store.hpp>

namespace svcdesk::sqlite {
namespace {

constexpr const char* k_columns =
    "id, tag, desk, status, pieces, items, depositor, phone, id_last4, id_hash, sealed, deposited_at, due_at, "
    "received_by, lost_at, released_at, released_by, release_kind, proxy_name, proxy_id_last4, proxy_id_hash, "
    "approved_by, disposed_at, disposed_by, disposal_method";

Deposit read_deposit(SQLite::Statement& s) {
    Deposit d;
    d.id = s.getColumn(0).getInt64();
    d.tag = s.getColumn(1).getString();
    d.desk = s.getColumn(2).getString();
    d.status = parse_deposit_status(s.getColumn(3).getString());
    d.pieces = s.getColumn(4).getInt();
    d.items = s.getColumn(5).getString();
    d.depositor = s.getColumn(6).getString();
    d.phone = s.getColumn(7).getString();
    d.id_last4 = s.getColumn(8).getString();
    d.id_hash = s.getColumn(9).getString();
    d.sealed = s.getColumn(10).getInt() != 0;
    d.deposited_at = to_time(s.getColumn(11));
    d.due_at = to_time(s.getColumn(12));
    d.received_by = s.getColumn(13).getString();
    d.lost_at = opt_time(s.getColumn(14));
    d.released_at = opt_time(s.getColumn(15));
    d.released_by = opt_text(s.getColumn(16));
    if (auto kind = opt_text(s.getColumn(17))) d.release_kind = parse_release_kind(*kind);
    d.proxy_name = opt_text(s.getColumn(18));
    d.proxy_id_last4 = opt_text(s.getColumn(19));
    d.proxy_id_hash = opt_text(s.getColumn(20));
    d.approved_by = opt_text(s.getColumn(21));
    d.disposed_at = opt_time(s.getColumn(22));
    d.disposed_by = opt_text(s.getColumn(23));
    d.disposal_method = opt_text(s.getColumn(24));
    return d;
}

std::optional<Deposit> one(SQLite::Statement& s) {
    if (!s.executeStep()) return std::nullopt;
    return read_deposit(s);
}

DepositEvent read_event(SQLite::Statement& s) {
    DepositEvent e;
    e.id = s.getColumn(0).getInt64();
    e.deposit = s.getColumn(1).getInt64();
    e.at = to_time(s.getColumn(2));
    e.actor = opt_text(s.getColumn(3));
    e.action = s.getColumn(4).getString();
    e.details = s.getColumn(5).getString();
    return e;
}

} // namespace

DepositId SqliteDepositRepo::insert(const Deposit& d) {
    SQLite::Statement s(m_db, "INSERT INTO deposits (tag, desk, status, pieces, items, depositor, phone, id_last4, "
                              "id_hash, sealed, deposited_at, due_at, received_by) "
                              "VALUES (?, ?, 'stored', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    int i = 1;
    s.bind(i++, d.tag);
    s.bind(i++, d.desk);
    s.bind(i++, d.pieces);
    s.bind(i++, d.items);
    s.bind(i++, d.depositor);
    s.bind(i++, d.phone);
    s.bind(i++, d.id_last4);
    s.bind(i++, d.id_hash);
    s.bind(i++, d.sealed ? 1 : 0);
    s.bind(i++, epoch(d.deposited_at));
    s.bind(i++, epoch(d.due_at));
    s.bind(i++, d.received_by);
    try {
        s.exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE) {
            auto holder = find_active(d.tag);
            fail(Code::refused, "tag {} is in use by deposit {}; pick it up first or use another tag", d.tag,
                 holder ? std::to_string(holder->id) : std::string("being made at another desk"));
        }
        throw;
    }
    return m_db.getLastInsertRowid();
}

void SqliteDepositRepo::update(const Deposit& d) {
    SQLite::Statement s(m_db, "UPDATE deposits SET status = ?, lost_at = ?, released_at = ?, released_by = ?, "
                              "release_kind = ?, proxy_name = ?, proxy_id_last4 = ?, proxy_id_hash = ?, "
                              "approved_by = ?, disposed_at = ?, disposed_by = ?, disposal_method = ? WHERE id = ?");
    int i = 1;
    s.bind(i++, std::string(to_string(d.status)));
    bind_opt(s, i++, epoch(d.lost_at));
    bind_opt(s, i++, epoch(d.released_at));
    bind_opt(s, i++, d.released_by);
    if (d.release_kind) s.bind(i++, std::string(to_string(*d.release_kind)));
    else s.bind(i++);
    bind_opt(s, i++, d.proxy_name);
    bind_opt(s, i++, d.proxy_id_last4);
    bind_opt(s, i++, d.proxy_id_hash);
    bind_opt(s, i++, d.approved_by);
    bind_opt(s, i++, epoch(d.disposed_at));
    bind_opt(s, i++, d.disposed_by);
    bind_opt(s, i++, d.disposal_method);
    s.bind(i++, static_cast<std::int64_t>(d.id));
    s.exec();
}

std::optional<Deposit> SqliteDepositRepo::find(DepositId id) {
    SQLite::Statement s(m_db, fmt::format("SELECT {} FROM deposits WHERE id = ?", k_columns));
    s.bind(1, static_cast<std::int64_t>(id));
    return one(s);
}

std::optional<Deposit> SqliteDepositRepo::find_active(const std::string& tag) {
    SQLite::Statement s(m_db, fmt::format("SELECT {} FROM deposits WHERE tag = ? AND status = 'stored'", k_columns));
    s.bind(1, tag);
    return one(s);
}

std::optional<Deposit> SqliteDepositRepo::find_latest(const std::string& tag) {
    SQLite::Statement s(m_db, fmt::format("SELECT {} FROM deposits WHERE tag = ? ORDER BY id DESC LIMIT 1", k_columns));
    s.bind(1, tag);
    return one(s);
}

std::vector<Deposit> SqliteDepositRepo::list(const DepositFilter& f) {
    std::string sql = fmt::format("SELECT {} FROM deposits WHERE 1", k_columns);
    std::vector<std::string> conditions;
    for (auto state : f.states) {
        switch (state) {
        case DepositState::stored: conditions.push_back("(status = 'stored' AND due_at >= :now)"); break;
        case DepositState::overdue: conditions.push_back("(status = 'stored' AND due_at < :now)"); break;
        case DepositState::released: conditions.push_back("status = 'released'"); break;
        case DepositState::disposed: conditions.push_back("status = 'disposed'"); break;
        }
    }
    if (!conditions.empty()) {
        sql += " AND (";
        for (size_t i = 0; i < conditions.size(); ++i) sql += (i ? " OR " : "") + conditions[i];
        sql += ")";
    }
    if (f.desk) sql += " AND desk = :desk";
    if (f.since) sql += " AND deposited_at >= :since";
    if (f.until) sql += " AND deposited_at < :until";
    sql += " ORDER BY due_at, id";
    SQLite::Statement s(m_db, sql);
    if (sql.find(":now") != std::string::npos) s.bind(":now", epoch(f.now));
    if (f.desk) s.bind(":desk", *f.desk);
    if (f.since) s.bind(":since", epoch(*f.since));
    if (f.until) s.bind(":until", epoch(*f.until));
    std::vector<Deposit> out;
    while (s.executeStep()) out.push_back(read_deposit(s));
    return out;
}

std::int64_t SqliteDepositRepo::add_event(const DepositEvent& e) {
    SQLite::Statement s(m_db, "INSERT INTO deposit_events (deposit_id, at, actor, action, details) VALUES (?, ?, ?, ?, ?)");
    s.bind(1, static_cast<std::int64_t>(e.deposit));
    s.bind(2, epoch(e.at));
    bind_opt(s, 3, e.actor);
    s.bind(4, e.action);
    s.bind(5, e.details);
    s.exec();
    return m_db.getLastInsertRowid();
}

std::vector<DepositEvent> SqliteDepositRepo::events(DepositId id) {
    SQLite::Statement s(m_db, "SELECT id, deposit_id, at, actor, action, details FROM deposit_events "
                              "WHERE deposit_id = ? ORDER BY id");
    s.bind(1, static_cast<std::int64_t>(id));
    std::vector<DepositEvent> out;
    while (s.executeStep()) out.push_back(read_event(s));
    return out;
}

std::vector<DepositEvent> SqliteDepositRepo::desk_events(const std::string& desk, std::int64_t after, std::int64_t upto) {
    SQLite::Statement s(m_db, "SELECT e.id, e.deposit_id, e.at, e.actor, e.action, e.details FROM deposit_events e "
                              "JOIN deposits d ON d.id = e.deposit_id WHERE d.desk = ? AND e.id > ? AND e.id <= ? "
                              "ORDER BY e.id");
    s.bind(1, desk);
    s.bind(2, static_cast<std::int64_t>(after));
    s.bind(3, static_cast<std::int64_t>(upto));
    std::vector<DepositEvent> out;
    while (s.executeStep()) out.push_back(read_event(s));
    return out;
}

std::int64_t SqliteDepositRepo::last_event_id() {
    return m_db.execAndGet("SELECT coalesce(max(id), 0) FROM deposit_events").getInt64();
}

HandoverId SqliteDepositRepo::insert_handover(const Handover& h) {
    SQLite::Statement s(m_db, "INSERT INTO deposit_handovers (desk, at, from_staff, to_staff, last_event_id, previous_id) "
                              "VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, h.desk);
    s.bind(2, epoch(h.at));
    s.bind(3, h.from_staff);
    s.bind(4, h.to_staff);
    s.bind(5, static_cast<std::int64_t>(h.last_event_id));
    bind_opt(s, 6, h.previous);
    s.exec();
    HandoverId id = m_db.getLastInsertRowid();
    SQLite::Statement item(m_db, "INSERT INTO deposit_handover_items (handover_id, deposit_id, tag, pieces, items, "
                                 "since, lost) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const auto& c : h.contents) {
        item.reset();
        item.bind(1, static_cast<std::int64_t>(id));
        item.bind(2, static_cast<std::int64_t>(c.deposit));
        item.bind(3, c.tag);
        item.bind(4, c.pieces);
        item.bind(5, c.items);
        item.bind(6, epoch(c.since));
        item.bind(7, c.lost ? 1 : 0);
        item.exec();
    }
    return id;
}

std::optional<Handover> SqliteDepositRepo::find_handover(HandoverId id) {
    SQLite::Statement s(m_db, "SELECT id, desk, at, from_staff, to_staff, last_event_id, previous_id "
                              "FROM deposit_handovers WHERE id = ?");
    s.bind(1, static_cast<std::int64_t>(id));
    if (!s.executeStep()) return std::nullopt;
    Handover h;
    h.id = s.getColumn(0).getInt64();
    h.desk = s.getColumn(1).getString();
    h.at = to_time(s.getColumn(2));
    h.from_staff = s.getColumn(3).getString();
    h.to_staff = s.getColumn(4).getString();
    h.last_event_id = s.getColumn(5).getInt64();
    h.previous = opt_int(s.getColumn(6));
    SQLite::Statement items(m_db, "SELECT deposit_id, tag, pieces, items, since, lost FROM deposit_handover_items "
                                  "WHERE handover_id = ? ORDER BY tag");
    items.bind(1, static_cast<std::int64_t>(id));
    while (items.executeStep()) {
        h.contents.push_back({items.getColumn(0).getInt64(), items.getColumn(1).getString(), items.getColumn(2).getInt(),
                              items.getColumn(3).getString(), to_time(items.getColumn(4)), items.getColumn(5).getInt() != 0});
    }
    return h;
}

std::optional<Handover> SqliteDepositRepo::last_handover(const std::string& desk, std::optional<HandoverId> before) {
    SQLite::Statement s(m_db, "SELECT max(id) FROM deposit_handovers WHERE desk = ? AND id < ?");
    s.bind(1, desk);
    s.bind(2, static_cast<std::int64_t>(before.value_or(INT64_MAX)));
    if (!s.executeStep() || s.getColumn(0).isNull()) return std::nullopt;
    return find_handover(s.getColumn(0).getInt64());
}

std::int64_t SqliteDepositRepo::count() { return m_db.execAndGet("SELECT count(*) FROM deposits").getInt64(); }

} // namespace svcdesk::sqlite
