#include <svcdesk/store/customer_repo.hpp>
#include <svcdesk/store/query.hpp>
#include <svcdesk/store/sql_text.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace svcdesk {
namespace {

using sql::Query;

constexpr const char* k_customer_columns =
    "id, phone, names, customer_type, flags, language, notes, created_at, updated_at";

Customer read_customer(Query& q) {
    Customer c;
    c.id = q.integer(0);
    c.phone = q.text(1);
    auto names = nlohmann::json::parse(q.text(2), nullptr, false);
    if (names.is_array()) {
        for (const auto& n : names)
            if (n.is_string()) c.names.push_back(n.get<std::string>());
    }
    c.customer_type = q.text(3);
    c.flags = q.text(4);
    c.language = q.opt_text(5);
    c.notes = q.opt_text(6);
    c.created_at = q.time(7);
    c.updated_at = q.time(8);
    return c;
}

std::string names_json(const Customer& c) { return nlohmann::json(c.names).dump(); }

} // namespace

std::optional<Customer> CustomerRepo::find(CustomerId id) {
    Query q(m_db, fmt::format("SELECT {} FROM customers WHERE id = ?", k_customer_columns));
    q.bind(id);
    if (!q.step()) return std::nullopt;
    return read_customer(q);
}

std::optional<Customer> CustomerRepo::find_by_phone(const std::string& phone) {
    Query q(m_db, fmt::format("SELECT {} FROM customers WHERE phone = ?", k_customer_columns));
    q.bind(phone);
    if (!q.step()) return std::nullopt;
    return read_customer(q);
}

CustomerId CustomerRepo::save(const Customer& c) {
    if (c.id == 0) {
        auto q = Query::inserting(m_db,
                                  store_detail::insert_row(m_db.dialect(), "customers", k_customer_columns));
        q.bind(c.phone)
            .bind(names_json(c))
            .bind(c.customer_type)
            .bind(c.flags)
            .bind(c.language)
            .bind(c.notes);
        q.bind(c.created_at).bind(c.updated_at);
        return q.insert().value();
    }
    Query q(
        m_db,
        "UPDATE customers SET names = ?, customer_type = ?, flags = ?, language = ?, notes = ?, "
        "updated_at = ? WHERE id = ?");
    q.bind(names_json(c))
        .bind(c.customer_type)
        .bind(c.flags)
        .bind(c.language)
        .bind(c.notes)
        .bind(c.updated_at);
    q.bind(c.id).exec();
    return c.id;
}

std::vector<Customer> CustomerRepo::list(const CustomerFilter& f) {
    // A purged record (schema version 10) is no one's any more: it only reserves its id.
    std::string sql = fmt::format("SELECT {} FROM customers WHERE purged_at IS NULL", k_customer_columns);
    if (f.flag) sql += " AND (',' || flags || ',') LIKE ?";
    if (f.name) sql += fmt::format(" AND names {} ? ESCAPE '\\'", m_db.dialect().search_like);
    sql += " ORDER BY updated_at DESC, id DESC";
    if (f.limit) sql += fmt::format(" LIMIT {}", *f.limit);
    Query q(m_db, sql);
    if (f.flag) q.bind("%," + *f.flag + ",%");
    if (f.name) {
        std::string pattern = "%";
        for (char c : *f.name) {
            if (c == '%' || c == '_' || c == '\\') pattern += '\\';
            pattern += c;
        }
        q.bind(pattern + "%");
    }
    std::vector<Customer> out;
    while (q.step()) out.push_back(read_customer(q));
    return out;
}

std::map<std::string, RiskFacts> CustomerRepo::risk_facts(const std::vector<std::string>& categories,
                                                          Timestamp since,
                                                          const std::optional<std::string>& phone) {
    // Two arms, each served by its own index (tickets_created or tickets_phone; tickets_dissatisfied).
    std::string by_phone = phone ? " AND phone = ?" : " AND phone IS NOT NULL";
    std::string sql;
    if (!categories.empty()) {
        sql = fmt::format("SELECT phone, id, created_at, 0 FROM tickets WHERE created_at > ? AND "
                          "category IN ({}){} UNION ALL ",
                          sql::marks(categories.size()), by_phone);
    }
    sql += fmt::format("SELECT phone, id, dissatisfied_at, 1 FROM tickets WHERE dissatisfied_at > ?{}",
                       by_phone);
    Query q(m_db, sql);
    if (!categories.empty()) {
        q.bind(since);
        for (const auto& c : categories) q.bind(c);
        if (phone) q.bind(*phone);
    }
    q.bind(since);
    if (phone) q.bind(*phone);
    std::map<std::string, RiskFacts> out;
    while (q.step()) {
        auto& facts = out[q.text(0)];
        if (q.integer(3) == 0) {
            facts.complaints.push_back(q.time(2));
        } else {
            facts.dissatisfied.emplace_back(q.integer(1), q.time(2));
        }
    }
    return out;
}

std::int64_t CustomerRepo::last_ticket_id() {
    return Query(m_db, "SELECT coalesce(max(id), 0) FROM tickets").scalar();
}

std::int64_t CustomerRepo::fill_from_records(std::int64_t after_ticket, std::int64_t after_deposit) {
    const auto& d = m_db.dialect();
    // The type and flags a ticket gave ("other" and "" say nothing), and a language.
    auto sql = fmt::format(
        "INSERT INTO customers (phone, names, customer_type, flags, language, created_at, updated_at) "
        "SELECT phone, {}, coalesce(max(CASE WHEN customer_type <> 'other' THEN customer_type END), "
        "'other'), coalesce(max(flags), ''), max(language), min(at), max(at) FROM ("
        "SELECT phone, customer AS name, customer_type, flags, language, created_at AS at "
        "FROM tickets WHERE id > ? AND phone IS NOT NULL AND phone <> '' "
        "UNION ALL SELECT phone, depositor, 'other', '', NULL, deposited_at FROM deposits "
        "WHERE id > ? AND phone <> '') seen "
        "WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.phone = seen.phone) GROUP BY phone "
        // an intake committed while this import ran may have made the record already (PostgreSQL)
        "ON CONFLICT (phone) DO NOTHING",
        d.json_array_of("name"));
    Query q(m_db, sql);
    q.bind(after_ticket).bind(after_deposit);
    return q.exec();
}

} // namespace svcdesk
