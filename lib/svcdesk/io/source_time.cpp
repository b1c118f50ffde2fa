#include <svcdesk/error.hpp>
#include <svcdesk/io/source_time.hpp>

#include <algorithm>

namespace svcdesk {
namespace {

// Reads `min`..`max` digits at `pos`.
bool read_number(std::string_view text, size_t& pos, size_t min, size_t max, int& value) {
    size_t start = pos;
    value = 0;
    while (pos < text.size() && pos - start < max && text[pos] >= '0' && text[pos] <= '9') {
        value = value * 10 + (text[pos] - '0');
        ++pos;
    }
    return pos - start >= min;
}

bool read_offset(std::string_view text, size_t& pos, std::chrono::seconds& offset) {
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
        offset = std::chrono::seconds(0);
        return true;
    }
    if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return false;
    int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    int h = 0, m = 0;
    if (!read_number(text, pos, 2, 2, h)) return false;
    if (pos < text.size() && text[pos] == ':') ++pos;
    if (!read_number(text, pos, 2, 2, m) || h > 23 || m > 59) return false;
    offset = std::chrono::seconds(sign * (h * 3600 + m * 60));
    return true;
}

} // namespace

SourceTimeFormat::SourceTimeFormat(std::string pattern) : m_pattern(std::move(pattern)) {
    for (size_t i = 0; i < m_pattern.size(); ++i) {
        if (m_pattern[i] != '%') continue;
        char d = i + 1 < m_pattern.size() ? m_pattern[i + 1] : '\0';
        if (std::string_view("YmdHIMSpz%").find(d) == std::string_view::npos || d == '\0') {
            fail(Code::invalid, "date format '{}': unknown directive %{} (use %Y %m %d %H %I %M %S %p %z %%)",
                 m_pattern, d == '\0' ? std::string() : std::string(1, d));
        }
        ++i;
    }
}

std::optional<SourceTimeFormat::Parsed> SourceTimeFormat::parse(std::string_view text) const {
    int year = -1, month = 1, day = 1, hour = 0, minute = 0, second = 0;
    int pm = -1; // -1 no %p, 0 AM, 1 PM
    bool twelve = false;
    Parsed out;
    size_t pos = 0;
    for (size_t i = 0; i < m_pattern.size(); ++i) {
        char c = m_pattern[i];
        if (c != '%') {
            if (pos >= text.size() || text[pos] != c) return std::nullopt;
            ++pos;
            continue;
        }
        char d = m_pattern[++i];
        bool ok = true;
        switch (d) {
        case 'Y': ok = read_number(text, pos, 4, 4, year); break;
        case 'm': ok = read_number(text, pos, 1, 2, month); break;
        case 'd': ok = read_number(text, pos, 1, 2, day); break;
        case 'H': ok = read_number(text, pos, 1, 2, hour); break;
        case 'I': ok = read_number(text, pos, 1, 2, hour) && hour >= 1 && hour <= 12; twelve = true; break;
        case 'M': ok = read_number(text, pos, 1, 2, minute); break;
        case 'S': ok = read_number(text, pos, 1, 2, second); break;
        case 'p': {
            if (pos + 2 > text.size() || (text[pos + 1] != 'M' && text[pos + 1] != 'm')) return std::nullopt;
            char a = text[pos];
            if (a == 'A' || a == 'a') pm = 0;
            else if (a == 'P' || a == 'p') pm = 1;
            else return std::nullopt;
            pos += 2;
            break;
        }
        case 'z': {
            std::chrono::seconds offset{};
            ok = read_offset(text, pos, offset);
            out.offset = offset;
            break;
        }
        default: // '%'
            ok = pos < text.size() && text[pos++] == '%';
        }
        if (!ok) return std::nullopt;
    }
    if (pos != text.size() || year < 0 || hour > 23 || minute > 59 || second > 59) return std::nullopt;
    if (twelve) {
        if (pm < 0) return std::nullopt;
        hour = hour % 12 + (pm == 1 ? 12 : 0);
    }
    date::year_month_day ymd{date::year(year), date::month(static_cast<unsigned>(month)),
                             date::day(static_cast<unsigned>(day))};
    if (!ymd.ok()) return std::nullopt;
    out.local = date::local_days(ymd) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
                std::chrono::seconds(second);
    return out;
}

Timestamp ZoneConverter::to_utc(date::local_seconds local) {
    if (local >= m_from && local < m_to) return Timestamp((local - m_offset).time_since_epoch());
    auto found = m_zone->lookup(local);
    if (found.result == LocalLookup::unique) {
        // Inside one offset period and a day away from its ends, no gap or overlap can interfere.
        const auto& period = found.first;
        m_offset = period.offset;
        // Zones without changes report periods reaching the ends of time: clip before adding.
        const Timestamp lo = date::sys_days(date::year(1800) / 1 / 1), hi = date::sys_days(date::year(2200) / 1 / 1);
        auto begin = std::max(period.begin, lo), end = std::min(period.end, hi);
        auto from = date::local_seconds((begin + period.offset).time_since_epoch()) + date::days(1);
        auto to = date::local_seconds((end + period.offset).time_since_epoch()) - date::days(1);
        if (from <= local && local < to) {
            m_from = from;
            m_to = to;
        }
    }
    return svcdesk::to_utc(local, m_zone);
}

std::optional<Timestamp> parse_source_time(std::string_view text, const std::vector<SourceTimeFormat>& formats,
                                           ZoneConverter& zone, Zone zone_id) {
    if (formats.empty()) {
        // ISO 8601 only: the relative forms of parse_time make no sense in a file.
        if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
        try {
            return parse_time(text, zone_id, Timestamp{});
        } catch (const Error&) {
            return std::nullopt;
        }
    }
    for (const auto& f : formats) {
        if (auto parsed = f.parse(text)) {
            if (parsed->offset) return Timestamp((parsed->local - *parsed->offset).time_since_epoch());
            return zone.to_utc(parsed->local);
        }
    }
    return std::nullopt;
}

} // namespace svcdesk
