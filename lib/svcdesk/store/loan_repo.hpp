#pragma once
// Storage of equipment loans (issue 24) and the sums their cash report needs.

#include <svcdesk/domain/loan.hpp>

#include <optional>
#include <string>
#include <vector>

namespace svcdesk {
namespace sql {
class Driver;
}

struct LoanFilter {
    std::vector<LoanState> states; // empty: any
    std::optional<std::string> desk;
    std::optional<std::string> item;
    Timestamp now{}; // decides out versus overdue
};

class LoanRepo {
public:
    explicit LoanRepo(sql::Driver& db) : m_db(db) {}
    // Inserts and returns the new id. Throws Error(refused) when loan.unit is held by an open
    // loan already (the unique index loans_open_unit decides, so concurrent desks cannot both win).
    LoanId insert(const Loan& loan);
    // Writes the return (returned_at, returned_by, condition, kept, refunded, kept_by, note).
    void update(const Loan& loan);
    // The loan, locked for a write that changes it when `for_update`.
    std::optional<Loan> find(LoanId id, bool for_update = false);
    // Sorted by due time, then id.
    std::vector<Loan> list(const LoanFilter& filter);
    // The loans of `desk` out at `at`: lent at or before it and not returned by then.
    std::vector<Loan> out_at(const std::string& desk, Timestamp at);
    // The units of `item` at `desk` held by open loans, ascending.
    std::vector<int> open_units(const std::string& desk, const std::string& item);
    // Sums over loans of `desk`: deposits received at loans made in [from, to), refunded and kept
    // at returns in [from, to), and how many loans were made and returned there.
    LoanCash cash(const std::string& desk, std::optional<Timestamp> from, Timestamp to);

private:
    sql::Driver& m_db;
};

} // namespace svcdesk
