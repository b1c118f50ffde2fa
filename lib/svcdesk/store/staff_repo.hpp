#pragma once
// Storage of the staff list.

#include <svcdesk/domain/staff.hpp>
#include <svcdesk/time.hpp>

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
    // The active staff member bound to an OS login / a database role.
    std::optional<Staff> find_by_login(const std::string& login);
    std::optional<Staff> find_by_db_role(const std::string& role);
    // Whether any active staff member has a login, a database role or a PIN: until one has, the
    // database is unclaimed and its first supervisor may bind themselves (ops/identity.hpp).
    bool any_bound();

    // PINs: the stored hash (empty when none) and the failed attempts since the last success.
    struct Pin {
        std::string hash;
        int failures = 0;
    };
    Pin pin(const std::string& id);
    void set_pin(const std::string& id, const std::string& hash); // also clears the failures
    void set_pin_failures(const std::string& id, int failures);

    // PIN sessions on shared OS accounts, keyed by the account and its login session.
    struct Session {
        std::string staff;
        Timestamp expires_at;
    };
    void open_session(const std::string& staff, const std::string& os_user, const std::string& terminal,
                      Timestamp now, Timestamp expires_at);
    std::optional<Session> session(const std::string& os_user, const std::string& terminal, Timestamp now);
    // Ends the open sessions of the account and terminal; returns how many there were.
    std::int64_t end_sessions(const std::string& os_user, const std::string& terminal, Timestamp now);

private:
    sql::Driver& m_db;
};

} // namespace svcdesk
