#pragma once
// Equipment loans against a cash deposit (seed 001 §六 轮椅、平推车(缴纳押金), §八 轮椅五辆,
// 平推车, 便民伞10把): the inventory per desk, the loan record, its states and money in fen.
// No I/O here.

#include <svcdesk/time.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

using LoanId = std::int64_t;
// Money is whole fen (1 yuan = 100 fen), never floating point.
using Fen = std::int64_t;

// Parses a non-negative amount in yuan ("200", "200.5", "200.50"); throws Error(invalid) for a
// negative amount, a fraction of a fen, or anything that is not a number, naming `option`.
Fen parse_yuan(std::string_view text, std::string_view option);
// "200.00": yuan with two decimals.
std::string format_yuan(Fen fen);

// One kind of item a desk lends, from [loans.DESK.KIND] in config.
struct LoanKind {
    std::string id;            // "wheelchair"
    std::string name;          // "轮椅"
    int count = 0;             // units the desk owns (§八: 轮椅五辆)
    int out_of_service = 0;    // units under repair: not lent (config only)
    Fen deposit = 0;           // the default cash deposit
    minutes period{4 * 60};    // due back after this long

    int in_service() const { return count - out_of_service; }
};

struct LoanPolicy {
    std::map<std::string, std::vector<LoanKind>> inventory; // by desk id, kinds ordered by key
    // The kind `item` of `desk`; nullptr when the desk does not lend it.
    const LoanKind* find(std::string_view desk, std::string_view item) const;
    // "wheelchair, flat_cart, umbrella"; empty when the desk lends nothing.
    std::string kinds_text(std::string_view desk) const;
};

// What is stored; `overdue` is an out loan past its due time.
enum class LoanStatus { out, returned };
enum class LoanState { out, overdue, returned };
// How the item came back.
enum class LoanCondition { ok, damaged, lost };

inline constexpr std::array<std::string_view, 3> k_loan_state_names = {"out", "overdue", "returned"};
inline constexpr std::array<std::string_view, 3> k_loan_condition_names = {"ok", "damaged", "lost"};

std::string_view to_string(LoanState s);
std::string_view to_string(LoanCondition c);
// Each parser throws Error(invalid) listing the accepted values.
LoanState parse_loan_state(std::string_view text);
LoanCondition parse_loan_condition(std::string_view text);

struct Loan {
    LoanId id = 0;
    std::string desk;
    std::string item;
    int unit = 0; // 1..count: which of the desk's units (one open loan per unit, a unique index)
    std::string borrower;
    std::string phone;
    std::string id_last4;
    std::string id_hash; // salted PBKDF2-SHA256 of the ID number, as for deposits
    Fen deposit = 0;     // cash received at the loan
    Timestamp out_at{};
    Timestamp due_at{};
    std::string lent_by;
    std::optional<Timestamp> returned_at;
    std::optional<std::string> returned_by;
    std::optional<LoanCondition> condition;
    Fen kept = 0;     // deposit kept for damage or loss (supervisor, with a reason)
    Fen refunded = 0; // deposit handed back
    std::optional<std::string> kept_by;
    std::optional<std::string> note; // the reason for keeping, or the return note

    bool returned() const { return returned_at.has_value(); }
};

bool is_overdue(const Loan& l, Timestamp now);
LoanState state_of(const Loan& l, Timestamp now);

// Checks the money of a return: `kept` between 0 and the deposit (invalid, 2); keeping any needs
// a reason (invalid) and a condition other than ok (invalid). Returns the refund.
Fen refund_of(const Loan& l, LoanCondition condition, Fen kept, bool has_reason);

// The stock of one kind at a desk.
struct LoanStock {
    std::string desk;
    LoanKind kind;
    int out = 0;     // out and not overdue
    int overdue = 0; // out and past due
    int available() const { return kind.in_service() - out - overdue; }
};

// The deposit cash of a desk over one day: opening + in - refunded - kept = closing.
struct LoanCash {
    std::string desk;
    Fen opening = 0;
    Fen in = 0;
    Fen refunded = 0;
    Fen kept = 0;
    int loans_out = 0;      // loans made that day
    int loans_returned = 0; // loans returned that day
    Fen closing() const { return opening + in - refunded - kept; }
};

} // namespace svcdesk
