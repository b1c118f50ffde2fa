#pragma once
// Times as call logs write them: strftime-like formats and a zone conversion cached for speed,
// since an import converts millions of times that mostly share one UTC offset.

#include <svcdesk/time.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

// A format such as "%m/%d/%Y %I:%M:%S %p": %Y year, %m month, %d day, %H hour (0-23),
// %I hour (1-12) with %p AM/PM, %M minute, %S second, %z offset (+08:00, +0800, Z), %% a
// percent sign; other characters match themselves. Numbers take one or two digits (%Y four).
class SourceTimeFormat {
public:
    // Throws Error(invalid) for an unknown directive.
    explicit SourceTimeFormat(std::string pattern);
    const std::string& pattern() const { return m_pattern; }

    struct Parsed {
        date::local_seconds local;
        std::optional<std::chrono::seconds> offset; // from %z
    };
    // std::nullopt when `text` does not match the whole format or names no real date.
    std::optional<Parsed> parse(std::string_view text) const;

private:
    std::string m_pattern;
};

// Converts wall-clock times of one zone to UTC (as to_utc does), remembering the offset of
// the last stretch of time without a daylight-saving change.
class ZoneConverter {
public:
    explicit ZoneConverter(Zone zone) : m_zone(zone) {}
    Timestamp to_utc(date::local_seconds local);

private:
    Zone m_zone;
    date::local_seconds m_from{}, m_to{}; // [m_from, m_to) converts with m_offset
    std::chrono::seconds m_offset{0};
};

// Reads a source time with the first format that matches (ISO 8601 via parse_time when there
// are none); std::nullopt when none matches.
std::optional<Timestamp> parse_source_time(std::string_view text, const std::vector<SourceTimeFormat>& formats,
                                           ZoneConverter& zone, Zone zone_id);

} // namespace svcdesk
