#include <svcdesk/store/customer_repo.hpp>
#include <svcdesk/store/query.hpp>
#include <svcdesk/store/sql_text.hpp>

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

} // namespace svcdesk
