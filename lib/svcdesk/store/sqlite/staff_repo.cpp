#include <svcdesk/store/sqlite/sqlite_store.hpp>

namespace svcdesk::sqlite {
namespace {

constexpr const char* k_select = "SELECT id, name, desk, roles, phone, active FROM staff";

Staff read_staff(SQLite::Statement& s) {
    Staff staff;
    staff.id = s.getColumn(0).getString();
    staff.name = s.getColumn(1).getString();
    staff.desk = s.getColumn(2).getString();
    staff.roles = parse_roles(s.getColumn(3).getString());
    staff.phone = s.getColumn(4).getString();
    staff.active = s.getColumn(5).getInt() != 0;
    return staff;
}

} // namespace

void SqliteStaffRepo::insert(const Staff& staff) {
    if (find(staff.id)) fail(Code::refused, "staff id '{}' exists already", staff.id);
    SQLite::Statement s(m_db, "INSERT INTO staff (id, name, desk, roles, phone, active) VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, staff.id);
    s.bind(2, staff.name);
    s.bind(3, staff.desk);
    s.bind(4, join_roles(staff.roles));
    s.bind(5, staff.phone);
    s.bind(6, staff.active ? 1 : 0);
    s.exec();
}

void SqliteStaffRepo::update(const Staff& staff) {
    SQLite::Statement s(m_db, "UPDATE staff SET name = ?, desk = ?, roles = ?, phone = ?, active = ? WHERE id = ?");
    s.bind(1, staff.name);
    s.bind(2, staff.desk);
    s.bind(3, join_roles(staff.roles));
    s.bind(4, staff.phone);
    s.bind(5, staff.active ? 1 : 0);
    s.bind(6, staff.id);
    s.exec();
}

std::optional<Staff> SqliteStaffRepo::find(const std::string& id) {
    SQLite::Statement s(m_db, std::string(k_select) + " WHERE id = ?");
    s.bind(1, id);
    if (!s.executeStep()) return std::nullopt;
    return read_staff(s);
}

std::vector<Staff> SqliteStaffRepo::list(bool include_inactive) {
    SQLite::Statement s(m_db, std::string(k_select) + (include_inactive ? "" : " WHERE active = 1") +
                                  " ORDER BY desk, id");
    std::vector<Staff> out;
    while (s.executeStep()) out.push_back(read_staff(s));
    return out;
}

std::int64_t SqliteStaffRepo::count() { return m_db.execAndGet("SELECT count(*) FROM staff").getInt64(); }

} // namespace svcdesk::sqlite
