#pragma once
// The monthly staff report (seed 002 §六 appraisal): per person, what they handled and how well.

#include <svcdesk/io/records.hpp>
#include <svcdesk/report/source.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace svcdesk {

// The month a staff report covers: `text` as YYYY-MM, or this month (site time) when it is
// empty. Throws Error(invalid) for a malformed month.
date::year_month report_month(std::string_view text, Timestamp now, Zone zone);

// Reads one consistent snapshot of the month [1st 00:00, 1st of next month 00:00) site time.
// Throws Error(invalid) for an unknown desk.
Json staff_report_json(const ReportSource& source, date::year_month month, const std::optional<std::string>& desk);

} // namespace svcdesk
