// A bulk load into SQLite leaves WAL mode for a rollback journal and always comes back to it:
// when it finishes, and when the next process opens a database whose load was killed.
#include <svcdesk/store/import_repo.hpp>
#include <svcdesk/store/store.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace svcdesk;

namespace {

constexpr std::uint64_t k_large_input = 64ULL << 20;

// A fresh database file in a folder of its own, removed afterwards.
struct TempDatabase {
    std::filesystem::path dir;
    std::string path;
    TempDatabase() {
        char pattern[] = "/tmp/svcdesk-unit-XXXXXX";
        REQUIRE(::mkdtemp(pattern) != nullptr);
        dir = pattern;
        path = (dir / "svcdesk.db").string();
    }
    ~TempDatabase() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

// The journal mode recorded in the file header: bytes 18 and 19 are 2 in WAL mode, 1 otherwise.
bool header_says_wal(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char header[20] = {};
    in.read(header, sizeof header);
    REQUIRE(in.gcount() == sizeof header);
    return header[18] == 2 && header[19] == 2;
}

} // namespace

TEST_CASE("sqlite load: a large load uses a rollback journal and returns to WAL when it finishes") {
    TempDatabase db;
    auto store = open_store({db.path});
    REQUIRE(header_says_wal(db.path));

    store->imports().prepare_load(k_large_input);
    CHECK_FALSE(header_says_wal(db.path));
    store->imports().finish_load();
    CHECK(header_says_wal(db.path));
    store->imports().finish_load(); // a second call changes nothing
    CHECK(header_says_wal(db.path));
}

TEST_CASE("sqlite load: small, unknown-size and shared loads stay in WAL mode") {
    TempDatabase db;
    auto store = open_store({db.path});

    store->imports().prepare_load(64 * 1024);
    CHECK(header_says_wal(db.path));
    store->imports().finish_load();

    store->imports().prepare_load(std::nullopt); // standard input
    CHECK(header_says_wal(db.path));
    store->imports().finish_load();

    // Another connection is open: leaving WAL would need the database to itself.
    auto other = open_store({db.path});
    store->imports().prepare_load(k_large_input);
    CHECK(header_says_wal(db.path));
    store->imports().finish_load();
    CHECK(header_says_wal(db.path));
}

TEST_CASE("sqlite load: the next open returns a database to WAL after a load that never finished") {
    TempDatabase db;
    {
        auto store = open_store({db.path});
        store->imports().prepare_load(k_large_input);
        REQUIRE_FALSE(header_says_wal(db.path));
        // the process dies here: finish_load() never runs
    }
    CHECK_FALSE(header_says_wal(db.path));
    auto store = open_store({db.path});
    CHECK(header_says_wal(db.path));
    CHECK(store->schema_version() == current_schema_version());
}

TEST_CASE("sqlite load: a database written with a rollback journal on purpose keeps it") {
    TempDatabase db;
    auto backup = (db.dir / "backup.db").string();
    {
        auto store = open_store({db.path});
        store->backup(backup); // backups are single files, in rollback-journal mode
    }
    REQUIRE_FALSE(header_says_wal(backup));
    auto opened = open_store({backup});
    CHECK(opened->schema_version() == current_schema_version());
    CHECK_FALSE(header_says_wal(backup));
}
