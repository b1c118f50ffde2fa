#pragma once
// `svcdesk export`: full records of a period, as CSV or JSON Lines, masked unless revealed.

#include <svcdesk/ops/context.hpp>

#include <functional>
#include <string_view>

namespace svcdesk {

struct ExportRequest {
    std::string kind;   // tickets, callbacks, deposits
    std::string format; // csv, jsonl
    std::optional<Timestamp> since, until; // created / due / deposited in [since, until)
    bool reveal = false;
};

// Streams the export to `sink` in pieces. Revealing personal data needs a supervisor
// (Error(permission) otherwise) and is recorded in the audit trail in the same transaction.
// Returns the number of records.
std::int64_t export_records(Context& ctx, const ExportRequest& request, const std::function<void(std::string_view)>& sink);

} // namespace svcdesk
