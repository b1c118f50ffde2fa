#include <svcdesk/store/callback_repo.hpp>
#include <svcdesk/store/query.hpp>

namespace svcdesk {
namespace {

using sql::Query;

// Callback columns, then the ticket's (or the loan's) columns a caller needs; shared by find and
// list. A callback is for a ticket or for a loan (schema v9): the loan gives the desk, the
// borrower and phone, and its lender as the handler.
constexpr const char* k_select =
    "SELECT c.id, c.ticket_id, c.purpose, c.status, c.due_at, c.created_at, c.created_by, c.finished_at, "
    "c.satisfaction, c.cancel_reason, t.status, coalesce(t.desk, l.desk), coalesce(t.category, ''), "
    "coalesce(t.customer, l.borrower), coalesce(t.phone, l.phone), "
    "coalesce(c.handler, t.assignee, t.owner, l.lent_by), c.handler, c.dropped_by, t.assignee, t.owner, "
    "c.loan_id, l.item "
    "FROM callbacks c LEFT JOIN tickets t ON t.id = c.ticket_id LEFT JOIN loans l ON l.id = c.loan_id";

CallbackListing read_listing(const Query& q) {
    CallbackListing out;
    Callback& c = out.callback;
    c.id = q.integer(0);
    c.ticket = q.opt_integer(1).value_or(0);
    c.purpose = parse_purpose(q.text(2));
    c.status = parse_callback_status(q.text(3));
    c.due_at = q.time(4);
    c.created_at = q.time(5);
    c.created_by = q.opt_text(6);
    c.finished_at = q.opt_time(7);
    c.satisfaction = q.opt_int32(8);
    c.cancel_reason = q.opt_text(9);
    if (auto status = q.opt_text(10)) out.ticket_status = parse_status(*status);
    out.desk = q.text(11);
    out.category = q.text(12);
    out.customer = q.text(13);
    out.phone = q.opt_text(14);
    out.handler = q.opt_text(15);
    c.handler = q.opt_text(16);
    c.dropped_by = q.opt_text(17);
    out.assignee = q.opt_text(18);
    out.owner = q.opt_text(19);
    c.loan = q.opt_integer(20);
    out.loan_item = q.opt_text(21);
    return out;
}

} // namespace

CallbackId CallbackRepo::insert(const Callback& c) {
    auto q = Query::inserting(m_db, "INSERT INTO callbacks (ticket_id, purpose, status, due_at, created_at, "
                                    "created_by, finished_at, satisfaction, cancel_reason, handler, dropped_by, loan_id) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(c.loan ? std::optional<TicketId>() : std::optional<TicketId>(c.ticket)).bind(to_string(c.purpose)).bind(to_string(c.status)).bind(c.due_at).bind(c.created_at);
    q.bind(c.created_by).bind(c.finished_at).bind(c.satisfaction).bind(c.cancel_reason).bind(c.handler);
    q.bind(c.dropped_by).bind(c.loan);
    Callback stored = c;
    stored.id = q.insert().value();
    add_attempts(stored, 0);
    return stored.id;
}

void CallbackRepo::update(const Callback& c) {
    Query q(m_db, "UPDATE callbacks SET status = ?, due_at = ?, finished_at = ?, satisfaction = ?, "
                  "cancel_reason = ?, handler = ?, dropped_by = ? WHERE id = ?");
    q.bind(to_string(c.status)).bind(c.due_at).bind(c.finished_at).bind(c.satisfaction).bind(c.cancel_reason);
    q.bind(c.handler).bind(c.dropped_by);
    q.bind(c.id).exec();
    Query stored(m_db, "SELECT count(*) FROM callback_attempts WHERE callback_id = ?");
    add_attempts(c, static_cast<std::size_t>(stored.bind(c.id).scalar()));
}

void CallbackRepo::add_attempts(const Callback& c, std::size_t first) {
    if (first >= c.attempts.size()) return;
    Query q(m_db, "INSERT INTO callback_attempts (callback_id, at, caller, outcome, note) VALUES (?, ?, ?, ?, ?)");
    for (std::size_t i = first; i < c.attempts.size(); ++i) {
        const auto& a = c.attempts[i];
        q.reset();
        q.bind(c.id).bind(a.at).bind(a.caller).bind(to_string(a.outcome)).bind(a.note).exec();
    }
}

std::vector<CallAttempt> CallbackRepo::attempts(CallbackId id) {
    Query q(m_db, "SELECT at, caller, outcome, note FROM callback_attempts WHERE callback_id = ? ORDER BY id");
    q.bind(id);
    std::vector<CallAttempt> out;
    while (q.step()) out.push_back({q.time(0), q.text(1), parse_outcome(q.text(2)), q.opt_text(3)});
    return out;
}

std::optional<CallbackListing> CallbackRepo::find(CallbackId id) {
    Query q(m_db, std::string(k_select) + " WHERE c.id = ?");
    q.bind(id);
    if (!q.step()) return std::nullopt;
    auto out = read_listing(q);
    out.callback.attempts = attempts(id);
    return out;
}

std::optional<CallbackListing> CallbackRepo::find_for_update(CallbackId id) {
    Query q(m_db, std::string(k_select) + " WHERE c.id = ?" + m_db.dialect().lock("c"));
    q.bind(id);
    if (!q.step()) return std::nullopt;
    auto out = read_listing(q);
    out.callback.attempts = attempts(id);
    return out;
}

std::vector<CallbackListing> CallbackRepo::list(const CallbackFilter& f) {
    std::string sql = std::string(k_select) + " WHERE true";
    if (!f.statuses.empty()) sql += fmt::format(" AND c.status IN ({})", sql::marks(f.statuses.size()));
    if (!f.purposes.empty()) sql += fmt::format(" AND c.purpose IN ({})", sql::marks(f.purposes.size()));
    if (f.ticket) sql += " AND c.ticket_id = ?";
    if (f.loan) sql += " AND c.loan_id = ?";
    if (f.desk) sql += " AND coalesce(t.desk, l.desk) = ?";
    if (f.handler) sql += " AND coalesce(c.handler, t.assignee, t.owner, l.lent_by) = ?";
    if (f.phone) sql += " AND t.phone = ?"; // tickets_phone
    if (f.due_since) sql += " AND c.due_at >= ?";
    if (f.due_until) sql += " AND c.due_at < ?";
    if (f.due_by) sql += " AND c.due_at <= ?";
    sql += " ORDER BY c.due_at, c.id";
    if (f.limit) sql += fmt::format(" LIMIT {}", *f.limit);

    Query q(m_db, sql);
    for (auto status : f.statuses) q.bind(to_string(status));
    for (auto purpose : f.purposes) q.bind(to_string(purpose));
    if (f.ticket) q.bind(*f.ticket);
    if (f.loan) q.bind(*f.loan);
    if (f.desk) q.bind(*f.desk);
    if (f.handler) q.bind(*f.handler);
    if (f.phone) q.bind(*f.phone);
    if (f.due_since) q.bind(*f.due_since);
    if (f.due_until) q.bind(*f.due_until);
    if (f.due_by) q.bind(*f.due_by);
    std::vector<CallbackListing> out;
    while (q.step()) out.push_back(read_listing(q));
    for (auto& listing : out) listing.callback.attempts = attempts(listing.callback.id);
    return out;
}

std::vector<std::pair<std::int64_t, Timestamp>> CallbackRepo::loans_needing_callback(Timestamp now) {
    Query q(m_db, "SELECT l.id, l.due_at FROM loans l WHERE l.returned_at IS NULL AND l.due_at < ? "
                  "AND NOT EXISTS (SELECT 1 FROM callbacks c WHERE c.loan_id = l.id) ORDER BY l.due_at, l.id");
    q.bind(now);
    std::vector<std::pair<std::int64_t, Timestamp>> out;
    while (q.step()) out.emplace_back(q.integer(0), q.time(1));
    return out;
}

std::int64_t CallbackRepo::count() { return Query(m_db, "SELECT count(*) FROM callbacks").scalar(); }

} // namespace svcdesk
