#include <svcdesk/time_zone.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace svcdesk {
namespace {

using std::chrono::seconds;

const Timestamp k_dawn = date::sys_days(date::year::min() / 1 / 1);
const Timestamp k_dusk = date::sys_days(date::year::max() / 12 / 31);

constexpr std::int64_t k_day = 86400;
// No UTC offset is more than a day away from UTC: local lookups search this far around.
constexpr std::int64_t k_lookup_margin = 2 * k_day;

// ---------------------------------------------------------------- TZif (RFC 8536)

// Big-endian fields from a byte range, failing softly at its end.
struct Bytes {
    std::string_view data;
    bool ok = true;

    std::int64_t number(size_t width) {
        if (data.size() < width) {
            ok = false;
            return 0;
        }
        std::uint64_t v = 0;
        for (size_t i = 0; i < width; ++i) v = (v << 8) | static_cast<unsigned char>(data[i]);
        data.remove_prefix(width);
        if (width == 4) return static_cast<std::int32_t>(v);
        return static_cast<std::int64_t>(v);
    }
    std::string_view take(std::uint64_t n) {
        if (data.size() < n) {
            ok = false;
            return {};
        }
        auto out = data.substr(0, n);
        data.remove_prefix(n);
        return out;
    }
};

struct Header {
    char version = 0;
    std::int64_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

std::optional<Header> read_header(Bytes& in) {
    if (in.take(4) != "TZif") return std::nullopt;
    Header h;
    auto version = in.take(1);
    h.version = version.empty() ? 0 : version[0];
    in.take(15);
    h.isutcnt = in.number(4);
    h.isstdcnt = in.number(4);
    h.leapcnt = in.number(4);
    h.timecnt = in.number(4);
    h.typecnt = in.number(4);
    h.charcnt = in.number(4);
    if (!in.ok || h.typecnt < 1 || h.timecnt < 0 || h.charcnt < 0 || h.leapcnt < 0 || h.isutcnt < 0 ||
        h.isstdcnt < 0) {
        return std::nullopt;
    }
    return h;
}

std::uint64_t data_size(const Header& h, std::uint64_t time_size) {
    return static_cast<std::uint64_t>(h.timecnt) * (time_size + 1) + static_cast<std::uint64_t>(h.typecnt) * 6 +
           static_cast<std::uint64_t>(h.charcnt) + static_cast<std::uint64_t>(h.leapcnt) * (time_size + 4) +
           static_cast<std::uint64_t>(h.isstdcnt) + static_cast<std::uint64_t>(h.isutcnt);
}

// ---------------------------------------------------------------- POSIX TZ rules

struct RuleText {
    std::string_view s;
    size_t pos = 0;

