// Database commands: init, db check, db backup.
#include "app.hpp"

#include <svcdesk/error.hpp>

#include <iostream>

namespace svcdesk::cli {

void register_db_commands(CLI::App& cli, App& app) {
    cli.add_subcommand("init", "Create the database, or migrate it to this version")->callback([&app] {
        app.action = [&app] {
            auto& store = app.store();
            app.say(fmt::format("database {} ready (schema version {})", store.location(), store.schema_version()));
        };
    });
    auto* db = cli.add_subcommand("db", "Database maintenance");
    db->require_subcommand(1);
    db->add_subcommand("check", "Check storage integrity and the domain invariants")->callback([&app] {
        app.action = [&app] {
            auto report = app.store().check();
            for (const auto& problem : report.problems) std::cout << "problem: " << problem << '\n';
            if (!report.problems.empty()) {
                fail(Code::internal, "database {} has {} problem(s)", app.store().location(), report.problems.size());
            }
            app.say(fmt::format("ok: {} tickets, {} events, {} staff", report.tickets, report.events, report.staff));
        };
    });
    {
        auto path = std::make_shared<std::string>();
        auto* cmd = db->add_subcommand("backup", "Copy the database to FILE (consistent while others write)");
        cmd->footer("Example: svcdesk db backup /var/backups/svcdesk-2026-11-23.db");
        cmd->add_option("file", *path, "Target file (must not exist)")->required();
        cmd->callback([&app, path] {
            app.action = [&app, path] {
                app.store().backup(*path);
                app.say("backup written to " + *path);
            };
        });
    }
}

} // namespace svcdesk::cli
