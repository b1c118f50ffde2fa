#include <svcdesk/error.hpp>
#include <svcdesk/store/query.hpp>
#include <svcdesk/store/staff_repo.hpp>

namespace svcdesk {
namespace {

using sql::Query;

constexpr const char* k_select = "SELECT id, name, desk, roles, phone, active FROM staff";

Staff read_staff(const Query& q) {
    Staff staff;
    staff.id = q.text(0);
    staff.name = q.text(1);
    staff.desk = q.text(2);
    staff.roles = parse_roles(q.text(3));
    staff.phone = q.text(4);
    staff.active = q.flag(5);
    return staff;
}

} // namespace

void StaffRepo::insert(const Staff& staff) {
    if (find(staff.id)) fail(Code::refused, "staff id '{}' exists already", staff.id);
    Query q(m_db, "INSERT INTO staff (id, name, desk, roles, phone, active) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(staff.id).bind(staff.name).bind(staff.desk).bind(join_roles(staff.roles)).bind(staff.phone);
    q.bind(staff.active).exec();
}

void StaffRepo::update(const Staff& staff) {
    Query q(m_db, "UPDATE staff SET name = ?, desk = ?, roles = ?, phone = ?, active = ? WHERE id = ?");
    q.bind(staff.name).bind(staff.desk).bind(join_roles(staff.roles)).bind(staff.phone).bind(staff.active);
    q.bind(staff.id).exec();
}

std::optional<Staff> StaffRepo::find(const std::string& id) {
    Query q(m_db, std::string(k_select) + " WHERE id = ?");
    q.bind(id);
    if (!q.step()) return std::nullopt;
    return read_staff(q);
}

std::vector<Staff> StaffRepo::list(bool include_inactive) {
    Query q(m_db, std::string(k_select) + (include_inactive ? "" : " WHERE active = 1") + " ORDER BY desk, id");
    std::vector<Staff> out;
    while (q.step()) out.push_back(read_staff(q));
    return out;
}

std::int64_t StaffRepo::count() { return Query(m_db, "SELECT count(*) FROM staff").scalar(); }

} // namespace svcdesk
