#pragma once
// Summary statistics for report figures.

#include <svcdesk/time.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace svcdesk {

struct Summary {
    std::size_t count = 0;
    std::optional<double> mean, median, p90; // absent when count == 0
};

// Mean; median as the middle value (mean of the two middle values for an even count);
// p90 by the nearest-rank method (the ceil(0.9·n)-th smallest value).
Summary summarize(std::vector<double> values);

// b - a in minutes, with fractions.
inline double minutes_between(Timestamp a, Timestamp b) {
    return std::chrono::duration<double, std::ratio<60>>(b - a).count();
}

// part / whole, absent when whole is 0.
std::optional<double> ratio(std::int64_t part, std::int64_t whole);

} // namespace svcdesk
