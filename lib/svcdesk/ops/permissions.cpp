#include <svcdesk/error.hpp>
#include <svcdesk/ops/permissions.hpp>

namespace svcdesk {

Staff require_permission(Context& ctx, Permission p) {
    auto staff = require_actor(ctx);
    if (!may(staff, p)) {
        fail(Code::permission, "{} may not {}: that needs the role {} (has {})", staff.id,
             _(std::string(permission_rule(p).name).c_str()),
             allowed_roles_text(p), join_roles(staff.roles));
    }
    return staff;
}

} // namespace svcdesk
