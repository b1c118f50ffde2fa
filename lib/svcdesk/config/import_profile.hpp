#pragma once
// Import profiles ([import.profiles.<name>]): how the columns of a call log become tickets.

#include <svcdesk/time.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {

// The ticket fields a profile may fill from a column or a default.
inline constexpr std::string_view k_import_fields[] = {
    "external_ref", "created_at", "first_response_at", "resolved_at", "closed_at", "channel",
    "status",       "category",   "class",             "priority",    "desk",      "customer",
    "phone",        "customer_type", "flags",          "language",    "subject",   "description",
    "owner",        "assignee",   "resolution"};

// What one source value becomes, with an optional note recorded in the import event.
struct ImportValue {
    std::string value;
    std::optional<std::string> note;
};

struct ImportValueMap {
    std::map<std::string, ImportValue, std::less<>> values; // source value → ticket value
    std::optional<ImportValue> fallback;                     // "*": any other non-empty value
};

struct ImportProfile {
    std::string name;
    std::string format;                       // "csv", "jsonl", or empty: from the file name
    Zone zone = nullptr;                      // zone of times without an offset in the source
    std::string time_zone;
    std::vector<std::string> date_formats;    // tried in order; empty: ISO 8601
    std::map<std::string, std::string> columns;          // ticket field → source column
    std::map<std::string, ImportValueMap> values;        // ticket field → value map
    std::map<std::string, std::string> defaults;         // ticket field → value when empty
    std::vector<std::string> description_columns;        // appended as "Column: value" lines
    // A close time before the creation time (a source that kept only the day) is moved to the
    // creation time when true, and rejects the row when false.
    bool clamp_closed_before_created = false;
    // Whether imported closed tickets are owed satisfaction surveys (seed 004 §4.1): when true,
    // those closed at most surveys_max_age_days before the import (and with a phone) get one.
    bool surveys = true;
    int surveys_max_age_days = 7;
};

} // namespace svcdesk
