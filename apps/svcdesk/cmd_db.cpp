// Database commands: init, db check, db backup, db migrate, db copy.
#include "app.hpp"

#include <svcdesk/error.hpp>
#include <svcdesk/store/copy.hpp>

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
    db->add_subcommand("migrate", "Bring an existing database to the schema of this version")->callback([&app] {
        app.action = [&app] {
            StoreOptions options;
            options.location = database_path(app.options, app.config());
            options.busy_timeout_ms = app.config().busy_timeout_ms;
            options.create = false; // a typo in the location must not create an empty database
            auto store = open_store(options);
            app.say(fmt::format("database {} is at schema version {}", store->location(), store->schema_version()));
        };
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
        cmd->callback([&app, opts] {
            app.action = [&app, opts] {
                StoreOptions from;
                from.location = opts->from;
                from.busy_timeout_ms = app.config().busy_timeout_ms;
                from.create = false;
                StoreOptions to = from;
                to.location = opts->to;
                to.create = true;
                auto source = open_store(from);
                auto target = open_store(to);
                auto copied = copy_database(*source, *target);
                std::int64_t rows = 0;
                for (const auto& t : copied) {
                    if (!app.options.quiet) {
                        std::cout << fmt::format("{:<24} {:>9} rows  sha256 {}\n", t.table, t.rows, t.checksum);
                    }
                    rows += t.rows;
                }
                app.say(fmt::format("copied {} rows from {} to {}; counts and checksums verified", rows,
                                    source->location(), target->location()));
            };
        });
    }
}

} // namespace svcdesk::cli
