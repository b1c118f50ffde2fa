#pragma once
// The customers table (schema version 4): one record per normalised phone.

#include <svcdesk/domain/customer.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {

namespace sql {
class Driver;
}

struct CustomerFilter {
    std::optional<std::string> flag; // one of k_customer_flags
    std::optional<std::string> name; // part of a name seen (case-insensitive for Latin letters)
    std::optional<std::size_t> limit;
};

class CustomerRepo {
  public:
    explicit CustomerRepo(sql::Driver& db) : m_db(db) {}
    std::optional<Customer> find(CustomerId id);
    std::optional<Customer> find_by_phone(const std::string& phone);
    // Inserts `c` when its id is 0 (returns the new id), else updates it (returns its id).
    CustomerId save(const Customer& c);
    // Newest record first; purged records (issue 24) left out.
    std::vector<Customer> list(const CustomerFilter& filter);
    // What the at-risk rule needs of every phone with a ticket of `complaint_categories` created
    // after `since`, or a ticket marked dissatisfied after it (only `phone` when given).
    std::map<std::string, RiskFacts> risk_facts(const std::vector<std::string>& complaint_categories,
                                                Timestamp since,
                                                const std::optional<std::string>& phone = std::nullopt);
    // One INSERT ... SELECT: a record for every phone of a ticket above `after_ticket` (or of a
    // deposit above `after_deposit`) that has none yet, with the names seen on them (imports, the
    // v4 migration). Returns the number of records made.
    // The highest ticket id (0 for none): where an import's new tickets begin.
    std::int64_t last_ticket_id();
    std::int64_t fill_from_records(std::int64_t after_ticket, std::int64_t after_deposit);

  private:
    sql::Driver& m_db;
};

} // namespace svcdesk
