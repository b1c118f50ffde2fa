#pragma once
// Storage of the roster: at most one shift per staff member per date (a split shift is one
// template with two parts; a double shift would be a template of its own).

#include <svcdesk/domain/roster.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {
namespace sql {
class Driver;
}


class RosterRepo {
public:
    explicit RosterRepo(sql::Driver& db) : m_db(db) {}
    // Inserts or replaces the entry of (staff, day); `actor` and `at` say who set it and when.
    void set(const RosterEntry& entry, const std::string& actor, Timestamp at);
    // Removes the entry of (staff, day); returns false when there was none.
    bool clear(const std::string& staff, date::local_days day);
    std::optional<RosterEntry> find(const std::string& staff, date::local_days day);
    // Entries with from <= day <= to, by day then staff; optionally of one staff member or desk.
    std::vector<RosterEntry> range(date::local_days from, date::local_days to,
                                           const std::optional<std::string>& staff = {},
                                           const std::optional<std::string>& desk = {});
    std::int64_t count();

private:
    sql::Driver& m_db;
};

} // namespace svcdesk
