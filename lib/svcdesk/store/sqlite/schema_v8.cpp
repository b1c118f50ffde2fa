// The schema on SQLite, version 8 (issue 22): nothing to do here. Version 8 has PostgreSQL write
// the search rows of an INSERT statement's tickets in one statement (postgres/schema_v8.cpp);
// SQLite's bulk load already fills its FTS5 index once, after the load (sqlite/bulk.cpp).
#include <svcdesk/store/schema.hpp>

namespace svcdesk::sqlite {

extern const char* const k_schema_v8 = R"sql(
-- Version 8 changes no TABLE on SQLite (see the comment of this file).
)sql";

} // namespace svcdesk::sqlite
