#pragma once
// Checks the acting staff member against the roles table (domain/permissions.hpp).

#include <svcdesk/domain/permissions.hpp>
#include <svcdesk/ops/context.hpp>

namespace svcdesk {

// The acting staff member (require_actor), whose roles must allow `p`. Call inside a
// transaction. Throws Error(permission) naming the roles that may.
Staff require_permission(Context& ctx, Permission p);

} // namespace svcdesk
