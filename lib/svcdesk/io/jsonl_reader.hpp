#pragma once
// The JSON Lines reader of imports (nlohmann::json per line).

#include <svcdesk/io/record_reader.hpp>

namespace svcdesk {

// One JSON object per line; `columns` are the keys to extract (missing keys and null give an
// empty field; numbers and booleans their JSON text). Blank lines are ignored.
std::unique_ptr<RecordReader> make_jsonl_reader(int fd, std::string source, std::vector<std::string> columns);

} // namespace svcdesk
