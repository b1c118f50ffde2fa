#include <svcdesk/error.hpp>
#include <svcdesk/ops/staff.hpp>
#include <svcdesk/text.hpp>

namespace svcdesk {

Staff add_staff(Context& ctx, const StaffRequest& r) {
    Staff staff;
    validate_staff_id(r.id);
    staff.id = r.id;
    check_text("name", r.name, ctx.config.limits.customer, true);
    staff.name = r.name;
    staff.desk = ctx.config.desk(r.desk).id;
    staff.roles = parse_roles(r.roles);
    if (!r.phone.empty()) check_text("phone", r.phone, 32, true);
    staff.phone = r.phone;
    ctx.store.write([&] {
        if (ctx.store.staff().count() > 0) require_actor(ctx);
        ctx.store.staff().insert(staff);
    });
    return staff;
}

void deactivate_staff(Context& ctx, const std::string& id) {
    ctx.store.write([&] {
        require_actor(ctx);
        auto staff = ctx.store.staff().find(id);
        if (!staff) fail(Code::not_found, "no staff member '{}'", id);
        if (!staff->active) fail(Code::refused, "staff member {} is already deactivated", id);
        staff->active = false;
        ctx.store.staff().update(*staff);
    });
}

std::vector<Staff> list_staff(Context& ctx, bool include_inactive) {
    std::vector<Staff> out;
    ctx.store.read([&] { out = ctx.store.staff().list(include_inactive); });
    return out;
}

Staff find_staff(Context& ctx, const std::string& id) {
    std::optional<Staff> staff;
    ctx.store.read([&] { staff = ctx.store.staff().find(id); });
    if (!staff) fail(Code::not_found, "no staff member '{}'", id);
    return *staff;
}

} // namespace svcdesk
