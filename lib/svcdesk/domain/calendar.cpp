#include <svcdesk/domain/calendar.hpp>
#include <svcdesk/error.hpp>

namespace svcdesk {
namespace {

struct Window {
    Timestamp begin, end;
};

Window window_of(const WorkCalendar& cal, date::local_days day, Zone zone) {
    return {to_utc(date::local_seconds(day) + cal.open, zone), to_utc(date::local_seconds(day) + cal.close, zone)};
}

[[noreturn]] void no_working_time() {
    fail(Code::internal, "the working calendar has no working time within {} days; check [calendar]",
         k_max_days_scanned);
}

} // namespace

std::optional<date::local_days> WorkCalendar::known_until() const {
    if (valid_until) return valid_until;
    if (holidays.empty()) return std::nullopt;
    return *holidays.rbegin();
}

std::optional<std::string> calendar_end_warning(const WorkCalendar& cal, date::local_days today) {
    auto last = cal.known_until();
    if (!last || *last - today > date::days(k_calendar_warning_days)) return std::nullopt;
    if (*last < today) {
        return format_message("the working calendar ended on {}: add the next year's public holidays and "
                              "make-up working days ([calendar] holidays, extra_working_days) or "
                              "set calendar.valid_until",
                              format_day(*last));
    }
    return format_message("the working calendar ends on {}: add the next year's public holidays and "
                          "make-up working days ([calendar] holidays, extra_working_days) or "
                          "set calendar.valid_until",
                          format_day(*last));
}

bool WorkCalendar::is_working_day(date::local_days day) const {
    if (extra_working_days.count(day)) return true;
    if (holidays.count(day)) return false;
    return working_weekday[date::weekday(day).c_encoding()];
}

Timestamp WorkCalendar::add_working(Timestamp start, minutes amount, Zone zone) const {
    auto day = local_day(start, zone);
    std::chrono::seconds left = amount;
    for (int i = 0; i < k_max_days_scanned; ++i, day += date::days(1)) {
        if (!is_working_day(day)) continue;
        auto w = window_of(*this, day, zone);
        if (start >= w.end) continue;
        auto from = std::max(start, w.begin);
        if (from + left <= w.end) return from + left;
        left -= w.end - from;
    }
    no_working_time();
}

minutes WorkCalendar::working_between(Timestamp from, Timestamp to, Zone zone) const {
    if (to <= from) return minutes(0);
    std::chrono::seconds total{0};
    auto last = local_day(to, zone);
    for (auto day = local_day(from, zone); day <= last; day += date::days(1)) {
        if (!is_working_day(day)) continue;
        auto w = window_of(*this, day, zone);
        auto a = std::max(from, w.begin), b = std::min(to, w.end);
        if (b > a) total += b - a;
    }
    return std::chrono::duration_cast<minutes>(total);
}

Timestamp WorkCalendar::end_of_working_day(Timestamp t, Zone zone) const {
    auto day = local_day(t, zone);
    for (int i = 0; i < k_max_days_scanned; ++i, day += date::days(1)) {
        if (!is_working_day(day)) continue;
        auto w = window_of(*this, day, zone);
        if (t < w.end) return w.end;
    }
    no_working_time();
}

Timestamp WorkCalendar::next_working_moment(Timestamp t, Zone zone) const {
    auto day = local_day(t, zone);
    for (int i = 0; i < k_max_days_scanned; ++i, day += date::days(1)) {
        if (!is_working_day(day)) continue;
        auto w = window_of(*this, day, zone);
        if (t < w.end) return std::max(t, w.begin);
    }
    no_working_time();
}

} // namespace svcdesk
