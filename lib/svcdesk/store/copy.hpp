#pragma once
// `db copy`: every row of one database into another, empty one, on either backend.

#include <svcdesk/store/store.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace svcdesk {

struct TableCopy {
    std::string table;
    std::int64_t rows = 0;
    std::string checksum; // SHA-256 of the rows in key order, hex
};

// The tables of the schema in an order that satisfies the foreign keys.
const std::vector<TableSpec>& copy_tables();

// Copies every table of `from` into `to` in one write transaction, then reads the target back
// inside that transaction and compares row counts and checksums table by table. Returns the
// source's figures. Throws Error(refused) when `to` holds any row already, Error(internal) when
// the copy does not verify (nothing is then committed).
std::vector<TableCopy> copy_database(Store& from, Store& to);

} // namespace svcdesk