    bool done() const { return pos >= s.size(); }
    char peek() const { return done() ? '\0' : s[pos]; }
    bool eat(char c) {
        if (peek() != c) return false;
        ++pos;
        return true;
    }
    std::optional<int> number(int max) {
        size_t start = pos;
        int v = 0;
        while (!done() && peek() >= '0' && peek() <= '9') {
            v = v * 10 + (s[pos++] - '0');
            if (v > max) return std::nullopt;
        }
        if (pos == start) return std::nullopt;
        return v;
    }
    // A zone abbreviation: three or more letters, or <...> with letters, digits, '+' and '-'.
    bool name() {
        size_t start = pos;
        if (eat('<')) {
            while (!done() && peek() != '>') ++pos;
            return eat('>') && pos - start >= 5;
        }
        while (!done() && ((peek() >= 'A' && peek() <= 'Z') || (peek() >= 'a' && peek() <= 'z'))) ++pos;
        return pos - start >= 3;
    }
    // [+-]hh[:mm[:ss]] in seconds; hours up to `max_hours`.
    std::optional<std::int64_t> clock(int max_hours) {
        int sign = eat('-') ? -1 : (eat('+'), 1);
        auto h = number(max_hours);
        if (!h) return std::nullopt;
        std::int64_t v = *h * 3600LL;
        if (eat(':')) {
            auto m = number(59);
            if (!m) return std::nullopt;
            v += *m * 60LL;
            if (eat(':')) {
                auto sec = number(59);
                if (!sec) return std::nullopt;
                v += *sec;
            }
        }
        return sign * v;
    }
    bool day(TimeZone::Rule::Day& d) {
        using Day = TimeZone::Rule::Day;
        if (eat('J')) {
            auto n = number(365);
            if (!n || *n < 1) return false;
            d.kind = Day::julian_no_leap;
            d.day = *n;
        } else if (eat('M')) {
            auto m = number(12);
            if (!m || *m < 1 || !eat('.')) return false;
            auto w = number(5);
            if (!w || *w < 1 || !eat('.')) return false;
            auto wd = number(6);
            if (!wd) return false;
            d.kind = Day::month_week_day;
            d.month = *m;
            d.week = *w;
            d.day = *wd;
        } else {
            auto n = number(365);
            if (!n) return false;
            d.kind = Day::zero_based;
            d.day = *n;
        }
        d.time = 7200;
        if (eat('/')) {
            auto t = clock(167); // RFC 8536 extends POSIX: -167 to 167 hours
            if (!t) return false;
            d.time = *t;
        }
        return true;
    }
};

date::local_days rule_day(const TimeZone::Rule::Day& d, date::year y) {
    using Day = TimeZone::Rule::Day;
    auto jan1 = date::local_days(y / 1 / 1);
    switch (d.kind) {
    case Day::julian_no_leap: // February 29 is never counted
        return jan1 + date::days(d.day - 1 + (y.is_leap() && d.day >= 60 ? 1 : 0));
    case Day::zero_based:
        return jan1 + date::days(d.day);
    case Day::month_week_day:
        break;
    }
    auto ym = y / date::month(static_cast<unsigned>(d.month));
    auto wd = date::weekday(static_cast<unsigned>(d.day));
    if (d.week == 5) return date::local_days(ym / wd[date::last]);
    return date::local_days(ym / wd[static_cast<unsigned>(d.week)]);
}

std::int64_t count(Timestamp t) { return t.time_since_epoch().count(); }
Timestamp at(std::int64_t s) { return Timestamp(seconds(s)); }

std::string zone_dir() {
    const char* dir = std::getenv("TZDIR");
    return dir && *dir ? dir : "/usr/share/zoneinfo";
}

// IANA names: letters, digits and "/_+-."; no absolute path and no "..", so that a name from a
// config file cannot read a file outside the tz database.
bool plausible_name(std::string_view name) {
    if (name.empty() || name.size() > 255 || name.front() == '/' || name.find("..") != std::string_view::npos) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
               c == '+' || c == '-' || c == '.';
    });
}

} // namespace

bool TimeZone::parse_rule(std::string_view text, Rule& rule) {
    RuleText in{text};
    rule = Rule{};
    if (!in.name()) return false;
    auto std_west = in.clock(24);
    if (!std_west) return false;
    rule.std_offset = seconds(-*std_west);
    if (in.done()) return true;
    if (!in.name()) return false;
    rule.has_dst = true;
    rule.dst_offset = rule.std_offset + seconds(3600);
    if (in.peek() != ',' && !in.done()) {
        auto dst_west = in.clock(24);
        if (!dst_west) return false;
        rule.dst_offset = seconds(-*dst_west);
    }
    if (in.done()) { // POSIX's default: the United States' rule
        rule.start = {Rule::Day::month_week_day, 0, 3, 2, 7200};
        rule.end = {Rule::Day::month_week_day, 0, 11, 1, 7200};
        return true;
    }
    return in.eat(',') && in.day(rule.start) && in.eat(',') && in.day(rule.end) && in.done();
}

bool TimeZone::parse(std::string_view name, std::string_view tzif, TimeZone& zone) {
    Bytes in{tzif};
    auto h = read_header(in);
    if (!h) return false;
    size_t time_size = 4;
    if (h->version >= '2') { // skip the 32-bit data: the 64-bit block after it says the same and more
        in.take(data_size(*h, 4));
        h = read_header(in);
        if (!h) return false;
        time_size = 8;
    }
    std::vector<std::int64_t> times(static_cast<size_t>(h->timecnt));
    for (auto& t : times) t = in.number(time_size);
    std::vector<unsigned> type_of(static_cast<size_t>(h->timecnt));
    for (auto& i : type_of) i = static_cast<unsigned>(in.number(1));
    std::vector<seconds> offsets(static_cast<size_t>(h->typecnt));
    for (auto& o : offsets) {
        o = seconds(in.number(4));
        in.take(2); // isdst, abbreviation index
    }
    in.take(static_cast<std::uint64_t>(h->charcnt) + static_cast<std::uint64_t>(h->leapcnt) * (time_size + 4) +
            static_cast<std::uint64_t>(h->isstdcnt) + static_cast<std::uint64_t>(h->isutcnt));
    if (!in.ok) return false;

    zone = TimeZone{};
    zone.m_name = std::string(name);
    zone.m_initial_offset = offsets[0]; // RFC 8536: time type 0 holds before the first transition
    auto previous = zone.m_initial_offset;
    for (size_t i = 0; i < times.size(); ++i) {
        if (type_of[i] >= offsets.size()) return false;
        if (i > 0 && times[i] <= times[i - 1]) return false;
        auto offset = offsets[type_of[i]];
        if (offset == previous) continue; // a change of name or DST flag only
        zone.m_transitions.push_back({times[i], offset});
        previous = offset;
    }
    if (time_size == 8 && in.take(1) == "\n") {
        auto footer = in.data.substr(0, in.data.find('\n'));
        if (!footer.empty()) zone.m_has_rule = parse_rule(footer, zone.m_rule);
    }
    return true;
}

