#pragma once
// The repository suites' backends: SQLite always (in memory); PostgreSQL too when
// SVCDESK_TEST_PG_STATE names the throw-away cluster of `make test` (tests/pg/cluster.sh), each
// case in a database of its own. When it is set and the cluster cannot be reached, the cases
// fail: they never pass by skipping PostgreSQL.

#include <svcdesk/store/postgres/pg.hpp>
#include <svcdesk/store/store.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <unistd.h>

namespace svcdesk::testing {

// The base URL of the test cluster, when the suite is to run on PostgreSQL too.
inline std::optional<std::string> pg_url() {
    const char* state = std::getenv("SVCDESK_TEST_PG_STATE");
    if (!state || !*state) return std::nullopt;
    std::ifstream in(std::string(state) + "/url");
    std::string url;
    REQUIRE_MESSAGE(std::getline(in, url), "no test cluster URL in ", state);
    return url;
}

// A database of its own on the test cluster, dropped afterwards.
class PgDatabase {
  public:
    explicit PgDatabase(const std::string& base) : m_admin(base + "/postgres") {
        static int counter = 0;
        m_name = fmt::format("svcdesk_repos_{}_{}", ::getpid(), ++counter);
        m_admin.exec_script("CREATE DATABASE " + m_name);
        url = base + "/" + m_name;
    }
    ~PgDatabase() {
        try {
            m_admin.exec_script(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", m_name));
        } catch (const std::exception&) {
            // the cluster is going away with its databases
        }
    }
    PgDatabase(const PgDatabase&) = delete;
    PgDatabase& operator=(const PgDatabase&) = delete;
    std::string url;

  private:
    postgres::Connection m_admin;
    std::string m_name;
};

// Runs `check` on a new, empty store of each backend.
inline void on_each_backend(const std::function<void(Store&)>& check) {
    {
        CAPTURE("sqlite");
        auto store = open_store({":memory:"});
        check(*store);
    }
    if (auto base = pg_url()) {
        CAPTURE("postgresql");
        PgDatabase db(*base);
        auto store = open_store({db.url});
        check(*store);
    }
}

} // namespace svcdesk::testing
