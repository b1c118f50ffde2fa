#pragma once
// Storage of the staff list.

#include <svcdesk/domain/staff.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {
namespace sql {
class Driver;
}

class StaffRepo {
public:
    explicit StaffRepo(sql::Driver& db) : m_db(db) {}
    // Throws Error(refused) when the id exists already.
    void insert(const Staff& staff);
    void update(const Staff& staff);
    std::optional<Staff> find(const std::string& id);
    std::vector<Staff> list(bool include_inactive);
    std::int64_t count();

private:
    sql::Driver& m_db;
};

} // namespace svcdesk
