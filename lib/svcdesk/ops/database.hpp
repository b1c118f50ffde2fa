#pragma once
// The database as a whole: opening it, `init`, `db migrate`, `db check`, `db backup`, `db copy`.
// check, backup and copy need a proven staff member (issue 18); init and migrate need none.
// All throw Error.

#include <svcdesk/ops/context.hpp>
#include <svcdesk/ops/identity.hpp>
#include <svcdesk/store/copy.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {

// The schema version this svcdesk writes.
int schema_version_written();

// Opens the database at `location` (a SQLite path or a PostgreSQL URL) with the configured busy
// timeout, migrating it, and creating it only when `create` (init, and the target of db copy):
// a mistyped path must not become an empty database whose reports read all zeros (issue 21).
// Throws Error(internal) when it is missing, cannot be opened or was written by a newer svcdesk.
std::unique_ptr<Store> open_database(const Config& config, const std::string& location, bool create);

// The replica `read_location` (database.read_url, SVCDESK_READ_DB) of the primary `primary`, for
// the commands that only read (CommandInfo::reads_replica): opened read-only, never migrated.
// Throws Error(internal), naming the read location with its password masked, when the primary
// is no PostgreSQL server (a SQLite file has no replica), the read location is not one either,
// or the replica cannot be reached or holds another schema version. A replica that is down is an error, not
// a reason to read the primary instead: the reads would land, unnoticed, on the server the
// replica is there to spare.
std::unique_ptr<Store> open_replica(const Config& config, const std::string& primary,
                                    const std::string& read_location);
// The same checks of the two locations, without connecting: Error(internal) as open_replica.
void check_read_location(const std::string& primary, const std::string& read_location);

// Whether a database exists at `location` already: a SQLite file, or any PostgreSQL location
// (asking the server would cost a connection). Shell completion must never create one.
bool database_exists(const std::string& location);

struct DatabaseStatus {
    std::string location; // passwords masked
    int schema_version = 0;
};
// `db migrate`: brings an existing database to this version's schema; never creates one (a typo
// in the location must not make an empty database).
DatabaseStatus migrate_database(const Config& config, const std::string& location);

// `db check`: the integrity of the storage and the domain invariants; empty problems is healthy.
CheckReport check_database(Context& ctx);

// `db backup`: a consistent copy of the database at `path` (mode 0600), taken while others write;
// then an audit event (db.backup) naming the file.
void backup_database(Context& ctx, const std::string& path);

struct DatabaseCopy {
    std::string from, to; // locations, passwords masked
    std::vector<TableCopy> tables;
    std::int64_t rows = 0;
};
// `db copy`: every row of the existing database `from` into the new or empty database `to`,
// verified by counts and checksums (store/copy.hpp). The caller must be proven an active staff
// member of the source (and SVCDESK_NOW is a sandbox's only); checked before the target is
// created. An audit event (db.copy) in the source records the copy once it verified.
DatabaseCopy copy_databases(const Config& config, const Caller& caller, const std::string& from,
                            const std::string& to);

} // namespace svcdesk
