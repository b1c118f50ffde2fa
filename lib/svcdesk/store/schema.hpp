#pragma once
// The one schema history (private to store/): each migration is one numbered entry carrying its
// SQLite and its PostgreSQL DDL side by side. Each backend applies the entries above the version
// it records and records the version of the last one; a unit test holds every entry to having
// both.

#include <string_view>
#include <vector>

namespace svcdesk::sql {

class Driver;

struct Migration {
    int version;
    const char* sqlite;
    const char* postgres;
    // What SQL alone cannot migrate, run after the DDL in the same transaction on either backend
    // (version 4: phones normalised by domain/phone.hpp); `default_country` is site.default_country.
    void (*data)(Driver& db, std::string_view default_country) = nullptr;
    // DDL run after the data step (version 4: the trigger that keeps deposits' contents final,
    // dropped by its DDL so that the data step may normalise their phones, made again).
    const char* sqlite_after = nullptr;
    const char* postgres_after = nullptr;
};

// Version 4's data step: every ticket's and deposit's phone in its canonical form where it has
// one, and a customer record for every phone (CustomerRepo::fill_from_records).
void normalize_ticket_phones(Driver& db, std::string_view default_country);

// Ordered by version; the last is the version this binary writes.
const std::vector<Migration>& migrations();

} // namespace svcdesk::sql

namespace svcdesk::sqlite {
extern const char* const k_schema_v1;
extern const char* const k_schema_v2;
extern const char* const k_schema_v3;
extern const char* const k_schema_v4;
extern const char* const k_schema_v4_after;
extern const char* const k_schema_v5;
extern const char* const k_schema_v6;
extern const char* const k_schema_v7;
extern const char* const k_schema_v8;
extern const char* const k_schema_v9;
extern const char* const k_schema_v10;
}
namespace svcdesk::postgres {
extern const char* const k_schema_v1;
extern const char* const k_schema_v2;
extern const char* const k_schema_v3;
extern const char* const k_schema_v4;
extern const char* const k_schema_v4_after;
extern const char* const k_schema_v5;
extern const char* const k_schema_v6;
extern const char* const k_schema_v7;
extern const char* const k_schema_v8;
extern const char* const k_schema_v9;
extern const char* const k_schema_v10;
}
