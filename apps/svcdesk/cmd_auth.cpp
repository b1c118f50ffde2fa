// Identity commands (issue 18): login, logout, whoami, and the secret input they share.
#include "app.hpp"

#include <svcdesk/error.hpp>
#include <svcdesk/text.hpp>

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace svcdesk::cli {
namespace {

// One line from `fd`, without its line end; nullopt at once at end of input.
std::optional<std::string> read_line(int fd) {
    std::string line;
    char c = 0;
    ssize_t n = 0;
    while ((n = ::read(fd, &c, 1)) == 1 && c != '\n') line += c;
    if (n < 0) fail(Code::internal, "cannot read the secret: {}", std::strerror(errno));
    if (n == 0 && line.empty()) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

} // namespace

std::string read_secret(const std::string& prompt, bool from_stdin) {
    if (from_stdin) {
        auto line = read_line(STDIN_FILENO);
        if (!line) fail(Code::invalid, "standard input is empty: expected one line");
        return *line;
    }
    int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (tty < 0) fail(Code::invalid, "no terminal to ask on; give it on standard input (see --help)");
    termios saved{};
    bool echo_off = ::tcgetattr(tty, &saved) == 0;
    if (echo_off) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    (void)!::write(tty, prompt.data(), prompt.size());
    std::optional<std::string> line;
    try {
        line = read_line(tty);
    } catch (...) {
        if (echo_off) ::tcsetattr(tty, TCSAFLUSH, &saved);
        ::close(tty);
        throw;
    }
    if (echo_off) ::tcsetattr(tty, TCSAFLUSH, &saved);
    (void)!::write(tty, "\n", 1);
    ::close(tty);
    if (!line) fail(Code::invalid, "nothing was typed");
    return *line;
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
            auto pin = read_secret(fmt::format("PIN for {}: ", o->staff), o->pin_stdin);
            app.ignore_requested_identity();
            auto& ctx = app.context();
            auto identity = login(ctx, app.caller(), o->staff, pin);
            app.say(fmt::format("logged in as {} ({}) until {}", identity.staff.id, identity.staff.name,
                                format_local(*identity.session_expires, ctx.zone())));
        });
    }
    {
        auto* cmd = cli.add_subcommand("logout", "End the PIN session of this terminal");
        app.command(cmd, {Access::own, Actor::anyone}, [&app] {
            app.ignore_requested_identity();
            if (logout(app.context(), app.caller())) app.say("logged out");
            else app.say("no PIN session on this terminal");
        });
    }
    {
        auto* cmd = cli.add_subcommand("whoami", "Who svcdesk takes you for, and how that was proven");
        app.command(cmd, {Access::read, Actor::anyone}, [&app] {
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
