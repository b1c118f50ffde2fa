#include <svcdesk/store/copy.hpp>
#include <svcdesk/store/location.hpp>

#include <doctest/doctest.h>

using namespace svcdesk;

TEST_CASE("the database location picks the backend") {
    CHECK(is_postgres_location("postgresql://desk@db1:5432/svcdesk"));
    CHECK(is_postgres_location("postgres://db1/svcdesk"));
    CHECK(is_postgres_location("host=db1 dbname=svcdesk"));
    CHECK(is_postgres_location("dbname = svcdesk"));
    CHECK_FALSE(is_postgres_location("/var/lib/svcdesk/svcdesk.db"));
    CHECK_FALSE(is_postgres_location("svcdesk.db"));
    CHECK_FALSE(is_postgres_location(":memory:"));
    CHECK_FALSE(is_postgres_location("./a=b.db"));
}

TEST_CASE("passwords never reach a message") {
    CHECK(mask_location("postgresql://desk:s3cret@db1:5432/svcdesk") == "postgresql://desk:***@db1:5432/svcdesk");
    CHECK(mask_location("postgresql://desk@db1/svcdesk?password=s3cret&sslmode=require") ==
          "postgresql://desk@db1/svcdesk?password=***&sslmode=require");
    CHECK(mask_location("host=db1 password=s3cret dbname=x") == "host=db1 password=*** dbname=x");
    CHECK(mask_location("postgresql://desk@db1/svcdesk") == "postgresql://desk@db1/svcdesk");
    CHECK(mask_location("/tmp/pass:word@x.db") == "/tmp/pass:word@x.db");
}

TEST_CASE("db copy: a SQLite database copies into another, verified, and never into one with data") {
    StoreOptions a{":memory:"}, b{":memory:"};
    auto from = open_store(a);
    auto to = open_store(b);
    from->write([&] {
        from->staff().insert({"boss", "杨昕", "internal", {"supervisor"}, "13800000001", true});
        from->salt();
    });
    auto copied = copy_database(*from, *to);
    REQUIRE(copied.size() == copy_tables().size());
    CHECK(copied[0].table == "meta");
    CHECK(copied[0].rows == 1);
    CHECK(copied[1].rows == 1);
    CHECK(to->staff().find("boss")->name == "杨昕");
    CHECK(to->salt() == from->salt());
    CHECK_THROWS_WITH(copy_database(*from, *to), ":memory: is not empty (table meta has rows); copy into a new database");
}
