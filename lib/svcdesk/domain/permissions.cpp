#include <svcdesk/domain/permissions.hpp>
#include <svcdesk/i18n.hpp>

#include <algorithm>
#include <string>

namespace svcdesk {
namespace {

// Desk roles that deal with customers and may route work; escorts and other field roles take
// tickets but do not hand them out.
constexpr PermissionRule k_table[] = {
    {Permission::ticket_work, N_("ticket work"), {}},
    {Permission::ticket_assign, N_("assign tickets"), {"supervisor", "dispatcher", "front_desk", "agent"}},
    // Seed 001 §七 / issue 19: the desk roles that take items in and hand them out; an escort,
    // a porter or a dispatcher does not.
    {Permission::deposit_work, N_("handle deposits"), {"supervisor", "front_desk", "agent"}},
    {Permission::roster_edit, N_("edit the roster"), {"supervisor", "dispatcher"}},
    {Permission::staff_edit, N_("add or change staff"), {"supervisor"}},
    {Permission::deposit_dispose, N_("dispose of unclaimed deposits"), {"supervisor"}},
    {Permission::proxy_approve, N_("approve proxy pickups"), {"supervisor"}},
    {Permission::reveal, N_("reveal personal data"), {"supervisor"}},
    {Permission::closed_tickets, N_("change other people's closed tickets"), {"supervisor"}},
    // The desk roles that talk to callers (issue 20, customer records).
    {Permission::customer_edit, N_("edit customer records"), {"supervisor", "dispatcher", "front_desk", "agent"}},
    // Issue 24: the nightly purge runs as the cron jobs' identity, or a supervisor runs it.
    {Permission::purge, N_("purge personal data past its retention period"), {"supervisor", "system"}},
};

} // namespace

std::span<const PermissionRule> permission_table() { return k_table; }

const PermissionRule& permission_rule(Permission p) {
    return *std::find_if(std::begin(k_table), std::end(k_table), [&](const PermissionRule& r) { return r.permission == p; });
}

bool may(const Staff& staff, Permission p) {
    const auto& rule = permission_rule(p);
    if (rule.roles[0].empty() || staff.is_supervisor()) return true;
    return std::any_of(std::begin(rule.roles), std::end(rule.roles),
                       [&](std::string_view role) { return !role.empty() && staff.has_role(role); });
}

std::string allowed_roles_text(Permission p) {
    const auto& rule = permission_rule(p);
    if (rule.roles[0].empty()) return _("every role");
    std::string out;
    for (auto role : rule.roles) {
        if (!role.empty()) out += (out.empty() ? "" : ", ") + std::string(role);
    }
    return out;
}

} // namespace svcdesk
