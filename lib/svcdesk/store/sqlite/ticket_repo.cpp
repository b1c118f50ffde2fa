#include <svcdesk/store/sql_text.hpp>
#include <svcdesk/store/sqlite/sqlite_store.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace { using Json = nlohmann::json; }

namespace svcdesk::sqlite {
namespace {

constexpr const char* k_columns = store_detail::k_ticket_columns;
constexpr int k_column_count = store_detail::k_ticket_column_count;

Ticket read_ticket(SQLite::Statement& s) {
    Ticket t;
    t.id = s.getColumn(0).getInt64();
    t.created_at = to_time(s.getColumn(1));
    t.channel = s.getColumn(2).getString();
    t.category = s.getColumn(3).getString();
    t.complaint_class = opt_text(s.getColumn(4));
    t.priority = parse_priority(s.getColumn(5).getString());
    t.desk = s.getColumn(6).getString();
    t.customer = s.getColumn(7).getString();
    t.phone = opt_text(s.getColumn(8));
    t.customer_type = s.getColumn(9).getString();
    t.flags = s.getColumn(10).getString();
    t.language = opt_text(s.getColumn(11));
    t.subject = s.getColumn(12).getString();
    t.description = opt_text(s.getColumn(13));
    t.external_ref = opt_text(s.getColumn(14));
    t.owner = opt_text(s.getColumn(15));
    t.assignee = opt_text(s.getColumn(16));
    t.fee_cents = s.getColumn(17).getInt64();
    t.status = parse_status(s.getColumn(18).getString());
    t.first_response_at = opt_time(s.getColumn(19));
    t.resolved_at = opt_time(s.getColumn(20));
    t.closed_at = opt_time(s.getColumn(21));
    t.response_due = to_time(s.getColumn(22));
    t.resolve_due = to_time(s.getColumn(23));
    t.wait_started_at = opt_time(s.getColumn(24));
    t.extended_to = opt_time(s.getColumn(25));
    t.resolution = opt_text(s.getColumn(26));
    if (auto rc = opt_text(s.getColumn(27))) t.root_cause = parse_root_cause(*rc);
    if (auto sat = opt_int(s.getColumn(28))) t.satisfaction = static_cast<int>(*sat);
    t.updated_at = to_time(s.getColumn(29));
    return t;
}

// Binds every column but id, starting at parameter `first`.
void bind_ticket(SQLite::Statement& s, const Ticket& t, int first) {
    int i = first;
    s.bind(i++, epoch(t.created_at));
    s.bind(i++, t.channel);
    s.bind(i++, t.category);
    bind_opt(s, i++, t.complaint_class);
    s.bind(i++, std::string(to_string(t.priority)));
    s.bind(i++, t.desk);
    s.bind(i++, t.customer);
    bind_opt(s, i++, t.phone);
    s.bind(i++, t.customer_type);
    s.bind(i++, t.flags);
    bind_opt(s, i++, t.language);
    s.bind(i++, t.subject);
    bind_opt(s, i++, t.description);
    bind_opt(s, i++, t.external_ref);
    bind_opt(s, i++, t.owner);
    bind_opt(s, i++, t.assignee);
    s.bind(i++, static_cast<std::int64_t>(t.fee_cents));
    s.bind(i++, std::string(to_string(t.status)));
    bind_opt(s, i++, epoch(t.first_response_at));
    bind_opt(s, i++, epoch(t.resolved_at));
    bind_opt(s, i++, epoch(t.closed_at));
    s.bind(i++, epoch(t.response_due));
    s.bind(i++, epoch(t.resolve_due));
    bind_opt(s, i++, epoch(t.wait_started_at));
    bind_opt(s, i++, epoch(t.extended_to));
    bind_opt(s, i++, t.resolution);
    if (t.root_cause) s.bind(i++, std::string(to_string(*t.root_cause)));
    else s.bind(i++);
    if (t.satisfaction) s.bind(i++, *t.satisfaction);
    else s.bind(i++);
    s.bind(i++, epoch(t.updated_at));
}

std::string placeholders(int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
}

std::string assignments() {
    std::string out, columns = k_columns;
    size_t start = columns.find(',') + 2; // skip id
    while (start < columns.size()) {
        size_t end = columns.find(',', start);
        if (!out.empty()) out += ", ";
        out += columns.substr(start, end - start) + " = ?";
        if (end == std::string::npos) break;
        start = end + 2;
    }
    return out;
}

} // namespace

TicketId SqliteTicketRepo::insert(const Ticket& ticket) {
    if (!m_insert) {
        m_insert.emplace(m_db, fmt::format("INSERT INTO tickets ({}) VALUES (NULL, {})", k_columns,
                                           placeholders(k_column_count - 1)));
    }
    m_insert->reset();
    m_insert->clearBindings();
    bind_ticket(*m_insert, ticket, 1);
    try {
        m_insert->exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE && ticket.external_ref) {
            fail(Code::refused, "a ticket with external ref '{}' exists already", *ticket.external_ref);
        }
        throw;
    }
    return m_db.getLastInsertRowid();
}

void SqliteTicketRepo::update(const Ticket& ticket) {
    SQLite::Statement s(m_db, fmt::format("UPDATE tickets SET {} WHERE id = ?", assignments()));
    bind_ticket(s, ticket, 1);
    s.bind(k_column_count, static_cast<std::int64_t>(ticket.id));
    s.exec();
}

