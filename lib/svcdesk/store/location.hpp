#pragma once
// Database locations: a SQLite path, or a PostgreSQL connection string.

#include <string>
#include <string_view>

namespace svcdesk {

// True for postgresql:// and postgres:// URLs and libpq keyword strings ("host=... dbname=...").
bool is_postgres_location(std::string_view location);

// The location with any password replaced by "***", fit for messages and logs.
std::string mask_location(std::string_view location);

} // namespace svcdesk
