#include <svcdesk/store/query.hpp>
#include <svcdesk/store/roster_repo.hpp>
#include <svcdesk/store/sql_text.hpp>

namespace svcdesk {
using sql::Query;

void RosterRepo::set(const RosterEntry& entry, const std::string& actor, Timestamp at) {
    Query q(m_db, "INSERT INTO roster (staff, day, shift, set_by, set_at) VALUES (?, ?, ?, ?, ?) "
                  "ON CONFLICT (staff, day) DO UPDATE SET shift = excluded.shift, "
                  "set_by = excluded.set_by, set_at = excluded.set_at");
    q.bind(entry.staff).bind(format_day(entry.day)).bind(entry.shift).bind(actor).bind(at).exec();
}

bool RosterRepo::clear(const std::string& staff, date::local_days day) {
    Query q(m_db, "DELETE FROM roster WHERE staff = ? AND day = ?");
    return q.bind(staff).bind(format_day(day)).exec() > 0;
}

std::optional<RosterEntry> RosterRepo::find(const std::string& staff, date::local_days day) {
    Query q(m_db, "SELECT shift FROM roster WHERE staff = ? AND day = ?");
    q.bind(staff).bind(format_day(day));
    if (!q.step()) return std::nullopt;
    return RosterEntry{staff, day, q.text(0)};
}

std::vector<RosterEntry> RosterRepo::range(date::local_days from, date::local_days to,
                                           const std::optional<std::string>& staff,
                                           const std::optional<std::string>& desk) {
    std::string sql = "SELECT r.staff, r.day, r.shift FROM roster r JOIN staff s ON s.id = r.staff "
                      "WHERE r.day BETWEEN ? AND ?";
    if (staff) sql += " AND r.staff = ?";
    if (desk) sql += " AND s.desk = ?";
    Query q(m_db, sql + " ORDER BY r.day, r.staff");
    q.bind(format_day(from)).bind(format_day(to));
    if (staff) q.bind(*staff);
    if (desk) q.bind(*desk);
    std::vector<RosterEntry> out;
    while (q.step()) out.push_back({q.text(0), store_detail::day_of(q.text(1)), q.text(2)});
    return out;
}

std::int64_t RosterRepo::count() { return Query(m_db, "SELECT count(*) FROM roster").scalar(); }

} // namespace svcdesk
