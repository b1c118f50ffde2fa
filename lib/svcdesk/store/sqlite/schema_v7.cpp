// The schema on SQLite, version 7 (issue 22): nothing to do here. Version 7 gives PostgreSQL's
// tables identity columns (postgres/schema_v7.cpp) because its writers now work side by side;
// SQLite's writers are still one at a time (BEGIN IMMEDIATE) and a table's INTEGER PRIMARY KEY
// is its rowid, allocated under that lock, so ids stay gap-free there.
#include <svcdesk/store/schema.hpp>

namespace svcdesk::sqlite {

extern const char* const k_schema_v7 = R"sql(
-- Version 7 changes no TABLE on SQLite (see the comment of this file).
)sql";

} // namespace svcdesk::sqlite
