// Staff commands: add, list, show, update, deactivate.
#include "app.hpp"

#include <svcdesk/i18n.hpp>
#include <svcdesk/io/records.hpp>
#include <svcdesk/ops/roster.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/ops/identity.hpp>
#include <svcdesk/ops/staff.hpp>

#include <algorithm>

namespace svcdesk::cli {
namespace {

// Changing staff is a supervisor's (permission staff_edit). Adding is too, except for the very
// first member of a database, who has no one to act for them: `staff add` declares anyone and
// its op decides.
constexpr CommandInfo k_staff_edit{Access::write, Actor::supervisor, N_("add or change staff")};

} // namespace

void register_staff_commands(CLI::App& cli, App& app) {
    auto* staff = cli.add_subcommand("staff", "Staff members");
    staff->require_subcommand(1);
    {
        auto o = make_options<StaffRequest>();
        auto* cmd = staff->add_subcommand("add", "Add a staff member (the first: a supervisor bound to you)");
        cmd->footer("Example: svcdesk staff add s002 --name 张三 --desk internal --role agent --login zhangsan");
        app.values(cmd->add_option("id", o->id, "Staff id, e.g. s001"), "staff")->required();
        cmd->add_option("--name", o->name, "Name")->required();
        app.values(cmd->add_option("--desk", o->desk, "Desk"), "desk")->required();
        app.values(cmd->add_option("--role", o->roles,
                                   "Role(s), comma-separated, e.g. agent,supervisor"),
                   "role")
            ->required();
        app.secret(cmd, "--phone", "Phone number", "Phone", false,
                   [o](std::string v) { o->phone = std::move(v); });
        cmd->add_option("--login", o->login, "OS user who is this staff member (proves identity on SQLite)");
        cmd->add_option("--db-role", o->db_role, "PostgreSQL role who is this staff member");
        app.command(cmd, {Access::write, Actor::anyone}, [&app, o] {
            auto added = add_staff(app.context(), *o);
            app.say(format_message("added staff {}", added.id));
        });
    }
    {
        auto all = std::make_shared<bool>(false);
        auto* cmd = staff->add_subcommand("list", "List staff members");
        cmd->add_flag("--all", *all, "Include deactivated staff");
        app.command(cmd, {Access::read}, [&app, all] {
            Json records = Json::array();
            for (const auto& s : list_staff(app.context(), *all)) records.push_back(staff_json(s));
            app.print_list(records, {field("id", "id"), field("name", "name"), field("desk", "desk"),
                                     field("roles", "roles"), field("phone", "phone"), field("active", "active")});
        });
    }
    {
        auto id = std::make_shared<std::string>();
        auto* cmd = staff->add_subcommand("show", "Show one staff member");
        app.values(cmd->add_option("id", *id, "Staff id"), "staff")->required();
        app.command(cmd, {Access::read}, [&app, id] {
            auto& ctx = app.context();
            auto record = staff_json(find_staff(ctx, *id));
            // Where the roster places the member today and right now.
            auto day = local_day(ctx.now, ctx.zone());
            Json shift_today;
            for (const auto& line : show_roster(ctx, day, day)) {
                if (line.staff.id == *id) shift_today = line.entry.shift;
            }
            auto duty = roster_on_duty(ctx, ctx.now);
            bool on_duty = std::any_of(duty.begin(), duty.end(), [&](const Duty& d) { return d.staff.id == *id; });
            record["shift_today"] = shift_today;
            record["on_duty"] = on_duty;
            app.print_record(record);
        });
    }
    {
        auto o = make_options<StaffUpdate>();
        auto* cmd = staff->add_subcommand("update", "Change a staff member's name, desk, roles or phone (supervisors)");
        app.values(cmd->add_option("id", o->id, "Staff id"), "staff")->required();
        cmd->add_option("--name", o->name, "Name");
        app.values(cmd->add_option("--desk", o->desk, "Desk"), "desk");
        app.values(cmd->add_option("--role", o->roles,
                                   "Role(s), comma-separated; replaces the current roles"),
                   "role");
        app.secret(cmd, "--phone", "Phone number (empty to remove)", "Phone", false,
                   [o](std::string v) { o->phone = std::move(v); });
        cmd->add_option("--login", o->login, "OS user who is this staff member (empty to unbind)");
        cmd->add_option("--db-role", o->db_role, "PostgreSQL role who is this staff member (empty to unbind)");
        cmd->add_flag("--reactivate", o->reactivate, "Make a deactivated member active again");
        // Supervisors; or, once, whoever claims a database that no one is bound to yet (the op).
        app.command(cmd, {Access::write, Actor::anyone}, [&app, o] {
            auto updated = update_staff(app.context(), *o);
            app.say(format_message("updated staff {}", updated.id));
        });
    }
    {
        auto id = std::make_shared<std::string>();
        struct PinOptions {
            std::string staff;
            bool pin_stdin = false;
        };
        auto o = make_options<PinOptions>();
        auto* cmd = staff->add_subcommand("pin", "Set your own PIN, or (supervisors) anyone's, which unlocks it");
        cmd->footer("The PIN (4 to 12 digits) is asked twice on the terminal, or read from standard input.\n"
                    "Example: printf '%s\\n' 4821 | svcdesk staff pin s002 --pin-stdin");
        app.values(cmd->add_option("staff", o->staff, "Staff id (default: yourself)"), "staff");
        cmd->add_flag("--pin-stdin", o->pin_stdin, "Read the new PIN from standard input");
        // The PIN is typed before any transaction opens: no lock is held while someone types.
        app.command(cmd, {Access::own}, [&app, o] {
            auto& ctx = app.context();
            auto target = o->staff.empty() ? ctx.actor.value_or("") : o->staff;
            if (target.empty()) ctx.store.read([&] { require_actor(ctx); });
            auto pin = read_pin(format_message("new PIN for {}", target), o->pin_stdin);
            if (!o->pin_stdin && read_pin(_("the new PIN again"), false) != pin) {
                fail(Code::invalid, "the two PINs differ");
            }
            set_pin(ctx, target, pin);
            app.say(format_message("PIN set for {}", target));
        });
    }
    {
        auto id = std::make_shared<std::string>();
        auto how = std::make_shared<Deactivation>();
        auto* cmd = staff->add_subcommand("deactivate", "Deactivate a staff member (kept for history)");
        app.values(cmd->add_option("id", *id, "Staff id"), "staff")->required();
        app.values(cmd->add_option("--reassign-to", how->reassign_to,
                                   "Give their open tickets and pending callbacks to this staff member"),
                   "staff");
        cmd->add_flag("--force", how->force, "Deactivate although they still hold open work (recorded)");
        cmd->footer("Example: svcdesk staff deactivate in07 --reassign-to in03");
        app.command(cmd, k_staff_edit, [&app, id, how] {
            deactivate_staff(app.context(), *id, *how);
            app.say(format_message("deactivated staff {}", *id));
        });
    }
}

} // namespace svcdesk::cli
