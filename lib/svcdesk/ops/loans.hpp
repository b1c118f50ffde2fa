#pragma once
// Equipment loans against a cash deposit (issue 24, seed 001 §六 轮椅、平推车(缴纳押金), §八).
// Each mutating function is one command and one transaction, audited (loan.*). All throw Error:
// invalid (2), not_found (3), refused (4), permission (5).

#include <svcdesk/domain/id_number.hpp>
#include <svcdesk/domain/loan.hpp>
#include <svcdesk/ops/context.hpp>

#include <optional>
#include <string>
#include <vector>

namespace svcdesk {

struct LoanRequest {
    std::string item;
    std::string borrower;
    std::string phone;
    std::string id_number; // hashed at once; never stored, printed or put in a message
    IdType id_type = IdType::resident;
    std::optional<Fen> deposit;      // default: the kind's deposit in config
    std::optional<std::string> desk; // default: the acting staff member's desk
};

// Lends one unit of `item` (deposit_work permission) and returns the loan id. Refused (4) when
// the desk has none available, naming who holds them and since when; invalid (2) for an unknown
// item or an invalid ID number.
LoanId loan_out(Context& ctx, const LoanRequest& request);

struct ReturnRequest {
    std::string loan; // "12" or "L12"
    LoanCondition condition = LoanCondition::ok;
    Fen keep = 0; // deposit kept for damage or loss: supervisor only, with `reason`
    std::optional<std::string> reason;
    std::optional<std::string> note;
};
// Takes an item back and refunds the deposit less what is kept. Keeping any needs a supervisor
// (permission 5) and a reason; a loan returned already is refused (4).
Loan loan_return(Context& ctx, const ReturnRequest& request);

// `reveal` needs a supervisor and is audited (loan.reveal), as for deposits.
std::vector<Loan> list_loans(Context& ctx, LoanFilter filter, bool reveal = false);

// Per desk (all desks that lend, or `desk`) and kind: available, out, overdue, out of service.
std::vector<LoanStock> loan_stock(Context& ctx, const std::optional<std::string>& desk);

// The deposit cash of `desk` on `day` (the site's local day): opening balance (everything before
// the day), in, refunded, kept, closing.
LoanCash loan_cash(Context& ctx, const std::string& desk, date::local_days day);

// Parses "12" or "L12"; invalid (2) otherwise.
LoanId parse_loan_ref(std::string_view text);

} // namespace svcdesk
