#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/database.hpp>
#include <svcdesk/store/location.hpp>

#include <fmt/format.h>

#include <filesystem>

namespace svcdesk {
namespace {

// A file as the audit trail names it: absolute, so that the record says where the copy went.
std::string absolute_path(const std::string& path) {
    std::error_code ec;
    auto absolute = std::filesystem::absolute(path, ec);
    return ec ? path : absolute.lexically_normal().string();
}

} // namespace

int schema_version_written() { return current_schema_version(); }

std::unique_ptr<Store> open_database(const Config& config, const std::string& location, bool create) {
    StoreOptions options;
    options.location = location;
    options.default_country = config.default_country;
    options.busy_timeout_ms = config.busy_timeout_ms;
    options.create = create;
    return open_store(options);
}

namespace {

// Where a message says the read location came from.
constexpr const char* k_read_setting = "database.read_url or SVCDESK_READ_DB";

} // namespace

void check_read_location(const std::string& primary, const std::string& read_location) {
    if (!is_postgres_location(primary)) {
        fail(Code::internal,
             "{} names a replica ({}), but the database {} is a SQLite file, which has none: unset it, or use a "
             "PostgreSQL server",
             k_read_setting, mask_location(read_location), primary);
    }
    if (!is_postgres_location(read_location)) {
        fail(Code::internal, "{} must be a PostgreSQL server (postgresql://...), not {}", k_read_setting,
             read_location);
    }
}

std::unique_ptr<Store> open_replica(const Config& config, const std::string& primary,
                                    const std::string& read_location) {
    check_read_location(primary, read_location);
    StoreOptions options;
    options.location = read_location;
    options.busy_timeout_ms = config.busy_timeout_ms;
    options.create = false;
    options.replica = true;
    try {
        return open_store(options);
    } catch (const Error& e) {
        // (the driver's message names the location, masked)
        fail(Code::internal, "reading the replica ({}): {}", k_read_setting, e.what());
    }
}

bool database_exists(const std::string& location) {
    std::error_code ec;
    return is_postgres_location(location) ||
           (location != ":memory:" && std::filesystem::is_regular_file(location, ec));
}

DatabaseStatus migrate_database(const Config& config, const std::string& location) {
    auto store = open_database(config, location, false);
    return {store->location(), store->schema_version()};
}

CheckReport check_database(Context& ctx) {
    CheckReport report;
    ctx.store.read([&] {
        require_actor(ctx);
        report = ctx.store.check(ctx.config.default_country, ctx.config.limits.years);
    });
    return report;
}

void backup_database(Context& ctx, const std::string& path) {
    // The backup takes its own snapshot; the actor is checked first, on one of ours.
    ctx.store.read([&] { require_actor(ctx); });
    ctx.store.backup(path);
    // The copy of every record is an audit event (issue 18), written once the backup exists: the
    // backup itself ends with the event before it.
    ctx.store.write([&] { record_audit(ctx, "db.backup", absolute_path(path)); });
}

DatabaseCopy copy_databases(const Config& config, const Caller& caller, const std::string& from,
                            const std::string& to) {
    auto source = open_database(config, from, false);
    auto now = trusted_now(*source, config.zone, caller);
    auto check = prove_identity(*source, now, caller);
    Context ctx{config, *source, now, check.identity ? std::optional(check.identity->staff.id) : std::nullopt};
    ctx.no_identity = check.missing;
    source->read([&] { require_actor(ctx); });
    auto target = open_database(config, to, true);
    DatabaseCopy copy{source->location(), target->location(), copy_database(*source, *target), 0};
    for (const auto& t : copy.tables) copy.rows += t.rows;
    // Recorded in the source once the copy verified (issue 18); the copy holds the trail up to it,
    // so that copies of one database compare equal table by table.
    source->write(
        [&] { record_audit(ctx, "db.copy", copy.to, fmt::format("{} rows", copy.rows)); });
    return copy;
}

} // namespace svcdesk
