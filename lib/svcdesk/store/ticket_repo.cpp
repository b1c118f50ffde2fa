#include <svcdesk/error.hpp>
#include <svcdesk/store/query.hpp>
#include <svcdesk/store/sql_text.hpp>
#include <svcdesk/store/ticket_repo.hpp>
#include <svcdesk/text.hpp>

#include <algorithm>

namespace svcdesk {
namespace {

using sql::Query;
using store_detail::k_ticket_columns;

Ticket read_ticket(const Query& q) {
    Ticket t;
    t.id = q.integer(0);
    t.created_at = q.time(1);
    t.channel = q.text(2);
    t.category = q.text(3);
    t.complaint_class = q.opt_text(4);
    t.priority = parse_priority(q.text(5));
    t.desk = q.text(6);
    t.customer = q.text(7);
    t.phone = q.opt_text(8);
    t.customer_type = q.text(9);
    t.flags = q.text(10);
    t.language = q.opt_text(11);
    t.subject = q.text(12);
    t.description = q.opt_text(13);
    t.external_ref = q.opt_text(14);
    t.owner = q.opt_text(15);
    t.assignee = q.opt_text(16);
    t.fee_cents = q.integer(17);
    t.status = parse_status(q.text(18));
    t.first_response_at = q.opt_time(19);
    t.resolved_at = q.opt_time(20);
    t.closed_at = q.opt_time(21);
    t.response_due = q.time(22);
    t.resolve_due = q.time(23);
    t.wait_started_at = q.opt_time(24);
    t.extended_to = q.opt_time(25);
    t.resolution = q.opt_text(26);
    if (auto rc = q.opt_text(27)) t.root_cause = parse_root_cause(*rc);
    t.satisfaction = q.opt_int32(28);
    t.updated_at = q.time(29);
    t.contact_at =
        q.opt_time(30).value_or(t.created_at); // NULL only if written behind svcdesk's back
    t.response_breached_at = q.opt_time(31);
    t.resolve_breached_at = q.opt_time(32);
    t.caused_by = q.opt_text(33);
    t.dissatisfied_at = q.opt_time(34);
    t.department = q.opt_text(35);
    t.escalation_level = q.int32(36);
    return t;
}

// The WHERE clause of a filtered ticket query (after "WHERE true"); bind_filter() binds its
// parameters in the same order.
std::string filter_sql(const TicketFilter& f) {
    std::string sql;
    if (!f.statuses.empty()) {
        sql += fmt::format(" AND status IN ({})", sql::marks(f.statuses.size()));
        // The literal term of the partial index tickets_queue, which the planner needs to see.
        if (std::all_of(f.statuses.begin(), f.statuses.end(), is_open)) {
            sql += " AND " + store_detail::open_status_term();
        } else if (std::all_of(f.statuses.begin(), f.statuses.end(), [](Status s) { return s == Status::resolved; })) {
            sql += " AND status = 'resolved'"; // the term of the partial index tickets_resolved_due
        }
    }
    if (f.desk) sql += " AND desk = ?";
    if (f.assignee) sql += " AND assignee = ?";
    if (f.owner) sql += " AND owner = ?";
    if (f.dissatisfied_only) sql += " AND dissatisfied_at IS NOT NULL";
    if (f.category) sql += " AND category = ?";
    if (f.phone) sql += " AND phone = ?";          // tickets_phone
    if (f.customer) sql += " AND customer = ?";    // tickets_customer
    if (f.since) sql += " AND created_at >= ?";
    if (f.until) sql += " AND created_at < ?";
    if (f.overdue_only) {
        // Mirrors response_breach/resolve_breach (domain/sla.hpp) for open tickets, so that
        // --overdue lists exactly the open tickets that show and list flag as breached.
        sql += " AND " + store_detail::open_status_term() +
               " AND (response_breached_at IS NOT NULL OR resolve_breached_at IS NOT NULL"
               "   OR (first_response_at IS NULL AND response_due < ?)"
               "   OR first_response_at > response_due"
               "   OR ((status <> 'waiting' OR wait_started_at IS NULL) AND resolve_due < ?)"
               "   OR (status = 'waiting' AND wait_started_at > resolve_due))";
    }
    if (f.breached_only) {
        // response_breach/resolve_breach (domain/sla.hpp), for every status.
        sql += " AND (response_breached_at IS NOT NULL OR resolve_breached_at IS NOT NULL"
               "   OR (first_response_at IS NOT NULL AND first_response_at > response_due)"
               "   OR (first_response_at IS NULL AND status <> 'cancelled' AND response_due < ?)"
               "   OR (CASE WHEN resolved_at IS NOT NULL AND NOT (" + store_detail::open_status_term() +
               ") THEN resolved_at > resolve_due"
               "       WHEN status = 'cancelled' THEN false"
               "       WHEN status = 'waiting' AND wait_started_at IS NOT NULL THEN wait_started_at > resolve_due"
               "       ELSE resolve_due < ? END))";
    }
    if (f.due_before) sql += " AND " + store_detail::open_status_term() + " AND next_due <= ?";
    return sql;
}

// Binds the parameters of filter_sql(f): only what the filter names.
void bind_filter(Query& q, const TicketFilter& f) {
    for (auto status : f.statuses) q.bind(to_string(status));
    if (f.desk) q.bind(*f.desk);
    if (f.assignee) q.bind(*f.assignee);
    if (f.owner) q.bind(*f.owner);
    if (f.category) q.bind(*f.category);
    if (f.phone) q.bind(*f.phone);
    if (f.customer) q.bind(*f.customer);
    if (f.since) q.bind(*f.since);
    if (f.until) q.bind(*f.until);
    if (f.overdue_only) q.bind(f.now).bind(f.now);
    if (f.breached_only) q.bind(f.now).bind(f.now);
    if (f.due_before) q.bind(*f.due_before);
}

std::string limit_sql(const std::optional<std::size_t>& limit) {
    return limit ? fmt::format(" LIMIT {}", *limit) : "";
}

// The index a list should read where the planner, which has no statistics, would rather sort
// what an equality or a range finds than read an index in the list's order and stop at the
// limit; "" to let it choose. Open work is a small set read in deadline order (tickets_open_due;
// one open status: tickets_open_status_due, which finds an empty status at once),
// as are the resolved tickets; a range that starts (--since) is read through tickets_created, its
// rows sorted: in deadline order every ticket created before it would be read first. (--until
// alone reads the deadline order: next_due follows created_at, the oldest come first.)
std::string_view list_index(const TicketFilter& f) {
    auto all = [&](auto pred) {
        return !f.statuses.empty() && std::all_of(f.statuses.begin(), f.statuses.end(), pred);
    };
    bool narrower = f.assignee || f.owner || f.phone || f.customer; // each has an index of its own
    if (!f.due_before && f.statuses.size() == 1 && all(is_open)) return "tickets_open_status_due";
    if (f.due_before || (all(is_open) && !narrower)) return "tickets_open_due";
    if (all([](Status s) { return s == Status::resolved; })) return "tickets_resolved_due";
    if (f.since && f.statuses.empty() && !narrower && !f.category) return "tickets_created";
    return "";
}

} // namespace

namespace store_detail {

void bind_ticket(Query& q, const Ticket& t, bool keep_texts) { bind_ticket_columns(q, t, keep_texts); }

} // namespace store_detail

using store_detail::bind_ticket;

TicketId TicketRepo::insert(const Ticket& ticket) {
    auto q = Query::inserting(m_db, store_detail::insert_row(m_db.dialect(), "tickets", k_ticket_columns));
    bind_ticket(q, ticket, false);
    try {
        return q.insert().value();
    } catch (const sql::DbError& e) {
        if (e.unique_violation() && ticket.external_ref) {
            fail(Code::refused, "a ticket with external ref '{}' exists already", *ticket.external_ref);
        }
        throw;
    }
}

void TicketRepo::update(const Ticket& ticket) {
    static const std::string sql =
        fmt::format("UPDATE tickets SET {} WHERE id = ?", store_detail::assignments(k_ticket_columns));
    Query q(m_db, sql);
    bind_ticket(q, ticket, false);
    q.bind(ticket.id).exec();
}

std::optional<Ticket> TicketRepo::find(TicketId id) {
    static const std::string sql = fmt::format("SELECT {} FROM tickets WHERE id = ?", k_ticket_columns);
    Query q(m_db, sql);
    q.bind(id);
    if (!q.step()) return std::nullopt;
    return read_ticket(q);
}

std::optional<Ticket> TicketRepo::find_for_update(TicketId id) {
    Query q(m_db, fmt::format("SELECT {} FROM tickets WHERE id = ?{}", k_ticket_columns, m_db.dialect().lock("tickets")));
    q.bind(id);
    if (!q.step()) return std::nullopt;
    return read_ticket(q);
}

std::optional<TicketId> TicketRepo::find_by_external_ref(const std::string& ref) {
    Query q(m_db, "SELECT id FROM tickets WHERE external_ref = ?");
    q.bind(ref);
    if (!q.step()) return std::nullopt;
    return q.integer(0);
}

std::vector<Ticket> TicketRepo::list(const TicketFilter& f) {
    // Ended tickets newest first (tickets_status_created), the rest by the next deadline.
    bool ended = !f.statuses.empty() && std::all_of(f.statuses.begin(), f.statuses.end(), [](Status s) {
        return s == Status::closed || s == Status::cancelled;
    });
    std::string hint;
    if (auto index = list_index(f); !index.empty()) hint = m_db.dialect().index(index);
    Query q(m_db, fmt::format("SELECT {} FROM tickets{} WHERE true{} ORDER BY {}{}", k_ticket_columns, hint,
                              filter_sql(f), ended ? "created_at DESC, id DESC" : "next_due, id", limit_sql(f.limit)));
    bind_filter(q, f);
    std::vector<Ticket> out;
    while (q.step()) out.push_back(read_ticket(q));
    return out;
}

namespace {

// `text` as a quoted FTS5 string (one trigram token when it has three characters).
std::string fts_quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// `term` as a LIKE pattern that matches it anywhere, its wildcards escaped with '\'.
std::string like_anywhere(std::string_view term) {
    std::string like = "%";
    for (char c : term) {
        if (c == '%' || c == '_' || c == '\\') like += '\\';
        like += c;
    }
    return like + '%';
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// The byte length of the UTF-8 character starting at `c`.
std::size_t utf8_length(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

// The candidates among the newest this many hits are ranked (SQLite; see TicketRepo::search).
constexpr std::size_t k_search_window = 200;

} // namespace

std::vector<SearchHit> TicketRepo::search(const std::vector<std::string>& terms, const std::string& text,
                                          const TicketFilter& f) {
    if (!m_db.dialect().search_match.empty()) return search_trigrams(terms, f);
    const auto& d = m_db.dialect();
    std::string where;
    std::vector<std::string> binds;
    for (const auto& term : terms) {
        where += fmt::format(" AND (body {0} ? ESCAPE '\\' OR notes {0} ? ESCAPE '\\')", d.search_like);
        binds.push_back(like_anywhere(term)), binds.push_back(like_anywhere(term));
    }
    std::string_view rank = d.search_rank;
    // Without a rank, newest first: the index is read backwards and the scan stops at the limit.
    std::string order = rank == "0" ? "h.hit DESC" : "h.score, h.hit DESC";
    Query q(m_db, fmt::format("SELECT {}, h.body, h.notes FROM (SELECT {} AS hit, {} AS score, body, notes "
                              "FROM ticket_search WHERE true{}) h JOIN tickets ON tickets.id = h.hit "
                              "WHERE true{} ORDER BY {}{}",
                              k_ticket_columns, d.search_id, rank, where, filter_sql(f), order, limit_sql(f.limit)));
    if (rank.find('?') != std::string_view::npos) q.bind(text);
    for (const auto& b : binds) q.bind(b);
    bind_filter(q, f);
    std::vector<SearchHit> out;
    while (q.step()) {
        SearchHit hit;
        hit.ticket = read_ticket(q);
        hit.text = q.text(store_detail::k_ticket_column_count);
        auto notes = q.text(store_detail::k_ticket_column_count + 1);
        if (!notes.empty()) hit.text += "\n" + notes;
        out.push_back(std::move(hit));
    }
    return out;
}

// SQLite: the FTS5 index (sqlite/schema_v5.cpp) names the candidates, newest first: a term of
// three characters or more through all its trigrams, a shorter one through the trigrams that
// begin with it (the index's vocabulary); each candidate is then checked against the ticket's
// texts (LIKE, ASCII case folded), and the newest k_search_window hits that pass are ranked by
// how often they mention the terms, then newest first.
std::vector<SearchHit> TicketRepo::search_trigrams(const std::vector<std::string>& terms, const TicketFilter& f) {
    std::string match, like_sql, score_sql;
    std::vector<std::string> likes, folded;
    for (const auto& term : terms) {
        bool long_term = code_points(term) >= k_search_trigram;
        std::vector<std::string> tokens;
        if (long_term) {
            // Each distinct trigram of the term, all of which a hit holds.
            auto next = [&](std::size_t at) { return at + utf8_length(static_cast<unsigned char>(term[at])); };
            for (std::size_t at = 0; at < term.size(); at = next(at)) {
                std::size_t end = at;
                for (int i = 0; i < 3 && end < term.size(); ++i) end = next(end);
                if (code_points(std::string_view(term).substr(at, end - at)) < 3) break;
                auto token = fts_quoted(term.substr(at, end - at));
                if (std::find(tokens.begin(), tokens.end(), token) == tokens.end()) tokens.push_back(token);
            }
        } else {
            // The trigrams that begin with the term, one of which a hit holds.
            auto low = ascii_lower(term);
            Query vocab(m_db, "SELECT term FROM ticket_search_terms WHERE term >= ? AND term < ?");
            vocab.bind(low).bind(low + "\xF4\x8F\xBF\xBF");
            while (vocab.step()) tokens.push_back(fts_quoted(vocab.text(0)));
            if (tokens.empty()) return {}; // no trigram begins with it: it occurs nowhere
        }
        std::string joined;
        for (const auto& t : tokens) joined += (joined.empty() ? "" : long_term ? " AND " : " OR ") + t;
        match += fmt::format("{}({})", match.empty() ? "" : " AND ", joined);
        like_sql += " AND (v.body LIKE ? ESCAPE '\\' OR v.notes LIKE ? ESCAPE '\\')";
        likes.push_back(like_anywhere(term));
        // How often the hit mentions the term (ASCII case folded).
        score_sql += fmt::format("{}(length(h.body || h.notes) - "
                                 "length(replace(lower(h.body || h.notes), ?, ''))) / {}",
                                 score_sql.empty() ? "" : " + ", code_points(term));
        folded.push_back(ascii_lower(term));
    }
    auto window = std::max(k_search_window, f.limit.value_or(0));
    Query q(m_db, fmt::format("SELECT {}, h.body, h.notes FROM (SELECT tickets.*, v.body AS body, v.notes AS notes, "
                              "s.rowid AS hit FROM ticket_search s JOIN tickets ON tickets.id = s.rowid "
                              "JOIN ticket_search_text v ON v.id = s.rowid WHERE ticket_search MATCH ?{}{} "
                              "ORDER BY s.rowid DESC LIMIT {}) h ORDER BY {} DESC, h.hit DESC{}",
                              k_ticket_columns, filter_sql(f), like_sql, window, score_sql, limit_sql(f.limit)));
    q.bind(match);
    bind_filter(q, f);
    for (const auto& like : likes) q.bind(like).bind(like);
    for (const auto& term : folded) q.bind(term);
    std::vector<SearchHit> out;
    while (q.step()) {
        SearchHit hit;
        hit.ticket = read_ticket(q);
        // The index's texts end in a newline each (sqlite/schema_v5.cpp); SearchHit::text has none.
        auto body = q.text(store_detail::k_ticket_column_count);
        auto notes = q.text(store_detail::k_ticket_column_count + 1);
        if (!body.empty()) body.pop_back();
        if (!notes.empty()) notes.pop_back();
        hit.text = notes.empty() ? body : body + "\n" + notes;
        out.push_back(std::move(hit));
    }
    return out;
}

void TicketRepo::each(const TicketFilter& f, const std::function<void(const Ticket&)>& visit) {
    Query q(m_db,
            fmt::format("SELECT {} FROM tickets WHERE true{} ORDER BY id{}", k_ticket_columns, filter_sql(f),
                        limit_sql(f.limit)),
            true);
    bind_filter(q, f);
    while (q.step()) visit(read_ticket(q));
}

void TicketRepo::add_event(const TicketEvent& event) {
    // The JSON the import writes too, built without a document.
    std::string changes;
    store_detail::append_changes_json(changes, event.changes);
    Query q(m_db, store_detail::insert_row(m_db.dialect(), "ticket_events", store_detail::k_ticket_event_columns));
    q.bind(event.ticket).bind(event.at).bind(event.actor).bind(event.action).bind(changes).bind(event.reason);
    q.exec();
}

std::vector<TicketEvent> TicketRepo::events(TicketId id) {
    Query q(m_db, fmt::format("SELECT {} FROM ticket_events WHERE ticket_id = ? ORDER BY id",
                              store_detail::k_ticket_event_columns));
    q.bind(id);
    std::vector<TicketEvent> out;
    while (q.step()) {
        TicketEvent e;
        e.id = q.integer(0);
        e.ticket = q.integer(1);
        e.at = q.time(2);
        e.actor = q.opt_text(3);
        e.action = q.text(4);
        e.changes = store_detail::parse_changes_json(q.text(5));
        e.reason = q.opt_text(6);
        out.push_back(std::move(e));
    }
    return out;
}

std::int64_t TicketRepo::count() { return Query(m_db, "SELECT count(*) FROM tickets").scalar(); }

} // namespace svcdesk
