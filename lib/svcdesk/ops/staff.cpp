#include <svcdesk/error.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/permissions.hpp>
#include <svcdesk/ops/staff.hpp>
#include <svcdesk/text.hpp>

#include <algorithm>

namespace svcdesk {
namespace {

// Supervisor-only actions must stay possible: someone active has to hold the role.
void keep_a_supervisor(Context& ctx, const Staff& changed) {
    auto all = ctx.store.staff().list(false);
    bool any = std::any_of(all.begin(), all.end(), [&](const Staff& s) {
        const Staff& now = s.id == changed.id ? changed : s;
        return now.active && now.is_supervisor();
    });
    if (!any) fail(Code::refused, "{} is the last active supervisor; make someone else a supervisor first", changed.id);
}

std::string staff_subject(const std::string& id) { return "staff " + id; }

// What an update changed, for the audit trail: "roles agent -> agent,supervisor; phone". Names
// and phones are not repeated there, only that they changed.
std::string changes(const Staff& before, const Staff& after) {
    std::string out;
    auto add = [&](std::string text) { out += (out.empty() ? "" : "; ") + text; };
    if (before.name != after.name) add("name");
    if (before.desk != after.desk) add(fmt::format("desk {} -> {}", before.desk, after.desk));
    if (before.roles != after.roles) {
        add(fmt::format("roles {} -> {}", join_roles(before.roles), join_roles(after.roles)));
    }
    if (before.phone != after.phone) add("phone");
    if (before.active != after.active) add("reactivated");
    return out.empty() ? "no change" : out;
}

} // namespace

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
        if (ctx.store.staff().count() > 0) require_permission(ctx, Permission::staff_edit);
        ctx.store.staff().insert(staff);
        record_audit(ctx, "staff.add", staff_subject(staff.id),
                     fmt::format("desk {}, roles {}", staff.desk, join_roles(staff.roles)));
    });
    return staff;
}

Staff update_staff(Context& ctx, const StaffUpdate& u) {
    if (u.name) check_text("name", *u.name, ctx.config.limits.customer, true);
    if (u.desk) ctx.config.desk(*u.desk);
    auto roles = u.roles ? std::optional(parse_roles(*u.roles)) : std::nullopt;
    if (u.phone && !u.phone->empty()) check_text("phone", *u.phone, 32, true);
    if (!u.name && !u.desk && !roles && !u.phone && !u.reactivate) {
        fail(Code::invalid, "nothing to change: give --name, --desk, --role, --phone or --reactivate");
    }
    Staff staff;
    ctx.store.write([&] {
        require_permission(ctx, Permission::staff_edit);
        auto found = ctx.store.staff().find(u.id);
        if (!found) fail(Code::not_found, "no staff member '{}'", u.id);
        staff = *found;
        if (u.name) staff.name = *u.name;
        if (u.desk) staff.desk = *u.desk;
        if (roles) staff.roles = *roles;
        if (u.phone) staff.phone = *u.phone;
        if (u.reactivate) staff.active = true;
        if (found->is_supervisor() && found->active) keep_a_supervisor(ctx, staff);
        ctx.store.staff().update(staff);
        record_audit(ctx, "staff.update", staff_subject(staff.id), changes(*found, staff));
    });
    return staff;
}

void deactivate_staff(Context& ctx, const std::string& id) {
    ctx.store.write([&] {
        require_permission(ctx, Permission::staff_edit);
        auto staff = ctx.store.staff().find(id);
        if (!staff) fail(Code::not_found, "no staff member '{}'", id);
        if (!staff->active) fail(Code::refused, "staff member {} is already deactivated", id);
        staff->active = false;
        if (staff->is_supervisor()) keep_a_supervisor(ctx, *staff);
        ctx.store.staff().update(*staff);
        record_audit(ctx, "staff.deactivate", staff_subject(id),
                     fmt::format("roles {}", join_roles(staff->roles)));
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
