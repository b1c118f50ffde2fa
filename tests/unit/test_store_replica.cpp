// Reads on a replica (issue 22): which commands read it (CommandInfo::reads_replica), where its
// location comes from and what it must be (SVCDESK_READ_DB, [database] read_url, beside a
// PostgreSQL primary only), and the replica store itself: read-only, never migrated. The
// streaming replica proper, a second postmaster, is tests/pg/test_pg_replica.sh's.
#include <svcdesk/config/config.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/ops/command.hpp>
#include <svcdesk/ops/database.hpp>
#include <svcdesk/store/postgres/pg.hpp>
#include <svcdesk/store/store.hpp>

#include "backends.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <string>

using namespace svcdesk;
using svcdesk::testing::pg_url;
using svcdesk::testing::PgDatabase;

namespace {

// Sets an environment variable for one case and puts the old value back.
class EnvVar {
  public:
    EnvVar(const char* name, std::optional<std::string> value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        set(value);
    }
    ~EnvVar() { set(m_old); }
    EnvVar(const EnvVar&) = delete;
    EnvVar& operator=(const EnvVar&) = delete;

  private:
    void set(const std::optional<std::string>& value) {
        if (value)
            ::setenv(m_name, value->c_str(), 1);
        else
            ::unsetenv(m_name);
    }
    const char* m_name;
    std::optional<std::string> m_old;
};

StoreOptions replica_of(const std::string& location) {
    return StoreOptions{.location = location, .create = false, .replica = true};
}

} // namespace

TEST_CASE("reads on a replica: commands that only read, unless they need the primary") {
    CHECK(CommandInfo{Access::read}.reads_replica());
    CHECK(CommandInfo{Access::read, Actor::supervisor, "read the audit trail"}.reads_replica());
    CHECK(CommandInfo{Access::read, Actor::anyone}.reads_replica());
    // whoami: what login just wrote
    CHECK_FALSE(CommandInfo{.access = Access::read, .actor = Actor::anyone, .primary = true}
                    .reads_replica());
    // every write, a --reveal among them (it writes an audit event), and the commands that open
    // the database themselves (init, db, import) or none
    CHECK_FALSE(
        CommandInfo{Access::write, Actor::supervisor, "reveal personal data"}.reads_replica());
    CHECK_FALSE(CommandInfo{Access::write, Actor::staff}.reads_replica());
    CHECK_FALSE(CommandInfo{Access::own}.reads_replica());
    CHECK_FALSE(CommandInfo{Access::none}.reads_replica());
}

TEST_CASE("reads on a replica: SVCDESK_READ_DB, then [database] read_url, the latter beside its "
          "own primary only") {
    EnvVar read_env("SVCDESK_READ_DB", std::nullopt);
    EnvVar db_env("SVCDESK_DB", std::nullopt);
    auto config = load_config_text(
        "[database]\nurl = \"postgresql://db1/svcdesk\"\nread_url = \"postgresql://db2/svcdesk\"\n",
        "test.toml");
    REQUIRE(config.database_read_url == "postgresql://db2/svcdesk");
    CHECK(read_database_location(std::nullopt, config) == "postgresql://db2/svcdesk");
    CHECK(read_database_location(std::string(""), config) ==
          "postgresql://db2/svcdesk"); // an empty --db
    // another database named for this run: the configured replica is not its replica
    CHECK(read_database_location(std::string("postgresql://db9/restored"), config) == std::nullopt);
    {
        EnvVar other("SVCDESK_DB", "postgresql://db9/restored");
        CHECK(read_database_location(std::nullopt, config) == std::nullopt);
    }
    {
        EnvVar env("SVCDESK_READ_DB", "postgresql://db3/svcdesk");
        CHECK(read_database_location(std::nullopt, config) == "postgresql://db3/svcdesk");
        CHECK(read_database_location(std::string("postgresql://db9/restored"), config) ==
              "postgresql://db3/svcdesk");
    }
    {
        EnvVar empty("SVCDESK_READ_DB", ""); // empty is not given, as for SVCDESK_DB
        CHECK(read_database_location(std::nullopt, config) == "postgresql://db2/svcdesk");
    }
    // an empty read_url in a later layer turns the replica off
    CHECK(load_config_text("[database]\nread_url = \"\"\n", "test.toml").database_read_url ==
          std::nullopt);
    CHECK(read_database_location(std::nullopt, load_config_text("", "test.toml")) == std::nullopt);
}

TEST_CASE("reads on a replica: only beside a PostgreSQL primary, and only a PostgreSQL server") {
    CHECK_THROWS_WITH_AS(
        check_read_location("/srv/svcdesk.db", "postgresql://desk:s3cret@db2/svcdesk"),
        "database.read_url or SVCDESK_READ_DB names a replica (postgresql://desk:***@db2/svcdesk), "
        "but the database /srv/svcdesk.db is a SQLite file, which has none: unset it, or use a "
        "PostgreSQL server",
        Error);
    CHECK_THROWS_WITH_AS(
        check_read_location("postgresql://db1/svcdesk", "/srv/copy.db"),
        "database.read_url or SVCDESK_READ_DB must be a PostgreSQL server (postgresql://...), not "
        "/srv/copy.db",
        Error);
    CHECK_NOTHROW(check_read_location("postgresql://db1/svcdesk", "host=db2 dbname=svcdesk"));
    CHECK_THROWS_WITH_AS(open_store(replica_of(":memory:")),
                         "a replica is a PostgreSQL server, not :memory:", Error);
}

TEST_SUITE("repositories") {

    TEST_CASE("a replica store on PostgreSQL: reads, refuses every write, is never migrated") {
        auto base = pg_url();
        if (!base) return; // a replica is a PostgreSQL server
        PgDatabase db(*base);
        open_store({db.url}); // the primary: created and migrated
        auto replica = open_store(replica_of(db.url));
        std::int64_t tickets = -1;
        replica->read([&] { tickets = replica->tickets().count(); });
        CHECK(tickets == 0);
        // read-only by svcdesk's own hand, even on a server that would take the write
        CHECK_THROWS_WITH_AS(replica->write([&] { replica->mark_sandbox(); }),
                             doctest::Contains("the database is read-only (a standby server?)"),
                             Error);
        CHECK_FALSE(replica->sandbox());

        // one schema version behind (the replica has not replayed the primary's migration yet):
        // refused, and left as it is
        postgres::Connection admin(db.url);
        admin.exec_script("UPDATE schema_version SET version = version - 1");
        const int behind = current_schema_version() - 1;
        const auto refusal = fmt::format(
            "has schema version {}, older than this svcdesk's ({}): migrate the primary "
            "(svcdesk db migrate) and let the replica catch up",
            behind, behind + 1);
        CHECK_THROWS_WITH_AS(open_store(replica_of(db.url)), doctest::Contains(refusal.c_str()),
                             Error);
        CHECK(admin.exec("SELECT version FROM schema_version").integer(0, 0) == behind);
    }

    TEST_CASE(
        "a replica store on PostgreSQL: a database without the schema is refused, not created") {
        auto base = pg_url();
        if (!base) return;
        PgDatabase db(*base);
        CHECK_THROWS_WITH_AS(open_store(replica_of(db.url)),
                             doctest::Contains("(is it a replica of the primary?)"), Error);
        postgres::Connection admin(db.url);
        CHECK(admin.exec("SELECT to_regclass('schema_version') IS NULL").text(0, 0) == "t");
    }

} // TEST_SUITE
