#pragma once
// Staff use cases. Throw Error like every op.

#include <svcdesk/ops/context.hpp>

#include <optional>
#include <vector>

namespace svcdesk {

struct StaffRequest {
    std::string id;
    std::string name;
    std::string desk;
    std::string roles; // comma-separated
    std::string phone;
};

// The very first staff member of a database needs no actor; after that an active one acts.
Staff add_staff(Context& ctx, const StaffRequest& request);
// Changes the fields given; supervisors only. Refused (4) when no active supervisor would remain.
struct StaffUpdate {
    std::string id;
    std::optional<std::string> name, desk, roles, phone;
    bool reactivate = false;
};
Staff update_staff(Context& ctx, const StaffUpdate& update);
void deactivate_staff(Context& ctx, const std::string& id);
std::vector<Staff> list_staff(Context& ctx, bool include_inactive);
// Throws Error(not_found).
Staff find_staff(Context& ctx, const std::string& id);

} // namespace svcdesk
