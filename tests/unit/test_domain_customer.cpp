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
