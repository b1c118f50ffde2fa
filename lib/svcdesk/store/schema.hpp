#pragma once
// The one schema history (private to store/): each migration is one numbered entry carrying its
// SQLite and its PostgreSQL DDL side by side. Each backend applies the entries above the version
// it records and records the version of the last one; a unit test holds every entry to having
// both.

#include <vector>

namespace svcdesk::sql {

struct Migration {
    int version;
    const char* sqlite;
    const char* postgres;
};

// Ordered by version; the last is the version this binary writes.
const std::vector<Migration>& migrations();

} // namespace svcdesk::sql

namespace svcdesk::sqlite {
extern const char* const k_schema_v1;
extern const char* const k_schema_v2;
extern const char* const k_schema_v3;
extern const char* const k_schema_v6;
}
namespace svcdesk::postgres {
extern const char* const k_schema_v1;
extern const char* const k_schema_v2;
extern const char* const k_schema_v3;
extern const char* const k_schema_v6;
}
