#include <svcdesk/config/config.hpp>
#include <svcdesk/error.hpp>

#include <cstdlib>
#include <filesystem>

namespace svcdesk {
namespace {

// The database named for this run: --db unless empty, then SVCDESK_DB; nullopt: the config's.
std::optional<std::string> named_database(const std::optional<std::string>& given) {
    if (given && !given->empty()) return given;
    if (const char* env = std::getenv("SVCDESK_DB"); env && *env) return env;
    return std::nullopt;
}

} // namespace

std::string database_location(const std::optional<std::string>& given, const Config& config) {
    if (auto named = named_database(given)) return *named;
    if (config.database_path) return *config.database_path;
    std::filesystem::path dir;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) dir = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) dir = std::filesystem::path(home) / ".local/share";
    else fail(Code::invalid, "no database given: use --db PATH or set SVCDESK_DB");
    dir /= "svcdesk";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) fail(Code::internal, "cannot create {}: {}", dir.string(), ec.message());
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
    return (dir / "svcdesk.db").string();
}

std::optional<std::string> read_database_location(const std::optional<std::string>& given, const Config& config) {
    if (const char* env = std::getenv("SVCDESK_READ_DB"); env && *env) return env;
    // The configured replica is the configured primary's: beside a database named for this run it
    // would be another database's, and reports would read that one's figures.
    if (named_database(given)) return std::nullopt;
    return config.database_read_url;
}

} // namespace svcdesk
