// Equipment loans (issue 24; seed 001 §六 轮椅、平推车(缴纳押金), §八 轮椅五辆, 便民伞10把): money
// in fen, the shipped inventory, states and the rules of a return.
#include <svcdesk/config/config.hpp>
#include <svcdesk/domain/deposit.hpp>
#include <svcdesk/domain/loan.hpp>
#include <svcdesk/error.hpp>

#include "support.hpp"

#include <doctest/doctest.h>

using namespace svcdesk;
using svcdesk::testing::code_of;

namespace {

const Config& loan_site() {
    static const Config config = load_config_text("", "test");
    return config;
}

Loan lent_at(Timestamp out, Fen deposit) {
    Loan l;
    l.id = 7;
    l.deposit = deposit;
    l.out_at = out;
    l.due_at = out + std::chrono::hours(12);
    return l;
}

} // namespace

TEST_CASE("loan money: yuan parsed into whole fen, printed with two decimals") {
    CHECK(parse_yuan("200", "--deposit") == 20000);
    CHECK(parse_yuan("12.5", "--deposit") == 1250);
    CHECK(parse_yuan("0.05", "--deposit") == 5);
    CHECK(parse_yuan("0", "--deposit") == 0);
    CHECK(format_yuan(20000) == "200.00");
    CHECK(format_yuan(1250) == "12.50");
    CHECK(format_yuan(5) == "0.05");
    CHECK(format_yuan(-5) == "-0.05");
}

TEST_CASE("loan money: negative amounts, fractions of a fen and text are invalid") {
    for (const char* bad : {"-5", "1.234", "abc", "", "1.", ".5", "1e3", "1,5", " 1"}) {
        CAPTURE(bad);
        CHECK(code_of([&] { parse_yuan(bad, "--deposit"); }) == Code::invalid);
    }
    CHECK_THROWS_WITH(parse_yuan("1.234", "--keep"),
                      "--keep '1.234' is not an amount in yuan: give a number of yuan with at most two decimals, "
                      "e.g. 200 or 12.50");
}

TEST_CASE("seed 001 §八: the shipped inventory shares 5 wheelchairs and 10 umbrellas over the desks") {
    int wheelchairs = 0, umbrellas = 0, carts = 0;
    for (const auto& [desk, kinds] : loan_site().loans.inventory) {
        for (const auto& k : kinds) {
            if (k.id == "wheelchair") wheelchairs += k.count;
            if (k.id == "umbrella") umbrellas += k.count;
            if (k.id == "flat_cart") carts += k.count;
            CHECK(k.period.count() > 0);
        }
    }
    CHECK(wheelchairs == 5);
    CHECK(umbrellas == 10);
    CHECK(carts >= 1); // seed 001 §六: 平推车 against a deposit
    auto* w = loan_site().loans.find("emergency", "wheelchair");
    REQUIRE(w);
    CHECK(w->name == "轮椅");
    CHECK(w->deposit == 20000);
    CHECK(loan_site().loans.find("emergency", "sofa") == nullptr);
    CHECK(loan_site().loans.kinds_text("internal") == "flat_cart, umbrella, wheelchair");
}

TEST_CASE("loan config: out_of_service is taken from the units in service") {
    auto config = load_config_text("[loans.internal.wheelchair]\ncount = 3\nout_of_service = 1\ndeposit = \"150.5\"\n"
                                   "period = \"8h\"\n",
                                   "site");
    auto* w = config.loans.find("internal", "wheelchair");
    REQUIRE(w);
    CHECK(w->in_service() == 2);
    CHECK(w->deposit == 15050);
    CHECK(w->period == minutes(8 * 60));
    LoanStock s{"internal", *w, 1, 0};
    CHECK(s.available() == 1);
}

TEST_CASE("loan config: bad counts and deposits are refused with the key") {
    CHECK(code_of([] { load_config_text("[loans.internal.wheelchair]\ncount = -1\n", "site"); }) == Code::internal);
    CHECK(code_of([] {
              load_config_text("[loans.internal.wheelchair]\ncount = 2\nout_of_service = 3\n", "site");
          }) == Code::internal);
    CHECK(code_of([] { load_config_text("[loans.internal.wheelchair]\ncount = 2\ndeposit = \"-3\"\n", "site"); }) ==
          Code::internal);
    CHECK(code_of([] { load_config_text("[loans.nowhere.wheelchair]\ncount = 2\n", "site"); }) == Code::internal);
}

TEST_CASE("loan states: out, overdue after the due time, returned") {
    Timestamp t0{std::chrono::seconds(1'800'000'000)};
    auto l = lent_at(t0, 20000);
    CHECK(state_of(l, t0) == LoanState::out);
    CHECK(state_of(l, l.due_at) == LoanState::out);
    CHECK(state_of(l, l.due_at + std::chrono::seconds(1)) == LoanState::overdue);
    l.returned_at = l.due_at + std::chrono::hours(1);
    CHECK(state_of(l, l.due_at + std::chrono::hours(2)) == LoanState::returned);
    CHECK(!is_overdue(l, l.due_at + std::chrono::hours(2)));
    CHECK(parse_loan_state("overdue") == LoanState::overdue);
    CHECK(code_of([] { parse_loan_state("late"); }) == Code::invalid);
    CHECK(parse_loan_condition("lost") == LoanCondition::lost);
    CHECK(code_of([] { parse_loan_condition("broken"); }) == Code::invalid);
}

TEST_CASE("loan return: kept part only for damage or loss, with a reason, at most the deposit") {
    auto l = lent_at(Timestamp{}, 2000);
    CHECK(refund_of(l, LoanCondition::ok, 0, false) == 2000);
    CHECK(refund_of(l, LoanCondition::damaged, 500, true) == 1500);
    CHECK(refund_of(l, LoanCondition::lost, 2000, true) == 0);
    CHECK(code_of([&] { refund_of(l, LoanCondition::ok, 500, true); }) == Code::invalid);
    CHECK(code_of([&] { refund_of(l, LoanCondition::damaged, 500, false); }) == Code::invalid);
    CHECK(code_of([&] { refund_of(l, LoanCondition::lost, 2001, true); }) == Code::invalid);
}

TEST_CASE("loan cash: closing is opening plus in less refunded and kept") {
    LoanCash c;
    c.opening = 20000;
    c.in = 22000;
    c.refunded = 1000;
    c.kept = 1000;
    CHECK(c.closing() == 40000);
}

TEST_CASE("seed 001 §六 the deposit handover counts the loan items out and the loan cash (issue 24)") {
    Handover h;
    CHECK_FALSE(handover_has_loans(h)); // made before schema 9, or a desk without loans
    h.loans_out = 0;
    h.loan_cash = 0;
    CHECK_FALSE(handover_has_loans(h));
    h.loans_out = 2;
    h.loan_cash = 40000;
    CHECK(handover_has_loans(h));
    CHECK_FALSE(handover_discrepancy(h, 0, std::nullopt, 2, 40000));
    CHECK(handover_discrepancy(h, 0, std::nullopt, 1, 35000) ==
          "counted 1 loan item(s), 2 out; loan cash counted 350.00 yuan, 400.00 on hand (short 50.00)");
    CHECK(handover_discrepancy(h, 0, std::nullopt, 2, 40050) == "loan cash counted 400.50 yuan, 400.00 on hand (over 0.50)");
    // An item lent without a deposit is still counted.
    h.loans_out = 1;
    h.loan_cash = 0;
    CHECK(handover_has_loans(h));
}
