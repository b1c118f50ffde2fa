#pragma once
// The monthly staff report (seed 002 §六 appraisal): per person, what they handled and how well.

#include <svcdesk/io/records.hpp>
#include <svcdesk/ops/context.hpp>

#include <optional>
#include <string>

namespace svcdesk {

// Reads one consistent snapshot of the month [1st 00:00, 1st of next month 00:00) site time.
// Throws Error(invalid) for an unknown desk.
Json staff_report_json(Context& ctx, date::year_month month, const std::optional<std::string>& desk);

} // namespace svcdesk