const TimeZone* TimeZone::locate(std::string_view name) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<TimeZone>, std::less<>> zones;
    std::lock_guard lock(mutex);
    if (auto it = zones.find(name); it != zones.end()) return it->second.get();
    if (!plausible_name(name)) return nullptr;

    auto zone = std::make_unique<TimeZone>();
    std::ifstream file(zone_dir() + "/" + std::string(name), std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    if (!file.is_open() || !parse(name, bytes, *zone)) {
        if (name != "UTC" && name != "Etc/UTC") return nullptr;
        zone->m_name = std::string(name); // UTC needs no file: a machine without tzdata still has it
    }
    return zones.emplace(std::string(name), std::move(zone)).first->second.get();
}

void TimeZone::rule_transitions(int year, std::vector<Transition>& out) const {
    auto y = date::year(year);
    auto local_start = rule_day(m_rule.start, y).time_since_epoch();
    auto local_end = rule_day(m_rule.end, y).time_since_epoch();
    // Each change happens at a wall-clock time of the offset in force before it.
    auto start = seconds(local_start).count() + m_rule.start.time - m_rule.std_offset.count();
    auto end = seconds(local_end).count() + m_rule.end.time - m_rule.dst_offset.count();
    out.push_back({start, m_rule.dst_offset});
    out.push_back({end, m_rule.std_offset});
}

ZonePeriod TimeZone::period_at(Timestamp t) const {
    const auto s = count(t);
    auto next = std::upper_bound(m_transitions.begin(), m_transitions.end(), s,
                                 [](std::int64_t v, const Transition& tr) { return v < tr.at; });
    if (next != m_transitions.end()) {
        if (next == m_transitions.begin()) return {k_dawn, at(next->at), m_initial_offset};
        return {at(std::prev(next)->at), at(next->at), std::prev(next)->offset};
    }
    // After the last transition of the file: its closing rule, if there is one.
    Timestamp begin = m_transitions.empty() ? k_dawn : at(m_transitions.back().at);
    seconds offset = m_transitions.empty() ? m_initial_offset : m_transitions.back().offset;
    if (!m_has_rule) return {begin, k_dusk, offset};
    if (!m_rule.has_dst) return {begin, k_dusk, m_rule.std_offset};

    // (clamped: the years around the ends of time have no neighbours to look at)
    int year = std::clamp(static_cast<int>(date::year_month_day(date::floor<date::days>(t)).year()), -32000, 32000);
    std::vector<Transition> changes;
    for (int y = year - 1; y <= year + 1; ++y) rule_transitions(y, changes);
    std::sort(changes.begin(), changes.end(), [](const Transition& a, const Transition& b) { return a.at < b.at; });
    auto after = std::upper_bound(changes.begin(), changes.end(), s,
                                  [](std::int64_t v, const Transition& tr) { return v < tr.at; });
    // `after` is never first: the year before always holds two changes before t.
    auto current = std::prev(after);
    return {std::max(begin, at(current->at)), after == changes.end() ? k_dusk : at(after->at), current->offset};
}

LocalLookup TimeZone::lookup(date::local_seconds local) const {
    const auto l = local.time_since_epoch().count();
    LocalLookup out;
    int found = 0;
    bool have_previous = false;
    ZonePeriod previous;
    // Every period that could hold `local` lies within a day or two of it read as UTC.
    for (auto p = period_at(at(l - k_lookup_margin));; p = period_at(p.end)) {
        const auto utc = l - p.offset.count();
        if (count(p.begin) <= utc && utc < count(p.end)) {
            (found == 0 ? out.first : out.second) = p;
            ++found;
        } else if (have_previous && found == 0 && utc < count(p.begin) &&
                   l - previous.offset.count() >= count(previous.end)) {
            out.result = LocalLookup::nonexistent;
            out.first = previous;
            out.second = p;
            return out;
        }
        if (found == 2 || p.end >= k_dusk || count(p.end) > l + k_lookup_margin) break;
        previous = p;
        have_previous = true;
    }
    out.result = found == 2 ? LocalLookup::ambiguous : LocalLookup::unique;
    if (found == 0) out.first = period_at(at(l)); // unreachable with sane data; never fail a lookup
    return out;
}

} // namespace svcdesk
