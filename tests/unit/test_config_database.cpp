// Where the database is: --db, SVCDESK_DB, the config's [database] path, then the XDG data folder.
#include <svcdesk/config/config.hpp>
#include <svcdesk/error.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unistd.h>

using namespace svcdesk;
namespace fs = std::filesystem;

namespace {

// Sets or unsets environment variables for one test and puts them back afterwards, so that
// the cases that run after it in the same process see the environment they started with.
class Env {
public:
    void set(const char* name, std::optional<std::string> value) {
        if (!m_saved.count(name)) {
            const char* old = std::getenv(name);
            m_saved[name] = old ? std::optional<std::string>(old) : std::nullopt;
        }
        if (value) ::setenv(name, value->c_str(), 1);
        else ::unsetenv(name);
    }
    ~Env() {
        for (const auto& [name, value] : m_saved) {
            if (value) ::setenv(name.c_str(), value->c_str(), 1);
            else ::unsetenv(name.c_str());
        }
    }

private:
    std::map<std::string, std::optional<std::string>> m_saved;
};

fs::path temp_home() {
    auto dir = fs::temp_directory_path() / ("svcdesk-home-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

} // namespace

TEST_CASE("database location: --db, then SVCDESK_DB, then [database] path") {
    Env env;
    auto config = load_config_text("", "test.toml");
    env.set("SVCDESK_DB", "/srv/env.db");
    CHECK(database_location(std::string("/srv/flag.db"), config) == "/srv/flag.db");
    CHECK(database_location(std::string(""), config) == "/srv/env.db"); // an empty --db is not given
    CHECK(database_location(std::nullopt, config) == "/srv/env.db");
    env.set("SVCDESK_DB", std::nullopt);
    config.database_path = "/srv/config.db";
    CHECK(database_location(std::nullopt, config) == "/srv/config.db");
}

TEST_CASE("database location: the XDG data folder, created private, else ~/.local/share") {
    Env env;
    auto config = load_config_text("", "test.toml");
    auto home = temp_home();
    env.set("SVCDESK_DB", std::nullopt);
    env.set("XDG_DATA_HOME", (home / "data").string());
    CHECK(database_location(std::nullopt, config) == (home / "data/svcdesk/svcdesk.db").string());
    CHECK((fs::status(home / "data/svcdesk").permissions() & fs::perms::all) == fs::perms::owner_all);
    env.set("XDG_DATA_HOME", std::nullopt);
    env.set("HOME", home.string());
    CHECK(database_location(std::nullopt, config) == (home / ".local/share/svcdesk/svcdesk.db").string());
    env.set("HOME", std::nullopt);
    CHECK_THROWS_WITH_AS(database_location(std::nullopt, config), "no database given: use --db PATH or set SVCDESK_DB",
                         Error);
    fs::remove_all(home);
}
