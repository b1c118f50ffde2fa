#include <svcdesk/store/query.hpp>
#include <svcdesk/store/retention_repo.hpp>
#include <svcdesk/store/sql_text.hpp>

#include <nlohmann/json.hpp>

#include <tuple>

namespace svcdesk {
namespace {

using sql::Query;

// A ticket's end: closed, or cancelled (its last change); its callbacks' state.
constexpr const char* k_retention_ticket_select =
    "SELECT t.id, t.phone, t.category, CASE WHEN t.status IN ('closed', 'cancelled') THEN 1 ELSE 0 END, "
    "coalesce(t.closed_at, t.updated_at), "
    "(SELECT max(c.finished_at) FROM callbacks c WHERE c.ticket_id = t.id), "
    "(SELECT count(*) FROM callbacks c WHERE c.ticket_id = t.id AND c.status = 'pending'), "
    "(SELECT count(*) FROM callbacks c WHERE c.ticket_id = t.id) FROM tickets t ";

std::vector<RetentionTicket> read_retention_tickets(Query& q) {
    std::vector<RetentionTicket> out;
    while (q.step()) {
        RetentionTicket t;
        t.id = q.integer(0);
        t.phone = q.opt_text(1);
        if (t.phone && t.phone->empty()) t.phone.reset();
        t.category = q.text(2);
        t.ended = q.flag(3);
        t.ended_at = q.time(4);
        t.last_callback = q.opt_time(5);
        t.callback_pending = q.integer(6) > 0;
        t.callbacks = q.integer(7);
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<RetentionRecord> read_retention_records(Query& q) {
    std::vector<RetentionRecord> out;
    while (q.step()) out.push_back({q.integer(0), q.text(1), q.opt_time(2)});
    return out;
}

// The deposits or loans not purged that match `where` (one parameter, `value`), with their end.
template <typename Value>
std::vector<RetentionRecord> retention_records(sql::Driver& db, std::string_view table, std::string_view end,
                                               std::string_view where, const Value& value) {
    Query q(db, fmt::format("SELECT id, phone, {} FROM {} WHERE purged_at IS NULL AND {} ORDER BY id", end, table, where));
    q.bind(value);
    return read_retention_records(q);
}

const std::string k_erased_value(k_erased_text);

// A deposit event's details with the string values of personal keys erased.
std::string erased_deposit_details(const std::string& text) {
    auto details = nlohmann::json::parse(text, nullptr, false);
    if (!details.is_object()) return "{}";
    for (auto& [key, value] : details.items()) {
        if (value.is_string() && !is_impersonal_detail(key)) value = k_erased_value;
    }
    return details.dump();
}

} // namespace

std::vector<RetentionTicket> RetentionRepo::ended_tickets(Timestamp ended_before) {
    Query q(m_db, std::string(k_retention_ticket_select) +
                      "WHERE t.purged_at IS NULL AND t.status IN ('closed', 'cancelled') "
                      "AND coalesce(t.closed_at, t.updated_at) < ? ORDER BY t.id");
    q.bind(ended_before);
    return read_retention_tickets(q);
}

std::vector<RetentionTicket> RetentionRepo::tickets_of(const std::string& phone) {
    Query q(m_db, std::string(k_retention_ticket_select) + "WHERE t.phone = ? AND t.purged_at IS NULL ORDER BY t.id");
    q.bind(phone);
    return read_retention_tickets(q);
}

std::vector<RetentionRecord> RetentionRepo::ended_deposits(Timestamp ended_before) {
    return retention_records(m_db, "deposits", "coalesce(released_at, disposed_at)",
                             "status <> 'stored' AND coalesce(released_at, disposed_at) < ?", ended_before);
}

std::vector<RetentionRecord> RetentionRepo::deposits_of(const std::string& phone) {
    return retention_records(m_db, "deposits", "coalesce(released_at, disposed_at)", "phone = ?", phone);
}

std::vector<RetentionRecord> RetentionRepo::ended_loans(Timestamp ended_before) {
    return retention_records(m_db, "loans", "returned_at", "returned_at IS NOT NULL AND returned_at < ?", ended_before);
}

std::vector<RetentionRecord> RetentionRepo::loans_of(const std::string& phone) {
    return retention_records(m_db, "loans", "returned_at", "phone = ?", phone);
}

std::optional<std::int64_t> RetentionRepo::customer_of(const std::string& phone) {
    Query q(m_db, "SELECT id FROM customers WHERE phone = ? AND purged_at IS NULL");
    q.bind(phone);
    if (!q.step()) return std::nullopt;
    return q.integer(0);
}

void RetentionRepo::purge_ticket(std::int64_t id, const std::optional<std::string>& phone_key, Timestamp now) {
    const auto& d = m_db.dialect();
    // The ticket first: the search index's trigger takes out its old entry while the notes it
    // was written with are still in the history.
    Query(m_db, "UPDATE tickets SET customer = ?, phone = ?, subject = ?, "
                "description = CASE WHEN description IS NULL THEN NULL ELSE ? END, "
                "resolution = CASE WHEN resolution IS NULL THEN NULL ELSE ? END, "
                "flags = '', language = NULL, purged_at = ? WHERE id = ?")
        .bind(k_erased_value).bind(phone_key).bind(k_erased_value).bind(k_erased_value).bind(k_erased_value).bind(now).bind(id)
        .exec();
    if (!d.search_unindex.empty()) Query(m_db, std::string(d.search_unindex)).bind(id).exec();
    {
        std::vector<std::tuple<std::int64_t, std::string, std::optional<std::string>>> events;
        Query q(m_db, "SELECT id, changes, reason FROM ticket_events WHERE ticket_id = ? ORDER BY id");
        q.bind(id);
        while (q.step()) events.emplace_back(q.integer(0), q.text(1), q.opt_text(2));
        Query update(m_db, "UPDATE ticket_events SET changes = ?, reason = ? WHERE id = ?");
        for (const auto& [event, changes, reason] : events) {
            std::string json;
            store_detail::append_changes_json(json, erase_personal_changes(store_detail::parse_changes_json(changes)));
            update.bind(json).bind(reason ? std::optional(k_erased_value) : std::nullopt).bind(event).exec();
            update.reset();
        }
    }
    if (!d.search_reindex.empty()) Query(m_db, std::string(d.search_reindex)).bind(id).exec();
    erase_callback_texts("ticket_id", id);
}

void RetentionRepo::erase_callback_texts(std::string_view owner, std::int64_t id) {
    Query(m_db, fmt::format("UPDATE callbacks SET cancel_reason = ? WHERE {} = ? AND cancel_reason IS NOT NULL", owner))
        .bind(k_erased_value).bind(id).exec();
    Query(m_db, fmt::format("UPDATE callback_attempts SET note = ? WHERE note IS NOT NULL AND callback_id IN "
                            "(SELECT id FROM callbacks WHERE {} = ?)",
                            owner))
        .bind(k_erased_value).bind(id).exec();
}

void RetentionRepo::purge_deposit(std::int64_t id, Timestamp now) {
    Query(m_db, "UPDATE deposits SET items = ?, depositor = ?, phone = '', id_last4 = '', id_hash = '', "
                "proxy_name = CASE WHEN proxy_name IS NULL THEN NULL ELSE ? END, "
                "proxy_id_last4 = CASE WHEN proxy_id_last4 IS NULL THEN NULL ELSE '' END, "
                "proxy_id_hash = CASE WHEN proxy_id_hash IS NULL THEN NULL ELSE '' END, "
                "disposal_method = CASE WHEN disposal_method IS NULL THEN NULL ELSE ? END, "
                "purged_at = ? WHERE id = ?")
        .bind(k_erased_value).bind(k_erased_value).bind(k_erased_value).bind(k_erased_value).bind(now).bind(id).exec();
    std::vector<std::pair<std::int64_t, std::string>> events;
    {
        Query q(m_db, "SELECT id, details FROM deposit_events WHERE deposit_id = ? ORDER BY id");
        q.bind(id);
        while (q.step()) events.emplace_back(q.integer(0), q.text(1));
    }
    Query update(m_db, "UPDATE deposit_events SET details = ? WHERE id = ?");
    for (const auto& [event, details] : events) {
        update.bind(erased_deposit_details(details)).bind(event).exec();
        update.reset();
    }
    Query(m_db, "UPDATE deposit_handover_items SET items = ? WHERE deposit_id = ?").bind(k_erased_value).bind(id).exec();
}

void RetentionRepo::purge_loan(std::int64_t id, Timestamp now) {
    Query(m_db, "UPDATE loans SET borrower = ?, phone = '', id_last4 = '', id_hash = '', "
                "note = CASE WHEN note IS NULL THEN NULL ELSE ? END, purged_at = ? WHERE id = ?")
        .bind(k_erased_value).bind(k_erased_value).bind(now).bind(id).exec();
    erase_callback_texts("loan_id", id); // an overdue loan's callback (schema v9)
}

void RetentionRepo::purge_customer(std::int64_t id, Timestamp now) {
    Query(m_db, "UPDATE customers SET phone = ?, names = '[]', flags = '', language = NULL, notes = NULL, "
                "purged_at = ? WHERE id = ?")
        .bind(erased_phone_key(id)).bind(now).bind(id).exec();
}

} // namespace svcdesk
