#pragma once
// The one CSV reader of svcdesk (ticket and roster imports): a hand-written state machine over a
// large buffer.

#include <svcdesk/io/record_reader.hpp>

namespace svcdesk {

// RFC 4180 with a header row: quoted fields may hold commas, quotes ("") and line breaks; CRLF
// or LF; a UTF-8 byte-order mark is skipped; blank lines are ignored. A quote inside an
// unquoted field (12" TV) is kept as data, as sqlite3 and Python do; text after a closing
// quote is an error of the record. Throws Error(invalid) when the header is not valid UTF-8, and
// when the input has no header unless `allow_empty` (then columns() is empty).
std::unique_ptr<RecordReader> make_csv_reader(int fd, std::string source, bool allow_empty = false);

} // namespace svcdesk
