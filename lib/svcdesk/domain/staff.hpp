#pragma once
// Staff members of the service centre and the roles that decide what they may do.

#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

inline constexpr std::string_view k_roles[] = {
    "supervisor", "dispatcher", "front_desk", "escort",   "specimen",  "medicine",      "errands",
    "disinfection", "delivery", "warehouse",  "stretcher", "green_channel", "agent",
    "system"}; // system: the identity of cron jobs (reports, sweeps, imports)

struct Staff {
    std::string id;
    std::string name;
    std::string desk;
    std::vector<std::string> roles;
    std::string phone; // empty when unknown
    bool active = true;
    // Who they are on the system (issue 18): an OS login (SQLite) and a database role
    // (PostgreSQL) that prove their identity; empty when not bound.
    std::string login = {};
    std::string db_role = {};

    bool has_role(std::string_view role) const;
    bool is_supervisor() const { return has_role("supervisor"); }
};

// "agent,supervisor" → validated roles in the order given, without repeats.
// Throws Error(invalid) on an unknown or missing role.
std::vector<std::string> parse_roles(std::string_view text);
std::string join_roles(const std::vector<std::string>& roles);

// Staff ids are short codes typed at the shell: letters, digits, '-', '_' and '.', 1-32 chars.
// Throws Error(invalid).
void validate_staff_id(std::string_view id);

} // namespace svcdesk
