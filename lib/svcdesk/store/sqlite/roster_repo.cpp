#include <svcdesk/store/sqlite/sqlite_store.hpp>
#include <svcdesk/store/sql_text.hpp>

namespace svcdesk::sqlite {
using store_detail::day_of, store_detail::day_text;

void SqliteRosterRepo::set(const RosterEntry& entry, const std::string& actor, Timestamp at) {
    if (!m_set) {
        m_set.emplace(m_db, "INSERT INTO roster (staff, day, shift, set_by, set_at) VALUES (?, ?, ?, ?, ?) "
                            "ON CONFLICT (staff, day) DO UPDATE SET shift = excluded.shift, "
                            "set_by = excluded.set_by, set_at = excluded.set_at");
    }
    m_set->reset();
    m_set->bind(1, entry.staff);
    m_set->bind(2, day_text(entry.day));
    m_set->bind(3, entry.shift);
    m_set->bind(4, actor);
    m_set->bind(5, epoch(at));
    m_set->exec();
}

bool SqliteRosterRepo::clear(const std::string& staff, date::local_days day) {
    SQLite::Statement s(m_db, "DELETE FROM roster WHERE staff = ? AND day = ?");
    s.bind(1, staff);
    s.bind(2, day_text(day));
    return s.exec() > 0;
}

std::optional<RosterEntry> SqliteRosterRepo::find(const std::string& staff, date::local_days day) {
    SQLite::Statement s(m_db, "SELECT shift FROM roster WHERE staff = ? AND day = ?");
    s.bind(1, staff);
    s.bind(2, day_text(day));
    if (!s.executeStep()) return std::nullopt;
    return RosterEntry{staff, day, s.getColumn(0).getString()};
}

std::vector<RosterEntry> SqliteRosterRepo::range(date::local_days from, date::local_days to,
                                                 const std::optional<std::string>& staff,
                                                 const std::optional<std::string>& desk) {
    std::string sql = "SELECT r.staff, r.day, r.shift FROM roster r JOIN staff s ON s.id = r.staff "
                      "WHERE r.day BETWEEN ? AND ?";
    if (staff) sql += " AND r.staff = ?";
    if (desk) sql += " AND s.desk = ?";
    sql += " ORDER BY r.day, r.staff";
    SQLite::Statement s(m_db, sql);
    int i = 1;
    s.bind(i++, day_text(from));
    s.bind(i++, day_text(to));
    if (staff) s.bind(i++, *staff);
    if (desk) s.bind(i++, *desk);
    std::vector<RosterEntry> out;
    while (s.executeStep()) {
        out.push_back({s.getColumn(0).getString(), day_of(s.getColumn(1).getString()), s.getColumn(2).getString()});
    }
    return out;
}

std::int64_t SqliteRosterRepo::count() { return m_db.execAndGet("SELECT count(*) FROM roster").getInt64(); }

} // namespace svcdesk::sqlite
