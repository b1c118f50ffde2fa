#pragma once
// A small RFC 4180 reader for roster files: quoted fields, doubled quotes, CRLF or LF.

#include <istream>
#include <string>
#include <vector>

namespace svcdesk {

struct CsvRecord {
    std::size_t line = 0; // physical line where the record starts (1-based)
    std::vector<std::string> fields;
};

// Reads every record; blank lines are skipped. Throws Error(invalid) "LINE: unterminated quote".
std::vector<CsvRecord> read_csv_records(std::istream& in);

} // namespace svcdesk
