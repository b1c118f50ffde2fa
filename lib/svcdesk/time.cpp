#include <svcdesk/error.hpp>
#include <svcdesk/time.hpp>

#include <cctype>
#include <charconv>
#include <cstdlib>

namespace svcdesk {
namespace {

constexpr std::string_view k_time_forms =
    "use ISO 8601 (2026-11-23, 2026-11-23T10:00, 2026-11-23 10:00+08:00), HH:MM, now, today, "
    "yesterday, tomorrow [HH:MM], or an offset such as +2h, -30m, +3d";

// A tiny cursor over the input so that each grammar rule reads like the format it accepts.
struct Cursor {
    std::string_view text;
    size_t pos = 0;

    bool done() const { return pos >= text.size(); }
    char peek() const { return done() ? '\0' : text[pos]; }
    bool eat(char c) {
        if (peek() != c) return false;
        ++pos;
        return true;
    }
    // Reads exactly `width` digits.
    std::optional<int> digits(size_t width) {
        if (pos + width > text.size()) return std::nullopt;
        int value = 0;
        for (size_t i = 0; i < width; ++i) {
            char c = text[pos + i];
            if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
            value = value * 10 + (c - '0');
        }
        pos += width;
        return value;
    }
    // Reads one or more digits.
    std::optional<long long> number() {
        size_t start = pos;
        long long value = 0;
        while (!done() && std::isdigit(static_cast<unsigned char>(peek())) && pos - start < 12) {
            value = value * 10 + (text[pos] - '0');
            ++pos;
        }
        if (pos == start) return std::nullopt;
        return value;
    }
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

[[noreturn]] void bad_time(std::string_view text) {
    fail(Code::invalid, "invalid time '{}': {}", text, k_time_forms);
}

// HH:MM[:SS] → seconds after midnight.
std::optional<std::chrono::seconds> read_clock(Cursor& c) {
    auto h = c.digits(2);
    if (!h || !c.eat(':')) return std::nullopt;
    auto m = c.digits(2);
    if (!m) return std::nullopt;
    int s = 0;
    if (c.eat(':')) {
        auto sec = c.digits(2);
        if (!sec) return std::nullopt;
        s = *sec;
        if (c.eat('.') || c.eat(',')) { // fractional seconds are accepted and dropped
            if (!c.number()) return std::nullopt;
        }
    }
    if (*h > 24 || *m > 59 || s > 60 || (*h == 24 && (*m != 0 || s != 0))) return std::nullopt;
    return std::chrono::hours(*h) + std::chrono::minutes(*m) + std::chrono::seconds(s);
}

// Z, +08:00, +0800, +08 → offset east of UTC.
std::optional<std::chrono::seconds> read_offset(Cursor& c) {
    if (c.eat('Z') || c.eat('z')) return std::chrono::seconds(0);
    int sign = 0;
    if (c.eat('+')) sign = 1;
    else if (c.eat('-')) sign = -1;
    else return std::nullopt;
    auto h = c.digits(2);
    if (!h) return std::nullopt;
    int m = 0;
    if (c.eat(':')) {
        auto mm = c.digits(2);
        if (!mm) return std::nullopt;
        m = *mm;
    } else if (auto mm = c.digits(2)) {
        m = *mm;
    }
    if (*h > 18 || m > 59) return std::nullopt;
    return sign * (std::chrono::hours(*h) + std::chrono::minutes(m));
}

std::optional<date::year_month_day> read_iso_date(Cursor& c) {
    auto y = c.digits(4);
    if (!y || !c.eat('-')) return std::nullopt;
    auto mo = c.digits(2);
    if (!mo || !c.eat('-')) return std::nullopt;
    auto d = c.digits(2);
    if (!d) return std::nullopt;
    date::year_month_day ymd{date::year(*y), date::month(static_cast<unsigned>(*mo)),
                             date::day(static_cast<unsigned>(*d))};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

// "+2h", "-3d", "+90m", "+1w" → signed offset; nullopt if not of that form.
std::optional<std::chrono::seconds> read_relative(std::string_view text) {
    Cursor c{text};
    int sign = c.eat('+') ? 1 : (c.eat('-') ? -1 : 0);
    if (sign == 0) return std::nullopt;
    std::chrono::seconds total{0};
    bool any = false;
    while (!c.done()) {
        auto n = c.number();
        if (!n) return std::nullopt;
        switch (c.peek()) {
        case 'w': total += std::chrono::hours(24 * 7) * *n; break;
        case 'd': total += std::chrono::hours(24) * *n; break;
        case 'h': total += std::chrono::hours(*n); break;
        case 'm': total += std::chrono::minutes(*n); break;
        case 's': total += std::chrono::seconds(*n); break;
        default: return std::nullopt;
        }
        ++c.pos;
        any = true;
        // Far beyond any window already: stop adding before the sum could overflow.
        if (total > date::days(10'000'000)) return sign * std::chrono::seconds(date::days(10'000'000));
    }
    if (!any) return std::nullopt;
    return sign * total;
}

// The instant of wall-clock `local` that the user typed as `input`: refused in a daylight-saving
// gap (the clocks skip it: which instant was meant cannot be known), the earlier one in an
// overlap, which `*ambiguous` then records.
Timestamp user_local(date::local_seconds local, Zone zone, std::string_view input, bool* ambiguous) {
    auto found = zone->lookup(local);
    if (found.result == LocalLookup::nonexistent) {
        auto jump = found.second.begin;
        fail(Code::invalid, "'{}' does not exist in {}: the clocks go from {} to {} there; give an offset (such as {}{})",
             input, zone->name(), date::format("%Y-%m-%d %H:%M", jump + found.first.offset),
             date::format("%H:%M", jump + found.second.offset), date::format("%Y-%m-%dT%H:%M", local),
             fmt::format("{:+03}:00", std::chrono::duration_cast<std::chrono::hours>(found.second.offset).count()));
    }
    if (found.result == LocalLookup::ambiguous && ambiguous) *ambiguous = true;
    return to_utc(local, zone);
}

std::optional<date::local_days> named_day(std::string_view word, Zone zone, Timestamp now) {
    auto today = local_day(now, zone);
    if (word == "today") return today;
    if (word == "yesterday") return today - date::days(1);
    if (word == "tomorrow") return today + date::days(1);
    return std::nullopt;
}

} // namespace

Zone find_zone(std::string_view name) {
    if (auto zone = TimeZone::locate(name)) return zone;
    fail(Code::invalid, "unknown time zone '{}' (use an IANA name such as Asia/Shanghai)", name);
}

Timestamp system_now() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::optional<Timestamp> clock_override(Zone zone) {
    const char* fixed = std::getenv("SVCDESK_NOW");
    if (!fixed || !*fixed) return std::nullopt;
    try {
        return parse_time(fixed, zone, system_now());
    } catch (const Error& e) {
        fail(Code::invalid, "SVCDESK_NOW: {}", e.what());
    }
}

namespace {

Timestamp parse_unchecked(std::string_view input, Zone zone, Timestamp now, bool* ambiguous) {
    std::string_view text = trim(input);
    if (text.empty()) bad_time(input);
    if (text == "now") return now;
    if (auto rel = read_relative(text)) return now + *rel;

    // A named day, optionally followed by a clock time.
    size_t space = text.find(' ');
    std::string_view word = text.substr(0, space);
    if (auto day = named_day(word, zone, now)) {
        std::chrono::seconds clock{0};
        if (space != std::string_view::npos) {
            Cursor c{trim(text.substr(space))};
            auto t = read_clock(c);
            if (!t || !c.done()) bad_time(input);
            clock = *t;
        }
        return user_local(date::local_seconds(*day) + clock, zone, input, ambiguous);
    }

    Cursor c{text};
    if (text.size() >= 5 && text[2] == ':') { // bare HH:MM means today
        auto t = read_clock(c);
        if (!t || !c.done()) bad_time(input);
        return user_local(date::local_seconds(local_day(now, zone)) + *t, zone, input, ambiguous);
    }

    auto ymd = read_iso_date(c);
    if (!ymd) bad_time(input);
    std::chrono::seconds clock{0};
    if (c.eat('T') || c.eat('t') || c.eat(' ')) {
        auto t = read_clock(c);
        if (!t) bad_time(input);
        clock = *t;
    }
    auto local = date::local_seconds(date::local_days(*ymd)) + clock;
    if (c.done()) return user_local(local, zone, input, ambiguous);
    auto offset = read_offset(c);
    if (!offset || !c.done()) bad_time(input);
    return Timestamp(local.time_since_epoch() - *offset);
}

} // namespace

bool in_window(Timestamp t, const TimeWindow& window, Zone zone) {
    // Far outside first (the calendar arithmetic below is for years of four digits).
    auto slack = date::days(2);
    if (t < date::sys_days(date::year(window.first_year) / 1 / 1) - slack ||
        t >= date::sys_days(date::year(window.last_year + 1) / 1 / 1) + slack)
        return false;
    int year = static_cast<int>(date::year_month_day(local_day(t, zone)).year());
    return year >= window.first_year && year <= window.last_year;
}

Timestamp parse_time(std::string_view input, Zone zone, Timestamp now, const TimeWindow& window, bool* ambiguous) {
    auto t = parse_unchecked(input, zone, now, ambiguous);
    if (!in_window(t, window, zone)) {
        fail(Code::invalid, "time '{}' is outside the years {} to {} that svcdesk accepts ([limits] first_year, last_year)",
             trim(input), window.first_year, window.last_year);
    }
    return t;
}

date::year_month_day parse_date(std::string_view input, Zone zone, Timestamp now) {
    std::string_view text = trim(input);
    if (auto day = named_day(text, zone, now)) return date::year_month_day(*day);
    if (auto rel = read_relative(text); rel && *rel % std::chrono::hours(24) == std::chrono::seconds(0)) {
        return date::year_month_day(local_day(now, zone) +
                                    date::days(std::chrono::duration_cast<date::days>(*rel)));
    }
    Cursor c{text};
    auto ymd = read_iso_date(c);
    if (!ymd || !c.done()) {
        fail(Code::invalid, "invalid date '{}': use YYYY-MM-DD, today, yesterday or tomorrow", input);
    }
    return *ymd;
}

date::year_month parse_month(std::string_view input) {
    Cursor c{trim(input)};
    auto y = c.digits(4);
    std::optional<int> m;
    if (y && c.eat('-')) m = c.digits(2);
    if (!y || !m || !c.done() || *m < 1 || *m > 12) {
        fail(Code::invalid, "invalid month '{}': use YYYY-MM", input);
    }
    return date::year(*y) / date::month(static_cast<unsigned>(*m));
}

minutes parse_duration(std::string_view input) {
    std::string_view text = trim(input);
    std::string signed_text = "+" + std::string(text);
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos) {
        signed_text += "m";
    }
    auto rel = read_relative(signed_text);
    if (!rel || text.empty() || text[0] == '+' || text[0] == '-') {
        fail(Code::invalid, "invalid duration '{}': use e.g. 30m, 2h, 1h30m, 3d", input);
    }
    if (*rel > date::days(k_max_duration_days)) {
        fail(Code::invalid, "duration '{}' is longer than {} days", trim(input), k_max_duration_days);
    }
    return std::chrono::duration_cast<minutes>(*rel);
}

std::optional<minutes> parse_clock(std::string_view text) {
    Cursor c{trim(text)};
    auto t = read_clock(c);
    if (!t || !c.done() || *t % std::chrono::minutes(1) != std::chrono::seconds(0)) return std::nullopt;
    return std::chrono::duration_cast<minutes>(*t);
}

Timestamp to_utc(date::local_seconds local, Zone zone) {
    auto found = zone->lookup(local);
    // In a gap the wall clock jumps over this time: use the jump itself. In an overlap: the earlier.
    if (found.result == LocalLookup::nonexistent) return found.second.begin;
    return Timestamp(local.time_since_epoch() - found.first.offset);
}

date::local_seconds to_local(Timestamp t, Zone zone) { return zone->to_local(t); }

date::local_days local_day(Timestamp t, Zone zone) { return date::floor<date::days>(to_local(t, zone)); }

Timestamp start_of_day(date::local_days day, Zone zone) { return to_utc(date::local_seconds(day), zone); }

std::string format_iso(Timestamp t, Zone zone) {
    auto offset = zone->period_at(t).offset;
    auto local = t + offset;
    auto off = std::chrono::duration_cast<minutes>(offset).count();
    char sign = off < 0 ? '-' : '+';
    off = off < 0 ? -off : off;
    return date::format("%Y-%m-%dT%H:%M:%S", local) + fmt::format("{}{:02}:{:02}", sign, off / 60, off % 60);
}

std::string format_local(Timestamp t, Zone zone) { return date::format("%Y-%m-%d %H:%M", to_local(t, zone)); }

std::string format_date(date::year_month_day day) { return date::format("%Y-%m-%d", day); }
std::string format_day(date::local_days day) { return format_date(date::year_month_day(day)); }

date::local_days week_start(date::local_days day) {
    auto weekday = date::weekday(day).iso_encoding(); // Monday = 1
    return day - date::days(weekday - 1);
}

DayRange week_of(date::local_days day) {
    auto monday = week_start(day);
    return {monday, monday + date::days(6)};
}

DayRange month_days(date::year_month month) {
    return {date::local_days(month / date::day(1)), date::local_days(month / date::last)};
}

std::string format_duration(minutes m) {
    std::string out = m.count() < 0 ? "-" : "";
    long long total = m.count() < 0 ? -m.count() : m.count();
    long long d = total / (24 * 60), h = total / 60 % 24, mm = total % 60;
    if (d) out += fmt::format("{}d", d);
    if (h) out += fmt::format("{}h", h);
    if (mm || (!d && !h)) out += fmt::format("{}m", mm);
    return out;
}

} // namespace svcdesk
