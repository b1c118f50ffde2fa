#include <svcdesk/error.hpp>
#include <svcdesk/i18n.hpp>
#include <svcdesk/store/loan_repo.hpp>
#include <svcdesk/store/query.hpp>
#include <svcdesk/store/sql_text.hpp>

namespace svcdesk {
namespace {

using sql::Query;

Loan read_loan_row(const Query& q) {
    Loan l;
    l.id = q.integer(0);
    l.desk = q.text(1);
    l.item = q.text(2);
    l.unit = q.int32(3);
    l.borrower = q.text(4);
    l.phone = q.text(5);
    l.id_last4 = q.text(6);
    l.id_hash = q.text(7);
    l.deposit = q.integer(8);
    l.out_at = q.time(9);
    l.due_at = q.time(10);
    l.lent_by = q.text(11);
    l.returned_at = q.opt_time(12);
    l.returned_by = q.opt_text(13);
    if (auto c = q.opt_text(14)) l.condition = parse_loan_condition(*c);
    l.kept = q.integer(15);
    l.refunded = q.integer(16);
    l.kept_by = q.opt_text(17);
    l.note = q.opt_text(18);
    return l;
}

std::string select_loans_where(const char* condition) {
    return fmt::format("SELECT {} FROM loans WHERE {}", store_detail::k_loan_columns, condition);
}

} // namespace

LoanId LoanRepo::insert(const Loan& l) {
    auto q = Query::inserting(m_db, "INSERT INTO loans (desk, item, unit, borrower, phone, id_last4, id_hash, "
                                    "deposit_fen, out_at, due_at, lent_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(l.desk).bind(l.item).bind(l.unit).bind(l.borrower).bind(l.phone).bind(l.id_last4).bind(l.id_hash);
    q.bind(l.deposit).bind(l.out_at).bind(l.due_at).bind(l.lent_by);
    // A savepoint keeps the transaction usable after a lost race (PostgreSQL aborts it on any
    // error), as for deposits' tags.
    Query(m_db, "SAVEPOINT loan_insert").exec();
    try {
        LoanId id = q.insert().value();
        Query(m_db, "RELEASE SAVEPOINT loan_insert").exec();
        return id;
    } catch (const sql::DbError& e) {
        if (!e.unique_violation()) throw;
    }
    q.reset();
    Query(m_db, "ROLLBACK TO SAVEPOINT loan_insert").exec();
    throw Error(Code::refused, fmt::format(fmt::runtime(_("{0} no. {1} of desk {2} was lent at another desk at the "
                                                          "same moment; none is left: try again")),
                                           l.item, l.unit, l.desk));
}

void LoanRepo::update(const Loan& l) {
    Query q(m_db, "UPDATE loans SET returned_at = ?, returned_by = ?, condition = ?, kept_fen = ?, refunded_fen = ?, "
                  "kept_by = ?, note = ? WHERE id = ?");
    q.bind(l.returned_at).bind(l.returned_by);
    if (l.condition) q.bind(to_string(*l.condition));
    else q.bind(std::nullopt);
    q.bind(l.kept).bind(l.refunded).bind(l.kept_by).bind(l.note).bind(l.id).exec();
}

std::optional<Loan> LoanRepo::find(LoanId id, bool for_update) {
    Query q(m_db, select_loans_where("id = ?") + (for_update ? std::string(m_db.dialect().lock("loans")) : ""));
    q.bind(id);
    if (!q.step()) return std::nullopt;
    return read_loan_row(q);
}

std::vector<Loan> LoanRepo::list(const LoanFilter& f) {
    std::string states;
    int nows = 0;
    for (auto state : f.states) {
        if (!states.empty()) states += " OR ";
        switch (state) {
        case LoanState::out: states += "(returned_at IS NULL AND due_at >= ?)", ++nows; break;
        case LoanState::overdue: states += "(returned_at IS NULL AND due_at < ?)", ++nows; break;
        case LoanState::returned: states += "returned_at IS NOT NULL"; break;
        }
    }
    std::string sql = select_loans_where("true");
    if (!states.empty()) sql += " AND (" + states + ")";
    if (f.desk) sql += " AND desk = ?";
    if (f.item) sql += " AND item = ?";
    Query q(m_db, sql + " ORDER BY due_at, id");
    for (int i = 0; i < nows; ++i) q.bind(f.now);
    if (f.desk) q.bind(*f.desk);
    if (f.item) q.bind(*f.item);
    std::vector<Loan> out;
    while (q.step()) out.push_back(read_loan_row(q));
    return out;
}

std::vector<Loan> LoanRepo::out_at(const std::string& desk, Timestamp at) {
    Query q(m_db, select_loans_where("desk = ? AND out_at <= ? AND (returned_at IS NULL OR returned_at > ?)") +
                      " ORDER BY due_at, id");
    q.bind(desk).bind(at).bind(at);
    std::vector<Loan> out;
    while (q.step()) out.push_back(read_loan_row(q));
    return out;
}

std::vector<int> LoanRepo::open_units(const std::string& desk, const std::string& item) {
    Query q(m_db, "SELECT unit FROM loans WHERE desk = ? AND item = ? AND returned_at IS NULL ORDER BY unit");
    q.bind(desk).bind(item);
    std::vector<int> out;
    while (q.step()) out.push_back(q.int32(0));
    return out;
}

LoanCash LoanRepo::cash(const std::string& desk, std::optional<Timestamp> from, Timestamp to) {
    LoanCash c;
    c.desk = desk;
    auto since = from.value_or(Timestamp{});
    {
        Query q(m_db, "SELECT count(*), CAST(coalesce(sum(deposit_fen), 0) AS BIGINT) FROM loans WHERE desk = ? AND out_at >= ? "
                      "AND out_at < ?");
        q.bind(desk).bind(since).bind(to);
        if (q.step()) c.loans_out = q.int32(0), c.in = q.integer(1);
    }
    {
        Query q(m_db, "SELECT count(*), CAST(coalesce(sum(refunded_fen), 0) AS BIGINT), CAST(coalesce(sum(kept_fen), 0) AS BIGINT) FROM loans "
                      "WHERE desk = ? AND returned_at >= ? AND returned_at < ?");
        q.bind(desk).bind(since).bind(to);
        if (q.step()) c.loans_returned = q.int32(0), c.refunded = q.integer(1), c.kept = q.integer(2);
    }
    return c;
}

} // namespace svcdesk
