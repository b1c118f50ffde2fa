#pragma once
// Staff use cases. Throw Error like every op.

#include <svcdesk/ops/context.hpp>

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
void deactivate_staff(Context& ctx, const std::string& id);
std::vector<Staff> list_staff(Context& ctx, bool include_inactive);
// Throws Error(not_found).
Staff find_staff(Context& ctx, const std::string& id);

} // namespace svcdesk
