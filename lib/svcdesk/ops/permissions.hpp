#pragma once
// Checks the acting staff member against the roles table (domain/permissions.hpp).

#include <svcdesk/domain/permissions.hpp>
#include <svcdesk/ops/context.hpp>

namespace svcdesk {

// The acting staff member (require_actor), whose roles must allow `p`. Call inside a
// transaction. Throws Error(permission) naming the roles that may.
Staff require_permission(Context& ctx, Permission p);
// The desk a command of `actor` works at: `desk` when given, else the actor's own desk when the
// configuration knows it, else the default desk.
std::string acting_desk(const Context& ctx, const Staff& actor, const std::optional<std::string>& desk);

} // namespace svcdesk
