#pragma once
// What people see for the keys of records (report figures: report/labels.cpp): their translation (po/), where
// JSON and CSV keep the keys themselves.

#include <string>
#include <string_view>

namespace svcdesk {

// The label of a record key or a table header ("first_response_at" → "首次响应时间" in Chinese);
// a key not in the list of labels (io/labels.cpp) is shown as it is: desk ids and other data
// never pass for a label.
std::string field_label(std::string_view key);

} // namespace svcdesk
