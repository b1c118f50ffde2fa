// Identity commands (issue 18): login, logout, whoami; PINs are read through secret_input.hpp.
#include "app.hpp"
#include "secret_input.hpp"

#include <svcdesk/i18n.hpp>
#include <svcdesk/error.hpp>

namespace svcdesk::cli {

std::string read_pin(std::string_view prompt, bool from_stdin) {
    auto pin = from_stdin ? read_secret_line("--pin-stdin", prompt) : ask_secret("PIN", prompt);
    remember_secret(pin);
    return pin;
}

void register_auth_commands(CLI::App& cli, App& app) {
    {
        struct LoginOptions {
            std::string staff;
            bool pin_stdin = false;
        };
        auto o = make_options<LoginOptions>();
        auto* cmd = cli.add_subcommand("login", "Open a PIN session on a shared desk computer");
        cmd->footer("Until logout, the end of your shift or [auth] session_hours, svcdesk acts as STAFF for this\n"
                    "OS account in this terminal (or login session). Example: svcdesk login s002");
        app.values(cmd->add_option("staff", o->staff, "Your staff id"), "staff")->required();
        cmd->add_flag("--pin-stdin", o->pin_stdin, "Read the PIN from standard input (scripts, tests)");
        // The PIN is the proof: no identity before it, and its check writes (a failure counts).
        app.command(cmd, {Access::own, Actor::anyone}, [&app, o] {
            auto pin = read_pin(format_message("PIN for {}", o->staff), o->pin_stdin);
            app.ignore_requested_identity();
            auto& ctx = app.context();
            auto identity = login(ctx, app.caller(), o->staff, pin);
            app.say(format_message("logged in as {} ({}) until {}", identity.staff.id, identity.staff.name,
                                format_local(*identity.session_expires, ctx.zone())));
        });
    }
    {
        auto* cmd = cli.add_subcommand("logout", "End the PIN session of this terminal");
        app.command(cmd, {Access::own, Actor::anyone}, [&app] {
            app.ignore_requested_identity();
            if (logout(app.context(), app.caller())) app.say(_("logged out"));
            else app.say(_("no PIN session on this terminal"));
        });
    }
    {
        auto* cmd = cli.add_subcommand("whoami", "Who svcdesk takes you for, and how that was proven");
        // On the primary: whoami checks what login (or staff update --db-role) just wrote.
        app.command(cmd, {.access = Access::read, .actor = Actor::anyone, .primary = true}, [&app] {
            const auto& check = app.identity();
            if (!check.identity) fail(Code::permission, "no identity: {}", check.missing);
            const auto& who = *check.identity;
            auto expires = who.session_expires;
            Json record = {{"staff", who.staff.id},
                           {"name", who.staff.name},
                           {"roles", who.staff.roles},
                           {"proof", std::string(proof_name(who.proof))},
                           {"os_user", app.caller().os_user},
                           {"sandbox", check.sandbox},
                           {"session_expires", expires ? Json(format_iso(*expires, app.config().zone)) : Json()}};
            app.print_record(record);
        });
    }
}

} // namespace svcdesk::cli
