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

std::string acting_desk(const Context& ctx, const Staff& actor, const std::optional<std::string>& desk) {
    if (desk) return *desk;
    return ctx.config.find_desk(actor.desk) ? actor.desk : ctx.config.default_desk;
}

} // namespace svcdesk
