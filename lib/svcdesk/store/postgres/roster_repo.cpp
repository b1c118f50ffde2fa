#include <svcdesk/store/postgres/pg_store.hpp>
#include <svcdesk/store/sql_text.hpp>

namespace svcdesk::postgres {
using store_detail::day_of, store_detail::day_text;

void PgRosterRepo::set(const RosterEntry& entry, const std::string& actor, Timestamp at) {
    m_db.exec("INSERT INTO roster (staff, day, shift, set_by, set_at) VALUES ($1, $2, $3, $4, $5) "
              "ON CONFLICT (staff, day) DO UPDATE SET shift = excluded.shift, "
              "set_by = excluded.set_by, set_at = excluded.set_at",
              Params().add(entry.staff).add(day_text(entry.day)).add(entry.shift).add(actor).add(at));
}

bool PgRosterRepo::clear(const std::string& staff, date::local_days day) {
    return m_db.exec("DELETE FROM roster WHERE staff = $1 AND day = $2", Params().add(staff).add(day_text(day)))
               .affected() > 0;
}

std::optional<RosterEntry> PgRosterRepo::find(const std::string& staff, date::local_days day) {
    auto r = m_db.exec("SELECT shift FROM roster WHERE staff = $1 AND day = $2", Params().add(staff).add(day_text(day)));
    if (r.rows() == 0) return std::nullopt;
    return RosterEntry{staff, day, r.text(0, 0)};
}

std::vector<RosterEntry> PgRosterRepo::range(date::local_days from, date::local_days to,
                                             const std::optional<std::string>& staff,
                                             const std::optional<std::string>& desk) {
    std::string sql = "SELECT r.staff, r.day, r.shift FROM roster r JOIN staff s ON s.id = r.staff "
                      "WHERE r.day BETWEEN $1 AND $2";
    Params p;
    p.add(day_text(from)).add(day_text(to));
    int n = 3;
    if (staff) sql += fmt::format(" AND r.staff = ${}", n++), p.add(*staff);
    if (desk) sql += fmt::format(" AND s.desk = ${}", n++), p.add(*desk);
    sql += " ORDER BY r.day, r.staff";
    auto r = m_db.exec(sql, p);
    std::vector<RosterEntry> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, 0), day_of(r.text(i, 1)), r.text(i, 2)});
    return out;
}

std::int64_t PgRosterRepo::count() { return m_db.exec("SELECT count(*) FROM roster").integer(0, 0); }

} // namespace svcdesk::postgres
