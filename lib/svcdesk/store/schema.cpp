#include <svcdesk/store/schema.hpp>

namespace svcdesk::sql {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> k_migrations = {
        {1, sqlite::k_schema_v1, postgres::k_schema_v1},
        {2, sqlite::k_schema_v2, postgres::k_schema_v2},
        {3, sqlite::k_schema_v3, postgres::k_schema_v3},
        {4, sqlite::k_schema_v4, postgres::k_schema_v4, normalize_ticket_phones, sqlite::k_schema_v4_after,
         postgres::k_schema_v4_after},
        {5, sqlite::k_schema_v5, postgres::k_schema_v5},
        {6, sqlite::k_schema_v6, postgres::k_schema_v6},
        {7, sqlite::k_schema_v7, postgres::k_schema_v7},
        {8, sqlite::k_schema_v8, postgres::k_schema_v8},
        {9, sqlite::k_schema_v9, postgres::k_schema_v9},
        {10, sqlite::k_schema_v10, postgres::k_schema_v10},
    };
    return k_migrations;
}

} // namespace svcdesk::sql