std::optional<Ticket> SqliteTicketRepo::find(TicketId id) {
    SQLite::Statement s(m_db, fmt::format("SELECT {} FROM tickets WHERE id = ?", k_columns));
    s.bind(1, static_cast<std::int64_t>(id));
    if (!s.executeStep()) return std::nullopt;
    return read_ticket(s);
}

std::optional<TicketId> SqliteTicketRepo::find_by_external_ref(const std::string& ref) {
    if (!m_find_ref) m_find_ref.emplace(m_db, "SELECT id FROM tickets WHERE external_ref = ?");
    m_find_ref->reset();
    m_find_ref->bind(1, ref);
    if (!m_find_ref->executeStep()) return std::nullopt;
    return m_find_ref->getColumn(0).getInt64();
}

namespace {

// The WHERE clause, ORDER BY and LIMIT of a filtered ticket query, and its parameters.
SQLite::Statement filtered_query(SQLite::Database& db, const TicketFilter& f, const char* order) {
    std::string sql = fmt::format("SELECT {} FROM tickets WHERE 1", k_columns);
    if (!f.statuses.empty()) {
        sql += fmt::format(" AND status IN ({})", placeholders(static_cast<int>(f.statuses.size())));
        // The literal term of the partial index tickets_queue, which SQLite needs to see to use it.
        if (std::all_of(f.statuses.begin(), f.statuses.end(), is_open)) sql += std::string(" AND ") + store_detail::k_open_status_term;
    }
    if (f.desk) sql += " AND desk = ?";
    if (f.assignee) sql += " AND assignee = ?";
    if (f.category) sql += " AND category = ?";
    if (f.since) sql += " AND created_at >= ?";
    if (f.until) sql += " AND created_at < ?";
    if (f.overdue_only) {
        // Mirrors response_breached/resolve_breached for open tickets.
        sql += std::string(" AND ") + store_detail::k_open_status_term +
               " AND ((first_response_at IS NULL AND response_due < ?)"
               "   OR (status <> 'waiting' AND resolve_due < ?)"
               "   OR (status = 'waiting' AND wait_started_at > resolve_due))";
    }
    sql += fmt::format(" ORDER BY {}", order);
    if (f.limit) sql += fmt::format(" LIMIT {}", *f.limit);

    SQLite::Statement s(db, sql);
    int i = 1;
    for (auto status : f.statuses) s.bind(i++, std::string(to_string(status)));
    if (f.desk) s.bind(i++, *f.desk);
    if (f.assignee) s.bind(i++, *f.assignee);
    if (f.category) s.bind(i++, *f.category);
    if (f.since) s.bind(i++, epoch(*f.since));
    if (f.until) s.bind(i++, epoch(*f.until));
    if (f.overdue_only) {
        s.bind(i++, epoch(f.now));
        s.bind(i++, epoch(f.now));
    }
    return s;
}

} // namespace

std::vector<Ticket> SqliteTicketRepo::list(const TicketFilter& f) {
    auto s = filtered_query(m_db, f, "next_due, id");
    std::vector<Ticket> out;
    while (s.executeStep()) out.push_back(read_ticket(s));
    return out;
}

void SqliteTicketRepo::each(const TicketFilter& f, const std::function<void(const Ticket&)>& visit) {
    auto s = filtered_query(m_db, f, "id");
    while (s.executeStep()) visit(read_ticket(s));
}

void SqliteTicketRepo::add_event(const TicketEvent& event) {
    if (!m_insert_event) {
        m_insert_event.emplace(m_db, "INSERT INTO ticket_events (ticket_id, at, actor, action, changes, reason) "
                                     "VALUES (?, ?, ?, ?, ?, ?)");
    }
    Json changes = Json::array();
    for (const auto& c : event.changes) {
        changes.push_back({{"field", c.field},
                           {"old", c.old_value ? Json(*c.old_value) : Json()},
                           {"new", c.new_value ? Json(*c.new_value) : Json()}});
    }
    auto& s = *m_insert_event;
    s.reset();
    s.bind(1, static_cast<std::int64_t>(event.ticket));
    s.bind(2, epoch(event.at));
    bind_opt(s, 3, event.actor);
    s.bind(4, event.action);
    s.bind(5, changes.dump());
    bind_opt(s, 6, event.reason);
    s.exec();
}

std::vector<TicketEvent> SqliteTicketRepo::events(TicketId id) {
    SQLite::Statement s(m_db, "SELECT id, ticket_id, at, actor, action, changes, reason FROM ticket_events "
                              "WHERE ticket_id = ? ORDER BY id");
    s.bind(1, static_cast<std::int64_t>(id));
    std::vector<TicketEvent> out;
    while (s.executeStep()) {
        TicketEvent e;
        e.id = s.getColumn(0).getInt64();
        e.ticket = s.getColumn(1).getInt64();
        e.at = to_time(s.getColumn(2));
        e.actor = opt_text(s.getColumn(3));
        e.action = s.getColumn(4).getString();
        for (const auto& c : Json::parse(s.getColumn(5).getString())) {
            FieldChange change;
            change.field = c.at("field").get<std::string>();
            if (!c.at("old").is_null()) change.old_value = c.at("old").get<std::string>();
            if (!c.at("new").is_null()) change.new_value = c.at("new").get<std::string>();
            e.changes.push_back(std::move(change));
        }
        e.reason = opt_text(s.getColumn(6));
        out.push_back(std::move(e));
    }
    return out;
}

std::int64_t SqliteTicketRepo::count() { return m_db.execAndGet("SELECT count(*) FROM tickets").getInt64(); }

} // namespace svcdesk::sqlite
