#pragma once
// JSON shapes of loans, stock and cash (tables and CSV are views of them). Money is a string of
// yuan with two decimals ("200.00"): exact, unlike a JSON number.

#include <svcdesk/domain/loan.hpp>
#include <svcdesk/io/records.hpp>

namespace svcdesk {

// The borrower's name and phone are masked unless `reveal`; the ID number appears only as its
// last 4 characters, the hash never.
Json loan_json(const Loan& l, Zone zone, Timestamp now, bool reveal = false);
Json loan_stock_json(const LoanStock& s);
Json loan_cash_json(const LoanCash& c);

} // namespace svcdesk
