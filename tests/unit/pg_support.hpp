#pragma once
// The test cluster of `make test` (tests/pg/cluster.sh) for the unit tests that run on
// PostgreSQL: its URL, and a database of a test's own on it.

#include <svcdesk/store/postgres/pg.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>

namespace svcdesk::testing {

// The base URL of the test cluster, when SVCDESK_TEST_PG_STATE names it. When it is set and
// holds no URL, the calling case fails: it never passes by skipping PostgreSQL.
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

} // namespace svcdesk::testing
