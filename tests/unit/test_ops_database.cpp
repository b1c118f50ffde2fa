// The database as a whole (ops/database.hpp): check, backup and copy need an active staff member
// (issue 18); migrate and completion never create a database.
#include <svcdesk/error.hpp>
#include <svcdesk/ops/database.hpp>
#include <svcdesk/ops/staff.hpp>
#include <svcdesk/ops/tickets.hpp>

#include "support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

using namespace svcdesk;
namespace fs = std::filesystem;

namespace {

struct Centre {
    fs::path dir = fs::temp_directory_path() / ("svcdesk-db-" + std::to_string(::getpid()));
    Config config = load_config_text("", "test.toml");
    std::string location = (dir / "centre.db").string();
    std::unique_ptr<Store> store;
    Context ctx;

    Centre()
        : store(prepare()),
          ctx{config, *store, parse_time("2026-11-23T09:00", config.zone, Timestamp{}), std::nullopt} {
        ctx.actor = "boss";
        add_staff(ctx, {"boss", "杨昕", "internal", "supervisor,agent", ""});
        add_staff(ctx, {"a1", "张三", "internal", "agent", ""});
        deactivate_staff(ctx, "a1");
        IntakeRequest r;
        r.category = "other";
        r.customer = "王女士";
        r.subject = "问路";
        intake(ctx, r);
        ctx.actor.reset();
    }
    ~Centre() {
        store.reset();
        fs::remove_all(dir);
    }

    std::unique_ptr<Store> prepare() {
        fs::remove_all(dir);
        fs::create_directories(dir);
        return init_database(config, location, true); // a sandbox: Caller::requested is the actor
    }
    std::string path(const char* name) const { return (dir / name).string(); }
};

using svcdesk::testing::code_of;

} // namespace

TEST_CASE("db check: a healthy database, checked by a staff member, refused to no one (issue 18)") {
    Centre c;
    CHECK(code_of([&] { check_database(c.ctx); }) == Code::permission);
    c.ctx.actor = "boss";
    auto report = check_database(c.ctx);
    CHECK(report.problems.empty());
    CHECK(report.tickets == 1);
    CHECK(report.staff == 2);
    c.ctx.actor = "boss";
    CHECK(check_database(c.ctx).problems.empty());
}

TEST_CASE("db check, backup, copy: a named actor who is not an active staff member is refused") {
    Centre c;
    for (const char* who : {"ghost", "a1"}) {
        CAPTURE(who);
        c.ctx.actor = who;
        CHECK(code_of([&] { check_database(c.ctx); }) == Code::permission);
        CHECK(code_of([&] { backup_database(c.ctx, c.path("backup.db")); }) == Code::permission);
        CHECK_FALSE(fs::exists(c.path("backup.db")));
        CHECK(code_of([&] { copy_databases(c.config, Caller{"root", "sid 1", c.ctx.actor}, c.location, c.path("copy.db")); }) ==
              Code::permission);
        CHECK_FALSE(fs::exists(c.path("copy.db"))); // refused before the target is created
    }
}

TEST_CASE("db backup and db copy: complete copies that pass db check") {
    Centre c;
    c.ctx.actor = "boss";
    backup_database(c.ctx, c.path("backup.db"));
    CHECK((fs::status(c.path("backup.db")).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
    CHECK(code_of([&] { backup_database(c.ctx, c.path("backup.db")); }) == Code::invalid); // never overwritten

    auto copy = copy_databases(c.config, Caller{"root", "sid 1", std::string("boss")}, c.location, c.path("copy.db"));
    CHECK(copy.to == c.path("copy.db"));
    CHECK(copy.rows > 0);
    std::int64_t rows = 0;
    for (const auto& t : copy.tables) rows += t.rows;
    CHECK(rows == copy.rows);

    for (const char* name : {"backup.db", "copy.db"}) {
        auto other = open_database(c.config, c.path(name), false);
        Context ctx{c.config, *other, c.ctx.now, std::string("boss")};
        auto report = check_database(ctx);
        CHECK(report.problems.empty());
        CHECK(report.tickets == 1);
    }
}

TEST_CASE("db migrate and completion never create a database") {
    Centre c;
    CHECK(database_exists(c.location));
    CHECK_FALSE(database_exists(c.path("none.db")));
    CHECK_FALSE(database_exists(":memory:"));
    CHECK(database_exists("postgresql://svcdesk@db1/svcdesk")); // asking the server would cost a connection
    CHECK(code_of([&] { migrate_database(c.config, c.path("none.db")); }) == Code::internal);
    CHECK_FALSE(fs::exists(c.path("none.db")));
    auto status = migrate_database(c.config, c.location);
    CHECK(status.location == c.location);
    CHECK(status.schema_version == schema_version_written());
}
