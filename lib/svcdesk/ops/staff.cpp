#include <svcdesk/error.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/permissions.hpp>
#include <svcdesk/ops/staff.hpp>
#include <svcdesk/ops/tickets.hpp>
#include <svcdesk/text.hpp>

#include <fmt/ranges.h>

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

// What a staff member still holds: open tickets assigned to them, and pending callbacks that
// they would make (their own, or those of a ticket that falls back to them as its owner).
struct OpenWork {
    std::vector<TicketId> tickets;
    std::vector<CallbackId> callbacks; // every pending callback that names them as its handler
    std::vector<Callback> own_callbacks; // of those, the ones that name them themselves

    bool empty() const { return tickets.empty() && callbacks.empty(); }
    std::string describe() const {
        std::string out;
        if (!tickets.empty()) out = fmt::format("open tickets {}", fmt::join(tickets, ", "));
        if (!callbacks.empty()) {
            out += fmt::format("{}pending callbacks {}", out.empty() ? "" : " and ", fmt::join(callbacks, ", "));
        }
        return out;
    }
};

OpenWork open_work(Context& ctx, const std::string& id) {
    OpenWork work;
    TicketFilter tickets;
    tickets.assignee = id;
    tickets.statuses = {Status::assigned, Status::in_progress, Status::waiting};
    tickets.now = ctx.now;
    for (const auto& t : ctx.store.tickets().list(tickets)) work.tickets.push_back(t.id);
    std::sort(work.tickets.begin(), work.tickets.end());
    CallbackFilter callbacks;
    callbacks.handler = id;
    callbacks.statuses = {CallbackStatus::pending};
    for (const auto& l : ctx.store.callbacks().list(callbacks)) {
        work.callbacks.push_back(l.callback.id);
        // A callback of a ticket assigned to them follows the ticket; the others are given over.
        if (l.assignee != id) work.own_callbacks.push_back(l.callback);
    }
    std::sort(work.callbacks.begin(), work.callbacks.end());
    return work;
}

// OS user names and PostgreSQL role names as typed: plain, so they are never mistaken.
void check_binding(std::string_view what, const std::string& name) {
    bool ok = name.size() <= 63 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
               c == '.' || c == '$';
    });
    if (!ok) fail(Code::invalid, "invalid {} '{}': letters, digits, '_', '-', '.' only", what, name);
}

// The member being bound to whoever runs the command: their OS login, or their database role.
void bind_to_caller(Context& ctx, Staff& staff, std::string_view why) {
    if (auto role = ctx.store.session_role()) {
        if (staff.db_role.empty()) staff.db_role = *role;
        if (staff.db_role != *role) {
            fail(Code::permission, "{} must be bound to the database role running this ({}), not '{}'", why, *role,
                 staff.db_role);
        }
    } else {
        if (staff.login.empty()) staff.login = ctx.os_user;
        if (staff.login != ctx.os_user) {
            fail(Code::permission, "{} must be bound to the OS user running this ({}), not '{}'", why, ctx.os_user,
                 staff.login);
        }
    }
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
    if (!r.login.empty()) check_binding("login", r.login);
    if (!r.db_role.empty()) check_binding("database role", r.db_role);
    staff.login = r.login;
    staff.db_role = r.db_role;
    ctx.store.write([&] {
        if (ctx.store.staff().count() > 0) {
            require_permission(ctx, Permission::staff_edit);
        } else if (!ctx.store.sandbox()) {
            // Bootstrap (issue 18): someone must be able to prove who they are from now on.
            if (!staff.is_supervisor()) fail(Code::permission, "the first staff member must be a supervisor");
            bind_to_caller(ctx, staff, "the first staff member");
        }
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
    if (u.login && !u.login->empty()) check_binding("login", *u.login);
    if (u.db_role && !u.db_role->empty()) check_binding("database role", *u.db_role);
    if (!u.name && !u.desk && !roles && !u.phone && !u.login && !u.db_role && !u.reactivate) {
        fail(Code::invalid, "nothing to change: give --name, --desk, --role, --phone, --login, --db-role or --reactivate");
    }
    Staff staff;
    ctx.store.write([&] {
        auto found = ctx.store.staff().find(u.id);
        bool claim = !ctx.actor && !ctx.store.sandbox() && !ctx.store.staff().any_bound();
        if (!claim) require_permission(ctx, Permission::staff_edit);
        if (!found) fail(Code::not_found, "no staff member '{}'", u.id);
        staff = *found;
        if (claim) {
            // An unclaimed database: its first binding makes a supervisor provable, nothing else.
            if (!found->active || !found->is_supervisor() || u.name || u.desk || roles || u.phone || u.reactivate) {
                require_permission(ctx, Permission::staff_edit);
            }
            if (u.login) staff.login = *u.login;
            if (u.db_role) staff.db_role = *u.db_role;
            bind_to_caller(ctx, staff, "the first binding of this database");
        }
        if (u.name) staff.name = *u.name;
        if (u.desk) staff.desk = *u.desk;
        if (roles) staff.roles = *roles;
        if (u.phone) staff.phone = *u.phone;
        if (u.login) staff.login = *u.login;
        if (u.db_role) staff.db_role = *u.db_role;
        if (u.reactivate) staff.active = true;
        if (found->is_supervisor() && found->active) keep_a_supervisor(ctx, staff);
        ctx.store.staff().update(staff);
        record_audit(ctx, "staff.update", staff_subject(staff.id), changes(*found, staff));
    });
    return staff;
}

void deactivate_staff(Context& ctx, const std::string& id, const Deactivation& how) {
    if (how.reassign_to && how.force) fail(Code::invalid, "give --reassign-to or --force, not both");
    ctx.store.write([&] {
        auto actor = require_permission(ctx, Permission::staff_edit);
        auto staff = ctx.store.staff().find(id);
        if (!staff) fail(Code::not_found, "no staff member '{}'", id);
        if (!staff->active) fail(Code::refused, "staff member {} is already deactivated", id);
        std::optional<Staff> heir;
        if (how.reassign_to) {
            heir = ctx.store.staff().find(*how.reassign_to);
            if (!heir) fail(Code::not_found, "no staff member '{}'", *how.reassign_to);
            if (!heir->active || heir->id == id) {
                fail(Code::refused, "--reassign-to {}: give an active staff member other than {}", heir->id, id);
            }
        }
        auto work = open_work(ctx, id);
        std::string detail = fmt::format("roles {}", join_roles(staff->roles));
        if (!work.empty()) {
            if (!heir && !how.force) {
                fail(Code::refused, "{} still has {}; give --reassign-to STAFF, or --force to leave them", id,
                     work.describe());
            }
            if (heir) {
                auto reason = fmt::format("{} deactivated: work handed over to {}", id, heir->id);
                hand_over_tickets(ctx, actor, id, heir->id, reason);
                for (auto c : work.own_callbacks) {
                    c.handler = heir->id;
                    ctx.store.callbacks().update(c);
                }
                detail += fmt::format("; {} handed over to {}", work.describe(), heir->id);
            } else {
                detail += fmt::format("; forced, leaving {}", work.describe());
            }
        }
        staff->active = false;
        if (staff->is_supervisor()) keep_a_supervisor(ctx, *staff);
        ctx.store.staff().update(*staff);
        record_audit(ctx, "staff.deactivate", staff_subject(id), detail);
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
