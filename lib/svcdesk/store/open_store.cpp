// Picks the backend by the form of the location.
#include <svcdesk/store/location.hpp>
#include <svcdesk/store/postgres/pg_store.hpp>
#include <svcdesk/store/sqlite/sqlite_store.hpp>

namespace svcdesk {

// Both backends apply the same numbered migrations.
int current_schema_version() { return sqlite::migrations().back().version; }

std::unique_ptr<Store> open_store(const StoreOptions& options) {
    if (is_postgres_location(options.location)) return std::make_unique<postgres::PgStore>(options);
    return std::make_unique<sqlite::SqliteStore>(options);
}

} // namespace svcdesk
