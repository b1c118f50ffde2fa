// The customer record (issue 20, seed 004 客户档案): what an intake adds to it.
#include <svcdesk/domain/customer.hpp>

#include <doctest/doctest.h>

using namespace svcdesk;

TEST_CASE("an intake creates the customer record of its phone, and later ones add to it") {
    Ticket t;
    t.customer = "王小明";
    t.phone = "13812345678";
    t.customer_type = "patient";
    auto first = customer_after_intake(std::nullopt, t, Timestamp(std::chrono::seconds(100)));
    CHECK(first.id == 0);
    CHECK(first.phone == "13812345678");
    CHECK(first.names == std::vector<std::string>{"王小明"});
    CHECK(first.customer_type == "patient");
    CHECK(first.created_at == Timestamp(std::chrono::seconds(100)));
    first.id = 7;

    Ticket again = t;
    again.customer = "王先生";
    again.customer_type = "other"; // the default says nothing: the type stays
    again.flags = "elderly";
    again.language = "yue";
    auto second = customer_after_intake(first, again, Timestamp(std::chrono::seconds(200)));
    CHECK(second.id == 7);
    CHECK(second.names == std::vector<std::string>{"王小明", "王先生"});
    CHECK(second.customer_type == "patient");
    CHECK(second.flags == "elderly");
    CHECK(second.language == "yue");
    CHECK(second.created_at == Timestamp(std::chrono::seconds(100)));
    CHECK(second.updated_at == Timestamp(std::chrono::seconds(200)));
    // The same name again is not repeated.
    CHECK(customer_after_intake(second, t, Timestamp(std::chrono::seconds(300))).names.size() == 2);
}

namespace {
Timestamp day(int n) { return Timestamp(std::chrono::hours(24) * n); }

// The reasons as JSON and CSV give them (English data, whatever the locale).
std::vector<std::string> data(const std::vector<RiskReason>& reasons) {
    std::vector<std::string> out;
    for (const auto& r : reasons)
        out.push_back(risk_data(r));
    return out;
}
} // namespace

// Seed 000 §五.4 (建立风险预警名单), seed 004 (客户档案): N complaints within D days, or a
// dissatisfied survey within them, put a caller on the early-warning list.
TEST_CASE("seed 000 §五.4: a caller with risk_complaints complaints within risk_days is at risk") {
    RiskPolicy policy; // 2 complaints in 90 days
    RiskFacts facts;
    facts.complaints = {day(10)};
    CHECK(risk_reasons(facts, day(20), policy).empty());
    facts.complaints.push_back(day(15));
    CHECK(data(risk_reasons(facts, day(20), policy)) == std::vector<std::string>{"2 complaints in 90 days"});
    // The window is (now - 90 days, now]: the first complaint drops out after 90 days.
    CHECK(data(risk_reasons(facts, day(99), policy)) == std::vector<std::string>{"2 complaints in 90 days"});
    CHECK(risk_reasons(facts, day(100), policy).empty());
    CHECK(complaints_within(facts, day(100), policy) == 1);
    // A complaint dated after `now` (a report of an earlier day) does not count yet.
    CHECK(complaints_within(facts, day(12), policy) == 1);
    policy.complaints = 3;
    CHECK(risk_reasons(facts, day(20), policy).empty());
}

TEST_CASE("seed 000 §五.4: a dissatisfied survey within risk_days puts a caller at risk") {
    RiskPolicy policy;
    policy.days = 30;
    RiskFacts facts;
    facts.dissatisfied = {{7, day(5)}, {9, day(8)}};
    CHECK(data(risk_reasons(facts, day(10), policy)) == std::vector<std::string>{"dissatisfied survey (ticket 9)"}); // the latest
    CHECK(data(risk_reasons(facts, day(36), policy)) == std::vector<std::string>{"dissatisfied survey (ticket 9)"});
    CHECK(risk_reasons(facts, day(38), policy).empty());
    facts.complaints = {day(1), day(2), day(3)};
    CHECK(data(risk_reasons(facts, day(10), policy)) ==
          std::vector<std::string>{"3 complaints in 30 days", "dissatisfied survey (ticket 9)"});
    // For people, in the C locale of the unit tests: the same words.
    CHECK(risk_words(risk_reasons(facts, day(10), policy).front()) == "3 complaints in 30 days");
}

TEST_CASE("the intake note names a returning caller's open tickets and recent complaints") {
    RiskPolicy policy;
    CHECK_FALSE(returning_caller_note({}, 0, false, policy));
    CHECK(returning_caller_note({3}, 0, false, policy) == "returning caller: open ticket 3");
    CHECK(returning_caller_note({3, 7}, 2, true, policy) ==
          "returning caller: open tickets 3, 7; 2 complaints in 90 days; at risk");
    CHECK(returning_caller_note({}, 1, false, policy) == "returning caller: 1 complaint in 90 days");
}
