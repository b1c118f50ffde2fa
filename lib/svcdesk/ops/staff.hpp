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
    std::string login = {};   // OS user proving who they are (SQLite); the first member: the caller
    std::string db_role = {}; // PostgreSQL role proving who they are; the first member: the caller's
};

// The very first staff member of a database needs no actor; on a production database it must be
// a supervisor bound to whoever runs the command (their OS login, or on PostgreSQL their role).
// After that a supervisor acts.
Staff add_staff(Context& ctx, const StaffRequest& request);
// Changes the fields given; supervisors only. Refused (4) when no active supervisor would remain.
struct StaffUpdate {
    std::string id;
    std::optional<std::string> name, desk, roles, phone, login, db_role; // "" unbinds login/db_role
    bool reactivate = false;
};
// A database whose staff has no binding yet (one made before identities were proven) is claimed
// by binding a supervisor to whoever runs `staff update ID --login ME` (or --db-role): allowed
// without an actor, once.
Staff update_staff(Context& ctx, const StaffUpdate& update);
// Deactivating someone who still holds open tickets or pending callbacks (issue 21): refused
// (Error(refused) listing them) unless their work goes to `reassign_to` (each ticket an "assign"
// event, each callback its new handler) or `force` leaves it where it is, recorded in the audit.
struct Deactivation {
    std::optional<std::string> reassign_to;
    bool force = false;
};
void deactivate_staff(Context& ctx, const std::string& id, const Deactivation& how = {});
std::vector<Staff> list_staff(Context& ctx, bool include_inactive);
// Throws Error(not_found).
Staff find_staff(Context& ctx, const std::string& id);

} // namespace svcdesk
