#include <svcdesk/error.hpp>
#include <svcdesk/store/query.hpp>
#include <svcdesk/store/staff_repo.hpp>

namespace svcdesk {
namespace {

using sql::Query;

constexpr const char* k_select = "SELECT id, name, desk, roles, phone, active, login, db_role FROM staff";

Staff read_staff(const Query& q) {
    Staff staff;
    staff.id = q.text(0);
    staff.name = q.text(1);
    staff.desk = q.text(2);
    staff.roles = parse_roles(q.text(3));
    staff.phone = q.text(4);
    staff.active = q.flag(5);
    staff.login = q.opt_text(6).value_or("");
    staff.db_role = q.opt_text(7).value_or("");
    return staff;
}

std::optional<std::string> binding(const std::string& name) {
    return name.empty() ? std::nullopt : std::optional(name);
}

// Runs an insert or update of `staff`; a login or role bound to another active member is refused.
void insert_bound(Query& q, const Staff& staff) {
    try {
        q.exec();
    } catch (const sql::DbError& e) {
        if (!e.unique_violation()) throw;
        fail(Code::refused, "login '{}' or database role '{}' is bound to another active staff member already",
             staff.login, staff.db_role);
    }
}

} // namespace

void StaffRepo::insert(const Staff& staff) {
    if (find(staff.id)) fail(Code::refused, "staff id '{}' exists already", staff.id);
    Query q(m_db, "INSERT INTO staff (id, name, desk, roles, phone, active, login, db_role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(staff.id).bind(staff.name).bind(staff.desk).bind(join_roles(staff.roles)).bind(staff.phone);
    q.bind(staff.active).bind(binding(staff.login)).bind(binding(staff.db_role));
    insert_bound(q, staff);
}

void StaffRepo::update(const Staff& staff) {
    Query q(m_db, "UPDATE staff SET name = ?, desk = ?, roles = ?, phone = ?, active = ?, login = ?, db_role = ? WHERE id = ?");
    q.bind(staff.name).bind(staff.desk).bind(join_roles(staff.roles)).bind(staff.phone).bind(staff.active);
    q.bind(binding(staff.login)).bind(binding(staff.db_role)).bind(staff.id);
    insert_bound(q, staff);
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

std::optional<Staff> StaffRepo::find_by_login(const std::string& login) {
    Query q(m_db, std::string(k_select) + " WHERE login = ? AND active = 1");
    if (!q.bind(login).step()) return std::nullopt;
    return read_staff(q);
}

std::optional<Staff> StaffRepo::find_by_db_role(const std::string& role) {
    Query q(m_db, std::string(k_select) + " WHERE db_role = ? AND active = 1");
    if (!q.bind(role).step()) return std::nullopt;
    return read_staff(q);
}

bool StaffRepo::any_bound() {
    return Query(m_db, "SELECT count(*) FROM staff WHERE active = 1 AND "
                       "(login IS NOT NULL OR db_role IS NOT NULL OR pin_hash IS NOT NULL)")
               .scalar() > 0;
}

StaffRepo::Pin StaffRepo::pin(const std::string& id) {
    Query q(m_db, "SELECT pin_hash, pin_failures FROM staff WHERE id = ?");
    if (!q.bind(id).step()) return {};
    return {q.opt_text(0).value_or(""), static_cast<int>(q.integer(1))};
}

void StaffRepo::set_pin(const std::string& id, const std::string& hash) {
    Query(m_db, "UPDATE staff SET pin_hash = ?, pin_failures = 0 WHERE id = ?").bind(hash).bind(id).exec();
}

void StaffRepo::set_pin_failures(const std::string& id, int failures) {
    Query(m_db, "UPDATE staff SET pin_failures = ? WHERE id = ?").bind(std::int64_t{failures}).bind(id).exec();
}

void StaffRepo::open_session(const std::string& staff, const std::string& os_user, const std::string& terminal,
                             Timestamp now, Timestamp expires_at) {
    Query q(m_db, "INSERT INTO staff_sessions (staff, os_user, terminal, started_at, expires_at) VALUES (?, ?, ?, ?, ?)");
    q.bind(staff).bind(os_user).bind(terminal).bind(now).bind(expires_at).exec();
}

std::optional<StaffRepo::Session> StaffRepo::session(const std::string& os_user, const std::string& terminal,
                                                     Timestamp now) {
    Query q(m_db, "SELECT staff, expires_at FROM staff_sessions WHERE os_user = ? AND terminal = ? AND ended_at IS NULL "
                  "AND expires_at > ? ORDER BY id DESC LIMIT 1");
    if (!q.bind(os_user).bind(terminal).bind(now).step()) return std::nullopt;
    return Session{q.text(0), q.time(1)};
}

std::int64_t StaffRepo::end_sessions(const std::string& os_user, const std::string& terminal, Timestamp now) {
    Query q(m_db, "UPDATE staff_sessions SET ended_at = ? WHERE os_user = ? AND terminal = ? AND ended_at IS NULL "
                  "AND expires_at > ?");
    return q.bind(now).bind(os_user).bind(terminal).bind(now).exec();
}

} // namespace svcdesk
