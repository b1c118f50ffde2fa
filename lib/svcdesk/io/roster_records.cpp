#include <svcdesk/io/roster_records.hpp>

#include <cmath>

namespace svcdesk {
namespace {

Json hours_of(minutes m) { return std::round(static_cast<double>(m.count()) / 60.0 * 100.0) / 100.0; }

// Local wall clock within `day`; the next midnight reads 24:00.
std::string clock_in_day(Timestamp t, date::local_days day, Zone zone) {
    if (t >= start_of_day(day + date::days(1), zone)) return "24:00";
    return date::format("%H:%M", to_local(t, zone));
}

} // namespace

Json roster_line_json(const RosterLine& line, Zone zone) {
    bool known = line.shift && !line.spans.empty();
    return {{"date", format_day(line.entry.day)},
            {"staff", line.staff.id},
            {"name", line.staff.name},
            {"desk", line.staff.desk},
            {"shift", line.entry.shift},
            {"label", line.shift ? Json(line.shift->label) : Json()},
            {"hours", line.shift ? Json(line.shift->hours_text()) : Json()},
            {"from", known ? Json(format_iso(line.spans.front().from, zone)) : Json()},
            {"to", known ? Json(format_iso(line.spans.back().to, zone)) : Json()},
            {"worked_hours", hours_of(line.worked)}};
}

Json duty_json(const Duty& duty, Zone zone) {
    return {{"staff", duty.staff.id},
            {"name", duty.staff.name},
            {"desk", duty.staff.desk},
            {"roles", duty.staff.roles},
            {"shift", duty.entry.shift},
            {"date", format_day(duty.entry.day)},
            {"from", format_iso(duty.span.from, zone)},
            {"until", format_iso(duty.span.to, zone)}};
}

Json gap_json(const Gap& gap, date::local_days day, Zone zone) {
    return {{"date", format_day(day)},
            {"desk", gap.desk},
            {"role", gap.role},
            {"from", format_iso(gap.span.from, zone)},
            {"to", format_iso(gap.span.to, zone)},
            {"interval", clock_in_day(gap.span.from, day, zone) + "-" + clock_in_day(gap.span.to, day, zone)},
            {"on_duty", gap.on_duty},
            {"minimum", gap.minimum}};
}

Json hours_json(const StaffHours& h) {
    return {{"staff", h.staff.id}, {"name", h.staff.name},   {"desk", h.staff.desk},
            {"active", h.staff.active}, {"shifts", h.shifts}, {"hours", hours_of(h.worked)}};
}

} // namespace svcdesk
