#pragma once
// The customers table (schema version 4): one record per normalised phone.

#include <svcdesk/domain/customer.hpp>

#include <optional>
#include <string>

namespace svcdesk {

namespace sql {
class Driver;
}

class CustomerRepo {
  public:
    explicit CustomerRepo(sql::Driver& db) : m_db(db) {}
    std::optional<Customer> find(CustomerId id);
    std::optional<Customer> find_by_phone(const std::string& phone);
    // Inserts `c` when its id is 0 (returns the new id), else updates it (returns its id).
    CustomerId save(const Customer& c);

  private:
    sql::Driver& m_db;
};

} // namespace svcdesk
