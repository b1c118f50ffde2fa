// Database commands: init, db check, db backup, db migrate, db copy.
#include "app.hpp"

#include <svcdesk/i18n.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/ops/database.hpp>

#include <iostream>

namespace svcdesk::cli {
namespace {

// The chain's head as one line: "audit chain: 12 events, head 12 sha256 ab12..." (or why none).
std::string chain_text(const AuditChain& chain) {
    if (!chain.head_id) return _("audit chain: no events");
    return format_message("audit chain: {} events, head {} {}", chain.events, *chain.head_id,
                       chain.head_hash ? "sha256 " + *chain.head_hash
                                       : std::string(_("(no hash: written before version 2)")));
}

void run_check(App& app) {
    auto report = check_database(app.context());
    if (app.format({"table", "json"}) == "json") {
        Json out = {{"ok", report.problems.empty()},
                    {"sandbox", report.sandbox},
                    {"problems", report.problems},
                    {"notes", report.notes},
                    {"tickets", report.tickets},
                    {"events", report.events},
                    {"staff", report.staff},
                    {"audit",
                     {{"events", report.audit.events},
                      {"head_id", json_or_null(report.audit.head_id)},
                      {"head_hash", json_or_null(report.audit.head_hash)}}}};
        std::cout << out.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
    } else {
        for (const auto& problem : report.problems) {
            std::cout << format_message("problem: {}", problem) << '\n';
        }
        for (const auto& note : report.notes) std::cout << format_message("note: {}", note) << '\n';
        if (report.sandbox) {
            std::cout << _("note: a sandbox database: --as and SVCDESK_NOW are taken at their word") << '\n';
        }
    }
    if (!report.problems.empty()) {
        fail(Code::internal, "database {} has {} problem(s)", app.store().location(),
             report.problems.size());
    }
    if (app.format({"table", "json"}) == "json") return;
    app.say(format_message("ok: {} tickets, {} events, {} staff", report.tickets, report.events,
                        report.staff));
    // The head is for the log of a cron job: printed under --quiet too.
    std::cout << chain_text(report.audit) << '\n';
}

} // namespace

void register_db_commands(CLI::App& cli, App& app) {
    auto* cmd_init = cli.add_subcommand("init", "Create the database, or migrate it to this version");
    auto sandbox = std::make_shared<bool>(false);
    cmd_init->add_flag("--sandbox", *sandbox,
                       "A new sandbox database (demo, tests, training): --as and SVCDESK_NOW are trusted");
    app.command(cmd_init, {Access::own, Actor::anyone}, [&app, sandbox] {
        if (*sandbox && privileged()) fail(Code::permission, "svcdesk runs setgid: the system database is never a sandbox");
        auto& store = app.init_store(*sandbox);
        bool is_sandbox = false;
        store.read([&] { is_sandbox = store.sandbox(); });
        app.say(is_sandbox ? format_message("sandbox database {} ready (schema version {})", store.location(),
                                            store.schema_version())
                           : format_message("database {} ready (schema version {})", store.location(),
                                            store.schema_version()));
    });
    auto* db = cli.add_subcommand("db", "Database maintenance");
    db->require_subcommand(1);
    auto* cmd_check = db->add_subcommand("check", "Check storage integrity and the domain invariants");
    cmd_check->footer(
        "The audit chain's head (last event id and hash) is printed so that a cron job can log it\n"
        "elsewhere: a trail rewritten from an earlier event on then no longer ends in it.");
    // Its own read (ops/database.hpp), which checks the actor: the problems it prints stand even
    // though the command then fails.
    app.command(cmd_check, {Access::own}, [&app] { run_check(app); });
    {
        auto path = std::make_shared<std::string>();
        auto* cmd = db->add_subcommand("backup", "Copy the database to FILE (consistent while others write)");
        cmd->footer("Example: svcdesk db backup /var/backups/svcdesk-2026-11-23.db");
        app.values(cmd->add_option("file", *path, "Target file (must not exist)"), k_file_values)
            ->required();
        // The backup takes its own snapshot (store.hpp), so the command runs no transaction.
        app.command(cmd, {Access::own}, [&app, path] {
            backup_database(app.context(), *path);
            app.say(format_message("backup written to {}", *path));
        });
    }
    auto* cmd_migrate = db->add_subcommand("migrate", "Bring an existing database to the schema of this version");
    app.command(cmd_migrate, {Access::own, Actor::anyone}, [&app] {
        auto status = migrate_database(app.config(), app.database());
        app.say(format_message("database {} is at schema version {}", status.location, status.schema_version));
    });
    {
        struct CopyOptions {
            std::string from, to;
        };
        auto opts = std::make_shared<CopyOptions>();
        auto* cmd = db->add_subcommand("copy", "Copy every record into a new database (SQLite or PostgreSQL)");
        cmd->footer("Example: svcdesk db copy --from /var/lib/svcdesk/svcdesk.db --to postgresql://svcdesk@db1/svcdesk");
        cmd->add_option("--from", opts->from, "Source: SQLite file or postgresql:// URL")->required();
        cmd->add_option("--to", opts->to, "Target, empty or new: SQLite file or postgresql:// URL")->required();
        // Two databases of its own: --from and --to, not --db.
        app.command(cmd, {Access::own}, [&app, opts] {
            auto copy = copy_databases(app.config(), app.caller(), opts->from, opts->to);
            for (const auto& t : copy.tables) {
                if (!app.options.quiet) {
                    std::cout << fmt::format("{:<24} {:>9} rows  sha256 {}\n", t.table, t.rows, t.checksum);
                }
            }
            app.say(format_message("copied {} rows from {} to {}; counts and checksums verified", copy.rows, copy.from,
                                copy.to));
        });
    }
}

} // namespace svcdesk::cli
