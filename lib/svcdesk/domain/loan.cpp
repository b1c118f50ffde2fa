#include <svcdesk/domain/loan.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/i18n.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace svcdesk {
namespace {

[[noreturn]] void refuse_amount(std::string_view option, std::string_view text) {
    throw Error(Code::invalid, fmt::format(fmt::runtime(_("{0} '{1}' is not an amount in yuan: give a number of yuan "
                                                          "with at most two decimals, e.g. 200 or 12.50")),
                                           option, text));
}

} // namespace

Fen parse_yuan(std::string_view text, std::string_view option) {
    if (text.empty() || text.size() > 12) refuse_amount(option, text);
    auto dot = text.find('.');
    auto whole = text.substr(0, dot);
    auto frac = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    auto digits = [](std::string_view s) {
        return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
    };
    if (whole.empty() || !digits(whole) || !digits(frac) || frac.size() > 2 ||
        (dot != std::string_view::npos && frac.empty())) {
        refuse_amount(option, text);
    }
    Fen fen = 0;
    for (char c : whole) fen = fen * 10 + (c - '0');
    fen *= 100;
    if (frac.size() >= 1) fen += (frac[0] - '0') * 10;
    if (frac.size() == 2) fen += frac[1] - '0';
    return fen;
}

std::string format_yuan(Fen fen) {
    auto sign = fen < 0 ? "-" : "";
    auto a = fen < 0 ? -fen : fen;
    return fmt::format("{}{}.{:02}", sign, a / 100, a % 100);
}

const LoanKind* LoanPolicy::find(std::string_view desk, std::string_view item) const {
    auto it = inventory.find(std::string(desk));
    if (it == inventory.end()) return nullptr;
    for (const auto& k : it->second) {
        if (k.id == item) return &k;
    }
    return nullptr;
}

std::string LoanPolicy::kinds_text(std::string_view desk) const {
    std::string out;
    auto it = inventory.find(std::string(desk));
    if (it == inventory.end()) return out;
    for (const auto& k : it->second) out += (out.empty() ? "" : ", ") + k.id;
    return out;
}

std::string_view to_string(LoanState s) { return k_loan_state_names[static_cast<size_t>(s)]; }
std::string_view to_string(LoanCondition c) { return k_loan_condition_names[static_cast<size_t>(c)]; }

LoanState parse_loan_state(std::string_view text) {
    for (size_t i = 0; i < k_loan_state_names.size(); ++i) {
        if (text == k_loan_state_names[i]) return static_cast<LoanState>(i);
    }
    throw Error(Code::invalid, fmt::format(fmt::runtime(_("unknown loan status '{0}' (one of: out, overdue, returned)")), text));
}

LoanCondition parse_loan_condition(std::string_view text) {
    for (size_t i = 0; i < k_loan_condition_names.size(); ++i) {
        if (text == k_loan_condition_names[i]) return static_cast<LoanCondition>(i);
    }
    throw Error(Code::invalid, fmt::format(fmt::runtime(_("unknown condition '{0}' (one of: ok, damaged, lost)")), text));
}

bool is_overdue(const Loan& l, Timestamp now) { return !l.returned() && now > l.due_at; }

LoanState state_of(const Loan& l, Timestamp now) {
    if (l.returned()) return LoanState::returned;
    return is_overdue(l, now) ? LoanState::overdue : LoanState::out;
}

Fen refund_of(const Loan& l, LoanCondition condition, Fen kept, bool has_reason) {
    if (kept < 0 || kept > l.deposit) {
        throw Error(Code::invalid, fmt::format(fmt::runtime(_("--keep {0} is more than the deposit of loan {1} ({2} yuan)")),
                                               format_yuan(kept), l.id, format_yuan(l.deposit)));
    }
    if (kept > 0 && condition == LoanCondition::ok) {
        throw Error(Code::invalid, _("a deposit is kept only for damage or loss: give --condition damaged or lost"));
    }
    if (kept > 0 && !has_reason) {
        throw Error(Code::invalid, _("keeping a deposit needs --reason (what was damaged or lost)"));
    }
    return l.deposit - kept;
}

} // namespace svcdesk
