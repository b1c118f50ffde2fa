#include <svcdesk/error.hpp>
#include <svcdesk/store/deposit_repo.hpp>
#include <svcdesk/store/query.hpp>
#include <svcdesk/store/sql_text.hpp>

#include <climits>

namespace svcdesk {
namespace {

using sql::Query;
using store_detail::k_deposit_columns;
using store_detail::k_handover_columns;

// "A001,A002" and back: the tags the incoming staff member listed at a handover.
std::string join_tags(const std::vector<std::string>& tags) {
    std::string out;
    for (const auto& t : tags) out += (out.empty() ? "" : ",") + t;
    return out;
}
std::vector<std::string> split_tags(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        auto comma = text.find(',', start);
        out.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

// A handover row in k_handover_columns order, without its contents.
Handover read_handover(const Query& q) {
    Handover h;
    h.id = q.integer(0);
    h.desk = q.text(1);
    h.at = q.time(2);
    h.from_staff = q.text(3);
    h.to_staff = q.text(4);
    h.last_event_id = q.integer(5);
    h.previous = q.opt_integer(6);
    h.confirm_due = q.opt_time(7);
    h.confirmed_at = q.opt_time(8);
    h.pieces_counted = q.opt_int32(9);
    if (auto tags = q.opt_text(10)) h.tags_counted = split_tags(*tags);
    h.discrepancy = q.opt_text(11);
    h.loans_out = q.opt_int32(12);
    h.loan_cash = q.opt_integer(13);
    h.loans_counted = q.opt_int32(14);
    h.cash_counted = q.opt_integer(15);
    return h;
}

constexpr const char* k_event_columns = "id, deposit_id, at, actor, action, details";

Deposit read_deposit(const Query& q) {
    Deposit d;
    d.id = q.integer(0);
    d.tag = q.text(1);
    d.desk = q.text(2);
    d.status = parse_deposit_status(q.text(3));
    d.pieces = q.int32(4);
    d.items = q.text(5);
    d.depositor = q.text(6);
    d.phone = q.text(7);
    d.id_last4 = q.text(8);
    d.id_hash = q.text(9);
    d.sealed = q.flag(10);
    d.deposited_at = q.time(11);
    d.due_at = q.time(12);
    d.received_by = q.text(13);
    d.lost_at = q.opt_time(14);
    d.released_at = q.opt_time(15);
    d.released_by = q.opt_text(16);
    if (auto kind = q.opt_text(17)) d.release_kind = parse_release_kind(*kind);
    d.proxy_name = q.opt_text(18);
    d.proxy_id_last4 = q.opt_text(19);
    d.proxy_id_hash = q.opt_text(20);
    d.approved_by = q.opt_text(21);
    d.disposed_at = q.opt_time(22);
    d.disposed_by = q.opt_text(23);
    d.disposal_method = q.opt_text(24);
    return d;
}

// The deposit of the first row, if any.
std::optional<Deposit> one(Query& q) {
    if (!q.step()) return std::nullopt;
    return read_deposit(q);
}

std::vector<DepositEvent> read_events(Query& q) {
    std::vector<DepositEvent> out;
    while (q.step()) out.push_back({q.integer(0), q.integer(1), q.time(2), q.opt_text(3), q.text(4), q.text(5)});
    return out;
}

std::string select_where(const char* condition) {
    return fmt::format("SELECT {} FROM deposits WHERE {}", k_deposit_columns, condition);
}

} // namespace

DepositId DepositRepo::insert(const Deposit& d) {
    auto q = Query::inserting(m_db, "INSERT INTO deposits (tag, desk, status, pieces, items, depositor, phone, "
                                    "id_last4, id_hash, sealed, deposited_at, due_at, received_by) "
                                    "VALUES (?, ?, 'stored', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(d.tag).bind(d.desk).bind(d.pieces).bind(d.items).bind(d.depositor).bind(d.phone).bind(d.id_last4);
    q.bind(d.id_hash).bind(d.sealed).bind(d.deposited_at).bind(d.due_at).bind(d.received_by);
    // A savepoint keeps the transaction usable after a refused tag (PostgreSQL aborts it on any
    // error), so that the message can name the holder.
    Query(m_db, "SAVEPOINT deposit_insert").exec();
    try {
        DepositId id = q.insert().value();
        Query(m_db, "RELEASE SAVEPOINT deposit_insert").exec();
        return id;
    } catch (const sql::DbError& e) {
        if (!e.unique_violation()) throw;
    }
    // The unique index deposits_active_tag decided: another deposit holds the tag.
    q.reset(); // a statement still running would keep the savepoint from rolling back
    Query(m_db, "ROLLBACK TO SAVEPOINT deposit_insert").exec();
    auto holder = find_active(d.tag);
    fail(Code::refused, "tag {} is in use by deposit {}; pick it up first or use another tag", d.tag,
         holder ? std::to_string(holder->id) : std::string("being made at another desk"));
}

void DepositRepo::update(const Deposit& d) {
    Query q(m_db, "UPDATE deposits SET status = ?, lost_at = ?, released_at = ?, released_by = ?, "
                  "release_kind = ?, proxy_name = ?, proxy_id_last4 = ?, proxy_id_hash = ?, "
                  "approved_by = ?, disposed_at = ?, disposed_by = ?, disposal_method = ? WHERE id = ?");
    q.bind(to_string(d.status)).bind(d.lost_at).bind(d.released_at).bind(d.released_by);
    if (d.release_kind) q.bind(to_string(*d.release_kind));
    else q.bind(std::nullopt);
    q.bind(d.proxy_name).bind(d.proxy_id_last4).bind(d.proxy_id_hash).bind(d.approved_by).bind(d.disposed_at);
    q.bind(d.disposed_by).bind(d.disposal_method).bind(d.id).exec();
}

std::optional<Deposit> DepositRepo::find(DepositId id) {
    Query q(m_db, select_where("id = ?"));
    q.bind(id);
    return one(q);
}

std::optional<Deposit> DepositRepo::find_active(const std::string& tag) {
    Query q(m_db, select_where("tag = ? AND status = 'stored'"));
    q.bind(tag);
    return one(q);
}

std::optional<Deposit> DepositRepo::find_active_for_update(const std::string& tag) {
    Query q(m_db, select_where("tag = ? AND status = 'stored'") + m_db.dialect().lock("deposits"));
    q.bind(tag);
    return one(q);
}

std::optional<Deposit> DepositRepo::find_latest(const std::string& tag) {
    Query q(m_db, select_where("tag = ? ORDER BY id DESC LIMIT 1"));
    q.bind(tag);
    return one(q);
}

std::vector<Deposit> DepositRepo::list(const DepositFilter& f) {
    std::string states;
    int nows = 0; // conditions that tell stored from overdue by `f.now`
    for (auto state : f.states) {
        if (!states.empty()) states += " OR ";
        switch (state) {
        case DepositState::stored: states += "(status = 'stored' AND due_at >= ?)", ++nows; break;
        case DepositState::overdue: states += "(status = 'stored' AND due_at < ?)", ++nows; break;
        case DepositState::released: states += "status = 'released'"; break;
        case DepositState::disposed: states += "status = 'disposed'"; break;
        }
    }
    std::string sql = select_where("true");
    if (!states.empty()) sql += " AND (" + states + ")";
    if (f.desk) sql += " AND desk = ?";
    if (f.phone) sql += " AND phone = ?";
    if (f.since) sql += " AND deposited_at >= ?";
    if (f.until) sql += " AND deposited_at < ?";
    Query q(m_db, sql + " ORDER BY due_at, id");
    for (int i = 0; i < nows; ++i) q.bind(f.now);
    if (f.desk) q.bind(*f.desk);
    if (f.phone) q.bind(*f.phone);
    if (f.since) q.bind(*f.since);
    if (f.until) q.bind(*f.until);
    std::vector<Deposit> out;
    while (q.step()) out.push_back(read_deposit(q));
    return out;
}

std::int64_t DepositRepo::add_event(const DepositEvent& e) {
    // A handover bookmarks its desk's events by id (last_event_id). This read of the desk's last
    // handover makes an event and a handover committed side by side a serialization conflict on
    // PostgreSQL (each reads what the other writes), so one of them runs again: a handover never
    // misses an event of its desk numbered below its bookmark but committed after it. Events of
    // a desk still go side by side (no lock).
    Query(m_db, "SELECT max(h.id) FROM deposit_handovers h JOIN deposits d ON d.desk = h.desk WHERE d.id = ?")
        .bind(e.deposit)
        .step();
    auto q = Query::inserting(m_db, "INSERT INTO deposit_events (deposit_id, at, actor, action, details) "
                                    "VALUES (?, ?, ?, ?, ?)");
    return q.bind(e.deposit).bind(e.at).bind(e.actor).bind(e.action).bind(e.details).insert().value();
}

std::vector<DepositEvent> DepositRepo::events(DepositId id) {
    Query q(m_db, fmt::format("SELECT {} FROM deposit_events WHERE deposit_id = ? ORDER BY id", k_event_columns));
    q.bind(id);
    return read_events(q);
}

std::vector<DepositEvent> DepositRepo::desk_events(const std::string& desk, std::int64_t after, std::int64_t upto) {
    Query q(m_db, "SELECT e.id, e.deposit_id, e.at, e.actor, e.action, e.details FROM deposit_events e "
                  "JOIN deposits d ON d.id = e.deposit_id WHERE d.desk = ? AND e.id > ? AND e.id <= ? "
                  "ORDER BY e.id");
    q.bind(desk).bind(after).bind(upto);
    return read_events(q);
}

std::int64_t DepositRepo::last_event_id() {
    return Query(m_db, "SELECT coalesce(max(id), 0) FROM deposit_events").scalar();
}

HandoverId DepositRepo::insert_handover(const Handover& h) {
    auto q = Query::inserting(m_db, "INSERT INTO deposit_handovers (desk, at, from_staff, to_staff, "
                                    "last_event_id, previous_id, confirm_due, loans_out, loan_cash_fen) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(h.desk).bind(h.at).bind(h.from_staff).bind(h.to_staff).bind(h.last_event_id).bind(h.previous);
    q.bind(h.confirm_due).bind(h.loans_out).bind(h.loan_cash);
    HandoverId id = q.insert().value();
    Query item(m_db, "INSERT INTO deposit_handover_items (handover_id, deposit_id, tag, pieces, items, since, lost) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const auto& c : h.contents) {
        item.reset();
        item.bind(id).bind(c.deposit).bind(c.tag).bind(c.pieces).bind(c.items).bind(c.since).bind(c.lost).exec();
    }
    return id;
}

std::optional<Handover> DepositRepo::find_handover(HandoverId id) {
    Query q(m_db, fmt::format("SELECT {} FROM deposit_handovers WHERE id = ?", k_handover_columns));
    q.bind(id);
    if (!q.step()) return std::nullopt;
    Handover h = read_handover(q);
    Query items(m_db, "SELECT deposit_id, tag, pieces, items, since, lost FROM deposit_handover_items "
                      "WHERE handover_id = ? ORDER BY tag");
    items.bind(id);
    while (items.step()) {
        h.contents.push_back(
            {items.integer(0), items.text(1), items.int32(2), items.text(3), items.time(4), items.flag(5)});
    }
    return h;
}

std::optional<Handover> DepositRepo::last_handover(const std::string& desk, std::optional<HandoverId> before) {
    Query q(m_db, "SELECT max(id) FROM deposit_handovers WHERE desk = ? AND id < ?");
    q.bind(desk).bind(before.value_or(INT64_MAX));
    if (!q.step() || q.is_null(0)) return std::nullopt;
    return find_handover(q.integer(0));
}

void DepositRepo::confirm_handover(const Handover& h) {
    Query q(m_db, "UPDATE deposit_handovers SET confirmed_at = ?, pieces_counted = ?, tags_counted = ?, "
                  "discrepancy = ?, loans_counted = ?, cash_counted_fen = ? WHERE id = ?");
    q.bind(h.confirmed_at).bind(h.pieces_counted);
    if (h.tags_counted) q.bind(join_tags(*h.tags_counted));
    else q.bind(std::nullopt);
    q.bind(h.discrepancy).bind(h.loans_counted).bind(h.cash_counted).bind(h.id).exec();
}

std::vector<Handover> DepositRepo::handovers_between(Timestamp from, Timestamp to, const std::optional<std::string>& desk) {
    std::string sql = fmt::format("SELECT {} FROM deposit_handovers WHERE ((at >= ? AND at < ?) OR "
                                  "(confirm_due >= ? AND confirm_due < ?) OR (confirmed_at >= ? AND confirmed_at < ?))",
                                  k_handover_columns);
    if (desk) sql += " AND desk = ?";
    Query q(m_db, sql + " ORDER BY id");
    q.bind(from).bind(to).bind(from).bind(to).bind(from).bind(to);
    if (desk) q.bind(*desk);
    std::vector<Handover> out;
    while (q.step()) out.push_back(read_handover(q));
    return out;
}

std::int64_t DepositRepo::count() { return Query(m_db, "SELECT count(*) FROM deposits").scalar(); }

} // namespace svcdesk
