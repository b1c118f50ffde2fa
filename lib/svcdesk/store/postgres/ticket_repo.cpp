#include <svcdesk/store/postgres/pg_store.hpp>
#include <svcdesk/store/sql_text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace { using Json = nlohmann::json; }

namespace svcdesk::postgres {
namespace {

constexpr const char* k_columns = store_detail::k_ticket_columns;
constexpr int k_column_count = store_detail::k_ticket_column_count;

Ticket read_ticket(const Result& r, int row) {
    Ticket t;
    t.id = r.integer(row, 0);
    t.created_at = r.time(row, 1);
    t.channel = r.text(row, 2);
    t.category = r.text(row, 3);
    t.complaint_class = r.opt_text(row, 4);
    t.priority = parse_priority(r.text(row, 5));
    t.desk = r.text(row, 6);
    t.customer = r.text(row, 7);
    t.phone = r.opt_text(row, 8);
    t.customer_type = r.text(row, 9);
    t.flags = r.text(row, 10);
    t.language = r.opt_text(row, 11);
    t.subject = r.text(row, 12);
    t.description = r.opt_text(row, 13);
    t.external_ref = r.opt_text(row, 14);
    t.owner = r.opt_text(row, 15);
    t.assignee = r.opt_text(row, 16);
    t.fee_cents = r.integer(row, 17);
    t.status = parse_status(r.text(row, 18));
    t.first_response_at = r.opt_time(row, 19);
    t.resolved_at = r.opt_time(row, 20);
    t.closed_at = r.opt_time(row, 21);
    t.response_due = r.time(row, 22);
    t.resolve_due = r.time(row, 23);
    t.wait_started_at = r.opt_time(row, 24);
    t.extended_to = r.opt_time(row, 25);
    t.resolution = r.opt_text(row, 26);
    if (auto rc = r.opt_text(row, 27)) t.root_cause = parse_root_cause(*rc);
    if (auto sat = r.opt_integer(row, 28)) t.satisfaction = static_cast<int>(*sat);
    t.updated_at = r.time(row, 29);
    return t;
}

// Every column but id, in k_columns order.
Params ticket_params(const Ticket& t) {
    Params p;
    p.add(t.created_at).add(t.channel).add(t.category).add(t.complaint_class);
    p.add(std::string(to_string(t.priority))).add(t.desk).add(t.customer).add(t.phone).add(t.customer_type);
    p.add(t.flags).add(t.language).add(t.subject).add(t.description).add(t.external_ref).add(t.owner);
    p.add(t.assignee).add(static_cast<std::int64_t>(t.fee_cents)).add(std::string(to_string(t.status)));
    p.add(t.first_response_at).add(t.resolved_at).add(t.closed_at).add(t.response_due).add(t.resolve_due);
    p.add(t.wait_started_at).add(t.extended_to).add(t.resolution);
    if (t.root_cause) p.add(std::string(to_string(*t.root_cause)));
    else p.null();
    p.add(t.satisfaction).add(t.updated_at);
    return p;
}

std::string placeholders(int first, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += fmt::format("{}${}", i ? ", " : "", first + i);
    return out;
}

std::string assignments() {
    std::string out, columns = k_columns;
    size_t start = columns.find(',') + 2; // skip id
    int n = 1;
    while (start < columns.size()) {
        size_t end = columns.find(',', start);
        if (!out.empty()) out += ", ";
        out += fmt::format("{} = ${}", columns.substr(start, end - start), n++);
        if (end == std::string::npos) break;
        start = end + 2;
    }
    return out;
}

} // namespace

TicketId PgTicketRepo::insert(const Ticket& ticket) {
    // Keys are max + 1 under the writers' lock, as SQLite allocates rowids (see migrations.cpp).
    static const std::string sql =
        fmt::format("INSERT INTO tickets ({}) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM tickets), {}) RETURNING id",
                    k_columns, placeholders(1, k_column_count - 1));
    try {
        return m_db.exec(sql, ticket_params(ticket)).integer(0, 0);
    } catch (const PgError& e) {
        if (e.unique_violation() && ticket.external_ref && e.constraint() == "tickets_external_ref_key") {
            fail(Code::refused, "a ticket with external ref '{}' exists already", *ticket.external_ref);
        }
        throw;
    }
}

void PgTicketRepo::update(const Ticket& ticket) {
    static const std::string sql = fmt::format("UPDATE tickets SET {} WHERE id = ${}", assignments(), k_column_count);
    auto params = ticket_params(ticket);
    params.add(static_cast<std::int64_t>(ticket.id));
    m_db.exec(sql, params);
}

std::optional<Ticket> PgTicketRepo::find(TicketId id) {
    static const std::string sql = fmt::format("SELECT {} FROM tickets WHERE id = $1", k_columns);
    auto r = m_db.exec(sql, Params().add(static_cast<std::int64_t>(id)));
    if (r.rows() == 0) return std::nullopt;
    return read_ticket(r, 0);
}

std::optional<TicketId> PgTicketRepo::find_by_external_ref(const std::string& ref) {
    auto r = m_db.exec("SELECT id FROM tickets WHERE external_ref = $1", Params().add(ref));
    if (r.rows() == 0) return std::nullopt;
    return r.integer(0, 0);
}

namespace {

// A filtered ticket query: the SQL and its parameters.
std::pair<std::string, Params> filtered_query(const TicketFilter& f, const char* order) {
    std::string sql = fmt::format("SELECT {} FROM tickets WHERE true", k_columns);
    Params p;
    int n = 1;
    if (!f.statuses.empty()) {
        sql += fmt::format(" AND status IN ({})", placeholders(n, static_cast<int>(f.statuses.size())));
        n += static_cast<int>(f.statuses.size());
        for (auto status : f.statuses) p.add(std::string(to_string(status)));
        // The literal term of the partial index tickets_queue, which the planner needs to see.
        if (std::all_of(f.statuses.begin(), f.statuses.end(), is_open)) {
            sql += std::string(" AND ") + store_detail::k_open_status_term;
        }
    }
    if (f.desk) sql += fmt::format(" AND desk = ${}", n++), p.add(*f.desk);
    if (f.assignee) sql += fmt::format(" AND assignee = ${}", n++), p.add(*f.assignee);
    if (f.category) sql += fmt::format(" AND category = ${}", n++), p.add(*f.category);
    if (f.since) sql += fmt::format(" AND created_at >= ${}", n++), p.add(*f.since);
    if (f.until) sql += fmt::format(" AND created_at < ${}", n++), p.add(*f.until);
    if (f.overdue_only) {
        // Mirrors response_breached/resolve_breached for open tickets.
        sql += fmt::format(" AND {1}"
                           " AND ((first_response_at IS NULL AND response_due < ${0})"
                           "   OR (status <> 'waiting' AND resolve_due < ${0})"
                           "   OR (status = 'waiting' AND wait_started_at > resolve_due))",
                           n++, store_detail::k_open_status_term);
        p.add(f.now);
    }
    sql += fmt::format(" ORDER BY {}", order);
    if (f.limit) sql += fmt::format(" LIMIT {}", *f.limit);
    return {sql, p};
}

} // namespace

std::vector<Ticket> PgTicketRepo::list(const TicketFilter& f) {
    auto [sql, params] = filtered_query(f, "next_due, id");
    auto r = m_db.exec(sql, params);
    std::vector<Ticket> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(read_ticket(r, i));
    return out;
}

void PgTicketRepo::each(const TicketFilter& f, const std::function<void(const Ticket&)>& visit) {
    // Pages by id so that a large export never holds every ticket in memory.
    constexpr std::size_t k_page = 2000;
    std::size_t seen = 0;
    TicketId after = 0;
    for (;;) {
        TicketFilter page = f;
        std::size_t want = k_page;
        if (f.limit) {
            if (seen >= *f.limit) return;
            want = std::min(k_page, *f.limit - seen);
        }
        page.limit = want;
        auto [page_sql, page_params] = filtered_query(page, "id");
        page_params.add(static_cast<std::int64_t>(after));
        auto where = page_sql.find(" WHERE true");
        page_sql.insert(where + 11, fmt::format(" AND id > ${}", page_params.values().size()));
        auto r = m_db.exec(page_sql, page_params);
        for (int i = 0; i < r.rows(); ++i) {
            auto t = read_ticket(r, i);
            after = t.id;
            visit(t);
        }
        seen += static_cast<std::size_t>(r.rows());
        if (static_cast<std::size_t>(r.rows()) < want) return;
    }
}

void PgTicketRepo::add_event(const TicketEvent& event) {
    Json changes = Json::array();
    for (const auto& c : event.changes) {
        changes.push_back({{"field", c.field},
                           {"old", c.old_value ? Json(*c.old_value) : Json()},
                           {"new", c.new_value ? Json(*c.new_value) : Json()}});
    }
    m_db.exec("INSERT INTO ticket_events (id, ticket_id, at, actor, action, changes, reason) "
              "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM ticket_events), $1, $2, $3, $4, $5, $6)",
              Params()
                  .add(static_cast<std::int64_t>(event.ticket))
                  .add(event.at)
                  .add(event.actor)
                  .add(event.action)
                  .add(changes.dump())
                  .add(event.reason));
}

std::vector<TicketEvent> PgTicketRepo::events(TicketId id) {
    auto r = m_db.exec("SELECT id, ticket_id, at, actor, action, changes, reason FROM ticket_events "
                       "WHERE ticket_id = $1 ORDER BY id",
                       Params().add(static_cast<std::int64_t>(id)));
    std::vector<TicketEvent> out;
    for (int i = 0; i < r.rows(); ++i) {
        TicketEvent e;
        e.id = r.integer(i, 0);
        e.ticket = r.integer(i, 1);
        e.at = r.time(i, 2);
        e.actor = r.opt_text(i, 3);
        e.action = r.text(i, 4);
        for (const auto& c : Json::parse(r.text(i, 5))) {
            FieldChange change;
            change.field = c.at("field").get<std::string>();
            if (!c.at("old").is_null()) change.old_value = c.at("old").get<std::string>();
            if (!c.at("new").is_null()) change.new_value = c.at("new").get<std::string>();
            e.changes.push_back(std::move(change));
        }
        e.reason = r.opt_text(i, 6);
        out.push_back(std::move(e));
    }
    return out;
}

std::int64_t PgTicketRepo::count() { return m_db.exec("SELECT count(*) FROM tickets").integer(0, 0); }

} // namespace svcdesk::postgres
