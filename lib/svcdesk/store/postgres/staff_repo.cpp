#include <svcdesk/store/postgres/pg_store.hpp>

namespace svcdesk::postgres {
namespace {

constexpr const char* k_select = "SELECT id, name, desk, roles, phone, active FROM staff";

Staff read_staff(const Result& r, int i) {
    Staff staff;
    staff.id = r.text(i, 0);
    staff.name = r.text(i, 1);
    staff.desk = r.text(i, 2);
    staff.roles = parse_roles(r.text(i, 3));
    staff.phone = r.text(i, 4);
    staff.active = r.integer(i, 5) != 0;
    return staff;
}

} // namespace

void PgStaffRepo::insert(const Staff& staff) {
    if (find(staff.id)) fail(Code::refused, "staff id '{}' exists already", staff.id);
    m_db.exec("INSERT INTO staff (id, name, desk, roles, phone, active) VALUES ($1, $2, $3, $4, $5, $6)",
              Params().add(staff.id).add(staff.name).add(staff.desk).add(join_roles(staff.roles)).add(staff.phone).add(
                  staff.active));
}

void PgStaffRepo::update(const Staff& staff) {
    m_db.exec("UPDATE staff SET name = $1, desk = $2, roles = $3, phone = $4, active = $5 WHERE id = $6",
              Params().add(staff.name).add(staff.desk).add(join_roles(staff.roles)).add(staff.phone).add(staff.active).add(
                  staff.id));
}

std::optional<Staff> PgStaffRepo::find(const std::string& id) {
    auto r = m_db.exec(std::string(k_select) + " WHERE id = $1", Params().add(id));
    if (r.rows() == 0) return std::nullopt;
    return read_staff(r, 0);
}

std::vector<Staff> PgStaffRepo::list(bool include_inactive) {
    auto r = m_db.exec(std::string(k_select) + (include_inactive ? "" : " WHERE active = 1") + " ORDER BY desk, id");
    std::vector<Staff> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(read_staff(r, i));
    return out;
}

std::int64_t PgStaffRepo::count() { return m_db.exec("SELECT count(*) FROM staff").integer(0, 0); }

} // namespace svcdesk::postgres
