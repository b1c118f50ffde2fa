#pragma once
// JSON shapes of roster records (roster show / on-duty / gaps / hours).

#include <svcdesk/domain/roster.hpp>
#include <svcdesk/io/records.hpp>

namespace svcdesk {

// {"date","staff","name","desk","shift","label","hours","from","to","worked_hours"}
Json roster_line_json(const RosterLine& line, Zone zone);
// {"staff","name","desk","roles","shift","date","from","until"}
Json duty_json(const Duty& duty, Zone zone);
// {"date","desk","role","from","to","interval","on_duty","minimum"}; interval is "23:00-24:00"
Json gap_json(const Gap& gap, date::local_days day, Zone zone);
// {"staff","name","desk","active","shifts","hours"}
Json hours_json(const StaffHours& hours);

} // namespace svcdesk
