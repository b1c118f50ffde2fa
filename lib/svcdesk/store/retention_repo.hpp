#pragma once
// What a purge reads and writes (issue 24, ops/retention.hpp): the ended records not yet
// anonymised, and the anonymisation of one record (domain/retention.hpp says what it leaves).

#include <svcdesk/domain/retention.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {
namespace sql {
class Driver;
}

// A ticket not yet purged, with what decides when it may be (TicketEnd).
struct RetentionTicket {
    std::int64_t id = 0;
    std::optional<std::string> phone;
    std::string category;
    bool ended = false; // closed or cancelled
    Timestamp ended_at{};
    std::optional<Timestamp> last_callback;
    bool callback_pending = false;
    std::int64_t callbacks = 0;
};

// A deposit or a loan not yet purged: its phone and when it ended (nullopt: still open).
struct RetentionRecord {
    std::int64_t id = 0;
    std::string phone;
    std::optional<Timestamp> ended_at;
};

class RetentionRepo {
  public:
    explicit RetentionRepo(sql::Driver& db) : m_db(db) {}

    // Ended tickets not purged that ended before `ended_before`.
    std::vector<RetentionTicket> ended_tickets(Timestamp ended_before);
    // Every ticket not purged with this phone (open ones too).
    std::vector<RetentionTicket> tickets_of(const std::string& phone);
    // Released or disposed deposits not purged that ended before `ended_before`; or, with a
    // phone, every deposit not purged with it (stored ones with no end).
    std::vector<RetentionRecord> ended_deposits(Timestamp ended_before);
    std::vector<RetentionRecord> deposits_of(const std::string& phone);
    // Returned loans not purged that came back before `ended_before`; or every loan of a phone.
    std::vector<RetentionRecord> ended_loans(Timestamp ended_before);
    std::vector<RetentionRecord> loans_of(const std::string& phone);
    // The customer record of `phone` not purged (its id), if any.
    std::optional<std::int64_t> customer_of(const std::string& phone);

    // Anonymise one record and mark it purged at `now`. A ticket's phone becomes `phone_key`
    // (nullopt: it had none); its history, callbacks, call attempts and search entry follow.
    void purge_ticket(std::int64_t id, const std::optional<std::string>& phone_key, Timestamp now);
    void purge_deposit(std::int64_t id, Timestamp now);
    void purge_loan(std::int64_t id, Timestamp now);
    void purge_customer(std::int64_t id, Timestamp now);

  private:
    // The cancel reasons and call notes of the callbacks whose `owner` column (ticket_id or
    // loan_id) is `id`.
    void erase_callback_texts(std::string_view owner, std::int64_t id);

    sql::Driver& m_db;
};

} // namespace svcdesk
